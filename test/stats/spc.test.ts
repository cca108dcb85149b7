import { describe, expect, it } from 'vitest';
import { assurance, pointType, xmr, xmrLimits, type Xmr } from '../../src/lib/stats/spc.ts';

const series = (values: number[]) => values.map((value, i) => ({ period: `p${i + 1}`, value }));
/** As R prints a double: 7 significant digits. */
const printed = (x: number | null) => Number(x!.toPrecision(7));
const specials = (r: Xmr) =>
	r.points.flatMap((p, i) => (p.type === 'common_cause' ? [] : [`${i + 1} ${p.type} ${p.rule}`]));

// set.seed(123); rnorm(20) in R (as in NHSRplotthedots tests/testthat/test-ptd_spc_standard.R).
const rnorm20 = [
	-0.56047565, -0.23017749, 1.55870831, 0.07050839, 0.12928774, 1.71506499, 0.46091621, -1.26506123,
	-0.68685285, -0.44566197, 1.2240818, 0.35981383, 0.40077145, 0.11068272, -0.55584113, 1.78691314,
	0.49785048, -1.96661716, 0.7013559, -0.47279141
];

describe('published checks', () => {
	// METHODS.md "Run charts: XmR" published check (NHSRplotthedots): mean 1.94, limits −0.72 to
	// 4.60 screened, −3.06 to 6.95 unscreened, point 5 the only special cause. By hand: 35 / 18 =
	// 1.944; mR sum 32 over 17 (1, 1, 1, 8, 9 and twelve 1s); screening drops 8 and 9 (≥ 3.267 ×
	// 32/17 = 6.15), AMR 15/15 = 1; unscreened AMR 32/17.
	const y = [1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1];
	it('1, 2, 1, 2, 10, …: screened', () => {
		const r = xmr(series(y), { improvement: 'increase' });
		expect(r.mean!.toFixed(2)).toBe('1.94');
		expect([r.lpl!.toFixed(2), r.upl!.toFixed(2)]).toEqual(['-0.72', '4.60']);
		expect(r.lpl).toBeCloseTo(35 / 18 - 2.66, 12);
		expect(specials(r)).toEqual(['5 special_cause_improvement outside_limits']);
	});
	it('1, 2, 1, 2, 10, …: unscreened (the MDC variant, which does not screen)', () => {
		const l = xmrLimits(y, false);
		expect([l.lpl.toFixed(2), l.upl.toFixed(2)]).toEqual(['-3.06', '6.95']);
		const r = xmr(series(y), { improvement: 'increase', rules: 'mdc' });
		expect([r.lpl, r.upl]).toEqual([l.lpl, l.upl]);
		expect(specials(r)).toEqual(['5 special_cause_improvement outside_limits']);
	});

	// NHSRplotthedots tests/testthat/_snaps/ptd_spc_standard.md, "it returns expected values":
	// r1 (rnorm(20), screened) mean_col 0.1416238, lpl -3.01138, upl 3.294627.
	it('rnorm(20), set.seed(123): snapshot r1, all common cause', () => {
		const r = xmr(series(rnorm20), { improvement: 'increase' });
		expect([r.mean, r.lpl, r.upl].map(printed)).toEqual([0.1416238, -3.01138, 3.294627]);
		expect(specials(r)).toEqual([]);
		expect(r.variation).toBe('common_cause');
		// relative_to_mean as printed in the snapshot (first 13 of 20).
		expect(r.points.slice(0, 13).map((p) => Math.sign(p.value - r.mean!))).toEqual([
			-1, -1, 1, -1, -1, 1, 1, -1, -1, -1, 1, 1, 1
		]);
	});

	// Same snapshot, r2 and r3: y[15] <- 10, screened and then screen_outliers = FALSE.
	it('rnorm(20) with y[15] = 10: snapshots r2 (screened) and r3 (unscreened)', () => {
		const y15 = rnorm20.map((v, i) => (i === 14 ? 10 : v));
		const r2 = xmr(series(y15), { improvement: 'increase' });
		expect([r2.mean, r2.lpl, r2.upl].map(printed)).toEqual([0.6694159, -2.383666, 3.722497]);
		expect(r2.points.slice(0, 14).map((p) => Math.sign(p.value - r2.mean!))).toEqual([
			-1, -1, 1, -1, -1, 1, -1, -1, -1, -1, 1, -1, -1, -1
		]);
		const r3 = xmrLimits(y15, false);
		expect([r3.mean, r3.lpl, r3.upl].map(printed)).toEqual([0.6694159, -4.596625, 5.935457]);
	});

	// NHSRplotthedots tests/testthat/test-ptd_spc_standard.R, "it only reports special cause for
	// 2of3 points close to limits when they are on the same side of the mean": rep(c(1, -1), 8)
	// with data[15] = 5.5 and data[16] = -5.5; the last two are common_cause.
	it('two close points on opposite sides of the mean are common cause', () => {
		const y = Array.from({ length: 16 }, (_, i): number => (i % 2 ? -1 : 1));
		y[14] = 5.5;
		y[15] = -5.5;
		const r = xmr(series(y), { improvement: 'increase' });
		expect(r.points.slice(-2).map((p) => p.type)).toEqual(['common_cause', 'common_cause']);
	});
});

describe('pointType (NHSRplotthedots R/ptd_calculate_point_type.R ptd_point_type)', () => {
	it.each([
		{ direction: 1, improvement: 'increase', expected: 'special_cause_improvement' },
		{ direction: -1, improvement: 'increase', expected: 'special_cause_concern' },
		{ direction: 1, improvement: 'decrease', expected: 'special_cause_concern' },
		{ direction: -1, improvement: 'decrease', expected: 'special_cause_improvement' },
		{ direction: 1, improvement: 'neutral', expected: 'special_cause_neutral_high' },
		{ direction: -1, improvement: 'neutral', expected: 'special_cause_neutral_low' },
		{ direction: 0, improvement: 'neutral', expected: 'common_cause' },
		{ direction: 0, improvement: 'increase', expected: 'common_cause' }
	] as const)('$direction, $improvement → $expected', ({ direction, improvement, expected }) => {
		expect(pointType(direction, improvement)).toBe(expected);
	});
});

describe('assurance (NHSRplotthedots tests/testthat/test-ptd_calculate_assurance_type.R)', () => {
	// Facets a, b, c: lpl 1, 5, 1; upl 3, 7, 5; target 4.
	const facets = [
		{ lpl: 1, upl: 3 },
		{ lpl: 5, upl: 7 },
		{ lpl: 1, upl: 5 }
	];
	it('"…when improvement_direction is increase": consistent_fail, consistent_pass, inconsistent', () => {
		expect(facets.map((l) => assurance(4, l, 'increase'))).toEqual([
			'fail',
			'pass',
			'inconsistent'
		]);
	});
	it('"…when improvement_direction is decrease": consistent_pass, consistent_fail, inconsistent', () => {
		expect(facets.map((l) => assurance(4, l, 'decrease'))).toEqual([
			'pass',
			'fail',
			'inconsistent'
		]);
	});
	it('"…when improvement_direction is neutral": NA', () => {
		expect(facets.map((l) => assurance(4, l, 'neutral'))).toEqual([null, null, null]);
	});
	it('"it returns a column of NA\'s if there is no target"', () => {
		expect(assurance(null, facets[0], 'increase')).toBeNull();
	});
	it('"…when rebase": the last row decides (rows in the orders 1-2-3, 2-3-1, 3-1-2, decrease)', () => {
		const last = (order: number[]) => assurance(4, facets[order[2]], 'decrease');
		expect([last([0, 1, 2]), last([1, 2, 0]), last([2, 0, 1])]).toEqual([
			'inconsistent',
			'pass',
			'fail'
		]);
	});
	it('target exactly on a limit is inconsistent (strict inequalities)', () => {
		expect(assurance(3, { lpl: 1, upl: 3 }, 'increase')).toBe('inconsistent');
		expect(assurance(1, { lpl: 1, upl: 3 }, 'increase')).toBe('inconsistent');
	});
});
