/** Rows of a shaped export, the defects planted in them, and how they are located. */
import type { Episode } from './episodes.ts';

/** A cell of an export, before it is written as text or a spreadsheet cell. */
export type Cell = string | number | Date | null;

/** One data row of an export, by header, with the episode it was written from. */
export interface ExportRow {
	episode: Episode;
	cells: Record<string, Cell>;
	defect?: Defect;
}

/** A planted defect and what the importer should do with its row. */
export interface Defect {
	key: string;
	column: string;
	value: string;
	effect: 'rejected' | 'issue';
	description: string;
	/** The 1-based spreadsheet row (header = row 1), set once the rows are final. */
	row?: number;
}

/** The first row at or after `from` that has no defect yet and satisfies `accept`. */
export function findRow(
	rows: ExportRow[],
	from: number,
	accept: (row: ExportRow) => boolean = () => true
): ExportRow {
	for (let i = Math.max(0, from); i < rows.length; i++) {
		if (!rows[i].defect && accept(rows[i])) return rows[i];
	}
	throw new Error(`no row for a defect after ${from}`);
}

/** Marks a row as defective, setting its cell to the defective value. */
export function plant(
	row: ExportRow,
	defect: Omit<Defect, 'row'>,
	cell: Cell = defect.value
): void {
	row.cells[defect.column] = cell;
	row.defect = { ...defect };
}

/** Fixes each defect's spreadsheet row number from the final row order; returns the defects. */
export function numberDefects(rows: ExportRow[]): Defect[] {
	const defects: Defect[] = [];
	rows.forEach((row, i) => {
		if (row.defect) {
			row.defect.row = i + 2;
			defects.push(row.defect);
		}
	});
	return defects;
}

/** A cell as CSV text: empty for null; dates must already be formatted. */
export function cellText(cell: Cell | undefined): string | number | undefined {
	if (cell === null || cell === undefined) return undefined;
	if (cell instanceof Date) throw new Error('unformatted date in a text export');
	return cell;
}
