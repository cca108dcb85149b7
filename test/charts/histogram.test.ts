import * as Plot from '@observablehq/plot';
import { describe, expect, it } from 'vitest';
import { histogramChart, type HistogramRow } from '../../src/lib/charts/histogram.ts';
import { palette, primary } from '../../src/lib/charts/palette.ts';
import { drawn, marksOf } from './marks.ts';

const rows: HistogramRow[] = [
	{ label: '5', value: 20, highlight: false },
	{ label: '6', value: 35, highlight: true },
	{ label: '7', value: null, highlight: true }
];
const options = {
	xLabel: 'Contacts',
	yLabel: 'Episodes',
	highlightLabel: 'Typically reported (6–12)',
	otherLabel: 'Fewer or more'
};

describe('histogramChart', () => {
	it('draws the columns in order, the highlighted range in NHS blue', () => {
		const chart = histogramChart(rows, options);
		expect(chart.x.domain).toEqual(['5', '6', '7']);
		const [bar] = marksOf(chart, Plot.BarY);
		expect(bar.tip).toBeTruthy();
		const d = drawn(bar);
		expect(d.y2).toEqual([20, 35]);
		expect(d.fill).toEqual(['Fewer or more', 'Typically reported (6–12)']);
		expect(chart.color).toMatchObject({
			domain: [options.highlightLabel, options.otherLabel],
			range: [primary, palette[9]],
			legend: true
		});
	});

	it('draws no column for a suppressed count, and a * at zero instead', () => {
		const chart = histogramChart(rows, options);
		const [star] = marksOf(chart, Plot.Text);
		expect(drawn(star)).toMatchObject({ x: ['7'], y: [0], text: ['*'] });
	});
});
