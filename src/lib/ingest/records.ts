// Where each record of a delimited file starts, and its row number as a spreadsheet shows it.
// DuckDB's reader is fast but loses count on some files: it skips empty lines (shifting later row
// numbers), numbers its rejects by file line, refuses mixed line endings, and its serial reader
// drops the rows after an unterminated quote without a word. `scanRecords` (scan.ts) finds, in one
// cheap pass over the bytes, whether a file is plain enough for DuckDB to read as it is; when it is
// not, `splitRecords` reads it here, record by record, as a spreadsheet would, and rewrites it
// as a plain CSV that carries each record's row number.

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/** Extra fields read past the header, so a row with stray delimiters is caught, not lost. */
export const slackColumns = 4;

/** One record as a spreadsheet shows it, or a line that could not be read as one. */
export type RecordRow =
	{ row: number; fields: string[] } | { row: number; text: string; reason: string };

/** A file split into records: the header (and its row), and each data record with its row. */
export interface Split {
	header: string[];
	headerRow: number;
	rows: RecordRow[];
}

/**
 * Read text as a spreadsheet does: `"` quotes a value, `""` is a quote inside one, CRLF, LF and CR
 * each end a line, and a quote inside an unquoted value is just a character. Every line is
 * counted: an empty line takes a row number and is not a record; a quote that is never closed
 * (or that, closed lines later, is followed by more text) makes its line a record that could not
 * be read, and reading goes on at the next line.
 */
export function splitRecords(text: string, delimiter: string): Split | undefined {
	const delim = delimiter.charCodeAt(0);
	const n = text.length;
	let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
	let row = 0;
	let header: string[] | undefined;
	let headerRow = 0;
	const rows: RecordRow[] = [];
	const lineEnd = (from: number) => {
		let j = from;
		while (j < n && text.charCodeAt(j) !== LF && text.charCodeAt(j) !== CR) j++;
		return j;
	};
	const skipBreak = (j: number) =>
		text.charCodeAt(j) === CR && text.charCodeAt(j + 1) === LF ? j + 2 : j + 1;
	while (i < n) {
		row++;
		const start = i;
		const c0 = text.charCodeAt(i);
		if (c0 === LF || c0 === CR) {
			i = skipBreak(i);
			continue;
		}
		const fields: string[] = [];
		let broken = -1;
		for (;;) {
			// One field, starting at i.
			if (text.charCodeAt(i) === QUOTE) {
				const open = i;
				let value = '';
				let j = i + 1;
				let closed = false;
				let spansLines = false;
				while (j < n) {
					const q = text.indexOf('"', j);
					if (q < 0) break;
					const chunk = text.slice(j, q);
					if (!spansLines && /[\r\n]/.test(chunk)) spansLines = true;
					value += chunk;
					if (text.charCodeAt(q + 1) === QUOTE) {
						value += '"';
						j = q + 2;
					} else {
						j = q + 1;
						closed = true;
						break;
					}
				}
				if (!closed) {
					broken = open;
					break;
				}
				// Text after the closing quote is kept, as a spreadsheet keeps it; but after a quoted
				// line break it means the quotes are out of step: the opening quote is the fault.
				const after = text.charCodeAt(j);
				if (j < n && after !== delim && after !== LF && after !== CR) {
					if (spansLines) {
						broken = open;
						break;
					}
					let k = j;
					while (k < n) {
						const c = text.charCodeAt(k);
						if (c === delim || c === LF || c === CR) break;
						k++;
					}
					value += text.slice(j, k);
					j = k;
				}
				fields.push(value);
				i = j;
			} else {
				let k = i;
				while (k < n) {
					const c = text.charCodeAt(k);
					if (c === delim || c === LF || c === CR) break;
					k++;
				}
				fields.push(text.slice(i, k));
				i = k;
			}
			if (i < n && text.charCodeAt(i) === delim) {
				i++;
				continue;
			}
			if (i < n) i = skipBreak(i);
			break;
		}
		if (broken >= 0) {
			// The record runs from its start to the end of the line where the quote opened.
			const end = lineEnd(broken);
			const reason = 'a quoted value starts in this row and is never closed';
			if (header) rows.push({ row, text: text.slice(start, end), reason });
			else return undefined;
			i = end < n ? skipBreak(end) : n;
			continue;
		}
		if (!header) {
			// Lines of only spaces above the header are not the header.
			if (fields.every((f) => f.trim() === '')) continue;
			header = fields;
			headerRow = row;
		} else rows.push({ row, fields });
	}
	return header ? { header, headerRow, rows } : undefined;
}

/**
 * A split file as a plain CSV DuckDB reads in parallel: `_r` (the row number), `_n` (fields in
 * the record), then exactly `width + slackColumns` fields, quoted where needed. Rows that could
 * not be read are left out (they are counted from the split). No header line.
 */
export function plainCsv(rows: RecordRow[], width: number): string {
	const total = width + slackColumns;
	const out: string[] = [];
	const quote = (v: string) =>
		v === '' ? '' : /[",\r\n]|^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
	for (const r of rows) {
		if (!('fields' in r)) continue;
		const cells = new Array<string>(total);
		for (let i = 0; i < total; i++) cells[i] = quote(r.fields[i] ?? '');
		// Fields past the slack are joined into its last column, so text there still shows.
		if (r.fields.length > total) cells[total - 1] = quote(r.fields.slice(total - 1).join(','));
		// A value that is only quotes around nothing ("") is an empty string, read as missing.
		out.push(`${r.row},${r.fields.length},${cells.join(',')}`);
	}
	return out.length ? out.join('\n') + '\n' : '';
}
