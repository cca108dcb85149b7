// A query's parameters written into its text, for duckdb-wasm in a worker: a prepared statement
// there is three round trips to the worker (prepare, run, close) where a query is one. At 1M
// referrals the Reach page's queries for a filter change took a median of 129 ms that way in
// Chromium, and 95 ms with their parameters written in (four interleaved runs of 20 changes).
//
// Each value is written so that the query means what the prepared statement meant. duckdb-wasm
// sends parameters as JSON and binds a number as a DOUBLE and a boolean as a BOOLEAN; a string
// is cast to what it is compared with, as a string literal is. A null is left to the binding: it
// takes its type from where it stands, which neither a bare nor a typed NULL does in every place.
// One difference, for the better: the binding's JSON reader is not correctly rounded far out
// (-4.1731660634714374e+259 came back 1 ulp off); the cast from text is.

/** A value's literal, typed as duckdb-wasm binds it; undefined when it has none (bind it). */
function literal(value: unknown): string | undefined {
	if (typeof value === 'boolean') return value ? 'true' : 'false';
	// JSON's spelling, as the binding sends it (so -0 is 0); NaN and infinities are left to it.
	if (typeof value === 'number')
		return Number.isFinite(value) ? `CAST('${JSON.stringify(value)}' AS DOUBLE)` : undefined;
	// In DuckDB's strings a quote is doubled and a backslash is only a backslash. A NUL byte is
	// left to the binding.
	if (typeof value === 'string')
		return value.includes('\u0000') ? undefined : `'${value.replace(/'/g, "''")}'`;
	return undefined;
}

/**
 * Where a quoted string or name, or a comment, that starts at `i` ends (its last character);
 * `i` when none starts there; undefined when it is not closed. A doubled quote inside a string
 * reads as a close and a new open, which skips the same text. Undefined too for an escape
 * string, whose end this cannot tell.
 */
function skipped(text: string, i: number): number | undefined {
	const c = text[i];
	const at = (end: number, length: number) => (end < 0 ? undefined : end + length - 1);
	// An escape string (E'it\'s') ends where this scan cannot tell: leave the query to DuckDB.
	if (c === "'" && /[eE]/.test(text[i - 1] ?? '')) return undefined;
	if (c === "'" || c === '"') return at(text.indexOf(c, i + 1), 1);
	if (c === '-' && text[i + 1] === '-') {
		const end = text.indexOf('\n', i);
		return end < 0 ? text.length - 1 : end;
	}
	if (c === '/' && text[i + 1] === '*') return at(text.indexOf('*/', i + 2), 2);
	return i;
}

/**
 * `text` with each `?` parameter replaced by its value from `params`, in order; `?` inside
 * quoted strings, quoted names and comments is left as it is. Undefined when the query should be
 * prepared and bound instead: a value with no literal here, a count of `?` that is not the count
 * of values, or a `$` outside quotes (DuckDB's `$1` parameters and `$$` strings).
 */
export function inlineParams(text: string, params: unknown[]): string | undefined {
	if (params.length === 0) return text;
	const values = params.map(literal);
	if (values.some((v) => v === undefined)) return undefined;
	let out = '';
	let used = 0;
	let from = 0; // the start of text not yet copied
	for (let i = 0; i < text.length; i++) {
		const end = skipped(text, i);
		if (end === undefined) return undefined; // leave it to DuckDB
		if (end > i) {
			i = end;
			continue;
		}
		if (text[i] === '$') return undefined;
		if (text[i] !== '?') continue;
		if (used === values.length) return undefined;
		out += text.slice(from, i) + values[used++];
		from = i + 1;
	}
	return used === values.length ? out + text.slice(from) : undefined;
}
