import * as Plot from '@observablehq/plot';
import { defaults } from './defaults.ts';
import { primary } from './palette.ts';

/** A row of the monthly series: `YYYY-MM` and the referrals that month. */
export interface MonthRow {
	month: string;
	referrals: number;
}

/** Referrals per month as columns, with the months on a time axis. */
export function referralsByMonthChart(rows: MonthRow[], options: { width?: number } = {}) {
	const data = rows.map((r) => ({ ...r, date: new Date(`${r.month}-01T00:00:00Z`) }));
	return {
		...defaults,
		width: options.width,
		// A tick a month for a year or less; over longer spans Plot's own (quarters, years) reads better.
		x: {
			type: 'utc' as const,
			label: null,
			...(rows.length <= 12 ? { ticks: 'month' as const, tickFormat: '%b %Y' } : {})
		},
		y: { grid: true, label: 'Referrals' },
		marks: [
			Plot.rectY(data, {
				x: 'date',
				y: 'referrals',
				interval: 'month',
				fill: primary,
				inset: 1,
				tip: { format: { x: (d: Date) => d.toISOString().slice(0, 7) } }
			}),
			Plot.ruleY([0])
		]
	};
}
