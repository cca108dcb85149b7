import * as Plot from '@observablehq/plot';
import { formatCount, formatNumber } from '../util/format.ts';
import { defaults } from './defaults.ts';
import { palette, primary } from './palette.ts';

/** A window's value, e.g. GP appointments in the 6 months before referral (null when suppressed). */
export interface BeforeAfterRow {
	when: string;
	value: number | null;
}

/** Before in NHS mid grey, after in NHS blue: the eye goes to where people are now. */
export const beforeAfterColours = [palette[9], primary];

/** Two columns wider than this read as blocks rather than bars. */
export const maxWidth = 480;

// Totals read as counts; a mean per person keeps one decimal place rather than rounding to nothing.
const reading = (v: number | null) =>
	v == null || Number.isInteger(v) ? formatCount(v) : formatNumber(v, 1);

/** A value before and after referral as two columns (the first row is before), each labelled on top; a suppressed value shows `*`. */
export function beforeAfterChart(
	rows: BeforeAfterRow[],
	options: { width?: number; yLabel: string }
) {
	const { yLabel } = options;
	const whens = rows.map((r) => r.when);
	// Headroom over the taller column, so its label stays clear of the axis label above.
	const top = Math.max(1, ...rows.map((r) => r.value ?? 0)) * 1.12;
	return {
		...defaults,
		width: Math.min(options.width ?? maxWidth, maxWidth),
		height: 260,
		marginRight: 20,
		x: { type: 'band' as const, domain: whens, label: null, padding: 0.35 },
		y: { grid: true, label: yLabel, domain: [0, top], nice: true },
		color: { domain: whens, range: whens.map((_, i) => beforeAfterColours[i === 0 ? 0 : 1]) },
		marks: [
			Plot.barY(
				rows.filter((r) => r.value != null),
				{
					x: 'when',
					y: 'value',
					fill: 'when',
					title: (d: BeforeAfterRow) => `${d.when}\n${yLabel}: ${reading(d.value)}`,
					tip: true
				}
			),
			Plot.ruleY([0]),
			Plot.text(rows, {
				x: 'when',
				y: (d: BeforeAfterRow) => d.value ?? 0,
				text: (d: BeforeAfterRow) => reading(d.value),
				lineAnchor: 'bottom',
				dy: -6,
				fontWeight: 'bold'
			})
		]
	};
}
