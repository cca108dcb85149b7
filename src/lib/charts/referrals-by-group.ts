import * as Plot from '@observablehq/plot';
import { formatCount } from '../util/format.ts';
import { countTicks, defaults, largest } from './defaults.ts';
import { colourFor } from './palette.ts';

/** A row of a breakdown: the group's label and its counts (null when suppressed). */
export interface GroupRow {
	label: string;
	referrals?: number | null;
}

/** The outline of a bar the page is currently filtered on. */
export const selectedStroke = '#212b32';

/** A count by group as horizontal bars in the given order (largest first from the SQL), each group in its stable colour; suppressed counts show `*` at zero. */
export function referralsByGroupChart<R extends GroupRow>(
	rows: R[],
	options: {
		width?: number;
		allLabels?: string[];
		value?: keyof R & string;
		xLabel?: string;
		selected?: string[];
	} = {}
) {
	const key = options.value ?? 'referrals';
	const xLabel = options.xLabel ?? 'Referrals';
	const valueOf = (d: R) => (d as Record<string, unknown>)[key] as number | null | undefined;
	const labels = options.allLabels ?? rows.map((r) => r.label);
	const selected = new Set(options.selected ?? []);
	const longest = Math.max(0, ...rows.map((r) => r.label.length));
	return {
		...defaults,
		width: options.width,
		height: Math.max(120, rows.length * 28 + 40),
		marginLeft: Math.min(220, 12 + longest * 7),
		x: { grid: true, label: xLabel, ...countTicks(largest(rows.map(valueOf))) },
		y: { label: null, domain: rows.map((r) => r.label) },
		marks: [
			Plot.barX(
				rows.filter((r) => valueOf(r) != null),
				{
					x: valueOf,
					y: 'label',
					fill: (d: R) => colourFor(d.label, labels),
					stroke: (d: R) => (selected.has(d.label) ? selectedStroke : 'none'),
					strokeWidth: 2,
					title: (d: R) => `${d.label}\n${xLabel}: ${formatCount(valueOf(d))}`,
					tip: true
				}
			),
			Plot.text(
				rows.filter((r) => valueOf(r) == null),
				{ x: 0, y: 'label', text: () => '*', textAnchor: 'start', dx: 4 }
			),
			Plot.ruleX([0])
		]
	};
}
