import * as Plot from '@observablehq/plot';
import { defaults } from './defaults.ts';
import { colourFor } from './palette.ts';

/** A point of a Kaplan–Meier curve: the share still waiting (0–1) from `time` on, with its 95% limits. */
export interface SurvivalRow {
	group: string;
	time: number;
	survival: number;
	lower: number;
	upper: number;
}

const percent = (v: number) => `${Math.round(v * 100)}%`;

/**
 * Kaplan–Meier step curves with their confidence bands, one per group in its stable colour,
 * the share still waiting (y, %) against days since referral (x), and a rule at 50%: where a
 * curve crosses it is the median.
 */
export function survivalCurveChart(
	rows: SurvivalRow[],
	options: {
		width?: number;
		groups: string[];
		allLabels?: string[];
		yLabel: string;
		xLabel?: string;
	}
) {
	const { groups } = options;
	const all = options.allLabels ?? groups;
	const xLabel = options.xLabel ?? 'Days since referral';
	return {
		...defaults,
		width: options.width,
		marginRight: 56,
		x: { label: xLabel, grid: true },
		y: { label: options.yLabel, domain: [0, 100], percent: true, grid: true },
		color: {
			domain: groups,
			range: groups.map((g) => colourFor(g, all)),
			legend: groups.length > 1
		},
		marks: [
			Plot.areaY(rows, {
				x: 'time',
				y1: 'lower',
				y2: 'upper',
				fill: 'group',
				fillOpacity: 0.15,
				curve: 'step-after'
			}),
			Plot.ruleY([0.5], { stroke: '#4c6272', strokeDasharray: '4 3' }),
			Plot.text([0.5], {
				y: (d: number) => d,
				text: () => 'Median',
				frameAnchor: 'right',
				textAnchor: 'start',
				dx: 4,
				fill: '#4c6272'
			}),
			Plot.line(rows, {
				x: 'time',
				y: 'survival',
				stroke: 'group',
				strokeWidth: 2,
				curve: 'step-after',
				title: (d: SurvivalRow) =>
					`${d.group}\nDay ${d.time}: ${percent(d.survival)} (95% CI ${percent(d.lower)} to ${percent(d.upper)})`,
				tip: true
			}),
			Plot.ruleY([0])
		]
	};
}
