import * as Plot from '@observablehq/plot';
import { formatCount, formatShare } from '../util/format.ts';
import { countTicks, defaults, largest } from './defaults.ts';
import { primary } from './palette.ts';

/** A step of the pathway: its key, label, count, and share of those referred (0–1); null when suppressed. */
export interface FunnelRow {
	step: string;
	label: string;
	count: number | null;
	share: number | null;
}

/** A step's count and share as read at the end of its bar: '1,234 (56%)'. */
const funnelLabel = (d: FunnelRow) => `${formatCount(d.count)} (${formatShare(d.share)})`;

/** People at each step of the pathway as horizontal bars in step order, each labelled with its count and share of those referred. */
export function funnelChart(rows: FunnelRow[], options: { width?: number } = {}) {
	const longest = Math.max(0, ...rows.map((r) => r.label.length));
	return {
		...defaults,
		width: options.width,
		height: Math.max(120, rows.length * 36 + 40),
		marginLeft: Math.min(220, 12 + longest * 7),
		// Room for the longest end label, '12,345 (100%)'.
		marginRight: 100,
		x: { grid: true, label: 'Referrals', ...countTicks(largest(rows.map((r) => r.count))) },
		y: { label: null, domain: rows.map((r) => r.label) },
		marks: [
			Plot.barX(
				rows.filter((r) => r.count != null),
				{
					x: 'count',
					y: 'label',
					fill: primary,
					title: (d: FunnelRow) =>
						`${d.label}\nReferrals: ${formatCount(d.count)}\nShare of those referred: ${formatShare(d.share)}`,
					tip: true
				}
			),
			Plot.ruleX([0]),
			// A suppressed count puts its '* (*)' label at zero, where its bar would start.
			Plot.text(rows, {
				x: (d: FunnelRow) => d.count ?? 0,
				y: 'label',
				text: funnelLabel,
				textAnchor: 'start',
				dx: 4
			})
		]
	};
}
