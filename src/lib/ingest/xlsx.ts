import readXlsxFile from 'read-excel-file/universal';

/** One worksheet as text cells: dates as ISO strings, numbers as written. */
export interface SheetText {
	name: string;
	rows: string[][];
}

/** Read every worksheet of an .xlsx workbook as rows of text. */
export async function readWorkbook(bytes: Uint8Array): Promise<SheetText[]> {
	const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
	const sheets = await readXlsxFile(buffer as ArrayBuffer);
	return sheets.map((s) => ({
		name: s.sheet,
		rows: trimTrailingBlankRows(s.data.map((row) => row.map(cellText)))
	}));
}

// Blank rows inside a sheet are kept so row numbers match the sheet; trailing ones are not rows.
function trimTrailingBlankRows(rows: string[][]): string[][] {
	let end = rows.length;
	while (end > 0 && rows[end - 1].every((cell) => cell === '')) end--;
	return rows.slice(0, end);
}

function cellText(cell: unknown): string {
	if (cell === null || cell === undefined) return '';
	if (cell instanceof Date) {
		const iso = cell.toISOString();
		// Excel dates carry no zone; a time of midnight means a plain date.
		return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
	}
	return String(cell);
}

/** Rows of text as UTF-8 CSV, so a worksheet loads through the same path as a text export. */
export function toCsv(rows: string[][]): Uint8Array {
	const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
	const width = Math.max(0, ...rows.map((r) => r.length));
	const lines = rows.map((r) =>
		Array.from({ length: width }, (_, i) => quote(r[i] ?? '')).join(',')
	);
	return new TextEncoder().encode(lines.join('\n') + '\n');
}
