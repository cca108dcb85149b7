// Publication-mode small-number rules (METHODS.md "Small numbers and publication").
// A published value is `number | null`; null means suppressed and is shown as `*`.

const smallest = 1;
const largest = 7;
const roundTo = 5;

/** Columns of a table to publish, by kind (see publishRows). */
export interface PublishSpec {
	/** Columns whose cells add up to a shown total: secondary suppression applies within each column. */
	additive?: string[];
	/** Count columns that do not add up to a total (e.g. overlapping categories): primary suppression and rounding only. */
	counts?: string[];
	/** Share columns: { key, numerator (column name), denominator (column name or a number) }. */
	shares?: { key: string; numerator: string; denominator: string | number }[];
	/** Mean columns: { key, n (column name) }. */
	means?: { key: string; n: string }[];
}

// Counts come from our own queries, so a bad one is a programmer error, not user data.
function checkCount(n: unknown): number {
	if (typeof n !== 'number' || !Number.isInteger(n) || n < 0)
		throw new Error(`invalid count: ${n}`);
	return n;
}

/** Is this count small enough to be suppressed (1–7)? */
export function isSmall(n: number): boolean {
	checkCount(n);
	return n >= smallest && n <= largest;
}

/** A count as published: 0 stays 0, 1–7 suppressed (null), otherwise rounded to the nearest 5. */
export function publishCount(n: number): number | null {
	if (isSmall(n)) return null;
	// Integers never sit halfway between multiples of 5, so Math.round has no ties to break.
	return Math.round(n / roundTo) * roundTo;
}

/** Counts that add up to a shown total, published together: primary suppression, then secondary suppression of the next smallest non-zero cell(s) until no suppressed cell can be worked out from the total and the others. Returns values in the input order. */
export function publishCells(counts: number[]): (number | null)[] {
	const published = counts.map(publishCount);
	const suppressed = published.filter((v) => v === null).length;
	// Two or more suppressed cells already hide each other; none means nothing to hide.
	if (suppressed !== 1) return published;
	let next = -1;
	counts.forEach((n, i) => {
		// Zeros are never suppressed: a zero cell reveals nothing about the hidden one.
		if (published[i] === null || n === 0) return;
		if (next === -1 || n < counts[next]) next = i; // strict < keeps the first of a tie
	});
	// No other non-zero cell: the lone small cell is the total, which the caller publishes.
	if (next !== -1) published[next] = null;
	return published;
}

/** A share (0–1) as published: null when the denominator is 1–7 or the numerator is 1–7. */
export function publishShare(numerator: number, denominator: number): number | null {
	// Our decision beyond METHODS.md: a small numerator is suppressed too, because its share of
	// a published total would give the suppressed count back.
	if (isSmall(numerator) || isSmall(denominator)) return null;
	// A share of nothing is not a number; it is shown like a suppressed one.
	if (denominator === 0) return null;
	return numerator / denominator;
}

/** A mean as published: null when it rests on 1–7 values. */
export function publishMean(mean: number | null, n: number): number | null {
	return isSmall(n) ? null : mean;
}

/** Rows with the named count columns published as one additive set per column (secondary suppression within each column), share columns recomputed via publishShare from named numerator/denominator columns or a fixed denominator, and mean columns via publishMean with their n column. Other columns are copied. Never mutates the input. */
export function publishRows<T extends Record<string, unknown>>(rows: T[], spec: PublishSpec): T[] {
	const out: Record<string, unknown>[] = rows.map((row) => ({ ...row }));
	for (const key of spec.additive ?? []) {
		const cells = publishCells(rows.map((row) => checkCount(row[key])));
		cells.forEach((v, i) => (out[i][key] = v));
	}
	const published = new Set([...(spec.additive ?? []), ...(spec.counts ?? [])]);
	// Shares and means read the true counts from the input rows, never the rounded ones.
	rows.forEach((row, i) => {
		for (const key of spec.counts ?? []) out[i][key] = publishCount(checkCount(row[key]));
		// Beyond publishShare: a share is null when its numerator or denominator cell is null here,
		// so a secondarily suppressed cell cannot be worked back from its share and the other count.
		const hidden = (col: string) => published.has(col) && out[i][col] === null;
		for (const { key, numerator, denominator } of spec.shares ?? []) {
			const fixed = typeof denominator === 'number';
			const d = fixed ? denominator : checkCount(row[denominator]);
			const hide = hidden(numerator) || (!fixed && hidden(denominator));
			out[i][key] = hide ? null : publishShare(checkCount(row[numerator]), d);
		}
		for (const { key, n } of spec.means ?? []) {
			out[i][key] = publishMean(row[key] as number | null, checkCount(row[n]));
		}
	});
	return out as T[];
}

/**
 * A rate per head as published: suppressed when its count is 1–7; otherwise worked out from the
 * rounded count, since an exact rate times a public denominator (a list size) gives the count back.
 */
export function publishRate(rate: number, count: number): number | null {
	const published = publishCount(count);
	if (published === null) return null;
	return count === 0 ? rate : (rate * published) / count;
}
