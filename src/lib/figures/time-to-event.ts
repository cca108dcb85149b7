// Kaplan–Meier curves for the journeys figures, from the per-day rows the metrics give
// (metrics/journeys.ts); the statistics are stats/kaplan-meier.ts.
import type { SurvivalRow } from '../charts/survival-curve.ts';
import type { JourneyCountsRow, TimeToEventListRow, TimeToEventRow } from '../metrics/journeys.ts';
import {
	kaplanMeier,
	type KmInput,
	stepList,
	survivalQuantiles,
	type KmCurve,
	type KmQuantile
} from '../stats/kaplan-meier.ts';
import { formatNumber } from '../util/format.ts';
import { groupBy } from '../util/group-by.ts';

/** Events and censorings per group and day (metrics/journeys.ts). */
export type DayRow = TimeToEventRow;

/** A group's events and censorings per day as lists in day order (metrics/journeys.ts). */
export type DayLists = TimeToEventListRow;

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
	for (const [group, mine] of groupBy(rows, (r) => r.group)) out.set(group, summary(inputs(mine)));
	return out;
}

/**
 * The curve and summary of all the rows together, whatever their groups (undefined for no rows):
 * a split's rows summed by day are the overall rows, so a split needs no second query.
 */
export function overallCurve(rows: DayRow[]): CurveSummary | undefined {
	return rows.length ? summary(inputs(rows)) : undefined;
}

/** Each group's curve and summary from its lists, in the order the rows give the groups. */
export function curvesOfLists(rows: DayLists[]): Map<string, CurveSummary> {
	return new Map(rows.map((r) => [r.group, summary(dayInputs([r]))]));
}

/** The curve and summary of every group's lists together (undefined for no rows). */
export function overallOfLists(rows: DayLists[]): CurveSummary | undefined {
	return rows.length ? summary(dayInputs(rows)) : undefined;
}

const inputs = (rows: DayRow[]): KmInput[] =>
	rows.map((r) => ({ time: r.days, events: r.events, censored: r.censored }));

// Beyond this many days, lists are summed by kaplanMeier's own map and sort.
const dayLimit = 1 << 20;

/**
 * The Kaplan–Meier input of one or more groups' lists: one row per day in day order, each day's
 * events and censorings summed over the groups. The counts are whole numbers, so the sums do not
 * depend on their order. Days are summed in arrays indexed by day: at 1M referrals a split by
 * service has 109,054 day rows, which a map and a sort of row objects took several times longer
 * to sum.
 */
export function dayInputs(lists: DayLists[]): KmInput[] {
	const one = (l: DayLists) =>
		Array.from(l.days, (time, i) => ({ time, events: l.events[i], censored: l.censored[i] }));
	if (lists.length === 1) return one(lists[0]);
	let last = 0;
	for (const l of lists)
		for (const day of l.days) {
			// Days are whole and not negative (excluded episodes are left out by the query).
			if (!(Number.isInteger(day) && day >= 0 && day < dayLimit)) return lists.flatMap(one);
			if (day > last) last = day;
		}
	const events = new Float64Array(last + 1);
	const censored = new Float64Array(last + 1);
	const seen = new Uint8Array(last + 1);
	for (const l of lists)
		l.days.forEach((day, i) => {
			events[day] += l.events[i];
			censored[day] += l.censored[i];
			seen[day] = 1;
		});
	const out: KmInput[] = [];
	for (let day = 0; day <= last; day++)
		if (seen[day]) out.push({ time: day, events: events[day], censored: censored[day] });
	return out;
}

function summary(rows: KmInput[]): CurveSummary {
	const curve = kaplanMeier(rows);
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
