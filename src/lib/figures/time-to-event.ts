// Kaplan–Meier curves for the journeys figures, from the per-day rows the metrics give
// (metrics/journeys.ts); the statistics are stats/kaplan-meier.ts.
import type { SurvivalRow } from '../charts/survival-curve.ts';
import type { JourneyCountsRow, TimeToEventRow } from '../metrics/journeys.ts';
import {
	kaplanMeier,
	stepList,
	survivalQuantiles,
	type KmCurve,
	type KmQuantile
} from '../stats/kaplan-meier.ts';
import { formatNumber } from '../util/format.ts';
import { groupBy } from '../util/group-by.ts';

/** Events and censorings per group and day (metrics/journeys.ts). */
export type DayRow = TimeToEventRow;

/** A Kaplan–Meier curve and its median and quartiles, each with its 95% CI (null = not reached). */
export interface CurveSummary {
	curve: KmCurve;
	median: KmQuantile;
	p25: KmQuantile;
	p75: KmQuantile;
}

/** Each group's curve and summary, in the order the rows give the groups. */
export function curvesByGroup(rows: DayRow[]): Map<string, CurveSummary> {
	const out = new Map<string, CurveSummary>();
	for (const [group, mine] of groupBy(rows, (r) => r.group)) out.set(group, summary(mine));
	return out;
}

/**
 * The curve and summary of all the rows together, whatever their groups (undefined for no rows):
 * a split's rows summed by day are the overall rows, so a split needs no second query.
 */
export function overallCurve(rows: DayRow[]): CurveSummary | undefined {
	return rows.length ? summary(rows) : undefined;
}

function summary(rows: DayRow[]): CurveSummary {
	const curve = kaplanMeier(
		rows.map((r) => ({ time: r.days, events: r.events, censored: r.censored }))
	);
	const [median, p25, p75] = survivalQuantiles(curve, [0.5, 0.25, 0.75]);
	return { curve, median, p25, p75 };
}

/** Days as read: "60", "60.5", or "not reached". */
export function formatDays(v: number | null | undefined): string {
	return v == null ? 'not reached' : formatNumber(v, 1);
}

/** A median's interval as read: "45 to 60", "60 to not reached". */
export function formatInterval(q: KmQuantile): string {
	return `${formatDays(q.lower)} to ${formatDays(q.upper)}`;
}

/** A curve's points for the chart (survival-curve.ts), from day 0 at 1. */
export function curveRows(label: string, curve: KmCurve): SurvivalRow[] {
	return [
		{ group: label, time: 0, survival: 1, lower: 1, upper: 1 },
		...stepList(curve).map((s) => ({
			group: label,
			time: s.time,
			survival: s.survival,
			lower: s.lower,
			upper: s.upper
		}))
	];
}

/** Options of the time figures: the as-of date (ISO) the open cases are censored at. */
export interface TimeOptions {
	asOf: string;
}

/** Counts behind the journeys figures (metrics/journeys.ts journeyCounts). */
export type JourneyCounts = JourneyCountsRow;
