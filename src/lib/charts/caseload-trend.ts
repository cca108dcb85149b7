import * as Plot from '@observablehq/plot';
import { formatCount, formatRate } from '../util/format.ts';
import { defaults } from './defaults.ts';
import { primary } from './palette.ts';

/** Open cases per link worker at one month end (ISO date): median, fewest and most; null when suppressed. */
export interface CaseloadPoint {
	month_end: string;
	label: string;
	median: number | null;
	min: number | null;
	max: number | null;
}

/** The names of the two series, as the legend shows them. */
export const caseloadSeries = ['Median per link worker', 'Fewest to most'] as const;

const dateOf = (d: CaseloadPoint) => new Date(`${d.month_end}T00:00:00Z`);

/** Open cases per link worker at each month end: the median as a line, the range between the fewest and most as a band. */
export function caseloadTrendChart(rows: CaseloadPoint[], options: { width?: number } = {}) {
	const [median, range] = caseloadSeries;
	const banded = rows.filter((r) => r.min != null && r.max != null);
	return {
		...defaults,
		width: options.width,
		marginRight: 20,
		x: { type: 'utc' as const, label: 'Month end' },
		y: { grid: true, label: 'Open cases per link worker', zero: true },
		color: { domain: [median, range], range: [primary, '#aecfee'], legend: true },
		marks: [
			Plot.areaY(banded, { x: dateOf, y1: 'min', y2: 'max', fill: () => range }),
			Plot.line(rows, { x: dateOf, y: 'median', stroke: () => median, strokeWidth: 2 }),
			Plot.dot(
				rows.filter((r) => r.median != null),
				{
					x: dateOf,
					y: 'median',
					fill: () => median,
					r: 3,
					title: (d: CaseloadPoint) =>
						`${d.label}\nMedian: ${formatRate(d.median)}\nFewest: ${formatCount(d.min)}\nMost: ${formatCount(d.max)}`,
					tip: true
				}
			),
			Plot.ruleY([0])
		]
	};
}
