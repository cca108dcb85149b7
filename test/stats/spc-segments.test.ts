import { describe, expect, it } from 'vitest';
import { xmr, type Xmr } from '../../src/lib/stats/spc.ts';

// Hand-built series for METHODS.md "Run charts: XmR": too few points, points on the mean,
// rebase, a fixed baseline and the Making Data Count Excel (2023) variant. The arithmetic is
// beside each.

const series = (values: number[]) => values.map((value, i) => ({ period: `p${i + 1}`, value }));
const specials = (r: Xmr) =>
	r.points.flatMap((p, i) => (p.type === 'common_cause' ? [] : [`${i + 1} ${p.type} ${p.rule}`]));

describe('too few points', () => {
	const eleven = [5, 9, 1, 8, 2, 7, 3, 30, 4, 6, 5];
	it('11 points: no limits, all common cause, no variation or assurance', () => {
		const r = xmr(series(eleven), { improvement: 'increase', target: 100 });
		expect(r).toMatchObject({ enough: false, mean: null, lpl: null, upl: null, variation: null });
		expect(r.assurance).toBeNull();
		expect(r.target).toBe(100);
		expect(r.points.every((p) => p.type === 'common_cause' && p.mean === null)).toBe(true);
	});
	it('12 points are enough for NHSRplotthedots, 13 for Making Data Count', () => {
		const twelve = [...eleven, 5];
		expect(xmr(series(twelve), { improvement: 'increase' }).enough).toBe(true);
		expect(xmr(series(twelve), { improvement: 'increase', rules: 'mdc' }).enough).toBe(false);
		expect(xmr(series([...twelve, 5]), { improvement: 'increase', rules: 'mdc' }).enough).toBe(
			true
		);
	});
	it('an empty series', () => {
		expect(xmr([], { improvement: 'neutral' })).toMatchObject({ enough: false, points: [] });
	});
});

describe('a point on the mean breaks a shift', () => {
	// Above: 3, 4, 3, 2, 4, 3, 4 (sum 23); below: 1, 0, 1, 2, 0, 1, 0 (sum 5); mean 28 / 14 = 2,
	// so both 2s sit on the mean and neither side has 7 in a row. mR sum 17 over 13, none
	// screened (all < 3.267 × 1.31 = 4.27); two-sigma lines 2 ± 1.7733 × 1.3077 = −0.32 and 4.32.
	it('with the 2s on the mean: all common cause', () => {
		const r = xmr(series([3, 4, 3, 2, 4, 3, 4, 1, 0, 1, 2, 0, 1, 0]), { improvement: 'increase' });
		expect(r.mean).toBe(2);
		expect(specials(r)).toEqual([]);
	});
	it('with the 2s moved off the mean (to 3 and 1, mean still 2): two shifts', () => {
		const r = xmr(series([3, 4, 3, 3, 4, 3, 4, 1, 0, 1, 1, 0, 1, 0]), { improvement: 'increase' });
		expect(r.mean).toBe(2);
		// mR 1, 1, 0, 1, 1, 1, 3, 1, 1, 0, 1, 1, 1: AMR 13 / 13 = 1, two-sigma lines 2 ± 1.7733. The
		// 4s at p5 and p7 (window 4, 3, 4) and the 0s at p12 and p14 are two in three, which comes
		// before shift; p2's 4 and p9's 0 have no partner in a window.
		const t = 'two_in_three';
		expect(r.points.map((p) => p.rule)).toEqual(
			['shift', 'shift', 'shift', 'shift', t, 'shift', t].concat([
				'shift',
				'shift',
				'shift',
				'shift',
				t,
				'shift',
				t
			])
		);
		expect(r.points.slice(0, 7).every((p) => p.type === 'special_cause_improvement')).toBe(true);
		expect(r.points.slice(7).every((p) => p.type === 'special_cause_concern')).toBe(true);
		expect(r.variation).toBe('special_cause_concern');
	});
});

describe('rebase: a new mean and limits, no rule crosses it', () => {
	// A: 12, 8, 12, 8, 12, 8, 12, 8, 9, 10, 11, 12 (mean 122 / 12); B: 20, 21, 22, then 18, 22
	// alternating (mean 241 / 12). Across the join 8, 9, 10, 11, 12, 20, 21, 22 rise 8 times in a
	// row, and without the rebase A sits below the overall mean 15.125 and B above it.
	const a = [12, 8, 12, 8, 12, 8, 12, 8, 9, 10, 11, 12];
	const b = [20, 21, 22, 18, 22, 18, 22, 18, 22, 18, 22, 18];
	it('with a rebase at p13: two segments, all common cause', () => {
		const r = xmr(series([...a, ...b]), { improvement: 'increase', rebase: ['p13'] });
		expect(r.points[0].mean).toBe(122 / 12);
		expect(r.points[12].mean).toBe(241 / 12);
		expect(r.mean).toBe(241 / 12);
		// B: mR 1, 1, 4 × 9: AMR 38 / 11, none screened; limits 241/12 ± 2.66 × 38/11.
		expect(r.upl).toBeCloseTo(241 / 12 + (2.66 * 38) / 11, 12);
		expect(specials(r)).toEqual([]);
	});
	it('without it: the rise across the join is a trend', () => {
		const r = xmr(series([...a, ...b]), { improvement: 'increase' });
		expect(r.points.slice(7, 15).map((p) => p.rule)).toEqual(Array(8).fill('trend'));
		expect(r.mean).toBe(363 / 24);
	});
	it('a rebase leaving too few points in the last segment: no limits there', () => {
		const r = xmr(series([...a, 20, 21, 22]), { improvement: 'increase', rebase: ['p13'] });
		expect(r.enough).toBe(false);
		expect(r.points[0].mean).toBe(122 / 12);
		expect(r.points[12].mean).toBeNull();
	});
	it('a rebase period not in the series, or at the first point, changes nothing', () => {
		const plain = xmr(series(a), { improvement: 'increase' });
		expect(xmr(series(a), { improvement: 'increase', rebase: ['p1', 'x'] })).toEqual(plain);
	});
});

// Baseline of 13: 5, 6, 5, 6, …, 5 (seven 5s and six 6s): mean 71 / 13 = 5.4615, mR all 1, AMR 1;
// limits 5.4615 ± 2.66 = 2.8015 and 8.1215; two-sigma lines 5.4615 ± 1.7733 = 3.688 and 7.235.
// Then 6, 9, 7.5, 6, 5: 9 is outside, 7.5 beyond the two-sigma line, 6 and 6 above the mean.
const calm = [5, 6, 5, 6, 5, 6, 5, 6, 5, 6, 5, 6, 5];
const spike = [...calm, 6, 9, 7.5, 6, 5];

describe('baseline: mean and limits fixed on the first N points', () => {
	it('later points do not move the limits', () => {
		const r = xmr(series(spike), { improvement: 'increase', baseline: 13 });
		expect(r.mean).toBe(71 / 13);
		expect(r.upl).toBeCloseTo(71 / 13 + 2.66, 12);
		expect(r.lpl).toBeCloseTo(71 / 13 - 2.66, 12);
	});
	it('throws on a baseline below the minimum points', () => {
		expect(() => xmr(series(spike), { improvement: 'increase', baseline: 11 })).toThrow(
			'invalid baseline: 11'
		);
		expect(() =>
			xmr(series(spike), { improvement: 'increase', rules: 'mdc', baseline: 12 })
		).toThrow('invalid baseline: 12');
	});
});

describe('Making Data Count Excel (2023) variant', () => {
	it('NHSRplotthedots: one point beyond the two-sigma line beside one outside is not two in three', () => {
		const r = xmr(series(spike), { improvement: 'increase', baseline: 13 });
		expect(specials(r)).toEqual(['15 special_cause_improvement outside_limits']);
	});
	it('MDC: the point outside counts towards two in three', () => {
		// Windows (6, 9, 7.5) and (9, 7.5, 6): 2 beyond the line, all above the mean.
		const r = xmr(series(spike), { improvement: 'increase', rules: 'mdc', baseline: 13 });
		expect(specials(r)).toEqual([
			'15 special_cause_improvement outside_limits',
			'16 special_cause_improvement two_in_three'
		]);
	});

	// 0, 3 alternating (10 points), then 6, 5.6, 5.2, 4.8, 4.4, 4.0, 3.6, then 0, 3, 0, 3:
	// mean 54.6 / 21 = 2.6. Points 10–17 (3, 6, …, 3.6) are 8 above the mean (a shift, improvement
	// when higher is better) and 11–18 (6 down to 0) fall 8 times in a row (a trend, concern).
	// Limits 2.6 ± 2.66 × AMR stay wide (the 0–3 swings), so no point is outside.
	const both = [0, 3, 0, 3, 0, 3, 0, 3, 0, 3, 6, 5.6, 5.2, 4.8, 4.4, 4.0, 3.6, 0, 3, 0, 3];
	it('NHSRplotthedots: the first rule in order names the point (trend before shift)', () => {
		const r = xmr(series(both), { improvement: 'increase' });
		expect(r.points.slice(9, 18).map((p) => `${p.rule} ${p.type}`)).toEqual([
			'shift special_cause_improvement',
			...Array(8).fill('trend special_cause_concern')
		]);
	});
	it('MDC: improvement shows when improvement and concern both fire', () => {
		const r = xmr(series(both), { improvement: 'increase', rules: 'mdc' });
		expect(r.points.slice(9, 18).map((p) => `${p.rule} ${p.type}`)).toEqual([
			...Array(8).fill('shift special_cause_improvement'),
			'trend special_cause_concern'
		]);
	});
});

describe('assurance and variation from the chart', () => {
	// Limits 2.8015 to 8.1215 (the baseline above).
	it.each([
		{ target: 10, improvement: 'increase', expected: 'fail' },
		{ target: 10, improvement: 'decrease', expected: 'pass' },
		{ target: 2, improvement: 'increase', expected: 'pass' },
		{ target: 2, improvement: 'decrease', expected: 'fail' },
		{ target: 6, improvement: 'increase', expected: 'inconsistent' },
		{ target: 10, improvement: 'neutral', expected: null },
		{ target: null, improvement: 'increase', expected: null }
	] as const)('target $target, $improvement → $expected', ({ target, improvement, expected }) => {
		const r = xmr(series(spike), { improvement, target, baseline: 13 });
		expect(r.assurance).toBe(expected);
		expect(r.variation).toBe('common_cause');
	});
	it('throws on a value that is not a number', () => {
		expect(() => xmr(series([1, NaN]), { improvement: 'increase' })).toThrow('invalid value: NaN');
	});
});
