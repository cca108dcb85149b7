import * as Plot from '@observablehq/plot';
import { defaults } from './defaults.ts';
import { colourFor } from './palette.ts';

/** A row of a breakdown: the group's label and its referrals. */
export interface GroupRow {
	label: string;
	referrals: number;
}

/** Referrals by group as horizontal bars, largest first, each group in its stable colour. */
export function referralsByGroupChart(
	rows: GroupRow[],
	options: { width?: number; allLabels?: string[] } = {}
) {
	const labels = options.allLabels ?? rows.map((r) => r.label);
	const longest = Math.max(0, ...rows.map((r) => r.label.length));
	return {
		...defaults,
		width: options.width,
		height: Math.max(120, rows.length * 28 + 40),
		marginLeft: Math.min(220, 12 + longest * 7),
		x: { grid: true, label: 'Referrals' },
		y: { label: null, domain: rows.map((r) => r.label) },
		marks: [
			Plot.barX(rows, {
				x: 'referrals',
				y: 'label',
				fill: (d: GroupRow) => colourFor(d.label, labels),
				tip: true
			}),
			Plot.ruleX([0])
		]
	};
}
