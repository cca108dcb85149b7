import * as Plot from '@observablehq/plot';
import { describe, it, expect } from 'vitest';
import { forestPlotChart, rowHeight, type ForestRow } from '../../src/lib/charts/forest-plot.ts';
import { drawn, marksOf, textsOf } from './marks.ts';

const rows: ForestRow[] = [
	{ dimension: 'Sex', group: 'Female', n: 120, mean: 3.4, low: 2.1, high: 4.7 },
	{ dimension: 'Sex', group: 'Male', n: 80, mean: 1.2, low: -0.5, high: 2.9 },
	{ dimension: 'Age', group: '18–24', n: null, mean: null, low: null, high: null },
	{ dimension: 'Age', group: '65+', n: 5, mean: null, low: null, high: null },
	{ dimension: 'PCN', group: 'Harbour', n: 8, mean: 2.5, low: null, high: null }
];
const options = {
	overall: { mean: 2.6, low: 1.8, high: 3.4 },
	xLabel: 'Mean change in WEMWBS',
	meaningfulChange: 3
};

describe('forestPlotChart', () => {
	it('gives each group a row labelled by its dimension, in the given order, ~22 px each', () => {
		const chart = forestPlotChart(rows, options);
		expect(chart.y.domain).toEqual([
			'Sex: Female',
			'Sex: Male',
			'Age: 18–24',
			'Age: 65+',
			'PCN: Harbour'
		]);
		expect(chart.x.label).toBe('Mean change in WEMWBS');
		expect(chart.height).toBe(chart.marginTop + chart.marginBottom + 5 * rowHeight);
		const more = forestPlotChart(
			[...rows, ...rows.map((r) => ({ ...r, dimension: 'X' }))],
			options
		);
		expect(more.height - chart.height).toBe(5 * rowHeight);
	});

	it('draws a dot at each mean and a line across its 95% CI, with n, mean and CI in the tip', () => {
		const chart = forestPlotChart(rows, options);
		const [dot] = marksOf(chart, Plot.Dot);
		expect(dot.tip).toBeTruthy();
		expect(drawn(dot)).toMatchObject({
			x: [3.4, 1.2, 2.5],
			y: ['Sex: Female', 'Sex: Male', 'PCN: Harbour']
		});
		expect(drawn(dot).title[0]).toBe(
			'Sex: Female\nPairs: 120\nMean change: +3.4\n95% CI: +2.1 to +4.7'
		);
		expect(drawn(dot).title[1]).toContain('95% CI: −0.5 to +2.9');
		// Under 10 pairs there is a mean but no interval (METHODS.md).
		expect(drawn(dot).title[2]).toContain('95% CI: not shown (too few pairs)');
		const ci = marksOf(chart, Plot.RuleY)[0];
		expect(drawn(ci)).toMatchObject({
			x1: [2.1, -0.5],
			x2: [4.7, 2.9],
			y: ['Sex: Female', 'Sex: Male']
		});
	});

	it('writes * for a suppressed group and "too few pairs" for a published n without a mean', () => {
		const chart = forestPlotChart(rows, options);
		const [, , , note] = marksOf(chart, Plot.Text);
		expect(drawn(note)).toMatchObject({
			x: [0, 0],
			y: ['Age: 18–24', 'Age: 65+'],
			text: ['*', 'too few pairs']
		});
		const [dot] = marksOf(chart, Plot.Dot);
		expect(dot.data).not.toContain(rows[2]);
	});

	it('rules no change, the meaningful change and the overall mean (dashed, labelled) over its shaded CI', () => {
		const chart = forestPlotChart(rows, options);
		const rules = marksOf(chart, Plot.RuleX);
		expect(rules.map((r) => r.data)).toEqual([[0], [-3, 3], [2.6]]);
		expect(rules[2]).toMatchObject({ strokeDasharray: '4,3' });
		expect(textsOf(chart)).toEqual(
			expect.arrayContaining(['Overall +2.6', '−3 meaningful', '+3 meaningful'])
		);
		const [band] = marksOf(chart, Plot.Rect);
		expect(drawn(band)).toMatchObject({ x1: [1.8], x2: [3.4] });
	});

	it('leaves out what it is not given: no overall, no CI band, no meaningful change', () => {
		const chart = forestPlotChart(rows, { ...options, overall: null, meaningfulChange: null });
		expect(marksOf(chart, Plot.RuleX).map((r) => r.data)).toEqual([[0], []]);
		expect(marksOf(chart, Plot.Rect)).toEqual([]);
		const noBand = forestPlotChart(rows, {
			...options,
			overall: { mean: 2.6, low: null, high: null }
		});
		expect(marksOf(noBand, Plot.Rect)).toEqual([]);
		expect(marksOf(noBand, Plot.RuleX).map((r) => r.data)).toContainEqual([2.6]);
	});
});
