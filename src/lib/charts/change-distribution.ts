import * as Plot from '@observablehq/plot';
import { formatCount } from '../util/format.ts';
import { defaults } from './defaults.ts';
import { palette, primary } from './palette.ts';

/** How pairs with one change read (the statistics decide, stats/outcomes.ts `direction`). */
export type ChangeClass = (typeof changeClasses)[number];

/** One change (follow-up − baseline, binned), one reading, and the pairs (null when suppressed). */
export interface ChangeRow {
	change: number;
	people: number | null;
	movement: ChangeClass;
}

/** The three readings of a change against the meaningful change, as the legend names them. */
export const changeClasses = [
	'Improved meaningfully',
	'No meaningful change',
	'Deteriorated meaningfully'
] as const;

/** Their colours: NHS blue and orange tell apart under the common colour-vision deficiencies; grey recedes. */
export const changeColours = [primary, '#768692', palette[1]];

/** A signed change for reading, with a true minus sign as Plot's axes use: '+3', '−0.08', '0'. */
export const signed = (v: number) =>
	v
		.toLocaleString('en-GB', { maximumFractionDigits: 3, signDisplay: 'exceptZero' })
		.replace('-', '−');

/**
 * How many people changed by how much, one bar per change, coloured by each pair's reading as
 * the statistics count it (a bin can hold pairs on both sides of a decimal threshold, stacked),
 * with rules at no change and at ± the meaningful change (none for band measures).
 */
export function changeDistributionChart(
	rows: ChangeRow[],
	options: {
		width?: number;
		meaningfulChange: number | null;
		xLabel: string;
		step?: number;
	}
) {
	const { meaningfulChange: mc, xLabel } = options;
	const step = options.step ?? 1;
	if (!(step > 0)) throw new Error(`invalid step: ${step}`);
	const thresholds = mc == null ? [] : [-mc, mc];
	// Symmetric about no change, so improvement and deterioration take equal room.
	const reach = Math.max(step, ...rows.map((r) => Math.abs(r.change) + step / 2), mc ?? 0);
	return {
		...defaults,
		width: options.width,
		marginTop: 28,
		marginRight: 20,
		x: { domain: [-reach * 1.05, reach * 1.05], label: xLabel },
		y: { grid: true, label: 'People' },
		color: { domain: [...changeClasses], range: changeColours, legend: true },
		marks: [
			Plot.rectY(
				rows.filter((r) => r.people != null),
				{
					x1: (d: ChangeRow) => d.change - step / 2,
					x2: (d: ChangeRow) => d.change + step / 2,
					y: 'people',
					fill: 'movement',
					inset: 0.5,
					title: (d: ChangeRow) =>
						[`Change: ${signed(d.change)}`, `People: ${formatCount(d.people)}`, d.movement].join(
							'\n'
						),
					tip: true
				}
			),
			Plot.text(
				rows.filter((r) => r.people == null),
				{ x: 'change', y: 0, text: () => '*', dy: -6 }
			),
			Plot.ruleY([0]),
			Plot.ruleX([0], { stroke: '#212b32' }),
			Plot.ruleX(thresholds, { stroke: '#212b32', strokeDasharray: '4,3' }),
			// Labels read outwards from their rules, so they never cross the rule at zero.
			...thresholds.map((t) =>
				Plot.text([t], {
					x: (d: number) => d,
					text: () => `${signed(t)} meaningful change`,
					frameAnchor: 'top',
					lineAnchor: 'bottom',
					textAnchor: t < 0 ? 'end' : 'start',
					dx: t < 0 ? -3 : 3,
					dy: -6
				})
			)
		]
	};
}
