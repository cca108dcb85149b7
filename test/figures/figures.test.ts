import { describe, expect, it } from 'vitest';
import { csvValue, describeRows, publish } from '../../src/lib/figures/figure.ts';
import { changeText } from '../../src/lib/figures/headline.ts';
import { funnelView, groupView, periodView } from '../../src/lib/figures/reach.ts';
import { imdView } from '../../src/lib/figures/who-we-reach.ts';
import { reasonsView } from '../../src/lib/figures/referrals.ts';

const off = { publication: false };
const on = { publication: true };

describe('figure views', () => {
	const pcns = [
		{ key: 'North', referrals: 120, people: 100 },
		{ key: 'South', referrals: 43, people: 40 },
		{ key: 'East', referrals: 5, people: 5 }
	];

	it('group view: shares of the total, labels, a sentence from the data', () => {
		const v = groupView('pcn', pcns, 168, off);
		expect(v.rows.map((r) => [r.label, r.referrals, r.share])).toEqual([
			['North', 120, 120 / 168],
			['South', 43, 43 / 168],
			['East', 5, 5 / 168]
		]);
		expect(v.sentence).toBe('North had the most referrals: 120 (71%), of 3 PCNs.');
		expect(v.n).toBe('168 referrals');
	});

	it('group view in publication mode: 5 hidden, South hidden too (secondary), the rest rounded', () => {
		const v = groupView('pcn', pcns, 168, on);
		// 120 → 120; 43 is the next smallest cell, hidden so East cannot be worked out from 170.
		expect(v.rows.map((r) => [r.label, r.referrals, r.people, r.share])).toEqual([
			['North', 120, 100, 120 / 168],
			['South', null, 40, null],
			['East', null, null, null]
		]);
		expect(v.n).toBe('170 referrals');
		expect(v.sentence).toBe('North had the most referrals: 120 (71%), of 3 PCNs.');
	});

	it('period view fills empty months with 0 and labels quarters as financial quarters', () => {
		const months = periodView(
			[
				{ period: '2024-03-01', referrals: 10, people: 9 },
				{ period: '2024-05-01', referrals: 12, people: 12 }
			],
			'month',
			off
		);
		expect(months.rows.map((r) => [r.label, r.referrals])).toEqual([
			['2024-03', 10],
			['2024-04', 0],
			['2024-05', 12]
		]);
		expect(months.sentence).toBe('Referrals peaked at 12 in May 2024, over 3 months.');
		const quarters = periodView(
			[{ period: '2024-01-01', referrals: 9, people: 9 }],
			'quarter',
			off
		);
		expect(quarters.rows[0].label).toBe('2023/24 Q4');
	});

	it('IMD view: deciles in order, Core20 share of people with a known decile', () => {
		const { core20, view } = imdView(
			[
				{ key: '10', people: 10 },
				{ key: '2', people: 20 },
				{ key: '1', people: 30 },
				{ key: 'unknown', people: 40 }
			],
			off
		);
		expect(view.rows.map((r) => r.decile)).toEqual(['1', '2', '10', 'unknown']);
		expect(core20).toBeCloseTo(50 / 60);
		expect(view.sentence).toMatch(/^83% of people referred with a recorded decile/);
		expect(view.rows[3].share).toBeNull();
	});

	it('funnel view: shares of referred; publication hides a step of 1–7 and its share', () => {
		const row = { referred: 40, contacted: 30, supported: 6, goals_met: 0 };
		expect(funnelView(row, off).rows.map((r) => r.share)).toEqual([1, 0.75, 0.15, 0]);
		const pub = funnelView(row, on).rows;
		expect(pub.map((r) => r.count)).toEqual([40, 30, null, 0]);
		expect(pub.map((r) => r.share)).toEqual([1, 0.75, null, 0]);
	});

	it('reasons view: shares overlap and can add up to more than 100%', () => {
		const v = reasonsView(
			[
				{ key: 'loneliness', referrals: 6, total: 10 },
				{ key: 'financial', referrals: 5, total: 10 },
				{ key: 'not_recorded', referrals: 1, total: 10 }
			],
			off
		);
		expect(v.rows.map((r) => r.share)).toEqual([0.6, 0.5, 0.1]);
		expect(v.sentence).toBe('60% of referrals mention loneliness and isolation.');
	});
});

describe('figure helpers', () => {
	it('publish works out shares from true counts when publication is off', () => {
		const rows = publish(
			[{ n: 3, s: 0 }],
			{ shares: [{ key: 's', numerator: 'n', denominator: 12 }] },
			false
		);
		expect(rows).toEqual([{ n: 3, s: 0.25 }]);
	});

	it.each([
		{ value: null, kind: 'count' as const, expected: '*' },
		{ value: 0.4567, kind: 'share' as const, expected: 45.7 },
		{ value: 12.345, kind: 'rate' as const, expected: 12.3 },
		{ value: 1205, kind: 'count' as const, expected: 1205 },
		{ value: 'North', kind: 'text' as const, expected: 'North' }
	])('CSV cell $value ($kind) → $expected', ({ value, kind, expected }) => {
		expect(csvValue(value, kind)).toBe(expected);
	});

	it('describes the rows in words for screen readers', () => {
		const text = describeRows({
			title: 'T',
			sentence: '',
			n: '',
			rows: [{ label: 'GP', referrals: 1394 }],
			columns: [
				{ key: 'label', label: 'Source' },
				{ key: 'referrals', label: 'Referrals', kind: 'count' }
			]
		});
		expect(text).toBe('GP: 1,394 referrals.');
	});

	it.each([
		{ now: 110, before: 100, pub: false, expected: 'Up 10% on 2023/24 (100)' },
		{ now: 90, before: 100, pub: false, expected: 'Down 10% on 2023/24 (100)' },
		{ now: 100, before: 100, pub: false, expected: 'No change on 2023/24 (100)' },
		{ now: 12, before: 0, pub: false, expected: 'None in 2023/24' },
		{ now: 12, before: 5, pub: true, expected: 'Change on 2023/24 not shown (small numbers)' },
		{ now: 112, before: 103, pub: true, expected: 'Up 9% on 2023/24 (105)' }
	])('change $now on $before (publication $pub)', ({ now, before, pub, expected }) => {
		expect(changeText(now, before, { kind: 'year', label: '2023/24' }, pub)).toBe(expected);
	});

	it('no change text without a previous period', () => {
		expect(changeText(10, undefined, undefined, false)).toBe('');
	});
});
