import Papa from 'papaparse';

/** Delimiters the importer recognises. */
export type Delimiter = ',' | ';' | '\t';
const candidates: Delimiter[] = [',', ';', '\t'];

/** A human name for a delimiter, as shown in the import report. */
export function delimiterLabel(delimiter: Delimiter): string {
	return { ',': 'comma', ';': 'semicolon', '\t': 'tab' }[delimiter];
}

/** Parse the start of a delimited file (whole records only), skipping blank lines. */
export function parseHead(text: string, delimiter: Delimiter, complete = false): string[][] {
	const result = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: 'greedy' });
	const rows = result.data;
	// The last record of a partial read may be cut short.
	return complete || rows.length < 2 ? rows : rows.slice(0, -1);
}

/**
 * Choose the delimiter whose records have the most consistent number of fields (more than one),
 * preferring more fields on a tie.
 */
export function detectDelimiter(text: string): Delimiter {
	let best: { delimiter: Delimiter; score: number; fields: number } = {
		delimiter: ',',
		score: -1,
		fields: 0
	};
	for (const delimiter of candidates) {
		const rows = parseHead(text, delimiter).slice(0, 200);
		if (rows.length === 0) continue;
		const header = rows[0].length;
		if (header < 2) continue;
		const consistent = rows.filter((r) => r.length === header).length / rows.length;
		const better =
			consistent > best.score + 1e-9 ||
			(Math.abs(consistent - best.score) < 1e-9 && header > best.fields);
		if (better) best = { delimiter, score: consistent, fields: header };
	}
	return best.delimiter;
}

/** Headers as written, trimmed; empty or repeated headers get a position-based name. */
export function cleanHeaders(raw: string[]): string[] {
	const seen = new Map<string, number>();
	return raw.map((h, i) => {
		const header = h.replace(/^\ufeff/, '').trim() || `Column ${i + 1}`;
		const count = seen.get(header) ?? 0;
		seen.set(header, count + 1);
		return count === 0 ? header : `${header} (${count + 1})`;
	});
}
