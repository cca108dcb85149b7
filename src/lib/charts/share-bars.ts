import * as Plot from '@observablehq/plot';
import { defaults } from './defaults.ts';
import { colourFor } from './palette.ts';

/** A segment of a 100% bar: its bar (y), group and share in % (null when suppressed). */
export interface ShareRow {
	y: string;
	group: string;
	value: number | null;
}

const percent = (v: number | null) => (v == null ? '*' : `${Math.round(v)}%`);

/**
 * Each bar's make-up as horizontal 100% bars (e.g. each service's discharge reasons), bars and
 * groups in the given order, each group in its stable colour; a bar with a suppressed segment
 * carries a `*` after what is shown of it.
 */
export function shareBarsChart(
	rows: ShareRow[],
	options: { width?: number; y: string[]; groups: string[]; allLabels?: string[]; xLabel: string }
) {
	const { groups } = options;
	const all = options.allLabels ?? groups;
	const longest = Math.max(0, ...options.y.map((l) => l.length));
	const ends = new Map<string, number>();
	for (const r of rows) ends.set(r.y, (ends.get(r.y) ?? 0) + (r.value ?? 0));
	const starred = [...new Set(rows.filter((r) => r.value == null).map((r) => r.y))];
	return {
		...defaults,
		width: options.width,
		height: Math.max(120, options.y.length * 36 + 90),
		marginLeft: Math.min(220, 12 + longest * 7),
		marginRight: 24,
		x: { grid: true, label: options.xLabel, domain: [0, 100] },
		y: { label: null, domain: options.y },
		color: { domain: groups, range: groups.map((g) => colourFor(g, all)), legend: true },
		marks: [
			Plot.barX(
				rows.filter((r) => r.value != null),
				{
					x: 'value',
					y: 'y',
					fill: 'group',
					order: groups,
					title: (d: ShareRow) => `${d.y}\n${d.group}: ${percent(d.value)}`,
					tip: true
				}
			),
			Plot.ruleX([0]),
			Plot.text(starred, {
				x: (y: string) => ends.get(y) ?? 0,
				y: (y: string) => y,
				text: () => '*',
				textAnchor: 'start',
				dx: 4
			})
		]
	};
}
