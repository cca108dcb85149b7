import { describe, expect, it } from 'vitest';
import {
	funnelSignal,
	meanFunnel,
	proportionFunnel,
	wilsonLimits,
	type FunnelLimits,
	type Signal
} from '../../src/lib/stats/funnel.ts';
import { normalQuantile } from '../../src/lib/stats/distributions.ts';

/** Limits as PHEindicatormethods publishes them: percentages rounded to 6 decimals. */
function asPublished(l: FunnelLimits): number[] {
	return [l.l95, l.u95, l.l998, l.u998].map((v) => Math.round(v * 100 * 1e6) / 1e6);
}

// PHEindicatormethods (ukhsa-collaboration/PHEindicatormethods), tests/testthat/testFunnels.R
// "confidence limits calculate correctly for proportions": calculate_funnel_limits(statistic =
// "proportion", multiplier = 100) on testdata_funnel_prop_inputs.csv (303 PCTs) gives
// testdata_funnel_prop_outputs.csv. The baseline is Σ numerator / Σ denominator of the inputs,
// 10325813.8504 / 12804440 = 80.642448% (as published, rounded). Columns: Population,
// Lower2s0025limit, Upper2s0025limit, Lower3s0001limit, Upper3s0001limit. All 100 rows of the
// file were checked when this was written; these rows span it.
const pheTarget = 10325813.8504 / 12804440;
describe('wilsonLimits against PHEindicatormethods testdata_funnel_prop_outputs.csv', () => {
	it.each<{ n: number; expected: number[] }>([
		{ n: 1, expected: [3.204264, 100, 0, 100] },
		{ n: 2, expected: [25.885383, 100, 0, 100] },
		{ n: 3, expected: [35.933491, 100, 10.150815, 100] },
		{ n: 22, expected: [64.132572, 97.152324, 54.611687, 100] },
		{ n: 24, expected: [64.835445, 96.449451, 55.719892, 100] },
		{ n: 113, expected: [73.357676, 87.927219, 69.156708, 92.128188] },
		{ n: 1008, expected: [78.203374, 83.081521, 76.796814, 84.488082] },
		{ n: 12316, expected: [79.944665, 81.340231, 79.542269, 81.742627] },
		{ n: 110000, expected: [80.408963, 80.875933, 80.274317, 81.010578] }
	])('population $n', ({ n, expected }) => {
		expect(asPublished(wilsonLimits(pheTarget, n))).toEqual(expected);
	});

	it('the rounded baseline 80.642448% gives METHODS.md published 95% limits at 110,000', () => {
		// METHODS.md quotes the limits at the rounded baseline; 95% agree to 6 decimals, the
		// 99.8% upper is 81.0105785457 there, which rounds to …579, not the published …578
		// (computed from the unrounded baseline above).
		const l = wilsonLimits(0.80642448, 110000);
		expect(asPublished(l).slice(0, 3)).toEqual([80.408963, 80.875933, 80.274317]);
		expect(l.u998 * 100).toBeCloseTo(81.010578, 5);
	});
});

describe('wilsonLimits inverts the Wilson interval', () => {
	// By construction (PHEindicatormethods R/utils.R sigma_adjustment): the Wilson score interval
	// of the lower limit L at n has its upper bound at the target, and vice versa.
	function wilson(p: number, n: number, z: number): [number, number] {
		const z2n = (z * z) / n;
		const centre = p + z2n / 2;
		const spread = z * Math.sqrt((p * (1 - p)) / n + z2n / (4 * n));
		return [(centre - spread) / (1 + z2n), (centre + spread) / (1 + z2n)];
	}
	it.each([
		{ target: 0.3, n: 50 },
		{ target: 0.62, n: 400 },
		{ target: 0.05, n: 2000 }
	])('target $target, n $n', ({ target, n }) => {
		const l = wilsonLimits(target, n);
		const z95 = normalQuantile(0.975);
		const z998 = normalQuantile(0.999);
		expect(wilson(l.l95, n, z95)[1]).toBeCloseTo(target, 12);
		expect(wilson(l.u95, n, z95)[0]).toBeCloseTo(target, 12);
		expect(wilson(l.l998, n, z998)[1]).toBeCloseTo(target, 12);
		expect(wilson(l.u998, n, z998)[0]).toBeCloseTo(target, 12);
	});

	it('targets of 0 and 1 close the limits on the target', () => {
		expect(wilsonLimits(0, 30)).toEqual({ l95: 0, u95: 0, l998: 0, u998: 0 });
		expect(wilsonLimits(1, 30)).toEqual({ l95: 1, u95: 1, l998: 1, u998: 1 });
	});

	it('throws on a bad target or n', () => {
		expect(() => wilsonLimits(1.2, 10)).toThrow('invalid target: 1.2');
		expect(() => wilsonLimits(0.5, 0)).toThrow('invalid n: 0');
	});
});

describe('funnelSignal: METHODS.md order, strict inequalities', () => {
	const limits = { l95: 0.4, u95: 0.6, l998: 0.3, u998: 0.7 };
	it.each<{ value: number; expected: Signal }>([
		{ value: 0.29, expected: 'low_99.8' },
		{ value: 0.3, expected: 'low_95' }, // on the 99.8% lower: within it
		{ value: 0.35, expected: 'low_95' },
		{ value: 0.4, expected: 'none' }, // on the 95% lower: within
		{ value: 0.5, expected: 'none' },
		{ value: 0.6, expected: 'none' }, // on the 95% upper: within
		{ value: 0.65, expected: 'high_95' },
		{ value: 0.7, expected: 'high_95' }, // on the 99.8% upper: within it
		{ value: 0.71, expected: 'high_99.8' }
	])('$value → $expected', ({ value, expected }) => {
		expect(funnelSignal(value, limits)).toBe(expected);
	});

	// FunnelPlotR 0.6.0 tests/testthat/test-outliers_func.R "outliers highlights correctly": a
	// ratio outside [LCL, UCL] is an outlier and one on a limit is not. Its unadjusted limits are
	// 95% 0.9–1.1 and 99% 0.59–1.41; "99" there is our 99.8%.
	it('FunnelPlotR test-outliers_func.R: 95 and 99 unadjusted outliers', () => {
		const rr = [1, 0.95, 1.05, 0.8, 1.2, 0.6, 1.4, 0.4, 1.6, 0];
		const signals = rr.map((v) => funnelSignal(v, { l95: 0.9, u95: 1.1, l998: 0.59, u998: 1.41 }));
		expect(signals.map((s) => (s === 'none' ? 0 : 1))).toEqual([0, 0, 0, 1, 1, 1, 1, 1, 1, 1]);
		expect(signals.map((s) => (s.endsWith('99.8') ? 1 : 0))).toEqual([
			0, 0, 0, 0, 0, 0, 0, 1, 1, 1
		]);
	});
	it('FunnelPlotR test-outliers_func.R: 95 and 99 adjusted outliers', () => {
		const rr = [1, 0.95, 1.05, 0.8, 1.2, 0.6, 1.4, 0.4, 1.6, 0];
		const signals = rr.map((v) =>
			funnelSignal(v, { l95: 0.79, u95: 1.21, l998: 0.38, u998: 1.62 })
		);
		expect(signals.map((s) => (s === 'none' ? 0 : 1))).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
		expect(signals.map((s) => (s.endsWith('99.8') ? 1 : 0))).toEqual([
			0, 0, 0, 0, 0, 0, 0, 0, 0, 1
		]);
	});
});

describe('proportionFunnel without overdispersion', () => {
	const units = [
		{ unit: 'A', numerator: 30, denominator: 60 },
		{ unit: 'B', numerator: 45, denominator: 150 },
		{ unit: 'C', numerator: 0, denominator: 0 },
		{ unit: 'D', numerator: 80, denominator: 200 }
	];
	const f = proportionFunnel(units);

	it('pools the target and ignores units with denominator 0', () => {
		// (30 + 45 + 80) / (60 + 150 + 200) = 155 / 410
		expect(f.target).toBe(155 / 410);
		expect(f.limits).toBe('wilson');
		expect(f.phi).toBeNull();
		expect(f.tau2).toBeNull();
		expect(f.points[2]).toEqual({ ...units[2], value: null, limits: null, signal: null });
	});

	it('gives each unit the Wilson limits at its denominator and the signal against them', () => {
		for (const p of f.points.filter((p) => p.denominator > 0)) {
			expect(p.value).toBe(p.numerator / p.denominator);
			expect(p.limits).toEqual(wilsonLimits(155 / 410, p.denominator));
			expect(p.signal).toBe(funnelSignal(p.value!, p.limits!));
		}
		expect(f.at(1000)).toEqual(wilsonLimits(155 / 410, 1000));
	});

	it('has no target and NaN limits when every denominator is 0', () => {
		const empty = proportionFunnel([{ unit: 'A', numerator: 0, denominator: 0 }], {
			overdispersion: true
		});
		expect(empty.target).toBeNull();
		expect(empty.phi).toBeNull();
		expect(empty.points[0].signal).toBeNull();
		expect(Number.isNaN(empty.at(10).u95)).toBe(true);
	});

	it('throws on impossible counts', () => {
		expect(() => proportionFunnel([{ unit: 'A', numerator: 5, denominator: 4 }])).toThrow(
			'invalid numerator: 5'
		);
		expect(() => proportionFunnel([{ unit: 'A', numerator: 0, denominator: -1 }])).toThrow(
			'invalid denominator: -1'
		);
	});
});

describe('meanFunnel: overall mean ± z × sd / √n', () => {
	const f = meanFunnel(
		[
			{ unit: 'A', n: 25, mean: 4 },
			{ unit: 'B', n: 100, mean: 2.5 },
			{ unit: 'C', n: 0, mean: null },
			{ unit: 'D', n: 16, mean: null }
		],
		{ mean: 3, sd: 5 }
	);

	it('draws normal limits around the overall mean', () => {
		// n = 25: se = 5 / 5 = 1, so limits 3 ± 1.959964 and 3 ± 3.090232 (qnorm(0.975), qnorm(0.999)).
		const l = f.at(25);
		expect(l.l95).toBeCloseTo(3 - 1.959964, 6);
		expect(l.u95).toBeCloseTo(3 + 1.959964, 6);
		expect(l.l998).toBeCloseTo(3 - 3.090232, 6);
		expect(l.u998).toBeCloseTo(3 + 3.090232, 6);
		expect(f.target).toBe(3);
		expect(f.limits).toBe('normal');
	});

	it('signals each unit with a mean', () => {
		// A: 4 is within 3 ± 1.96. B: se = 0.5; 2.5 is within 3 ± 0.98.
		expect(f.points.map((p) => p.signal)).toEqual(['none', 'none', null, null]);
		const high = meanFunnel([{ unit: 'A', n: 100, mean: 4.2 }], { mean: 3, sd: 5 });
		// se = 0.5: 4.2 > 3 + 1.959964 × 0.5 = 3.98 but < 3 + 3.090232 × 0.5 = 4.545
		expect(high.points[0].signal).toBe('high_95');
	});

	it('has no limits without an overall mean', () => {
		const none = meanFunnel([{ unit: 'A', n: 10, mean: 1 }], null);
		expect(none.target).toBeNull();
		expect(none.points[0].limits).toBeNull();
		const onePair = meanFunnel([{ unit: 'A', n: 1, mean: 1 }], { mean: 1, sd: NaN });
		expect(onePair.target).toBeNull();
		expect(onePair.points[0].signal).toBeNull();
		expect(() => meanFunnel([], { mean: 1, sd: -1 })).toThrow('invalid sd: -1');
	});
});
