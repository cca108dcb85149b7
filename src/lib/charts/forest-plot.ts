import * as Plot from '@observablehq/plot';
import { formatCount } from '../util/format.ts';
import { signed } from './change-distribution.ts';
import { defaults } from './defaults.ts';
import { primary } from './palette.ts';

/** A group's mean change with its 95% CI, and its pairs; mean null when suppressed or too few pairs, low/high null with no interval. */
export interface ForestRow {
	dimension: string;
	group: string;
	n: number | null;
	mean: number | null;
	low: number | null;
	high: number | null;
}

/** The overall mean change with its 95% CI, drawn behind the groups. */
export interface ForestOverall {
	mean: number;
	low: number | null;
	high: number | null;
}

/** A row's label on the axis: 'Sex: Female'. One band axis keeps every dimension's groups apart (facets would share one y domain across dimensions). */
const forestLabel = (d: ForestRow) => `${d.dimension}: ${d.group}`;

/** Room for the rows: about 22 px each, plus the margins. */
export const rowHeight = 22;

const ink = '#212b32';

// Under 10 pairs a mean is shown without an interval (METHODS.md).
// Means and limits to three significant figures: "+3.7", not "+3.695".
const approx = (v: number) => signed(Number(v.toPrecision(3)));

const interval = (low: number | null, high: number | null) =>
	low == null || high == null ? 'not shown (too few pairs)' : `${approx(low)} to ${approx(high)}`;

/** Mean change by group as dots with their 95% CIs, in the given order, against no change and the overall mean (its CI shaded). */
export function forestPlotChart(
	rows: ForestRow[],
	options: {
		width?: number;
		overall: ForestOverall | null;
		xLabel: string;
		meaningfulChange: number | null;
	}
) {
	const { overall, xLabel, meaningfulChange: mc } = options;
	const longest = Math.max(0, ...rows.map((r) => forestLabel(r).length));
	const shown = rows.filter((r) => r.mean != null);
	const ranged = shown.filter((r) => r.low != null && r.high != null);
	const thresholds = mc == null ? [] : [-mc, mc];
	// Two lines of labels above the frame: the overall mean, and below it the meaningful change.
	const marginTop = 44;
	const marginBottom = 40;
	const label = (x: number, text: string, dy: number) =>
		Plot.text([x], {
			x: (d: number) => d,
			text: () => text,
			frameAnchor: 'top',
			lineAnchor: 'bottom',
			dy,
			fill: ink
		});
	return {
		...defaults,
		width: options.width,
		height: marginTop + marginBottom + Math.max(1, rows.length) * rowHeight,
		marginTop,
		marginBottom,
		marginRight: 24,
		marginLeft: Math.min(240, 12 + longest * 7),
		// Inset, so a rule on the edge of the domain stays clear of the axis.
		x: { grid: true, label: xLabel, nice: true, inset: 12 },
		y: { domain: rows.map(forestLabel), label: null },
		marks: [
			...(overall?.low != null && overall.high != null
				? [Plot.rect([overall], { x1: 'low', x2: 'high', fill: primary, fillOpacity: 0.08 })]
				: []),
			Plot.ruleX([0], { stroke: ink }),
			Plot.ruleX(thresholds, { stroke: '#768692', strokeDasharray: '1,3' }),
			...thresholds.map((t) => label(t, `${signed(t)} meaningful`, -4)),
			...(overall
				? [
						Plot.ruleX([overall.mean], { stroke: ink, strokeDasharray: '4,3' }),
						label(overall.mean, `Overall ${approx(overall.mean)}`, -20)
					]
				: []),
			Plot.ruleY(ranged, {
				y: forestLabel,
				x1: 'low',
				x2: 'high',
				stroke: primary,
				strokeWidth: 2
			}),
			Plot.dot(shown, {
				x: 'mean',
				y: forestLabel,
				r: 4,
				fill: primary,
				title: (d: ForestRow) =>
					`${forestLabel(d)}\nPairs: ${formatCount(d.n)}\nMean change: ${approx(d.mean ?? 0)}\n95% CI: ${interval(d.low, d.high)}`,
				tip: true
			}),
			// A suppressed group (n null too) is a *; a published n with no mean had too few pairs.
			Plot.text(
				rows.filter((r) => r.mean == null),
				{
					x: 0,
					y: forestLabel,
					text: (d: ForestRow) => (d.n == null ? '*' : 'too few pairs'),
					textAnchor: 'start',
					dx: 6,
					fill: '#425563'
				}
			)
		]
	};
}
