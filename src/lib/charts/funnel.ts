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
	// Room for the longest end label, '12,345 (100%)'.
	const marginRight = 100;
	// The labels' room, leaving the bars at least 80 px: on a narrow screen (a 280 px chart) the
	// longest label ("Discharged with goals met") would leave the bars a negative width. Labels
	// that do not fit then wrap onto a second line (the 36 px rows hold two).
	const wanted = Math.min(220, 12 + longest * 7);
	const marginLeft = Math.min(wanted, Math.max(60, (options.width ?? 640) - marginRight - 80));
	const wrapped =
		marginLeft < wanted ? [Plot.axisY({ label: null, lineWidth: (marginLeft - 12) / 13 })] : [];
	return {
		...defaults,
		width: options.width,
		height: Math.max(120, rows.length * 36 + 40),
		marginLeft,
		marginRight,
		x: { grid: true, label: 'Referrals', ...countTicks(largest(rows.map((r) => r.count))) },
		y: { label: null, domain: rows.map((r) => r.label) },
		marks: [
			...wrapped,
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
