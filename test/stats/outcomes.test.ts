import { describe, expect, it } from 'vitest';
import { measureOf, type Measure } from '../../src/lib/contract/measures.ts';
import {
	bandShares,
	changeCounts,
	changeRule,
	direction,
	measureStatistics,
	type OutcomeCell
} from '../../src/lib/stats/outcomes.ts';
import { summarise } from '../../src/lib/stats/intervals.ts';

// Reference values from R 4.2.2 (Debian r-base-core), printed with sprintf("%.17g", ...).
// Cells are expanded to one value per person in R with
//   b <- rep(cells[, 1], cells[, 3]); f <- rep(cells[, 2], cells[, 3]); d <- f - b
// then: mean(b), sd(b), mean(f), mean(d), sd(d), mean(d) / sd(d),
//   tt <- t.test(f, b, paired = TRUE); tt$conf.int; tt$p.value
//   prop.test(k, n, correct = FALSE)$conf.int  (Wilson, for the improved and deteriorated shares)

/** Passes when |actual - expected| <= rel * |expected| (or <= rel when expected is 0). */
function expectRelClose(actual: number | null | undefined, expected: number, rel = 1e-12): void {
	expect(actual, `expected ${expected}`).toBeTypeOf('number');
	const error = Math.abs(actual! - expected) / (expected === 0 ? 1 : Math.abs(expected));
	expect(error, `${actual} vs ${expected}`).toBeLessThanOrEqual(rel);
}
function expectInterval(
	actual: { low: number; high: number } | null,
	[low, high]: [number, number],
	rel = 1e-12
): void {
	expect(actual).not.toBeNull();
	expectRelClose(actual!.low, low, rel);
	expectRelClose(actual!.high, high, rel);
}

const m = (key: string): Measure => measureOf(key)!;
type Row = [baseline: number, followup: number | null, n: number, discharged: boolean];
const cellsOf = (measure: string, rows: Row[]): OutcomeCell[] =>
	rows.map(([baseline, followup, n, discharged]) => ({
		measure,
		baseline,
		followup,
		discharged,
		n
	}));

// WEMWBS, 40 pairs. R:
//   w <- rbind(c(40,46,3), c(35,41,2), c(44,44,2), c(50,47,2), c(38,45,1), c(42,49,2),
//     c(45,48,1), c(33,40,2), c(48,50,1), c(52,51,1), c(36,39,2), c(41,47,1), c(29,38,1),
//     c(47,43,1), c(39,42,1),                         # 23 pairs discharged
//     c(43,50,2), c(37,44,1), c(46,45,1), c(31,40,2), c(55,57,1), c(40,43,3), c(34,33,1),
//     c(49,55,2), c(44,52,1), c(38,37,1), c(45,45,2)) # 17 pairs still open
// Not followed up: 42 ×4, 36 ×3, 50 ×1 discharged (eligible); 45 ×5 open (not eligible).
// table(d): −4:1 −3:2 −1:4 0:4 2:2 3:7 6:8 7:8 8:1 9:3, so 27 improved by ≥ 3, 3 deteriorated.
const wemwbs40 = cellsOf('wemwbs', [
	[40, 46, 3, true],
	[35, 41, 2, true],
	[44, 44, 2, true],
	[50, 47, 2, true],
	[38, 45, 1, true],
	[42, 49, 2, true],
	[45, 48, 1, true],
	[33, 40, 2, true],
	[48, 50, 1, true],
	[52, 51, 1, true],
	[36, 39, 2, true],
	[41, 47, 1, true],
	[29, 38, 1, true],
	[47, 43, 1, true],
	[39, 42, 1, true],
	[43, 50, 2, false],
	[37, 44, 1, false],
	[46, 45, 1, false],
	[31, 40, 2, false],
	[55, 57, 1, false],
	[40, 43, 3, false],
	[34, 33, 1, false],
	[49, 55, 2, false],
	[44, 52, 1, false],
	[38, 37, 1, false],
	[45, 45, 2, false],
	[42, null, 4, true],
	[36, null, 3, true],
	[50, null, 1, true],
	[45, null, 5, false]
]);

// SWEMWBS metric scores, 12 pairs, all discharged, and 2 discharged without a follow-up. R:
//   s <- rbind(c(17.43,20.73,1), c(19.98,22.35,1), c(18.59,22.35,1), c(15.84,19.25,1),
//     c(21.54,21.54,2), c(23.21,20.73,1), c(16.88,19.98,1), c(20.73,17.43,1),
//     c(14.75,17.98,1), c(19.25,20.73,2))
// Changes 3.30 2.37 3.76 3.41 0 0 −2.48 3.10 −3.30 3.23 1.48 1.48: 5 improved by ≥ 3 and 1
// deteriorated; by ≥ 2, 6 and 2.
const swemwbs12 = cellsOf('swemwbs', [
	[17.43, 20.73, 1, true],
	[19.98, 22.35, 1, true],
	[18.59, 22.35, 1, true],
	[15.84, 19.25, 1, true],
	[21.54, 21.54, 2, true],
	[23.21, 20.73, 1, true],
	[16.88, 19.98, 1, true],
	[20.73, 17.43, 1, true],
	[14.75, 17.98, 1, true],
	[19.25, 20.73, 2, true],
	[22.35, null, 2, true]
]);

// UCLA-3 (lower is better, 1 point), exactly 10 pairs. R:
//   u <- rbind(c(7,5,2), c(8,6,1), c(6,6,2), c(5,6,1), c(9,7,1), c(6,4,2), c(4,5,1))
// Changes −2 −2 −2 0 0 +1 −2 −2 −2 +1: 6 improved (fell by ≥ 1), 2 deteriorated.
const ucla10 = cellsOf('ucla3', [
	[7, 5, 2, true],
	[8, 6, 1, true],
	[6, 6, 2, true],
	[5, 6, 1, true],
	[9, 7, 1, true],
	[6, 4, 2, true],
	[4, 5, 1, true]
]);

describe('summarise: n, mean and SD of counted values', () => {
	it('matches R on the 40 WEMWBS changes given as counts', () => {
		const s = summarise(
			wemwbs40
				.filter((c) => c.followup !== null)
				.map((c) => ({ value: c.followup! - c.baseline, n: c.n }))
		);
		expect(s.n).toBe(40);
		expectRelClose(s.mean, 3.75); // R: mean(d)
		expectRelClose(s.sd, 3.6985790757380297); // R: sd(d)
	});

	it('no values: n 0 and no mean; one value: SD 0', () => {
		expect(summarise([])).toEqual({ n: 0, mean: NaN, sd: NaN });
		expect(summarise([{ value: 4, n: 1 }])).toEqual({ n: 1, mean: 4, sd: 0 });
		expect(summarise([{ value: 4, n: 0 }])).toEqual({ n: 0, mean: NaN, sd: NaN });
	});
});

describe('measureStatistics against R', () => {
	it('WEMWBS, 40 pairs: means, change, t interval, p, d_z and Wilson shares', () => {
		const s = measureStatistics(m('wemwbs'), wemwbs40);
		expect(s).toMatchObject({
			measure: 'wemwbs',
			pairs: 40,
			eligible: 31, // 23 discharged pairs + 8 discharged without a follow-up
			followedUp: 23,
			eligibleAll: false,
			improved: 27,
			deteriorated: 3,
			rule: { kind: 'points', points: 3 },
			countsOnly: false,
			belowAdvice: false
		});
		expectRelClose(s.followupRate, 23 / 31);
		// R: mean(b), sd(b) over the 23 discharged pairs; over 42 ×4, 36 ×3, 50
		expect(s.baselineFollowed.n).toBe(23);
		expectRelClose(s.baselineFollowed.mean, 40.826086956521742);
		expectRelClose(s.baselineFollowed.sd, 6.0801627812617252);
		expect(s.baselineNotFollowed.n).toBe(8);
		expectRelClose(s.baselineNotFollowed.mean, 40.75);
		expectRelClose(s.baselineNotFollowed.sd, 4.7734384133153203);
		expectRelClose(s.baseline.mean, 41.225000000000001);
		expectRelClose(s.baseline.sd, 6.1747521490796782);
		expectRelClose(s.followup.mean, 44.975000000000001);
		expectRelClose(s.followup.sd, 5.1862119964184714);
		expect(s.change.n).toBe(40);
		expectRelClose(s.change.mean, 3.75);
		expectRelClose(s.change.sd, 3.6985790757380297);
		// R: t.test(f, b, paired = TRUE)$conf.int and $p.value
		expectInterval(s.ci95, [2.5671370263016486, 4.9328629736983505]);
		expectRelClose(s.pValue, 1.3859135897909047e-7, 1e-9);
		expectRelClose(s.effectSizeDz, 1.0139028862730777);
		// R: prop.test(27, 40, correct = FALSE)$conf.int; prop.test(3, 40, ...)
		expectInterval(s.improvedCi95, [0.52017746189877678, 0.79915497768217303]);
		expectInterval(s.deterioratedCi95, [0.025836025774588198, 0.1986423352431054]);
	});

	it('SWEMWBS, 12 pairs: statistics shown, with the Warwick advice', () => {
		const s = measureStatistics(m('swemwbs'), swemwbs12);
		expect(s).toMatchObject({
			pairs: 12,
			eligible: 14,
			followedUp: 12,
			improved: 5,
			deteriorated: 1,
			countsOnly: false,
			belowAdvice: true
		});
		expect(s.baselineNotFollowed).toEqual({ n: 2, mean: 22.35, sd: 0 });
		expectRelClose(s.baseline.mean, 19.0825);
		expectRelClose(s.baseline.sd, 2.5190081922707743);
		expectRelClose(s.followup.mean, 20.445);
		expectRelClose(s.change.mean, 1.3625000000000005);
		expectRelClose(s.change.sd, 2.3637378911761391);
		expectInterval(s.ci95, [-0.13934740484816843, 2.8643474048481692]);
		expectRelClose(s.pValue, 0.071196922781189942, 1e-9);
		expectRelClose(s.effectSizeDz, 0.57641754827649405);
		expectInterval(s.improvedCi95, [0.19326031365875665, 0.68048868745045021]);
		expectInterval(s.deterioratedCi95, [0.01486509440491712, 0.35387991114111689]);
	});

	it('UCLA-3, exactly 10 pairs: lower is better, statistics shown, no Warwick advice', () => {
		const s = measureStatistics(m('ucla3'), ucla10);
		expect(s).toMatchObject({
			pairs: 10,
			improved: 6,
			deteriorated: 2,
			countsOnly: false,
			belowAdvice: false
		});
		expectRelClose(s.baseline.mean, 6.4000000000000004);
		expectRelClose(s.followup.mean, 5.4000000000000004);
		expectRelClose(s.change.mean, -1);
		expectRelClose(s.change.sd, 1.3333333333333333);
		expectInterval(s.ci95, [-1.953809207960886, -0.046190792039113755]);
		expectRelClose(s.pValue, 0.041791800777112989, 1e-9);
		expectRelClose(s.effectSizeDz, -0.75);
		expectInterval(s.improvedCi95, [0.31267376973365835, 0.8318196702937638]);
		expectInterval(s.deterioratedCi95, [0.056682151454375274, 0.50983752846335817]);
	});

	it('only the cells of its own measure count', () => {
		const all = [...swemwbs12, ...ucla10, ...wemwbs40];
		expect(measureStatistics(m('wemwbs'), all)).toEqual(measureStatistics(m('wemwbs'), wemwbs40));
		expect(measureStatistics(m('ucla3'), all)).toEqual(measureStatistics(m('ucla3'), ucla10));
	});
});

describe('small numbers: under 10 pairs counts only; under 30 for (S)WEMWBS the Warwick advice', () => {
	it('9 pairs: counts, means and SD, but no interval, test, effect size or share interval', () => {
		// ucla10 without the (4, 5) pair. R: d <- c(-2,-2,-2,0,0,1,-2,-2,-2); mean(d); sd(d)
		const nine = ucla10.filter((c) => c.baseline !== 4);
		const s = measureStatistics(m('ucla3'), nine);
		expect(s).toMatchObject({
			pairs: 9,
			improved: 6,
			deteriorated: 1,
			countsOnly: true,
			belowAdvice: false,
			ci95: null,
			pValue: null,
			effectSizeDz: null,
			improvedCi95: null,
			deterioratedCi95: null
		});
		expectRelClose(s.change.mean, -1.2222222222222223);
		expectRelClose(s.change.sd, 1.2018504251546631);
	});

	it.each([
		{ key: 'wemwbs', pairs: 9, countsOnly: true, belowAdvice: true },
		{ key: 'wemwbs', pairs: 10, countsOnly: false, belowAdvice: true },
		{ key: 'wemwbs', pairs: 29, countsOnly: false, belowAdvice: true },
		{ key: 'wemwbs', pairs: 30, countsOnly: false, belowAdvice: false },
		{ key: 'swemwbs', pairs: 29, countsOnly: false, belowAdvice: true },
		{ key: 'swemwbs', pairs: 30, countsOnly: false, belowAdvice: false },
		{ key: 'ucla3', pairs: 29, countsOnly: false, belowAdvice: false },
		{ key: 'ons4_anxiety', pairs: 5, countsOnly: true, belowAdvice: false }
	])('$key with $pairs pairs', ({ key, pairs, countsOnly, belowAdvice }) => {
		// Two cells so the SD is not 0: half the pairs change by 1, the rest by 2 (any order).
		const first = Math.floor(pairs / 2);
		const cells = cellsOf(key, [
			[5, 6, first, true],
			[5, 7, pairs - first, true]
		]);
		const s = measureStatistics(m(key), cells);
		expect(s).toMatchObject({ pairs, countsOnly, belowAdvice });
		expect(s.ci95 === null).toBe(countsOnly);
		expect(s.pValue === null).toBe(countsOnly);
		expect(s.improvedCi95 === null).toBe(countsOnly);
	});

	it('no one discharged: every referral with a baseline is eligible', () => {
		const open = wemwbs40.map((c) => ({ ...c, discharged: false }));
		const s = measureStatistics(m('wemwbs'), open);
		expect([s.eligibleAll, s.eligible, s.followedUp, s.pairs]).toEqual([true, 53, 40, 40]);
		expectRelClose(s.followupRate, 40 / 53);
		// 42 ×4, 36 ×3, 50, 45 ×5
		expect(s.baselineNotFollowed.n).toBe(13);
		expectRelClose(s.baselineNotFollowed.mean, (42 * 4 + 36 * 3 + 50 + 45 * 5) / 13);
	});

	it('baselines only: no pairs, no follow-up rate when nobody is eligible', () => {
		const s = measureStatistics(m('wemwbs'), cellsOf('wemwbs', [[40, null, 3, false]]));
		expect(s).toMatchObject({ pairs: 0, eligible: 3, followedUp: 0, followupRate: 0 });
		expect(s.change.n).toBe(0);
		const none = measureStatistics(m('wemwbs'), []);
		expect(none).toMatchObject({ pairs: 0, eligible: 0, followupRate: null, countsOnly: true });
	});
});

describe('meaningful change: thresholds, bands and float tolerance', () => {
	it('changeRule: points from the registry or the user; one band for band measures', () => {
		expect(changeRule(m('wemwbs'))).toEqual({ kind: 'points', points: 3 });
		expect(changeRule(m('wemwbs'), 5)).toEqual({ kind: 'points', points: 5 });
		expect(changeRule(m('swemwbs'), 2.87)).toEqual({ kind: 'points', points: 2.87 });
		expect(changeRule(m('eq5d_index'))).toEqual({ kind: 'points', points: 0.08 });
		expect(changeRule(m('ucla3'))).toEqual({ kind: 'points', points: 1 });
		expect(changeRule(m('ons4_anxiety'))).toEqual({ kind: 'band' });
		expect(changeRule(m('ons4_life_satisfaction'), 2)).toEqual({ kind: 'band' });
	});

	it('a user threshold changes the counts and their intervals', () => {
		// WEMWBS by ≥ 5: changes 6 ×8, 7 ×8, 8, 9 ×3 = 20 improved; none fell by 5.
		const w = measureStatistics(m('wemwbs'), wemwbs40, changeRule(m('wemwbs'), 5));
		expect([w.improved, w.deteriorated, w.rule]).toEqual([20, 0, { kind: 'points', points: 5 }]);
		// R: prop.test(20, 40, correct = FALSE)$conf.int; prop.test(0, 40, ...)
		expectInterval(w.improvedCi95, [0.35199526933465386, 0.64800473066534614]);
		expect(w.deterioratedCi95!.low).toBe(0);
		expectRelClose(w.deterioratedCi95!.high, 0.087621601197286611);
		// SWEMWBS by ≥ 2: 2.37 now counts, and so does −2.48.
		const s = measureStatistics(m('swemwbs'), swemwbs12, changeRule(m('swemwbs'), 2));
		expect([s.improved, s.deteriorated]).toEqual([6, 2]);
		expectInterval(s.improvedCi95, [0.25378159763370611, 0.74621840236629389]);
		expectInterval(s.deterioratedCi95, [0.046965142183853829, 0.44803086225297334]);
		// The mean change and its interval do not depend on the threshold.
		expect(s.ci95).toEqual(measureStatistics(m('swemwbs'), swemwbs12).ci95);
	});

	it('points: at least the meaningful change, in the better direction', () => {
		const w = m('wemwbs');
		const rule = changeRule(w);
		expect([
			direction(w, rule, 40, 43),
			direction(w, rule, 40, 42.9),
			direction(w, rule, 40, 37)
		]).toEqual([1, 0, -1]);
		const u = m('ucla3');
		expect([
			direction(u, changeRule(u), 7, 6),
			direction(u, changeRule(u), 6, 7),
			direction(u, changeRule(u), 6, 6)
		]).toEqual([1, -1, 0]);
	});

	it('float tolerance: differences of stored decimals', () => {
		const s = m('swemwbs');
		const three = changeRule(s);
		// 20.40 − 17.43 = 2.969999999999999 in doubles: below 3, not improved.
		expect(direction(s, three, 17.43, 20.4)).toBe(0);
		expect(direction(s, three, 20.4, 17.43)).toBe(0);
		// 10.03 − 7.03 = 2.999999999999999 in doubles, but 3.00 as written: improved.
		expect(10.03 - 7.03).toBeLessThan(3);
		expect(direction(s, three, 7.03, 10.03)).toBe(1);
		expect(direction(s, three, 10.03, 7.03)).toBe(-1);
		const e = m('eq5d_index');
		// 0.58 − 0.50 = 0.07999999999999996: counts as the 0.08 meaningful change.
		expect(0.58 - 0.5).toBeLessThan(0.08);
		expect(direction(e, changeRule(e), 0.5, 0.58)).toBe(1);
		expect(direction(e, changeRule(e), 0.58, 0.5)).toBe(-1);
		expect(direction(e, changeRule(e), 0.5, 0.57)).toBe(0);
		const cells = cellsOf('eq5d_index', [
			[0.5, 0.58, 2, true],
			[-0.51, -0.59, 1, true], // −0.08, in the worse direction
			[0.62, 0.69, 1, true] //   0.07
		]);
		const stats = measureStatistics(e, cells);
		expect([stats.improved, stats.deteriorated]).toEqual([2, 1]);
		expect(changeCounts(e, cells, 0.01)).toEqual([
			{ change: -0.08, movement: -1, n: 1 },
			{ change: 0.07, movement: 0, n: 1 },
			{ change: 0.08, movement: 1, n: 2 }
		]);
	});

	// ONS4 anxiety bands: very low 0–1, low 2–3, medium 4–5, high 6–10; lower is better.
	const anxiety = cellsOf('ons4_anxiety', [
		[6, 3, 3, true], //  high → low: improved
		[2, 4, 1, true], //  low → medium: deteriorated
		[5, 4, 2, true], //  medium → medium: 1 point, no band
		[1, 0, 1, true], //  very low → very low
		[4, 3, 2, true], //  medium → low: 1 point, one band: improved
		[3, 4, 1, true], //  low → medium: deteriorated
		[10, 6, 1, true], // high → high: 4 points, no band
		[7, 1, 1, true] //   high → very low: improved
	]);

	it('band measures: moving down a band of ONS4 anxiety is improvement', () => {
		const a = m('ons4_anxiety');
		const rule = changeRule(a);
		// + 0: a lower-is-better band measure gives −0 for "no change" (−0 === 0, but toEqual
		// tells them apart).
		expect(
			[
				[6, 3],
				[2, 4],
				[5, 4],
				[4, 3],
				[10, 6],
				[7, 1],
				[0, 10]
			].map(([b, f]) => direction(a, rule, b, f) + 0)
		).toEqual([1, -1, 0, 1, 0, 1, -1]);
		const s = measureStatistics(a, anxiety);
		expect(s).toMatchObject({ pairs: 12, improved: 6, deteriorated: 2, rule: { kind: 'band' } });
		// R: prop.test(6, 12, correct = FALSE)$conf.int; prop.test(2, 12, ...)
		expectInterval(s.improvedCi95, [0.25378159763370611, 0.74621840236629389]);
		expectInterval(s.deterioratedCi95, [0.046965142183853829, 0.44803086225297334]);
	});

	it('band measures: ONS4 life satisfaction, higher is better', () => {
		const l = m('ons4_life_satisfaction'); // low 0–4, medium 5–6, high 7–8, very high 9–10
		const rule = changeRule(l);
		expect(
			[
				[4, 5],
				[5, 4],
				[8, 9],
				[6, 6],
				[7, 10],
				[9, 7],
				[5, 6]
			].map(([b, f]) => direction(l, rule, b, f))
		).toEqual([1, -1, 1, 0, 1, -1, 0]);
	});

	it('bandShares: pairs by band at baseline and follow-up', () => {
		expect(bandShares(m('ons4_anxiety'), anxiety)).toEqual([
			{ band: 'Very low (0–1)', baseline: 1, followup: 2 },
			{ band: 'Low (2–3)', baseline: 2, followup: 5 },
			{ band: 'Medium (4–5)', baseline: 4, followup: 4 },
			{ band: 'High (6–10)', baseline: 5, followup: 1 }
		]);
		// Referrals without a follow-up are no pair and are not shown.
		const extra = [...anxiety, ...cellsOf('ons4_anxiety', [[8, null, 4, true]])];
		expect(bandShares(m('ons4_anxiety'), extra)).toEqual(bandShares(m('ons4_anxiety'), anxiety));
	});
});

describe('changeCounts: the distribution of change', () => {
	it('WEMWBS 40 pairs, as R table(d)', () => {
		expect(changeCounts(m('wemwbs'), wemwbs40)).toEqual([
			{ change: -4, movement: -1, n: 1 },
			{ change: -3, movement: -1, n: 2 },
			{ change: -1, movement: 0, n: 4 },
			{ change: 0, movement: 0, n: 4 },
			{ change: 2, movement: 0, n: 2 },
			{ change: 3, movement: 1, n: 7 },
			{ change: 6, movement: 1, n: 8 },
			{ change: 7, movement: 1, n: 8 },
			{ change: 8, movement: 1, n: 1 },
			{ change: 9, movement: 1, n: 3 }
		]);
	});

	it('SWEMWBS metric changes rounded to whole points', () => {
		// 3.30 3.41 3.10 3.23 → 3; 3.76 → 4; 2.37 → 2; 1.48 ×2 → 1; −2.48 → −2; −3.30 → −3.
		expect(changeCounts(m('swemwbs'), swemwbs12)).toEqual([
			{ change: -3, movement: -1, n: 1 },
			{ change: -2, movement: 0, n: 1 },
			{ change: 0, movement: 0, n: 2 },
			{ change: 1, movement: 0, n: 2 },
			{ change: 2, movement: 0, n: 1 },
			{ change: 3, movement: 1, n: 4 },
			{ change: 4, movement: 1, n: 1 }
		]);
	});

	it('a bin holding pairs on both sides of the threshold keeps each reading', () => {
		// 17.43 → 19.98 is +2.55 (not 3 points) and 17.43 → 20.73 is +3.30: both round to 3.
		const cells = cellsOf('swemwbs', [
			[17.43, 19.98, 2, true],
			[17.43, 20.73, 3, true]
		]);
		expect(changeCounts(m('swemwbs'), cells)).toEqual([
			{ change: 3, movement: 1, n: 3 },
			{ change: 3, movement: 0, n: 2 }
		]);
		expect(measureStatistics(m('swemwbs'), cells).improved).toBe(3);
	});
});
