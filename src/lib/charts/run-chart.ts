import * as Plot from '@observablehq/plot';
import { formatNumber } from '../util/format.ts';
import { defaults } from './defaults.ts';

/** How a point of a run chart reads (METHODS.md "Run charts: XmR"). */
export type RunPointType =
	| 'common_cause'
	| 'special_cause_improvement'
	| 'special_cause_concern'
	| 'special_cause_neutral_high'
	| 'special_cause_neutral_low';

/** A point of one unit's run chart, with the mean and process limits of its segment (null: none). */
export interface RunPoint {
	unit: string;
	period: string;
	value: number | null;
	mean: number | null;
	lpl: number | null;
	upl: number | null;
	type: RunPointType;
}

/**
 * The point types in legend order: Making Data Count's blue (improvement), orange (concern; a
 * darker one, 3:1 on white) and purple (neutral), each with its own shape, so that a special cause
 * never rests on colour alone (WCAG 1.4.1).
 */
export const pointStyles: { type: RunPointType; label: string; colour: string; symbol: string }[] =
	[
		{ type: 'common_cause', label: 'Common cause', colour: '#768692', symbol: 'circle' },
		{
			type: 'special_cause_improvement',
			label: 'Special cause: improvement',
			colour: '#005eb8',
			symbol: 'triangle'
		},
		{
			type: 'special_cause_concern',
			label: 'Special cause: concern',
			colour: '#c55a00',
			symbol: 'diamond'
		},
		{
			type: 'special_cause_neutral_high',
			label: 'Special cause: high',
			colour: '#330072',
			symbol: 'square'
		},
		{
			type: 'special_cause_neutral_low',
			label: 'Special cause: low',
			colour: '#7c2855',
			symbol: 'cross'
		}
	];

const labelOf = (t: RunPointType) => pointStyles.find((s) => s.type === t)!.label;
const monthStart = (period: string) => new Date(`${period}-01T00:00:00Z`);

/** Round ticks across [lo, hi], about three of them. */
export function niceTicks(lo: number, hi: number): number[] {
	if (!(hi > lo)) return [lo];
	const raw = (hi - lo) / 3;
	const power = 10 ** Math.floor(Math.log10(raw));
	const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw)!;
	const out: number[] = [];
	for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step)
		out.push(+t.toFixed(10));
	return out;
}

/**
 * XmR run charts as small multiples, one row per unit (and all units): the monthly values joined
 * by a line, the mean (solid) and process limits (dashed) of each segment, and each point shaped
 * and coloured by its type. Each row has its own vertical scale, labelled on its left, so a small unit's
 * variation is as readable as the total's; a unit with too few points has no mean or limits.
 */
export function runChart(
	points: RunPoint[],
	options: {
		width?: number;
		units: string[];
		yLabel: string;
		places?: number;
		/** What Making Data Count's icons say for each unit: the variation, and the assurance. */
		icons?: { unit: string; text: string }[];
	}
) {
	const places = options.places ?? 0;
	// Each unit's own range (values and limits, from zero where all are positive), scaled to 0–1.
	const ranges = new Map<string, { lo: number; hi: number }>();
	for (const unit of options.units) {
		const mine = points.filter((p) => p.unit === unit);
		const all = mine.flatMap((p) => [p.value, p.lpl, p.upl].filter((v): v is number => v != null));
		const lo = Math.min(0, ...all);
		const hi = Math.max(lo + 1, ...all);
		const ticks = niceTicks(lo, hi);
		ranges.set(unit, { lo, hi: Math.max(hi, ticks[ticks.length - 1]) });
	}
	const scaled = (unit: string, v: number | null) => {
		if (v == null) return null;
		const { lo, hi } = ranges.get(unit)!;
		return (v - lo) / (hi - lo);
	};
	const rows = points
		.filter((p) => p.value != null)
		.map((p) => ({
			...p,
			date: monthStart(p.period),
			y: scaled(p.unit, p.value),
			reading: labelOf(p.type),
			yMean: scaled(p.unit, p.mean),
			yLpl: scaled(p.unit, p.lpl),
			yUpl: scaled(p.unit, p.upl)
		}));
	const first = rows.length
		? rows.reduce((a, r) => (r.date < a ? r.date : a), rows[0].date)
		: new Date();
	const ticks = options.units.flatMap((unit) => {
		const { lo, hi } = ranges.get(unit)!;
		return niceTicks(lo, hi).map((t) => ({ unit, t, y: scaled(unit, t)! }));
	});
	type Row = (typeof rows)[number];
	const level = (key: 'yMean' | 'yLpl' | 'yUpl', dash?: string) =>
		Plot.line(
			rows.filter((r) => r[key] != null),
			{
				x: 'date',
				y: key,
				fy: 'unit',
				z: (d: Row) => `${d.unit}:${d.mean}`,
				stroke: '#212b32',
				strokeWidth: 1,
				strokeDasharray: dash,
				curve: 'step'
			}
		);
	// The legend names only the types drawn, so it stays short.
	const types = pointStyles.filter((s) => rows.some((r) => r.type === s.type));
	return {
		...defaults,
		width: options.width,
		height: Math.max(160, options.units.length * 110 + 60),
		marginLeft: 56,
		marginRight: 150,
		fy: { domain: options.units, label: null, padding: 0.25, axis: 'right' as const },
		x: { type: 'utc' as const, label: null },
		y: { axis: null, domain: [0, 1] },
		// Colour and shape read the same field, so Plot draws one legend of coloured shapes.
		color: { domain: types.map((t) => t.label), range: types.map((t) => t.colour) },
		symbol: {
			domain: types.map((t) => t.label),
			range: types.map((t) => t.symbol),
			legend: true
		},
		marks: [
			Plot.frame({ stroke: '#d8dde0' }),
			Plot.ruleY(ticks, { y: 'y', fy: 'unit', stroke: '#eef0f1' }),
			Plot.text(ticks, {
				x: first,
				y: 'y',
				fy: 'unit',
				text: (d: { t: number }) => formatNumber(d.t, places),
				textAnchor: 'end',
				dx: -8,
				fill: '#4c6272',
				// Axis ticks, not counts: hidden from screen readers as Plot's own axes' ticks are described.
				ariaHidden: 'true'
			}),
			level('yMean'),
			level('yLpl', '4,3'),
			level('yUpl', '4,3'),
			Plot.line(rows, { x: 'date', y: 'y', fy: 'unit', stroke: '#aeb7bd' }),
			// In the right margin, under the unit's name.
			Plot.text(options.icons ?? [], {
				fy: 'unit',
				text: 'text',
				frameAnchor: 'right',
				textAnchor: 'start',
				dx: 8,
				dy: 16,
				lineWidth: 11,
				fontSize: 11,
				fill: '#4c6272'
			}),
			Plot.dot(rows, {
				x: 'date',
				y: 'y',
				fy: 'unit',
				r: 3.5,
				fill: 'reading',
				symbol: 'reading',
				title: (d: Row) =>
					`${d.unit}, ${d.period}\n${options.yLabel}: ${formatNumber(d.value ?? 0, places)}\n${labelOf(d.type)}`,
				tip: true
			})
		]
	};
}
