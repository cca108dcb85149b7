import * as Plot from '@observablehq/plot';
import { iifThresholds } from '../metrics/rates.ts';
import { formatCount, formatRate } from '../util/format.ts';
import { defaults } from './defaults.ts';
import { primary } from './palette.ts';

/**
 * A group's people referred and referrals per 1,000 registered patients per year (null when
 * suppressed), their counts and its list size.
 */
export interface RateRow {
	label: string;
	people_rate: number | null;
	people: number | null;
	rate: number | null;
	referrals: number | null;
	list_size: number;
}

// With two thresholds they are the lower and upper bounds; otherwise each is just named.
function thresholdLabel(t: number, i: number, all: number[]): string {
	if (all.length !== 2) return `Former IIF ${t}`;
	return `Former IIF ${i === 0 ? 'lower' : 'upper'} ${t}`;
}

/**
 * People referred per 1,000 registered patients per year as horizontal bars, with the reference
 * lines (default: the former IIF PC-01 thresholds) as labelled rules.
 */
export function referralRateChart(
	rows: RateRow[],
	options: { width?: number; thresholds?: number[] } = {}
) {
	const thresholds = [...(options.thresholds ?? iifThresholds)].sort((a, b) => a - b);
	const top = Math.max(
		18,
		...thresholds.map((t) => t * 1.1),
		...rows.map((r) => r.people_rate ?? 0)
	);
	const longest = Math.max(0, ...rows.map((r) => r.label.length));
	const xLabel = 'People referred per 1,000 patients a year';
	const marginLeft = Math.min(220, 12 + longest * 7);
	// Each line's name reads leftwards from the line, one line of text each, above the bars. On a
	// chart too narrow for that (a phone, or 200% zoom) the names are just numbers (the caveat
	// names them). About 6 px a character at Plot's 10 px font; the axis may round up by 25%.
	const plotWidth = (options.width ?? 640) - marginLeft - 24;
	const fits = thresholds.every(
		(t, i) =>
			marginLeft + (t / (top * 1.25)) * plotWidth >= thresholdLabel(t, i, thresholds).length * 6 + 3
	);
	const label = (t: number, i: number) => (fits ? thresholdLabel(t, i, thresholds) : String(t));
	return {
		...defaults,
		width: options.width,
		height: Math.max(140, rows.length * 28 + 64),
		marginTop: 16 + 12 * thresholds.length,
		marginRight: 24,
		marginLeft,
		x: { grid: true, label: xLabel, domain: [0, top], nice: true },
		y: { label: null, domain: rows.map((r) => r.label) },
		marks: [
			Plot.barX(
				rows.filter((r) => r.people_rate != null),
				{
					x: 'people_rate',
					y: 'label',
					fill: primary,
					title: (d: RateRow) =>
						`${d.label}\nPeople referred: ${formatRate(d.people_rate)} per 1,000 a year (${formatCount(d.people)})\nReferrals: ${formatRate(d.rate)} per 1,000 a year (${formatCount(d.referrals)})\nRegistered patients: ${formatCount(d.list_size)}`,
					tip: true
				}
			),
			Plot.text(
				rows.filter((r) => r.people_rate == null),
				{ x: 0, y: 'label', text: () => '*', textAnchor: 'start', dx: 4 }
			),
			Plot.ruleX([0]),
			Plot.ruleX(thresholds, { stroke: '#212b32', strokeDasharray: '4,3' }),
			...thresholds.map((t, i) =>
				Plot.text([t], {
					x: (d: number) => d,
					text: () => label(t, i),
					frameAnchor: 'top',
					lineAnchor: 'bottom',
					textAnchor: 'end',
					dx: -3,
					// The highest line's name nearest the bars, the lowest's on top.
					dy: -6 - 12 * (thresholds.length - 1 - i)
				})
			)
		]
	};
}
