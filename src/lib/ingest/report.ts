import { tables, type TableName } from '../contract/tables.ts';
import type { Db } from '../db/types.ts';
import { ident } from '../db/sql.ts';
import type { Encoding } from './decode.ts';
import type { IdentifierFinding } from './guard.ts';
import type { Delimiter } from './sniff.ts';
import type { ColumnMapping } from './mapping.ts';
import { storedColumns } from './schema-sql.ts';
import { formatNumber } from '../util/format.ts';
import { toCsvText } from '../util/csv.ts';

/** What happened to one file. rows_read = rows_loaded + rows_rejected, always. */
export interface FileReport {
	file: string;
	table: TableName;
	encoding: Encoding | 'xlsx';
	delimiter: Delimiter | null;
	sheet: string | null;
	rows_read: number;
	rows_loaded: number;
	rows_rejected: number;
	issues: number;
	blank_rows: number;
	mapping: ColumnMapping[];
	unmapped: string[];
	dropped: IdentifierFinding[];
	completeness: { column: string; filled: number; share: number }[];
}

/** Issues and rejects summed by column and reason, for the on-screen report. */
export interface ProblemSummary {
	file: string;
	column: string;
	reason: string;
	rows: number;
	example_row: number;
}

/** A category label no synonym matched, with how many loaded rows use it. */
export interface UnmappedLabel {
	field: string;
	/** The header the label came under (the first file's, when several files share the field). */
	header: string;
	label: string;
	rows: number;
}

/** An outcome measure label as a file wrote it, and what the import made of it. */
export interface MeasureFound {
	file: string;
	label: string;
	/** The registry key, or null when no measure matched. */
	measure: string | null;
	name: string | null;
	/** For a converted measure (SWEMWBS): read as raw totals (converted) or as metric scores. */
	form: 'raw' | 'metric' | null;
	scores: number;
	valid: number;
}

/** The whole import: per-file reports, totals and what needs a look. */
export interface ImportReport {
	rows_read: number;
	rows_loaded: number;
	rows_rejected: number;
	issues: number;
	files: FileReport[];
	rejects: ProblemSummary[];
	problems: ProblemSummary[];
	unmapped_labels: UnmappedLabel[];
	/** Problems with a whole column rather than a row, in plain words. */
	warnings: string[];
	/** Each outcome measure label per file: the measure it was read as, and how. */
	measures: MeasureFound[];
	tables: Record<TableName, number>;
}

const q = (name: string) => ident(name).text;

/** Rows loaded per file of a table. */
export async function loadedByFile(db: Db, table: TableName): Promise<Map<string, number>> {
	const rows = await db.query<{ file: string; n: number }>(
		`SELECT _file AS file, count(*)::INTEGER AS n FROM ${q(table)} GROUP BY _file`
	);
	return new Map(rows.map((r) => [r.file, r.n]));
}

/** Share of loaded rows with a value in each canonical column, for one file. */
export async function completeness(db: Db, table: TableName, file: string) {
	const columns = storedColumns(table).filter((c) =>
		tables[table].columns.some((t) => t.name === c.name)
	);
	const counts = columns.map((c) => `count(${q(c.name)})::INTEGER AS ${q(c.name)}`).join(', ');
	const [row] = await db.query(
		`SELECT count(*)::INTEGER AS _n, ${counts} FROM ${q(table)} WHERE _file = ?`,
		[file]
	);
	const n = Number(row?._n ?? 0);
	return columns.map((c) => {
		const filled = Number(row?.[c.name] ?? 0);
		return { column: c.name, filled, share: n ? filled / n : 0 };
	});
}

/** Issues or rejects grouped by file, column and reason. */
export async function summarise(
	db: Db,
	source: 'import_issues' | 'import_rejects'
): Promise<ProblemSummary[]> {
	return db.query<ProblemSummary & Record<string, unknown>>(
		`SELECT file, "column", reason, count(*)::INTEGER AS rows, min("row")::INTEGER AS example_row
FROM ${q(source)} GROUP BY ALL ORDER BY file, rows DESC, "column", reason`
	);
}

/** Category labels that fell to the fallback group, with their row counts. */
export async function unmappedLabels(db: Db): Promise<UnmappedLabel[]> {
	return db.query<UnmappedLabel & Record<string, unknown>>(
		`SELECT field, min("column") AS header, value AS label, count(*)::INTEGER AS rows FROM import_issues
WHERE reason LIKE 'label not in the standard list%' GROUP BY field, value ORDER BY field, rows DESC, label`
	);
}

/**
 * Dates that failed because their second part is 13-31 ("01/13/2024") were written month first.
 * Then the dates that did load in that column may have day and month swapped: say so, loudly.
 */
export async function dateOrderWarnings(db: Db): Promise<string[]> {
	const rows = await db.query<{ file: string; column: string; n: number; example: string }>(
		`SELECT file, "column", count(*)::INTEGER AS n, min(value) AS example FROM (
  SELECT file, "column", value, reason FROM import_issues UNION ALL
  SELECT file, "column", value, reason FROM import_rejects)
WHERE reason LIKE '%not a valid date%'
  AND regexp_matches(value, '^\\s*\\d{1,2}[/.-](1[3-9]|2\\d|3[01])[/.-]\\d{2,4}')
GROUP BY ALL ORDER BY file, "column"`
	);
	return rows.map(
		(r) =>
			`${r.file}: ${formatNumber(r.n)} date${r.n === 1 ? '' : 's'} in "${r.column}" look${r.n === 1 ? 's' : ''} month-first (such as ${r.example}). Dates are read day-first, so other dates in that column may have day and month swapped: export them as dd/mm/yyyy or yyyy-mm-dd.`
	);
}

/** Every rejected row or issue as the CSV the app offers and `--rejects` / `--issues` write. */
export async function problemsCsv(
	db: Db,
	source: 'import_issues' | 'import_rejects'
): Promise<string> {
	return toCsvText(await problemRows(db, source), ['file', 'row', 'column', 'value', 'reason']);
}

/** Every rejected row or issue, for the CSV download. */
export async function problemRows(db: Db, source: 'import_issues' | 'import_rejects') {
	return db.query(
		`SELECT file, "row", "column", value, reason FROM ${q(source)} ORDER BY file, "row", "column", reason`
	);
}
