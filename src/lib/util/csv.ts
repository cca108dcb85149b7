/** Rows as CSV text (RFC 4180 quoting), columns in the order given, with a header row (labels if given). */
export function toCsvText(
	rows: Record<string, unknown>[],
	columns: string[],
	labels: string[] = columns
): string {
	const cell = (v: unknown) => {
		const text = v === null || v === undefined ? '' : Array.isArray(v) ? v.join('; ') : String(v);
		return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
	};
	const lines = [
		labels.map(cell).join(','),
		...rows.map((r) => columns.map((c) => cell(r[c])).join(','))
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
