import { describe, expect, it } from 'vitest';
import { normalQuantile, tCdf, tQuantile } from '../../src/lib/stats/distributions.ts';

// Reference values from R 4.2.2 (Debian r-base-core, 2022-11-10 r83330), printed with
// sprintf("%.17g", ...); the R call is named beside each case.

/** Passes when |actual - expected| <= rel * |expected| (or <= rel when expected is 0). */
function expectRelClose(actual: number, expected: number, rel: number): void {
	const error = Math.abs(actual - expected) / (expected === 0 ? 1 : Math.abs(expected));
	expect(error, `${actual} vs ${expected}`).toBeLessThanOrEqual(rel);
}

describe('tQuantile against R qt', () => {
	it.each<{ name: string; p: number; df: number; expected: number }>([
		{ name: 'qt(0.975, 1)', p: 0.975, df: 1, expected: 12.706204736174694 },
		{ name: 'qt(0.975, 2)', p: 0.975, df: 2, expected: 4.3026527297494619 },
		{ name: 'qt(0.975, 3)', p: 0.975, df: 3, expected: 3.1824463052837078 },
		{ name: 'qt(0.975, 4)', p: 0.975, df: 4, expected: 2.7764451051977934 },
		{ name: 'qt(0.975, 5)', p: 0.975, df: 5, expected: 2.5705818356363137 },
		{ name: 'qt(0.975, 9)', p: 0.975, df: 9, expected: 2.2621571627982049 },
		{ name: 'qt(0.975, 10)', p: 0.975, df: 10, expected: 2.2281388519862739 },
		{ name: 'qt(0.975, 29)', p: 0.975, df: 29, expected: 2.0452296421327034 },
		{ name: 'qt(0.975, 30)', p: 0.975, df: 30, expected: 2.0422724563012378 },
		{ name: 'qt(0.975, 100)', p: 0.975, df: 100, expected: 1.9839715185235516 },
		{ name: 'qt(0.975, 1000)', p: 0.975, df: 1000, expected: 1.9623390808264076 },
		{ name: 'qt(0.995, 1)', p: 0.995, df: 1, expected: 63.656741162871526 },
		{ name: 'qt(0.995, 4)', p: 0.995, df: 4, expected: 4.6040948713499921 },
		{ name: 'qt(0.995, 29)', p: 0.995, df: 29, expected: 2.7563859036706049 },
		{ name: 'qt(0.995, 1000)', p: 0.995, df: 1000, expected: 2.5807546980659501 },
		{ name: 'qt(0.9, 1)', p: 0.9, df: 1, expected: 3.0776835371752544 },
		{ name: 'qt(0.9, 7)', p: 0.9, df: 7, expected: 1.4149239276505086 },
		{ name: 'qt(0.9, 50)', p: 0.9, df: 50, expected: 1.2987136941948099 },
		{ name: 'qt(0.05, 1)', p: 0.05, df: 1, expected: -6.3137515146750438 },
		{ name: 'qt(0.05, 3)', p: 0.05, df: 3, expected: -2.3533634348018255 },
		{ name: 'qt(0.05, 12)', p: 0.05, df: 12, expected: -1.7822875556493198 },
		{ name: 'qt(0.05, 200)', p: 0.05, df: 200, expected: -1.6525081009108771 },
		{ name: 'qt(1e-10, 3)', p: 1e-10, df: 3, expected: -2225.7692846830946 },
		{ name: 'qt(1 - 1e-10, 30)', p: 1 - 1e-10, df: 30, expected: 9.3774897460797746 },
		{ name: 'qt(1e-6, 1e6)', p: 1e-6, df: 1e6, expected: -4.75345234827968 }
	])('$name', ({ p, df, expected }) => {
		expectRelClose(tQuantile(p, df), expected, 1e-10);
	});

	it('is exact at the centre and the ends', () => {
		expect(tQuantile(0.5, 7)).toBe(0);
		expect(tQuantile(0, 7)).toBe(-Infinity);
		expect(tQuantile(1, 7)).toBe(Infinity);
	});

	it('round-trips through tCdf', () => {
		for (const df of [1, 2.5, 8, 30, 500, 1e4, 1e6]) {
			for (const p of [1e-9, 0.001, 0.2, 0.6, 0.975]) {
				expectRelClose(tCdf(tQuantile(p, df), df), p, 1e-9);
			}
		}
	});
});

describe('tCdf against R pt', () => {
	it.each<{ name: string; t: number; df: number; lower: number; upper: number }>([
		// lower = pt(t, df), upper = pt(t, df, lower.tail = FALSE)
		{ name: 'pt(-8, 3)', t: -8, df: 3, lower: 0.0020382887938927333, upper: 0.99796171120610722 },
		{ name: 'pt(40, 2)', t: 40, df: 2, lower: 0.99968779266390762, upper: 0.0003122073360923703 },
		{ name: 'pt(0, 5)', t: 0, df: 5, lower: 0.5, upper: 0.5 },
		{ name: 'pt(1, 1)', t: 1, df: 1, lower: 0.75000000000000022, upper: 0.24999999999999978 },
		{
			name: 'pt(-2.5, 10)',
			t: -2.5,
			df: 10,
			lower: 0.015723422118304388,
			upper: 0.98427657788169554
		},
		{ name: 'pt(-30, 5)', t: -30, df: 5, lower: 3.8593243102480234e-7, upper: 0.99999961406756899 },
		{ name: 'pt(1e6, 1)', t: 1e6, df: 1, lower: 0.99999968169011377, upper: 3.1830988618368455e-7 },
		{ name: 'pt(3, 1e6)', t: 3, df: 1e6, lower: 0.99865006872928919, upper: 0.0013499312707108962 },
		{
			name: 'pt(-6, 1e5)',
			t: -6,
			df: 1e5,
			lower: 9.8996472780088155e-10,
			upper: 0.99999999901003522
		},
		{
			name: 'pt(0.1, 1e6)',
			t: 0.1,
			df: 1e6,
			lower: 0.53982782725397838,
			upper: 0.46017217274602162
		}
	])('$name', ({ t, df, lower, upper }) => {
		expectRelClose(tCdf(t, df), lower, 1e-10);
		// By symmetry this is the upper tail, which must keep relative precision when tiny.
		expectRelClose(tCdf(-t, df), upper, 1e-10);
	});

	it('handles infinite t', () => {
		expect(tCdf(Infinity, 4)).toBe(1);
		expect(tCdf(-Infinity, 4)).toBe(0);
	});
});

describe('normalQuantile against R qnorm', () => {
	it.each<{ name: string; p: number; expected: number }>([
		{ name: 'qnorm(0.975)', p: 0.975, expected: 1.9599639845400536 },
		{ name: 'qnorm(0.995)', p: 0.995, expected: 2.5758293035488999 },
		{ name: 'qnorm(1e-6)', p: 1e-6, expected: -4.7534243088228987 },
		{ name: 'qnorm(0.5)', p: 0.5, expected: 0 },
		{ name: 'qnorm(0.3)', p: 0.3, expected: -0.52440051270804067 },
		{ name: 'qnorm(1 - 1e-12)', p: 1 - 1e-12, expected: 7.0344869100478356 },
		{ name: 'qnorm(1e-300)', p: 1e-300, expected: -37.047096299361201 }
	])('$name', ({ p, expected }) => {
		expectRelClose(normalQuantile(p), expected, 1e-13);
	});
});

describe('programmer errors', () => {
	it.each<{ name: string; call: () => number; message: string }>([
		{ name: 'p above 1', call: () => tQuantile(1.5, 3), message: 'invalid p: 1.5' },
		{ name: 'p NaN', call: () => normalQuantile(NaN), message: 'invalid p: NaN' },
		{ name: 'df zero', call: () => tQuantile(0.5, 0), message: 'invalid df: 0' },
		{ name: 'df negative', call: () => tCdf(1, -2), message: 'invalid df: -2' },
		{ name: 'df infinite', call: () => tCdf(1, Infinity), message: 'invalid df: Infinity' }
	])('$name throws', ({ call, message }) => {
		expect(call).toThrow(message);
	});
});
