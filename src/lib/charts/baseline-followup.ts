import * as Plot from '@observablehq/plot';
import { formatCount, formatNumber } from '../util/format.ts';
import { defaults } from './defaults.ts';
import { primary } from './palette.ts';

/** A pair of scores (baseline, follow-up) and how many people had it (null when suppressed). */
export interface PairCell {
	baseline: number;
	followup: number;
	people: number | null;
}

/** The widest this chart draws: a square much wider than this spreads a few dots thin. */
export const maxSide = 420;

const margins = { marginTop: 44, marginRight: 20, marginBottom: 40, marginLeft: 48 };

// Scores read to two places at most (SWEMWBS metric scores are 23.21 and the like).
const score = (v: number) => formatNumber(v, 2);

// The closest two distinct scores sit apart: the grid the dots fall on, to size them by.
function spacing(rows: PairCell[], min: number, max: number): number {
	const values = [...new Set(rows.flatMap((r) => [r.baseline, r.followup]))].sort((a, b) => a - b);
	const gaps = values.slice(1).map((v, i) => v - values[i]);
	return Math.min((max - min) / 10, ...gaps.filter((g) => g > 0));
}

/** Each person's follow-up score against their baseline, as dots sized by people, on equal axes with the line of no change; the better side is named. */
export function baselineFollowupChart(
	rows: PairCell[],
	options: { width?: number; min: number; max: number; better: 'higher' | 'lower'; label: string }
) {
	const { min, max, better, label } = options;
	if (!(max > min)) throw new Error(`invalid range: ${min}–${max}`);
	const width = Math.min(options.width ?? maxSide, maxSide);
	const side = width - margins.marginLeft - margins.marginRight;
	// Equal domains on a square frame put the line of no change at 45°.
	const height = side + margins.marginTop + margins.marginBottom;
	// The largest dot covers a little more than its own cell, so the grid still reads.
	const largest = Math.max(3, Math.min(16, ((spacing(rows, min, max) / (max - min)) * side) / 1.6));
	const shown = rows.filter((r) => r.people != null);
	const tip = (d: PairCell) =>
		`Baseline: ${score(d.baseline)}\nFollow-up: ${score(d.followup)}\nPeople: ${formatCount(d.people)}`;
	const above = better === 'higher';
	// Short integer scales (UCLA 3–9) tick every whole score, never at halves no one can score.
	const ticks =
		max - min <= 12 && Number.isInteger(min) && Number.isInteger(max)
			? Array.from({ length: max - min + 1 }, (_, i) => min + i)
			: undefined;
	const axis = { domain: [min, max], grid: true, inset: 6, ticks, tickFormat: ticks && 'd' };
	// Labels drawn over the dots keep a white halo, so both stay readable.
	const note = { fill: '#425563', stroke: 'white' };
	return {
		...defaults,
		...margins,
		width,
		height,
		x: { ...axis, label: `${label} at baseline` },
		y: { ...axis, label: `${label} at follow-up` },
		r: { range: [0, largest] },
		marks: [
			Plot.line([min, max], { x: (d: number) => d, y: (d: number) => d, stroke: '#768692' }),
			Plot.dot(shown, {
				x: 'baseline',
				y: 'followup',
				r: 'people',
				fill: primary,
				fillOpacity: 0.7,
				stroke: 'white',
				strokeWidth: 0.5,
				title: tip,
				tip: true
			}),
			// A suppressed cell shows that someone is there, not how many.
			Plot.dot(
				rows.filter((r) => r.people == null),
				{
					x: 'baseline',
					y: 'followup',
					r: 2.5,
					stroke: primary,
					fill: 'none',
					title: tip,
					tip: true
				}
			),
			Plot.text([max], {
				...note,
				x: (d: number) => d,
				y: (d: number) => d,
				text: () => 'no change',
				rotate: -45,
				textAnchor: 'end',
				dy: -6
			}),
			// Above the line is a higher follow-up than baseline: better when higher is better. It sits
			// above the frame, on a line of its own over the y label, where no dot can hide it.
			Plot.text([above ? '↑ Better above the line' : 'Better below the line ↓'], {
				...note,
				text: (d: string) => d,
				frameAnchor: 'top-right',
				lineAnchor: 'bottom',
				dy: -24
			})
		]
	};
}
