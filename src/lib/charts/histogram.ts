import * as Plot from '@observablehq/plot';
import { formatCount } from '../util/format.ts';
import { bandX, defaults } from './defaults.ts';
import { palette, primary } from './palette.ts';

/** A column of a histogram: its label, count (null when suppressed) and whether it is in the highlighted range. */
export interface HistogramRow {
	label: string;
	value: number | null;
	highlight: boolean;
}

/** Rows of a figure as histogram bars: their label, the count in `value`, and their highlight. */
export function histogramRows<R extends { label: string; highlight: boolean }>(
	rows: R[],
	value: { [K in keyof R]: R[K] extends number | null ? K : never }[keyof R]
): HistogramRow[] {
	return rows.map((r) => ({
		label: r.label,
		value: r[value] as number | null,
		highlight: r.highlight
	}));
}

/**
 * Counts as columns in the given order, those in a range of interest (e.g. the 6–12 contacts
 * typically reported) in NHS blue and the rest in grey, with a legend naming both; a suppressed
 * count shows `*` at zero.
 */
export function histogramChart(
	rows: HistogramRow[],
	options: {
		width?: number;
		xLabel: string;
		yLabel: string;
		highlightLabel: string;
		otherLabel: string;
	}
) {
	const labels = rows.map((r) => r.label);
	const { highlightLabel, otherLabel } = options;
	const kind = (d: HistogramRow) => (d.highlight ? highlightLabel : otherLabel);
	return {
		...defaults,
		width: options.width,
		marginRight: 20,
		x: bandX(labels, { width: options.width, label: options.xLabel, padding: 0.1 }),
		y: { grid: true, label: options.yLabel },
		color: { domain: [highlightLabel, otherLabel], range: [primary, palette[9]], legend: true },
		marks: [
			Plot.barY(
				rows.filter((r) => r.value != null),
				{
					x: 'label',
					y: 'value',
					fill: kind,
					title: (d: HistogramRow) =>
						`${options.xLabel}: ${d.label}\n${options.yLabel}: ${formatCount(d.value)}`,
					tip: true
				}
			),
			Plot.ruleY([0]),
			Plot.text(
				rows.filter((r) => r.value == null),
				{ x: 'label', y: 0, text: () => '*', dy: -6 }
			)
		]
	};
}
