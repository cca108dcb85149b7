import * as Plot from '@observablehq/plot';
import { describe, expect, it } from 'vitest';
import { colourFor } from '../../src/lib/charts/palette.ts';
import { shareBarsChart, type ShareRow } from '../../src/lib/charts/share-bars.ts';
import { drawn, marksOf } from './marks.ts';

const rows: ShareRow[] = [
	{ y: 'North SP', group: 'Goals met', value: 80 },
	{ y: 'North SP', group: 'Referred on', value: 20 },
	{ y: 'South SP', group: 'Goals met', value: 60 },
	{ y: 'South SP', group: 'Disengaged', value: null }
];
const base = {
	y: ['North SP', 'South SP'],
	groups: ['Goals met', 'Referred on', 'Disengaged'],
	xLabel: 'Share of closed episodes (%)'
};

describe('shareBarsChart', () => {
	it('stacks each bar to 100% in the given group order, bars in the given order', () => {
		const chart = shareBarsChart(rows, base);
		expect(chart.y.domain).toEqual(base.y);
		expect(chart.x).toMatchObject({ domain: [0, 100], label: base.xLabel });
		const [bar] = marksOf(chart, Plot.BarX);
		expect(bar.tip).toBeTruthy();
		expect(drawn(bar)).toMatchObject({ x1: [0, 80, 0], x2: [80, 100, 60] });
	});

	it('colours each group by its label among all labels', () => {
		const allLabels = ['Disengaged', 'Goals met', 'Other', 'Referred on'];
		const chart = shareBarsChart(rows, { ...base, allLabels });
		expect(chart.color.range).toEqual(base.groups.map((g) => colourFor(g, allLabels)));
	});

	it('draws no segment for a suppressed share and puts a * after its bar', () => {
		const chart = shareBarsChart(rows, base);
		const [bar] = marksOf(chart, Plot.BarX);
		expect(bar.data).toEqual(rows.slice(0, 3));
		const [star] = marksOf(chart, Plot.Text);
		expect(drawn(star)).toMatchObject({ x: [60], y: ['South SP'], text: ['*'] });
	});
});
