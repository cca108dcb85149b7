import type { SurvivalRow } from '../charts/survival-curve.ts';
import type { Split } from '../metrics/journeys.ts';
import { ukDate } from '../metrics/periods.ts';
import type { KmCurve, KmQuantile } from '../stats/kaplan-meier.ts';
import { isSmall, publishCells, publishCount } from '../stats/small-numbers.ts';
import { formatCount as fc } from '../util/format.ts';
import type { FigureContext, FigureView } from './figure.ts';
import {
	curveRows,
	curvesOfLists,
	overallCurve,
	overallOfLists,
	formatDays,
	formatInterval,
	type CurveSummary,
	type DayLists,
	type DayRow,
	type JourneyCounts,
	type TimeOptions
} from './time-to-event.ts';
import { valueLabel } from './figure.ts';

/** The most curves a split chart draws (the palette's colours); the table has every group. */
export const curveLimit = 10;

const splitNames: Record<Split, string> = { none: '', service: 'service', pcn: 'PCN' };
const groupName = valueLabel;

/** A row of the time-to-discharge table: one per group (the first is every referral). */
export interface TimeRow extends Record<string, unknown> {
	label: string;
	referrals: number | null;
	events: number | null;
	censored: number | null;
	median: string;
	interval: string;
	p25: string;
	p25_interval: string;
	p75: string;
	p75_interval: string;
}

// A group's row: counts as published, and its days hidden (`*`) when its count is.
function timeRow(
	label: string,
	s: CurveSummary,
	shown: (number | null)[],
	hidden: boolean
): TimeRow {
	const [referrals, events, censored] = shown;
	const star = (text: string) => (hidden ? '*' : text);
	return {
		label,
		referrals,
		events,
		censored,
		median: star(formatDays(s.median.estimate)),
		interval: star(formatInterval(s.median)),
		p25: star(formatDays(s.p25.estimate)),
		p25_interval: star(formatInterval(s.p25)),
		p75: star(formatDays(s.p75.estimate)),
		p75_interval: star(formatInterval(s.p75))
	};
}

/**
 * Time to discharge as the queries give it: unsplit, the day rows of every referral (group
 * `all`); split by service or PCN, each group's lists (their days summed are the overall curve,
 * so a split needs no second query).
 */
export type DischargeTimes =
	{ by: 'none'; rows: DayRow[] } | { by: Exclude<Split, 'none'>; rows: DayLists[] };

/**
 * Time from referral to discharge: Kaplan–Meier overall and, when split, per service or PCN.
 * In publication mode a group of 1–7 referrals (or hidden to protect one) shows no days and no
 * curve; counts are published, groups with secondary suppression.
 */
export function dischargeView(
	times: DischargeTimes,
	counts: JourneyCounts,
	ctx: FigureContext,
	options: TimeOptions
) {
	const all = times.by === 'none' ? overallCurve(times.rows) : overallOfLists(times.rows);
	const groups = times.by === 'none' ? new Map<string, CurveSummary>() : curvesOfLists(times.rows);
	const on = ctx.publication;
	const n = (c: KmCurve | undefined) => c?.n ?? 0;
	const allHidden = on && (n(all?.curve) === 0 || isSmall(n(all?.curve)));
	const entries = [...groups.entries()] as [string, CurveSummary][];
	const columns = (['n', 'events', 'censored'] as const).map((k) =>
		on ? publishCells(entries.map(([, s]) => s.curve[k])) : entries.map(([, s]) => s.curve[k])
	);
	const rows: TimeRow[] = [];
	const chart: SurvivalRow[] = [];
	const suppressed: string[] = [];
	if (all) {
		const c = all.curve;
		// Events and censored add up to the referrals shown: published together.
		const parts = on ? publishCells([c.events, c.censored]) : [c.events, c.censored];
		const shown = [on ? publishCount(c.n) : c.n, ...parts];
		rows.push(timeRow('All referrals', all, shown, allHidden));
		if (times.by === 'none' && !allHidden) chart.push(...curveRows('All referrals', c));
	}
	const isHidden = (i: number) => on && (columns[0][i] === null || entries[i][1].curve.n === 0);
	// The chart draws the largest groups only (one colour each); the table has them all.
	const drawn = new Set(
		entries
			.filter((_, i) => !isHidden(i))
			.sort(([, a], [, b]) => b.curve.n - a.curve.n)
			.slice(0, curveLimit)
			.map(([key]) => key)
	);
	entries.forEach(([key, s], i) => {
		const label = groupName(key);
		rows.push(timeRow(label, s, [columns[0][i], columns[1][i], columns[2][i]], isHidden(i)));
		if (isHidden(i)) suppressed.push(label);
		else if (drawn.has(key)) chart.push(...curveRows(label, s.curve));
	});
	const undrawn = entries.length - suppressed.length - drawn.size;
	const median = all && !allHidden ? all.median : null;
	const excluded = counts.discharge_excluded;
	const p = (v: number) => fc(on ? publishCount(v) : v);
	// In publication mode the wording is always plural: a singular would give a hidden 1 away.
	const one = (v: number) => v === 1 && !on;
	const shownMedians = entries.filter(([k]) => !suppressed.includes(groupName(k)));
	return {
		view: {
			title: 'Time to discharge',
			sentence: dischargeSentence(all, median, allHidden) + rangeSentence(times.by, shownMedians),
			n: `${p(n(all?.curve))} referrals (${p(counts.open)} open at ${ukDate(options.asOf)})`,
			caveat:
				`Kaplan–Meier estimate with 95% intervals: cases still open are counted as censored at the as-of date (${ukDate(options.asOf)}), not dropped. ` +
				(excluded
					? `${p(excluded)} ${one(excluded) ? 'episode' : 'episodes'} with a discharge dated before the referral ${one(excluded) ? 'is' : 'are'} left out (listed below). `
					: '') +
				(counts.after_as_of ? 'Referrals after the as-of date are not counted. ' : '') +
				(undrawn > 0
					? `The chart shows the ${curveLimit} with most referrals; the table has all ${entries.length}. `
					: '') +
				(suppressed.length
					? `Not shown (fewer than 8 referrals, or hidden to protect one that is): ${suppressed.join(', ')}.`
					: ''),
			rows,
			columns: [
				{ key: 'label', label: times.by === 'none' ? 'Referrals' : splitNames[times.by] },
				{ key: 'referrals', label: 'Referrals', kind: 'count' },
				{ key: 'events', label: 'Discharged', kind: 'count' },
				{ key: 'censored', label: 'Open (censored)', kind: 'count' },
				{ key: 'median', label: 'Median days' },
				{ key: 'interval', label: '95% CI' },
				{ key: 'p25', label: '25% discharged by day' },
				{ key: 'p25_interval', label: '95% CI (25%)' },
				{ key: 'p75', label: '75% discharged by day' },
				{ key: 'p75_interval', label: '95% CI (75%)' }
			]
		} satisfies FigureView<TimeRow>,
		chart,
		median,
		curve: all?.curve,
		suppressed
	};
}

function dischargeSentence(
	all: CurveSummary | undefined,
	median: KmQuantile | null,
	hidden: boolean
): string {
	if (!all || all.curve.n === 0) return 'No referrals to follow in this selection.';
	if (hidden) return 'Too few referrals to publish how long people stay (fewer than 8).';
	if (median?.estimate == null) {
		const last = all.curve.steps.time.at(-1) ?? 0;
		return `Fewer than half of referrals had been discharged ${formatDays(last)} days after referral, so the median is not reached.`;
	}
	const quarter =
		all.p25.estimate == null ? '' : `; a quarter within ${formatDays(all.p25.estimate)}`;
	const three =
		all.p75.estimate == null ? '' : ` and three quarters within ${formatDays(all.p75.estimate)}`;
	return `Half of referrals were discharged within ${formatDays(median.estimate)} days (95% CI ${formatInterval(median)})${quarter}${three}.`;
}

function rangeSentence(by: Split, entries: [string, CurveSummary][]): string {
	const reached = entries.filter(([, s]) => s.median.estimate !== null);
	if (by === 'none' || reached.length < 2) return '';
	reached.sort(([, a], [, b]) => a.median.estimate! - b.median.estimate!);
	const [lo, hi] = [reached[0], reached[reached.length - 1]];
	const name = splitNames[by];
	return ` By ${name}, medians ranged from ${formatDays(lo[1].median.estimate)} days (${groupName(lo[0])}) to ${formatDays(hi[1].median.estimate)} (${groupName(hi[0])}).`;
}
