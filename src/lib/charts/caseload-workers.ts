import * as Plot from '@observablehq/plot';
import { formatCount } from '../util/format.ts';
import { defaults } from './defaults.ts';
import { palette, primary } from './palette.ts';

/** A link worker's people referred in the year to the as-of date and open cases at it (null when suppressed). */
export interface WorkerRow {
	label: string;
	people_year: number | null;
	open: number | null;
}

/** The names of the two series, as the legend shows them. */
const workerSeries = ['People referred in the year', 'Open cases now'] as const;

/**
 * Per link worker, people referred in the year as bars against the guidance range (a shaded
 * band, e.g. 200–250 a year for a full-time worker), and open cases now as dots.
 */
export function caseloadWorkersChart(
	rows: WorkerRow[],
	options: { width?: number; guidance: readonly [number, number] }
) {
	const [year, open] = workerSeries;
	const [low, high] = options.guidance;
	const longest = Math.max(0, ...rows.map((r) => r.label.length));
	const top = Math.max(high * 1.1, ...rows.map((r) => Math.max(r.people_year ?? 0, r.open ?? 0)));
	return {
		...defaults,
		width: options.width,
		height: Math.max(140, rows.length * 28 + 80),
		marginTop: 28,
		marginRight: 24,
		marginLeft: Math.min(220, 12 + longest * 7),
		x: { grid: true, label: 'People', domain: [0, top], nice: true },
		y: { label: null, domain: rows.map((r) => r.label) },
		color: { domain: [year, open], range: [palette[4], primary], legend: true },
		marks: [
			Plot.rectX([options.guidance], {
				x1: () => low,
				x2: () => high,
				fill: '#ffb81c',
				fillOpacity: 0.25
			}),
			Plot.text([options.guidance], {
				x: () => (low + high) / 2,
				text: () => `Guidance ${low}–${high} a year`,
				frameAnchor: 'top',
				lineAnchor: 'bottom',
				dy: -6
			}),
			Plot.barX(
				rows.filter((r) => r.people_year != null),
				{
					x: 'people_year',
					y: 'label',
					fill: () => year,
					insetTop: 4,
					insetBottom: 4,
					title: (d: WorkerRow) =>
						`${d.label}\n${year}: ${formatCount(d.people_year)}\n${open}: ${formatCount(d.open)}`,
					tip: true
				}
			),
			Plot.dot(
				rows.filter((r) => r.open != null),
				{ x: 'open', y: 'label', fill: () => open, r: 4 }
			),
			Plot.text(
				rows.filter((r) => r.people_year == null || r.open == null),
				{ x: 0, y: 'label', text: () => '*', textAnchor: 'start', dx: 4 }
			),
			Plot.ruleX([0])
		]
	};
}
