import * as Plot from '@observablehq/plot';
import { formatNumber } from '../util/format.ts';
import { defaults } from './defaults.ts';

/** Where a unit falls against the funnel's limits (METHODS.md "Funnel limits"). */
export type FunnelSignal = 'high_99.8' | 'high_95' | 'none' | 'low_95' | 'low_99.8';

/** A unit on the funnel: its denominator (x) and value (y, in the chart's units; null when hidden). */
export interface FunnelPlotPoint {
	label: string;
	x: number;
	y: number | null;
	signal: FunnelSignal | null;
}

/** The limits at one denominator, in the chart's units: the curves are drawn through these. */
export interface FunnelPlotLimits {
	x: number;
	l95: number;
	u95: number;
	l998: number;
	u998: number;
}

/**
 * The signals in legend order, with how they read, their colour (above warm, below cool; each 3:1
 * on white) and their shape, so that a signal never rests on colour alone (WCAG 1.4.1).
 */
export const signalStyles: {
	signal: FunnelSignal;
	label: string;
	colour: string;
	symbol: string;
}[] = [
	{ signal: 'high_99.8', label: 'Above the 99.8% limit', colour: '#8a1538', symbol: 'triangle' },
	{ signal: 'high_95', label: 'Above the 95% limit', colour: '#c55a00', symbol: 'diamond' },
	{ signal: 'none', label: 'Within the limits', colour: '#768692', symbol: 'circle' },
	{ signal: 'low_95', label: 'Below the 95% limit', colour: '#0087b5', symbol: 'square' },
	{ signal: 'low_99.8', label: 'Below the 99.8% limit', colour: '#003087', symbol: 'cross' }
];

const labelOf = (s: FunnelSignal | null) =>
	signalStyles.find((x) => x.signal === s)?.label ?? 'Within the limits';

/**
 * A funnel plot: each unit's value against its denominator, the target as a line, and the 95%
 * (dashed) and 99.8% (solid) limits as smooth curves over the whole range of denominators. Each
 * unit is labelled, and shaped and coloured by its signal; a unit whose value is hidden is not drawn.
 */
export function funnelPlotChart(
	points: FunnelPlotPoint[],
	curve: FunnelPlotLimits[],
	options: {
		width?: number;
		target: number | null;
		xLabel: string;
		yLabel: string;
		/** Decimal places of the value in tips (0 for percentages). */
		places?: number;
	}
) {
	// Colour and shape read the same field, so Plot draws one legend of coloured shapes.
	const shown = points
		.filter((p) => p.y != null)
		.map((p) => ({ ...p, reading: labelOf(p.signal) }));
	const places = options.places ?? 0;
	const line = (key: keyof FunnelPlotLimits, dash?: string) =>
		Plot.line(curve, {
			x: 'x',
			y: key,
			stroke: '#212b32',
			strokeWidth: 1,
			strokeDasharray: dash,
			curve: 'monotone-x'
		});
	return {
		...defaults,
		width: options.width,
		height: 340,
		marginRight: 24,
		x: {
			label: options.xLabel,
			grid: true,
			nice: true,
			domain: [0, Math.max(1, ...curve.map((c) => c.x))]
		},
		y: { label: options.yLabel, grid: true, nice: true },
		color: { domain: signalStyles.map((s) => s.label), range: signalStyles.map((s) => s.colour) },
		symbol: {
			domain: signalStyles.map((s) => s.label),
			range: signalStyles.map((s) => s.symbol),
			legend: true
		},
		marks: [
			line('l998'),
			line('u998'),
			line('l95', '4,3'),
			line('u95', '4,3'),
			...(options.target == null
				? []
				: [Plot.ruleY([options.target], { stroke: '#212b32', strokeWidth: 1.5 })]),
			Plot.dot(shown, {
				x: 'x',
				y: 'y',
				r: 5,
				fill: 'reading',
				symbol: 'reading',
				stroke: 'white',
				title: (d: FunnelPlotPoint) =>
					`${d.label}\n${options.yLabel}: ${formatNumber(d.y ?? 0, places)}\n${options.xLabel}: ${formatNumber(d.x)}\n${labelOf(d.signal)}`,
				tip: true
			}),
			Plot.text(shown, {
				x: 'x',
				y: 'y',
				text: 'label',
				dx: 7,
				textAnchor: 'start',
				fontSize: 11
			})
		]
	};
}
