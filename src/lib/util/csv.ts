// A number as text: stays a number in a spreadsheet, so it is never prefixed.
const numberText = /^[+-]?(?:\d+(?:[.,]\d+)*|\d*\.\d+)(?:[eE][+-]?\d+)?%?$/;

/**
 * Text a spreadsheet would not run as a formula (OWASP "CSV injection"): a cell that starts with
 * `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, unless it is a number.
 * Every CSV the app and the command-line tool write goes through here (via `csvCell`).
 */
export function neutralise(text: string): string {
	return /^[=+\-@\t\r]/.test(text) && !numberText.test(text) ? `'${text}` : text;
}

/** One CSV cell: numbers as they are, text neutralised, then quoted as RFC 4180 asks. */
export function csvCell(v: unknown): string {
	if (v === null || v === undefined) return '';
	if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
	const text = neutralise(Array.isArray(v) ? v.join('; ') : String(v));
	return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows as CSV text (RFC 4180 quoting), columns in the order given, with a header row (labels if given). */
export function toCsvText(
	rows: Record<string, unknown>[],
	columns: string[],
	labels: string[] = columns
): string {
	const lines = [
		labels.map(csvCell).join(','),
		...rows.map((r) => columns.map((c) => csvCell(r[c])).join(','))
	];
	return lines.join('\r\n') + '\r\n';
}

/** A file name from a title: lower case, hyphens, no punctuation. */
export function slugify(title: string): string {
	return title
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '');
}
