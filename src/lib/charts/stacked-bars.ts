import * as Plot from '@observablehq/plot';
import { formatCount } from '../util/format.ts';
import { bandX, bandXEvery, defaults } from './defaults.ts';
import { colourFor } from './palette.ts';

/** A segment of a stacked column: its column (x), group and value (null when suppressed). */
export interface StackRow {
	x: string;
	group: string;
	value: number | null;
}

/** Columns stacked by group, columns and groups in the given order, each group in its stable colour; a column with a suppressed segment carries a `*` on top. */
export function stackedBarsChart(
	rows: StackRow[],
	options: {
		width?: number;
		x: string[];
		groups: string[];
		allLabels?: string[];
		/** Colours of the groups, in their order, where they have colours of their own. */
		colours?: string[];
		yLabel: string;
		/** Label every column (wrapping or turning the labels), not every nth one. */
		labelEvery?: boolean;
	}
) {
	const { groups, yLabel } = options;
	const all = options.allLabels ?? groups;
	const shown = rows.filter((r) => r.value != null);
	// One star per column with anything suppressed, above what is shown of that column.
	const tops = new Map<string, number>();
	for (const r of rows) tops.set(r.x, (tops.get(r.x) ?? 0) + (r.value ?? 0));
	const starred = [...new Set(rows.filter((r) => r.value == null).map((r) => r.x))];
	const every = options.labelEvery ? bandXEvery(options.x, { width: options.width }) : null;
	return {
		...defaults,
		width: options.width,
		marginRight: 20,
		...(every ?? { x: bandX(options.x, { width: options.width }) }),
		y: { grid: true, label: yLabel },
		color: {
			domain: groups,
			range: options.colours ?? groups.map((g) => colourFor(g, all)),
			legend: true
		},
		marks: [
			Plot.barY(shown, {
				x: 'x',
				y: 'value',
				fill: 'group',
				order: groups,
				title: (d: StackRow) => `${d.x}\n${d.group}: ${formatCount(d.value)}`,
				tip: true
			}),
			Plot.ruleY([0]),
			Plot.text(starred, {
				x: (x: string) => x,
				y: (x: string) => tops.get(x) ?? 0,
				text: () => '*',
				dy: -6
			})
		]
	};
}
