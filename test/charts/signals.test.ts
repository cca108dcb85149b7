import * as Plot from '@observablehq/plot';
import { describe, expect, it } from 'vitest';
import { funnelPlotChart, signalStyles } from '../../src/lib/charts/funnel-plot.ts';
import { pointStyles, runChart, type RunPoint } from '../../src/lib/charts/run-chart.ts';
import { contrast } from './colour.ts';
import { drawn, marksOf } from './marks.ts';

// WCAG 1.4.1: a signal is not told by colour alone. Each has its own shape (and the legend and
// the tip name it); each colour has 3:1 contrast on white (1.4.11).
describe.each([
	['funnel plot signals', signalStyles],
	['run chart point types', pointStyles]
])('%s', (_name, styles) => {
	it('each has a shape of its own, a colour of its own, and 3:1 contrast', () => {
		expect(new Set(styles.map((s) => s.symbol)).size).toBe(styles.length);
		expect(new Set(styles.map((s) => s.colour)).size).toBe(styles.length);
		for (const s of styles) expect(contrast(s.colour), s.label).toBeGreaterThanOrEqual(3);
	});
});

describe('the charts draw each point in its signal’s shape and colour, one legend for both', () => {
	it('funnelPlotChart', () => {
		const points = [
			{ label: 'A', x: 100, y: 90, signal: 'high_99.8' as const },
			{ label: 'B', x: 200, y: 50, signal: 'none' as const },
			{ label: 'C', x: 300, y: 10, signal: 'low_95' as const },
			{ label: 'D', x: 50, y: null, signal: null } // hidden: not drawn
		];
		const curve = [{ x: 0, l95: 0, u95: 100, l998: 0, u998: 100 }];
		const options = funnelPlotChart(points, curve, { target: 50, xLabel: 'n', yLabel: '%' });
		const [dot] = marksOf(options, Plot.Dot);
		const { symbol, fill } = drawn(dot);
		expect(symbol).toEqual(['Above the 99.8% limit', 'Within the limits', 'Below the 95% limit']);
		expect(fill).toEqual(symbol);
		expect(options.symbol).toEqual({
			domain: signalStyles.map((s) => s.label),
			range: ['triangle', 'diamond', 'circle', 'square', 'cross'],
			legend: true
		});
		expect(options.color).toEqual({
			domain: signalStyles.map((s) => s.label),
			range: signalStyles.map((s) => s.colour)
		});
	});

	it('runChart, with only the types drawn in its legend', () => {
		const point = (period: string, type: RunPoint['type']): RunPoint => ({
			unit: 'All',
			period,
			value: 5,
			mean: 5,
			lpl: 1,
			upl: 9,
			type
		});
		const points = [
			point('2024-04', 'common_cause'),
			point('2024-05', 'special_cause_concern'),
			point('2024-06', 'common_cause')
		];
		const options = runChart(points, { units: ['All'], yLabel: 'Referrals' });
		const [dot] = marksOf(options, Plot.Dot);
		expect(drawn(dot).symbol).toEqual(['Common cause', 'Special cause: concern', 'Common cause']);
		expect(options.symbol).toEqual({
			domain: ['Common cause', 'Special cause: concern'],
			range: ['circle', 'diamond'],
			legend: true
		});
	});
});
