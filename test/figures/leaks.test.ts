// Regression tests for two leaks the review found in publication mode (issue 10): the page
// showed a figure the command-line tool hid, and the hidden count could be worked back out.
import { describe, expect, it } from 'vitest';
import { rateView } from '../../src/lib/figures/reach.ts';
import { imdView } from '../../src/lib/figures/who-we-reach.ts';
import { publishCells } from '../../src/lib/stats/small-numbers.ts';

const on = { publication: true };
const off = { publication: false };
const deciles = (people: number[]) => people.map((n, i) => ({ key: String(i + 1), people: n }));

describe('Core20 share in publication mode', () => {
	it('is hidden when decile 1 is 1–7: the share, the known total and decile 2 would give it back', () => {
		// 5 + 30 of 300 with a decile: 35/300 = 11.7% shown would return decile 1 = 35 − 30.
		const rows = deciles([5, 30, 25, 25, 30, 35, 40, 35, 40, 35]);
		const published = imdView(rows, on);
		expect(published.view.rows[0].people).toBeNull();
		expect(published.core20).toBeNull();
		expect(published.view.sentence).toMatch(/^\* of people referred with a recorded decile/);
		// Out of publication mode the share is the plain one.
		expect(imdView(rows, off).core20).toBeCloseTo(35 / 300, 12);
	});

	it('is hidden when decile 2 is hidden by secondary suppression (next smallest beside a lone 1–7)', () => {
		// Decile 10 is 3 (primary); decile 2, at 20 the next smallest, is hidden with it.
		const rows = deciles([60, 20, 25, 25, 30, 35, 40, 35, 40, 3]);
		const published = imdView(rows, on);
		expect(published.view.rows.map((r) => r.people)).toEqual([
			60,
			null,
			25,
			25,
			30,
			35,
			40,
			35,
			40,
			null
		]);
		expect(published.core20).toBeNull();
	});

	it('is shown (rounded counts unchanged) when deciles 1 and 2 are both published', () => {
		const rows = deciles([60, 20, 25, 25, 30, 35, 40, 35, 40, 50]);
		expect(imdView(rows, on).core20).toBeCloseTo(80 / 360, 12);
	});
});

describe('Referral rates', () => {
	// Three practices: 100, 10 and 5 referrals. 5 is hidden (1–7) and 10, the next smallest, is
	// hidden by secondary suppression; Elm's list size would give its 10 back from its rate, and its
	// people (9) back from the people rate, so both go.
	const groups = [
		{ key: 'Oak', referrals: 100 },
		{ key: 'Elm', referrals: 10 },
		{ key: 'Ash', referrals: 5 }
	];
	const rates = [
		{ key: 'Oak', list_size: 10_000, referrals: 100, people: 92, rate: 10, people_rate: 9.2 },
		{ key: 'Elm', list_size: 2_000, referrals: 10, people: 9, rate: 5, people_rate: 4.5 },
		{ key: 'Ash', list_size: 1_000, referrals: 5, people: 5, rate: 5, people_rate: 5 }
	];

	it('hides both rates whose practice or PCN count is hidden by secondary suppression', () => {
		expect(publishCells(groups.map((g) => g.referrals))).toEqual([100, null, null]);
		const shown = rateView('practice', rates, 0, on, groups).rows;
		// Oak's people rate is worked out from its published people, 90: 1000 × 90 / 10,000 = 9.
		expect(shown.map((r) => [r.key, r.referrals, r.rate, r.people, r.people_rate])).toEqual([
			['Oak', 100, 10, 90, expect.closeTo(9, 12)],
			['Elm', null, null, null, null],
			['Ash', null, null, null, null]
		]);
	});

	it('hides a people rate of 1–7 people even when its referrals are shown', () => {
		const few = [
			{ key: 'Oak', list_size: 1_000, referrals: 12, people: 6, rate: 12, people_rate: 6 }
		];
		const shown = rateView('practice', few, 0, on, [{ key: 'Oak', referrals: 12 }]).rows;
		expect(shown.map((r) => [r.referrals, r.rate, r.people, r.people_rate])).toEqual([
			[10, 10, null, null]
		]);
	});

	it('shows every rate out of publication mode', () => {
		const shown = rateView('practice', rates, 0, off, groups).rows;
		expect(shown.map((r) => r.rate)).toEqual([10, 5, 5]);
		expect(shown.map((r) => r.people_rate)).toEqual([9.2, 4.5, 5]);
	});
});
