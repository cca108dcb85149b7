// Where each record of a delimited file starts, and its row number as a spreadsheet shows it.
// DuckDB's reader is fast but loses count on some files: it skips empty lines (shifting later row
// numbers), numbers its rejects by file line, refuses mixed line endings, and its serial reader
// drops the rows after an unterminated quote without a word. `scanRecords` finds, in one cheap
// pass over the bytes, whether a file is plain enough for DuckDB to read as it is; when it is
// not, `splitRecords` reads it here, record by record, as a spreadsheet would, and rewrites it
// as a plain CSV that carries each record's row number.

/** What one scan of a file found: plain enough for DuckDB as it is, and its data records. */
export interface Scan {
	/** No empty lines inside, one line ending, regular quotes, no line break in a quoted value. */
	plain: boolean;
	/** Non-empty lines after the header (whitespace-only lines included). */
	records: number;
}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/** Extra fields read past the header, so a row with stray delimiters is caught, not lost. */
export const slackColumns = 4;

/**
 * One pass over UTF-8 bytes (or any ASCII-compatible encoding): is the file plain, and how many
 * data records does it hold? Stops at the first thing that is not plain.
 */
export function scanRecords(bytes: Uint8Array, delimiter: string): Scan {
	const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
	// Most exports hold no quote at all: then only line ends matter, found at native speed.
	if (bytes.indexOf(QUOTE, start) < 0) return scanLines(bytes, start);
	const delim = delimiter.charCodeAt(0);
	const n = bytes.length;
	let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
	const notPlain = { plain: false, records: 0 };
	let records = 0;
	let width = -1;
	let fields = 1;
	let lineStart = i;
	let blankPending = false;
	let lf = 0;
	let crlf = 0;
	let fieldStart = true;
	let afterQuote = false;
	const endRecord = (empty: boolean): boolean => {
		if (empty) {
			// An empty line: fine only at the end of the file (or before anything else is read).
			blankPending = true;
			return true;
		}
		if (blankPending) return false;
		if (width < 0) width = fields;
		else if (fields > width + slackColumns) return false;
		else records++;
		fields = 1;
		fieldStart = true;
		afterQuote = false;
		return true;
	};
	while (i < n) {
		const b = bytes[i];
		if (b === QUOTE) {
			if (!fieldStart) return notPlain;
			// A quoted value: find its closing quote on this line.
			i++;
			for (;;) {
				if (i >= n) return notPlain;
				const c = bytes[i];
				if (c === QUOTE) {
					if (bytes[i + 1] === QUOTE) i += 2;
					else break;
				} else if (c === CR || c === LF) return notPlain;
				else i++;
			}
			i++;
			fieldStart = false;
			afterQuote = true;
			continue;
		}
		if (b === delim) {
			fields++;
			fieldStart = true;
			afterQuote = false;
		} else if (b === LF || b === CR) {
			if (b === CR) {
				if (bytes[i + 1] !== LF) return notPlain;
				crlf++;
				i++;
			} else lf++;
			if (!endRecord(i - (b === CR ? 1 : 0) === lineStart)) return notPlain;
			lineStart = i + 1;
		} else {
			if (afterQuote) return notPlain;
			fieldStart = false;
		}
		i++;
	}
	if (lineStart < n && !endRecord(false)) return notPlain;
	if (lf > 0 && crlf > 0) return notPlain;
	// Empty lines above the header shift every row number: not plain either.
	if (width < 0 || startsBlank(bytes)) return notPlain;
	return { plain: true, records };
}

// A file without quotes: one line ending throughout (LF or CRLF), no CR elsewhere, and no empty
// line before the last line with text. Rows with too many fields are DuckDB's to reject (and then
// its count differs from the scan's, so the file is split instead).
function scanLines(bytes: Uint8Array, start: number): Scan {
	const notPlain = { plain: false, records: 0 };
	if (startsBlank(bytes)) return notPlain;
	let lines = 0;
	let crlf = 0;
	let lf = 0;
	let blankPending = false;
	let lineStart = start;
	for (;;) {
		const i = bytes.indexOf(LF, lineStart);
		let end = i < 0 ? bytes.length : i;
		if (i >= 0) {
			if (end > lineStart && bytes[end - 1] === CR) {
				crlf++;
				end--;
			} else lf++;
		}
		if (end === lineStart) {
			if (i < 0) break;
			blankPending = true;
		} else {
			if (blankPending) return notPlain;
			lines++;
		}
		if (i < 0) break;
		lineStart = i + 1;
	}
	let cr = 0;
	for (let i = bytes.indexOf(CR, start); i >= 0; i = bytes.indexOf(CR, i + 1)) cr++;
	if (cr !== crlf || (lf > 0 && crlf > 0) || lines === 0) return notPlain;
	return { plain: true, records: lines - 1 };
}

// Whether the first line is empty or only spaces and tabs.
function startsBlank(bytes: Uint8Array): boolean {
	let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
	while (bytes[i] === 0x20 || bytes[i] === 0x09) i++;
	return i >= bytes.length || bytes[i] === LF || bytes[i] === CR;
}

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
