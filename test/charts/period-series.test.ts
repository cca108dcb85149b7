import * as Plot from '@observablehq/plot';
import { describe, it, expect } from 'vitest';
import { periodSeriesChart, type PeriodRow } from '../../src/lib/charts/period-series.ts';
import { palette, primary } from '../../src/lib/charts/palette.ts';
import { countTicks, largest } from '../../src/lib/charts/defaults.ts';
import { funnelChart } from '../../src/lib/charts/funnel.ts';
import { referralsByGroupChart } from '../../src/lib/charts/referrals-by-group.ts';
import { drawn, marksOf } from './marks.ts';

const quarters = (n: number): PeriodRow[] =>
	Array.from({ length: n }, (_, i) => ({
		period: `20${24 + Math.floor(i / 4)}-${String(4 + 3 * (i % 4)).padStart(2, '0')}-01`,
		label: `20${24 + Math.floor(i / 4)}/${25 + Math.floor(i / 4)} Q${(i % 4) + 1}`,
		referrals: 100 + i,
		people: 90 + i
	}));

describe('periodSeriesChart', () => {
	it('reads the periods as their labels, in the given order, on a band axis', () => {
		const rows = quarters(4);
		const options = periodSeriesChart(rows, { unit: 'quarter' });
		expect(options.x).toMatchObject({ type: 'band', domain: rows.map((r) => r.label) });
		expect(options.x.ticks).toEqual(['2024/25 Q1', '2024/25 Q2', '2024/25 Q3', '2024/25 Q4']);
	});

	it('shows every nth label when there are many periods, never more than 14', () => {
		const rows = quarters(40);
		const ticks = periodSeriesChart(rows, { unit: 'quarter', width: 2000 }).x.ticks;
		expect(ticks.length).toBeLessThanOrEqual(14);
		expect(ticks[0]).toBe(rows[0].label);
		const step = rows.findIndex((r) => r.label === ticks[1]);
		expect(ticks).toEqual(rows.filter((_, i) => i % step === 0).map((r) => r.label));
	});

	it('draws referrals as columns and people as a line with dots, naming both in a legend', () => {
		const options = periodSeriesChart(quarters(3), { unit: 'quarter' });
		const [bar] = marksOf(options, Plot.BarY);
		expect(bar.tip).toBeTruthy();
		expect(marksOf(options, Plot.Line)).toHaveLength(1);
		expect(marksOf(options, Plot.Dot)).toHaveLength(1);
		expect(options.color).toMatchObject({
			domain: ['Referrals', 'People referred'],
			range: [primary, palette[1]],
			legend: true
		});
		expect(drawn(bar).title[0]).toBe('Quarter: 2024/25 Q1\nReferrals: 100\nPeople referred: 90');
	});

	it('draws no column or dot for a suppressed value, a * on the baseline instead', () => {
		const rows: PeriodRow[] = [
			{ period: '2024-04', label: '2024-04', referrals: 120, people: 100 },
			{ period: '2024-05', label: '2024-05', referrals: null, people: null },
			{ period: '2024-06', label: '2024-06', referrals: 60, people: null }
		];
		const options = periodSeriesChart(rows, { unit: 'month' });
		const [bar] = marksOf(options, Plot.BarY);
		const [dot] = marksOf(options, Plot.Dot);
		expect(bar.data).toEqual([rows[0], rows[2]]);
		expect(bar.data[0]).toBe(rows[0]); // a click yields the row itself
		expect(dot.data).toEqual([rows[0]]);
		const stars = marksOf(options, Plot.Text).map((m) => drawn(m));
		expect(stars[0]).toMatchObject({ x: ['2024-05'], y: [0], text: ['*'] });
		expect(stars[1]).toMatchObject({ x: ['2024-05', '2024-06'], y: [0, 0], text: ['*', '*'] });
	});
});

describe('count axes', () => {
	const months = (counts: number[]): PeriodRow[] =>
		counts.map((n, i) => ({
			period: `2024-0${i + 1}`,
			label: `2024-0${i + 1}`,
			referrals: n,
			people: n
		}));
	// The y axis's ticks as the chart asks Plot for them (null: Plot's own).
	const yTicks = (rows: PeriodRow[]) =>
		(periodSeriesChart(rows, { unit: 'month', width: 600 }).y.ticks ?? null) as number[] | null;

	it('puts whole-number ticks only on a chart of small counts (no 0.5 of a referral)', () => {
		expect(yTicks(months([2, 1]))).toEqual([0, 1, 2]);
		expect(yTicks(months([0, 0]))).toEqual([0, 1]);
		expect(yTicks(months([9, 3]))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
		expect(countTicks(3.2)).toEqual({ ticks: [0, 1, 2, 3, 4], tickFormat: 'd' });
		expect(periodSeriesChart(months([2, 1]), { unit: 'month' }).y.tickFormat).toBe('d');
	});

	it("leaves Plot's own ticks, whole numbers already, from 10 up; a suppressed count is skipped", () => {
		expect(yTicks(months([10, 4]))).toBeNull();
		expect(yTicks(months([120, 60]))).toBeNull();
		expect(largest([null, undefined, 3])).toBe(3);
		expect(largest([])).toBe(0);
	});

	it('does the same on the breakdowns and the funnel', () => {
		const bars = referralsByGroupChart([
			{ label: 'GP', referrals: 2 },
			{ label: 'Self', referrals: null }
		]);
		expect(bars.x.ticks).toEqual([0, 1, 2]);
		const funnel = funnelChart([{ step: 'referred', label: 'Referred', count: 3, share: 1 }]);
		expect(funnel.x.ticks).toEqual([0, 1, 2, 3]);
		expect(
			funnelChart([{ step: 'referred', label: 'Referred', count: 30, share: 1 }]).x.ticks
		).toBeUndefined();
	});
});
