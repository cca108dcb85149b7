import * as Plot from '@observablehq/plot';
import { describe, it, expect } from 'vitest';
import { periodSeriesChart, type PeriodRow } from '../../src/lib/charts/period-series.ts';
import { palette, primary } from '../../src/lib/charts/palette.ts';
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
