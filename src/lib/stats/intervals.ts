// Summaries, t intervals and tests for a mean change, and Wilson intervals for a share
// (METHODS.md "Statistics for a measure"). Checked against R in test/stats/intervals.test.ts.
import { normalQuantile, tCdf, tQuantile } from './distributions.ts';

/** Summary of a sample: size, mean and sample SD (n - 1 denominator). */
export interface MeanSummary {
	n: number;
	mean: number;
	sd: number;
}

type Interval = { low: number; high: number };

function checkLevel(level: number): void {
	if (!(level > 0 && level < 1)) throw new Error(`invalid level: ${level}`);
}

/**
 * n, mean and sample SD of values given with how many have each (SQL's counts per value), by
 * two passes: centred sums avoid the cancellation of Σx² − n·mean², and the residual sum
 * corrects the rounding in the first mean (as R's mean does). SD is 0 for one value; mean and
 * SD are NaN for none.
 */
export function summarise(values: { value: number; n: number }[]): MeanSummary {
	return summariseBy(values, (v) => v.value);
}

/**
 * `summarise()` of `value(item)` with `item.n` of each, in the same order and arithmetic,
 * without making a value object per item (Compare sums half a million outcome cells).
 */
export function summariseBy<T extends { n: number }>(
	items: T[],
	value: (item: T) => number
): MeanSummary {
	let n = 0;
	let sum = 0;
	for (const item of items) {
		const v = value(item);
		// Parsing drops bad cells before this point, so a non-finite value is a programmer error.
		if (!Number.isFinite(v)) throw new Error(`invalid value: ${v}`);
		n += item.n;
		sum += v * item.n;
	}
	if (n === 0) return { n, mean: NaN, sd: NaN };
	let mean = sum / n;
	let residual = 0;
	for (const item of items) residual += (value(item) - mean) * item.n;
	mean += residual / n;
	if (n < 2) return { n, mean, sd: 0 };
	let squares = 0;
	for (const item of items) squares += item.n * (value(item) - mean) ** 2;
	return { n, mean, sd: Math.sqrt(squares / (n - 1)) };
}

/** t interval for the mean, mean ± t(1 − α/2, n − 1) · sd / √n; null when n < 2. */
export function meanInterval(s: MeanSummary, level = 0.95): Interval | null {
	checkLevel(level);
	if (s.n < 2) return null;
	const half = (tQuantile(1 - (1 - level) / 2, s.n - 1) * s.sd) / Math.sqrt(s.n);
	return { low: s.mean - half, high: s.mean + half };
}

/**
 * Two-sided one-sample t test of the mean (change) against 0, as R's t.test(x); null when
 * n < 2. With sd = 0 R refuses ("data are essentially constant"); here the limit is taken:
 * mean = 0 gives t = 0, p = 1, and any other mean gives t = ±Infinity, p = 0.
 */
export function pairedTTest(s: MeanSummary): { t: number; df: number; p: number } | null {
	if (s.n < 2) return null;
	const df = s.n - 1;
	if (s.sd === 0) {
		if (s.mean === 0) return { t: 0, df, p: 1 };
		return { t: s.mean > 0 ? Infinity : -Infinity, df, p: 0 };
	}
	const t = s.mean / (s.sd / Math.sqrt(s.n));
	// Twice the lower tail at -|t| keeps relative precision for very small p.
	return { t, df, p: Math.min(1, 2 * tCdf(-Math.abs(t), df)) };
}

/** Effect size d_z = mean / sd (the standardised response mean); null when n < 2 or sd = 0. */
export function effectSizeDz(s: MeanSummary): number | null {
	if (s.n < 2 || s.sd === 0) return null;
	return s.mean / s.sd;
}

/** Wilson score interval for successes / n without continuity correction; null when n = 0. */
export function wilsonInterval(successes: number, n: number, level = 0.95): Interval | null {
	checkLevel(level);
	if (!(Number.isInteger(n) && n >= 0)) throw new Error(`invalid n: ${n}`);
	if (!(Number.isInteger(successes) && successes >= 0 && successes <= n)) {
		throw new Error(`invalid successes: ${successes}`);
	}
	if (n === 0) return null;
	const z = normalQuantile(1 - (1 - level) / 2);
	const share = successes / n;
	const z2n = (z * z) / n;
	const centre = share + z2n / 2;
	const spread = z * Math.sqrt((share * (1 - share)) / n + z2n / (4 * n));
	const denominator = 1 + z2n;
	// Exact 0 and 1 at the ends, as prop.test gives, instead of rounding residue; clamp the rest.
	const low = successes === 0 ? 0 : Math.max(0, (centre - spread) / denominator);
	const high = successes === n ? 1 : Math.min(1, (centre + spread) / denominator);
	return { low, high };
}
