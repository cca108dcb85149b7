import * as Plot from '@observablehq/plot';
import { describe, it, expect } from 'vitest';
import { heatmapChart, suppressedFill, type CellRow } from '../../src/lib/charts/heatmap.ts';
import { drawn, marksOf } from './marks.ts';

const rows: CellRow[] = [
	{ row: 'Riverside', column: 'Loneliness', value: 100 },
	{ row: 'Riverside', column: 'Housing', value: 10 },
	{ row: 'Harbour', column: 'Loneliness', value: null },
	{ row: 'Harbour', column: 'Housing', value: 55 }
];
const options = {
	rows: ['Riverside', 'Harbour'],
	columns: ['Loneliness', 'Housing'],
	valueLabel: 'Referrals'
};

describe('heatmapChart', () => {
	it('keeps rows and columns in the given order, with a sequential blues scale from zero', () => {
		const chart = heatmapChart(rows, options);
		expect(chart.x.domain).toEqual(options.columns);
		expect(chart.y.domain).toEqual(options.rows);
		expect(chart.color).toMatchObject({ scheme: 'blues', domain: [0, 100], label: 'Referrals' });
	});

	it('writes each value in its cell, white on dark cells, * on a grey cell when suppressed', () => {
		const chart = heatmapChart(rows, options);
		const [cell, hidden] = marksOf(chart, Plot.Cell);
		expect(cell.tip).toBeTruthy();
		expect(cell.data).toEqual([rows[0], rows[1], rows[3]]);
		expect(drawn(hidden)).toMatchObject({ x: ['Loneliness'], y: ['Harbour'] });
		expect(chart.marks).toContainEqual(expect.objectContaining({ fill: suppressedFill }));
		const [label] = marksOf(chart, Plot.Text);
		expect(drawn(label).text).toEqual(['100', '10', '*', '55']);
		expect(drawn(label).fill).toEqual(['white', 'black', 'black', 'black']);
	});

	it('grows with the rows and rotates the column labels when many', () => {
		const many = Array.from({ length: 20 }, (_, i) => `Reason number ${i}`);
		const tall = heatmapChart([], { ...options, rows: many, columns: many });
		expect(tall.height).toBeGreaterThan(heatmapChart(rows, options).height + 18 * 28);
		expect(tall.x.tickRotate).not.toBe(0);
		expect(heatmapChart(rows, options).x.tickRotate).toBe(0);
	});
});
