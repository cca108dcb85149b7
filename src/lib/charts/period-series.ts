import * as Plot from '@observablehq/plot';
import { formatCount } from '../util/format.ts';
import { bandX, countTicks, defaults, largest } from './defaults.ts';
import { palette, primary } from './palette.ts';

/** A period of the series: its key ('YYYY-MM' or a quarter's first day), label, and counts (null when suppressed). */
export interface PeriodRow {
	period: string;
	label: string;
	referrals: number | null;
	people: number | null;
}

/** The names of the two series, as the legend shows them. */
const seriesNames = ['Referrals', 'People referred'] as const;

/** Referrals per month or quarter as columns, with people referred as a line; periods read as their labels, in the given order. */
export function periodSeriesChart(
	rows: PeriodRow[],
	options: { width?: number; unit: 'month' | 'quarter' }
) {
	const labels = rows.map((r) => r.label);
	const [referrals, people] = seriesNames;
	const noun = options.unit === 'month' ? 'Month' : 'Quarter';
	// Both stars sit on the baseline; people's is lifted so the two never overlap.
	const star = (key: 'referrals' | 'people', dy: number, fill: string) =>
		Plot.text(
			rows.filter((r) => r[key] == null),
			{ x: 'label', y: 0, text: () => '*', dy, fill }
		);
	return {
		...defaults,
		width: options.width,
		marginRight: 20,
		x: bandX(labels, { width: options.width }),
		y: {
			grid: true,
			label: 'Count',
			...countTicks(largest(rows.flatMap((r) => [r.referrals, r.people])))
		},
		color: { domain: [referrals, people], range: [primary, palette[1]], legend: true },
		marks: [
			Plot.barY(
				rows.filter((r) => r.referrals != null),
				{
					x: 'label',
					y: 'referrals',
					fill: () => referrals,
					title: (d: PeriodRow) =>
						`${noun}: ${d.label}\n${referrals}: ${formatCount(d.referrals)}\n${people}: ${formatCount(d.people)}`,
					tip: true
				}
			),
			Plot.ruleY([0]),
			Plot.line(rows, { x: 'label', y: 'people', stroke: () => people, strokeWidth: 2 }),
			Plot.dot(
				rows.filter((r) => r.people != null),
				{ x: 'label', y: 'people', fill: () => people, r: 3 }
			),
			star('referrals', -6, primary),
			star('people', -20, palette[1])
		]
	};
}
