import * as Plot from '@observablehq/plot';
import { describe, it, expect } from 'vitest';
import { referralRateChart, type RateRow } from '../../src/lib/charts/referral-rate.ts';
import { drawn, marksOf, textsOf } from './marks.ts';

const rows: RateRow[] = [
	{
		label: 'Riverside PCN',
		people_rate: 12.4,
		people: 620,
		rate: 14.2,
		referrals: 710,
		list_size: 50_000
	},
	{
		label: 'Harbour PCN',
		people_rate: null,
		people: null,
		rate: null,
		referrals: null,
		list_size: 800
	},
	{
		label: 'Eastfield PCN',
		people_rate: 8,
		people: 200,
		rate: 9.6,
		referrals: 240,
		list_size: 25_000
	}
];

describe('referralRateChart', () => {
	it('marks the former IIF PC-01 thresholds at 12 and 16 with labelled rules', () => {
		const options = referralRateChart(rows);
		const rules = marksOf(options, Plot.RuleX);
		expect(rules.map((r) => r.data)).toContainEqual([12, 16]);
		expect(textsOf(options)).toEqual(
			expect.arrayContaining(['Former IIF lower 12', 'Former IIF upper 16'])
		);
	});

	it('names the lines by number alone where their names would run off a narrow chart', () => {
		// Each name reads leftwards from its line, so it needs 19 × 6 + 3 = 117 px to the line's left.
		// Labels of 13 characters make a left margin of 103 px; the axis runs to 18 (× 1.25 allowed).
		// 280 px wide, a plot area of 153 px: the line at 12 is 103 + 82 = 185 px in: it fits.
		expect(textsOf(referralRateChart(rows, { width: 280 }))).toEqual([
			'*',
			'Former IIF lower 12',
			'Former IIF upper 16'
		]);
		// Lines at 1 and 2: 103 + 7 = 110 px in at 280 px wide, too near; at 900 px, 103 + 34 = 137.
		expect(textsOf(referralRateChart(rows, { width: 280, thresholds: [1, 2] }))).toEqual([
			'*',
			'1',
			'2'
		]);
		expect(textsOf(referralRateChart(rows, { width: 900, thresholds: [1, 2] }))).toEqual([
			'*',
			'Former IIF lower 1',
			'Former IIF upper 2'
		]);
	});

	it('takes other thresholds', () => {
		const options = referralRateChart(rows, { thresholds: [20, 10] });
		expect(marksOf(options, Plot.RuleX).map((r) => r.data)).toContainEqual([10, 20]);
		expect(textsOf(options)).toEqual(
			expect.arrayContaining(['Former IIF lower 10', 'Former IIF upper 20'])
		);
	});

	it('runs the x axis from 0 to at least 18, further when a rate is higher', () => {
		expect(referralRateChart(rows).x.domain).toEqual([0, 18]);
		const high = [
			{ label: 'A', people_rate: 31.5, people: 630, rate: 40, referrals: 800, list_size: 20_000 }
		];
		// The people rate is drawn: the referral rate (40) does not stretch the axis.
		expect(referralRateChart(high).x.domain).toEqual([0, 31.5]);
		// A reference line has room for its label above it.
		expect(referralRateChart(rows, { thresholds: [20] }).x.domain).toEqual([0, 22]);
	});

	it('draws a bar per published people rate, in the given order, and a * at zero for a suppressed one', () => {
		const options = referralRateChart(rows);
		const [bar] = marksOf(options, Plot.BarX);
		expect(bar.tip).toBeTruthy();
		expect(bar.data).toEqual([rows[0], rows[2]]);
		expect(options.y.domain).toEqual(rows.map((r) => r.label));
		expect(drawn(bar).x2).toEqual([12.4, 8]); // stacked from 0: the bar ends at the people rate
		expect(drawn(bar).title[0]).toBe(
			'Riverside PCN\nPeople referred: 12.4 per 1,000 a year (620)\nReferrals: 14.2 per 1,000 a year (710)\nRegistered patients: 50,000'
		);
		const [star] = marksOf(options, Plot.Text);
		expect(drawn(star)).toMatchObject({ x: [0], y: ['Harbour PCN'], text: ['*'] });
	});
});
