import * as Plot from '@observablehq/plot';
import { describe, it, expect } from 'vitest';
import { stackedBarsChart, type StackRow } from '../../src/lib/charts/stacked-bars.ts';
import { colourFor } from '../../src/lib/charts/palette.ts';
import { drawn, marksOf } from './marks.ts';

const rows: StackRow[] = [
	{ x: '2024-04', group: 'GP', value: 30 },
	{ x: '2024-04', group: 'Self-referral', value: 10 },
	{ x: '2024-05', group: 'GP', value: 25 },
	{ x: '2024-05', group: 'Self-referral', value: null }
];
const base = { x: ['2024-04', '2024-05'], groups: ['Self-referral', 'GP'], yLabel: 'Referrals' };

describe('stackedBarsChart', () => {
	it('stacks the groups in the given order on columns in the given order', () => {
		const chart = stackedBarsChart(rows, base);
		expect(chart.x.domain).toEqual(base.x);
		const [bar] = marksOf(chart, Plot.BarY);
		expect(bar.tip).toBeTruthy();
		// Self-referral first, at the bottom of its column.
		expect(drawn(bar)).toMatchObject({ y1: [10, 0, 0], y2: [40, 10, 25] });
		expect(chart.y.label).toBe('Referrals');
	});

	it('colours each group by its label, whichever groups are on show', () => {
		const allLabels = ['GP', 'Practice nurse', 'Self-referral'];
		const chart = stackedBarsChart(rows, { ...base, allLabels });
		expect(chart.color).toMatchObject({
			domain: base.groups,
			range: [colourFor('Self-referral', allLabels), colourFor('GP', allLabels)],
			legend: true
		});
	});

	it('draws no segment for a suppressed value and puts a * on top of its column', () => {
		const chart = stackedBarsChart(rows, base);
		const [bar] = marksOf(chart, Plot.BarY);
		expect(bar.data).toEqual(rows.slice(0, 3));
		const [star] = marksOf(chart, Plot.Text);
		expect(drawn(star)).toMatchObject({ x: ['2024-05'], y: [25], text: ['*'] });
	});

	it('shows every nth column label when there are many', () => {
		const x = Array.from({ length: 36 }, (_, i) => `M${i}`);
		const ticks = stackedBarsChart([], { ...base, x }).x.ticks;
		expect(ticks.length).toBeLessThanOrEqual(14);
		expect(ticks[0]).toBe('M0');
	});
});

describe('stackedBarsChart with colours of its own', () => {
	it('uses the given colours for the groups, in their order', () => {
		const chart = stackedBarsChart(rows, { ...base, colours: ['#005eb8', '#768692'] });
		expect(chart.color.range).toEqual(['#005eb8', '#768692']);
	});
});

describe('stackedBarsChart labelling every column (the outcome summary)', () => {
	// The sample's seven measures: ONS4 names of 22 characters thinned every other label away.
	const measures = [
		'WEMWBS',
		'SWEMWBS',
		'ONS4 life satisfaction',
		'ONS4 worthwhile',
		'ONS4 happiness',
		'ONS4 anxiety',
		'UCLA-3'
	];
	const opts = { x: measures, groups: ['Improved'], yLabel: 'Pairs', labelEvery: true };

	it('labels every measure, wrapped to fit its column', () => {
		// 1,158 px wide: bands of (1158 − 68) / 7 = 155.7 px, 21 characters a line.
		const chart = stackedBarsChart([], { ...opts, width: 1158 });
		expect(chart.x.ticks).toEqual(measures);
		const format = (chart.x as { tickFormat: (d: string) => string }).tickFormat;
		expect(measures.map(format)).toEqual([
			'WEMWBS',
			'SWEMWBS',
			'ONS4 life\nsatisfaction',
			'ONS4 worthwhile',
			'ONS4 happiness',
			'ONS4 anxiety',
			'UCLA-3'
		]);
		expect(chart.marginBottom).toBe(24 + 15 * 2);
		// Without the option, the axis thins them as before.
		expect(stackedBarsChart([], { ...opts, labelEvery: false, width: 1158 }).x.ticks).toEqual([
			'WEMWBS',
			'ONS4 life satisfaction',
			'ONS4 happiness',
			'UCLA-3'
		]);
	});

	it('turns every label upright where a word is wider than its column', () => {
		// 320 px: bands of 36 px, 4 characters; "satisfaction" is 12.
		const chart = stackedBarsChart([], { ...opts, width: 320 });
		expect(chart.x.ticks).toEqual(measures);
		expect(chart.x).toMatchObject({ tickRotate: -90 });
		expect(chart.marginBottom).toBe(16 + 22 * 7);
	});
});
