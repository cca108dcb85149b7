import { describe, expect, it } from 'vitest';
import {
	summarise,
	summariseBy,
	effectSizeDz,
	meanInterval,
	pairedTTest,
	wilsonInterval
} from '../../src/lib/stats/intervals.ts';

// Reference values from R 4.2.2 (Debian r-base-core, 2022-11-10 r83330), printed with
// sprintf("%.17g", ...): mean(x), sd(x), t.test(x) and t.test(x, conf.level = 0.9) for
// the statistic, p.value and conf.int, mean(x) / sd(x), and
// prop.test(x, n, correct = FALSE)$conf.int.

/** Passes when |actual - expected| <= rel * |expected| (or <= rel when expected is 0). */
function expectRelClose(actual: number, expected: number, rel: number): void {
	const error = Math.abs(actual - expected) / (expected === 0 ? 1 : Math.abs(expected));
	expect(error, `${actual} vs ${expected}`).toBeLessThanOrEqual(rel);
}

const tTestCases: {
	name: string;
	x: number[];
	mean: number;
	sd: number;
	t: number;
	df: number;
	p: number;
	ci95: [number, number];
	ci90: [number, number];
	dz: number;
}[] = [
	{
		name: 'paired changes, n = 8: c(3, -1, 4, 0, 5, 2, -2, 6)',
		x: [3, -1, 4, 0, 5, 2, -2, 6],
		mean: 2.125,
		sd: 2.9001231500945415,
		t: 2.0724663502271343,
		df: 7,
		p: 0.076936111288058939,
		ci95: [-0.29956362878170029, 4.5495636287817005],
		ci90: [0.18239691002701622, 4.0676030899729838],
		dz: 0.73272750501327055
	},
	{
		name: 'WEMWBS-like changes, n = 30',
		x: [
			5, -3, 8, 2, 0, 11, -6, 4, 7, 1, 3, -2, 9, 6, -1, 4, 2, 10, -4, 5, 3, 0, 7, 12, -5, 2, 6, 1,
			8, -3
		],
		mean: 3.0666666666666669,
		sd: 4.827602627229874,
		t: 3.479330507047818,
		df: 29,
		p: 0.0016094823506499331,
		ci95: [1.2640102198295058, 4.8693231135038282],
		ci90: [1.569063549012885, 4.5642697843204489],
		dz: 0.63523593457532579
	},
	{
		name: 'fractional GP appointment changes, n = 10',
		x: [-2.5, 0.75, -1.25, -3, 0.5, -4.25, -0.5, 1, -1.75, -2],
		mean: -1.3,
		sd: 1.7352553446427159,
		t: -2.3690812830000696,
		df: 9,
		p: 0.04197210798802424,
		ci95: [-2.5413268944126726, -0.058673105587327391],
		ci90: [-2.3058949135908722, -0.29410508640912786],
		dz: -0.74916928163541618
	}
];

// Plain vectors, as values each counted once.
const describeValues = (x: number[]) => summarise(x.map((value) => ({ value, n: 1 })));

describe('t.test(x) in R', () => {
	it.each(tTestCases)('$name', (c) => {
		const s = describeValues(c.x);
		expect(s.n).toBe(c.x.length);
		expectRelClose(s.mean, c.mean, 1e-14);
		expectRelClose(s.sd, c.sd, 1e-14);

		const test = pairedTTest(s);
		expect(test).not.toBeNull();
		expectRelClose(test!.t, c.t, 1e-12);
		expect(test!.df).toBe(c.df);
		expectRelClose(test!.p, c.p, 1e-9);

		const ci95 = meanInterval(s);
		expectRelClose(ci95!.low, c.ci95[0], 1e-9);
		expectRelClose(ci95!.high, c.ci95[1], 1e-9);
		const ci90 = meanInterval(s, 0.9);
		expectRelClose(ci90!.low, c.ci90[0], 1e-9);
		expectRelClose(ci90!.high, c.ci90[1], 1e-9);

		expectRelClose(effectSizeDz(s)!, c.dz, 1e-14);
	});
});

describe('small and degenerate samples', () => {
	it('gives no interval, test or effect size below two values', () => {
		for (const x of [[], [4]]) {
			const s = describeValues(x);
			expect(meanInterval(s)).toBeNull();
			expect(pairedTTest(s)).toBeNull();
			expect(effectSizeDz(s)).toBeNull();
		}
	});

	it.each<{ name: string; x: number[]; expected: { n: number; mean: number; sd: number } }>([
		{ name: 'empty', x: [], expected: { n: 0, mean: NaN, sd: NaN } },
		{ name: 'one value', x: [4], expected: { n: 1, mean: 4, sd: 0 } },
		// R: mean(1e9 + c(4, 7, 13, 16)) and sd(...) = sqrt(30); a one-pass formula loses this.
		{
			name: 'large offset',
			x: [1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16],
			expected: { n: 4, mean: 1000000010, sd: 5.4772255750516612 }
		}
	])('summarise: $name', ({ x, expected }) => {
		expect(describeValues(x)).toEqual(expected);
	});

	it('summariseBy: values read from each item, with its count', () => {
		// x = c(3, 3, 5, 8, 8, 8): mean 35/6, sum of squares about it 185/6, so sd = sqrt(37/6).
		const cells = [
			{ baseline: 1, followup: 4, n: 2 },
			{ baseline: 2, followup: 7, n: 1 },
			{ baseline: 0, followup: 8, n: 3 }
		];
		const s = summariseBy(cells, (c) => c.followup - c.baseline);
		expect(s.n).toBe(6);
		expectRelClose(s.mean, 35 / 6, 1e-15);
		expectRelClose(s.sd, Math.sqrt(37 / 6), 1e-15);
		expect(s).toEqual(summarise(cells.map((c) => ({ value: c.followup - c.baseline, n: c.n }))));
		expect(() => summariseBy(cells, () => Infinity)).toThrow('invalid value: Infinity');
	});

	it.each<{ name: string; mean: number; expected: { t: number; df: number; p: number } }>([
		{ name: 'no change at all', mean: 0, expected: { t: 0, df: 4, p: 1 } },
		{ name: 'identical rise', mean: 2, expected: { t: Infinity, df: 4, p: 0 } },
		{ name: 'identical fall', mean: -2, expected: { t: -Infinity, df: 4, p: 0 } }
	])('pairedTTest with sd = 0: $name', ({ mean, expected }) => {
		const s = { n: 5, mean, sd: 0 };
		expect(pairedTTest(s)).toEqual(expected);
		expect(effectSizeDz(s)).toBeNull();
		expect(meanInterval(s)).toEqual({ low: mean, high: mean });
	});

	it('rejects non-finite values and bad levels', () => {
		expect(() => describeValues([1, NaN])).toThrow('invalid value: NaN');
		expect(() => meanInterval({ n: 5, mean: 0, sd: 1 }, 1)).toThrow('invalid level: 1');
	});
});

describe('wilsonInterval against R prop.test(x, n, correct = FALSE)$conf.int', () => {
	it.each<{ name: string; x: number; n: number; level?: number; expected: [number, number] }>([
		{ name: '0 of 10', x: 0, n: 10, expected: [0, 0.27753279986288915] },
		{ name: '10 of 10', x: 10, n: 10, expected: [0.72246720013711085, 1] },
		{ name: '3 of 10', x: 3, n: 10, expected: [0.10779126740630104, 0.60322185253885452] },
		{ name: '37 of 120', x: 37, n: 120, expected: [0.23272736988916301, 0.39582997723800678] },
		{ name: '1 of 1', x: 1, n: 1, expected: [0.2065493143772375, 1] },
		{
			name: '37 of 120 at 90% (conf.level = 0.9)',
			x: 37,
			n: 120,
			level: 0.9,
			expected: [0.24385619835333927, 0.38126261286639368]
		}
	])('$name', ({ x, n, level, expected }) => {
		const interval = wilsonInterval(x, n, level);
		expectRelClose(interval!.low, expected[0], 1e-12);
		expectRelClose(interval!.high, expected[1], 1e-12);
	});

	it('is exactly 0 and 1 at the ends and null for n = 0', () => {
		expect(wilsonInterval(0, 10)!.low).toBe(0);
		expect(wilsonInterval(10, 10)!.high).toBe(1);
		expect(wilsonInterval(0, 0)).toBeNull();
	});

	it.each<{ name: string; x: number; n: number; message: string }>([
		{ name: 'more successes than n', x: 11, n: 10, message: 'invalid successes: 11' },
		{ name: 'negative successes', x: -1, n: 10, message: 'invalid successes: -1' },
		{ name: 'fractional n', x: 1, n: 2.5, message: 'invalid n: 2.5' }
	])('throws for $name', ({ x, n, message }) => {
		expect(() => wilsonInterval(x, n)).toThrow(message);
	});
});
