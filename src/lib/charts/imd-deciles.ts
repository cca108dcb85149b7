import * as Plot from '@observablehq/plot';
import { formatCount, formatShare } from '../util/format.ts';
import { defaults } from './defaults.ts';
import { primary } from './palette.ts';

/** People in an IMD decile ('1'–'10' or 'unknown') and their share of people with a known decile (null when suppressed). */
export interface DecileRow {
	decile: string;
	people: number | null;
	share: number | null;
}

/** The deciles on the axis, most deprived first; 'unknown' is left out of the chart. */
export const deciles = Array.from({ length: 10 }, (_, i) => String(i + 1));

/** The two colour groups: Core20 (the most deprived fifth) and the rest. */
export const decileGroups = ['Core20 (deciles 1–2)', 'Deciles 3–10'];

/** The grey-blue of the deciles outside Core20. */
export const otherDecileColour = '#768692';

/** Each decile's share of people as columns, Core20 in blue, against the 10% an even spread would give. */
export function imdDecilesChart(rows: DecileRow[], options: { width?: number } = {}) {
	const known = rows.filter((r) => deciles.includes(r.decile));
	const group = (d: DecileRow) => (d.decile === '1' || d.decile === '2' ? 0 : 1);
	return {
		...defaults,
		width: options.width,
		marginTop: 24,
		x: { type: 'band' as const, domain: deciles, label: 'IMD decile (1 = most deprived)' },
		y: { grid: true, percent: true, label: 'Share of people (%)' },
		color: { domain: decileGroups, range: [primary, otherDecileColour], legend: true },
		marks: [
			Plot.barY(
				known.filter((r) => r.share != null),
				{
					x: 'decile',
					y: 'share',
					fill: (d: DecileRow) => decileGroups[group(d)],
					title: (d: DecileRow) =>
						`IMD decile ${d.decile}\nPeople: ${formatCount(d.people)}\nShare: ${formatShare(d.share)}`,
					tip: true
				}
			),
			Plot.text(
				known.filter((r) => r.share == null),
				{ x: 'decile', y: 0, text: () => '*', dy: -6 }
			),
			Plot.ruleY([0]),
			Plot.ruleY([0.1], { stroke: '#212b32', strokeDasharray: '4,3' }),
			Plot.text([0.1], {
				y: (d: number) => d,
				text: () => 'Even spread (10%)',
				frameAnchor: 'right',
				textAnchor: 'end',
				lineAnchor: 'bottom',
				dy: -4,
				fill: 'currentColor',
				stroke: 'white',
				strokeWidth: 3,
				paintOrder: 'stroke'
			})
		]
	};
}
