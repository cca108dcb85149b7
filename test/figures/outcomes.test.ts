import { describe, expect, it } from 'vitest';
import { measureOf } from '../../src/lib/contract/measures.ts';
import { gpChangeView, gpTotalsView } from '../../src/lib/figures/gp-use.ts';
import { bandView, changeView, forestView } from '../../src/lib/figures/outcome-detail.ts';
import { measureSentence, summaryView } from '../../src/lib/figures/outcomes.ts';
import { gpChange, gpChangeCounts } from '../../src/lib/stats/gp-change.ts';
import { changeRule, measureStatistics, type OutcomeCell } from '../../src/lib/stats/outcomes.ts';

const wemwbs = measureOf('wemwbs')!;
const anxiety = measureOf('ons4_anxiety')!;
const ucla = measureOf('ucla3')!;
const plain = { publication: false };
const published = { publication: true };

// 24 WEMWBS pairs: 12 of 40 → 45 (+5), 8 of 42 → 42, 4 of 44 → 40 (−4); 6 eligible referrals
// not followed up with baseline 50. Below Warwick's 30, above the 10 for intervals.
const cells: OutcomeCell[] = [
	{ measure: 'wemwbs', baseline: 40, followup: 45, discharged: true, n: 12 },
	{ measure: 'wemwbs', baseline: 42, followup: 42, discharged: true, n: 8 },
	{ measure: 'wemwbs', baseline: 44, followup: 40, discharged: true, n: 4 },
	{ measure: 'wemwbs', baseline: 50, followup: null, discharged: true, n: 6 },
	// ONS4 anxiety (lower is better): 9 move from high (6–10) to medium (4–5), 3 stay; 5 pairs of UCLA-3.
	{ measure: 'ons4_anxiety', baseline: 7, followup: 5, discharged: true, n: 9 },
	{ measure: 'ons4_anxiety', baseline: 7, followup: 8, discharged: true, n: 3 },
	{ measure: 'ucla3', baseline: 7, followup: 5, discharged: true, n: 5 }
];
const stats = (m = wemwbs) => measureStatistics(m, cells, changeRule(m));

describe('outcome figures', () => {
	it('the summary states pairs, follow-up rate, both baseline means and Warwick’s advice', () => {
		const view = summaryView([{ m: wemwbs, s: stats() }], plain);
		const [row] = view.rows;
		expect(row).toMatchObject({
			eligible: 30,
			pairs: 24,
			followup_rate: 0.8,
			baseline_followed: '41.3', // (12×40 + 8×42 + 4×44) / 24 = 41.33
			baseline_not_followed: '50.0',
			change: '+1.8', // (60 − 16) / 24 = 1.83
			sd: '3.5', // R: sd(c(rep(5, 12), rep(0, 8), rep(-4, 4))) = 3.509821
			meaningful: '3 points',
			improved: 0.5
		});
		expect(view.caveat).toContain('Warwick Medical School advises');
		expect(view.sentence).toMatch(/^For the 24 referrals with both scores, the mean Warwick/);
	});

	it('under 10 pairs: counts only; in publication mode means on 1–7 pairs are hidden', () => {
		const s = stats(ucla);
		expect(s.countsOnly).toBe(true);
		const [row] = summaryView([{ m: ucla, s }], plain).rows;
		expect(row).toMatchObject({ pairs: 5, ci: '—', p: '—', dz: '—', improved_ci: '—' });
		const [hidden] = summaryView([{ m: ucla, s }], published).rows;
		expect(hidden).toMatchObject({ pairs: null, baseline: '*', change: '*', improved: null });
		expect(measureSentence(ucla, s, published)).toBe(
			'* referrals have both scores; too few to show their means.'
		);
	});

	it('publication: an interval never gives a hidden share back', () => {
		// 40 pairs, 3 improved by 5 points: the share (3 of 40) is hidden, so its interval is too.
		const few: OutcomeCell[] = [
			{ measure: 'wemwbs', baseline: 40, followup: 45, discharged: true, n: 3 },
			{ measure: 'wemwbs', baseline: 40, followup: 40, discharged: true, n: 37 }
		];
		const s = measureStatistics(wemwbs, few, changeRule(wemwbs));
		const [row] = summaryView([{ m: wemwbs, s }], published).rows;
		expect(row).toMatchObject({ pairs: 40, improved: null, improved_ci: '*' });
		expect(row.deteriorated).toBe(0);
		const [exact] = summaryView([{ m: wemwbs, s }], plain).rows;
		expect(exact.improved_ci).toMatch(/^\d+% to \d+%$/);
	});

	it('the change distribution reads each bar with the threshold the user set', () => {
		const strict = measureStatistics(wemwbs, cells, changeRule(wemwbs, 6));
		const view = changeView(wemwbs, strict, cells, plain).view;
		expect(view.rows.map((r) => [r.label, r.movement, r.people])).toEqual([
			['-4', 'No meaningful change', 4],
			['0', 'No meaningful change', 8],
			['5', 'No meaningful change', 12]
		]);
		expect(view.caveat).toContain('Meaningful change: 6 points (a setting).');
		const usual = changeView(wemwbs, stats(), cells, plain).view;
		expect(usual.rows.map((r) => r.movement)).toEqual([
			'Deteriorated meaningfully',
			'No meaningful change',
			'Improved meaningfully'
		]);
	});

	it('a band measure counts moving one band, stated as such', () => {
		const s = stats(anxiety);
		expect([s.improved, s.deteriorated]).toEqual([9, 0]); // 7 → 8 stays in "High (6–10)"
		const change = changeView(anxiety, s, cells, plain);
		expect(change.view.caveat).toContain('Meaningful change: one band (a setting).');
		const bands = bandView(anxiety, s, cells, plain);
		expect(bands.rows.map((r) => [r.band, r.baseline, r.followup])).toEqual([
			['Very low (0–1)', 0, 0],
			['Low (2–3)', 0, 0],
			['Medium (4–5)', 0, 9],
			['High (6–10)', 12, 3]
		]);
		expect(bands.sentence).toContain('75% moved up at least one band');
	});

	it('the forest plot shows no mean under 10 pairs and states the threshold', () => {
		const groups = [
			{ measure: 'wemwbs', dimension: 'pcn', group: 'North', n: 20, mean: 2, sd: 3 },
			{ measure: 'wemwbs', dimension: 'pcn', group: 'South', n: 4, mean: 1, sd: 2 },
			{ measure: 'wemwbs', dimension: 'service', group: 'Links', n: 24, mean: 1.8, sd: 3 }
		];
		const view = forestView(wemwbs, stats(), groups, plain);
		// Service first, then PCN; 2 ± qt(0.975, 19) × 3 / √20 = 2 ± 1.404 (R: qt(0.975, 19) = 2.093024).
		expect(view.rows.map((r) => [r.dimension, r.group, r.change, r.ci])).toEqual([
			['Service', 'Links', '1.8', '+0.5 to +3.1'],
			['PCN', 'North', '2.0', '+0.6 to +3.4'],
			['PCN', 'South', 'fewer than 10 pairs', '—']
		]);
		expect(view.caveat).toContain('Meaningful change: 3 points (a setting; the dotted lines)');
	});

	it('GP appointments: totals, the window and the caveat, in publication mode too', () => {
		const gp = [
			{ before: 6, after: 3, people: 10 },
			{ before: 2, after: 2, people: 5 },
			{ before: 1, after: 4, people: 3 }
		];
		const g = gpChange(gp);
		const totals = gpTotalsView(g, 6, plain);
		expect(totals.rows).toEqual([
			{ when: '6 months before', value: 73 },
			{ when: '6 months after', value: 52 }
		]);
		expect(totals.sentence).toContain('(down 29%)');
		expect(totals.caveat).toContain('regression to the mean');
		expect(totals.caveat).toContain('6 months before and 6 after referral');
		const pub = gpChangeView(g, gpChangeCounts(gp), 6, published);
		expect(pub.rows.map((r) => [r.label, r.people])).toEqual([
			['−3', 10],
			['0', null], // 5 people: hidden
			['+3', null] // 3 people: hidden
		]);
	});
});
