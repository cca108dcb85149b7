import type { Db } from '../db/types.ts';
import { caseloadAt } from '../metrics/caseload.ts';
import type { Filters } from '../metrics/filters.ts';
import {
	contactsSummary,
	dischargeReasons,
	journeyCounts,
	timeToDischarge,
	timeToFirstContact
} from '../metrics/journeys.ts';
import { gapBands, reReferralGaps, repeatPeople } from '../metrics/re-referrals.ts';
import { run } from '../metrics/run.ts';
import { curvesByGroup, type DayRow } from '../figures/time-to-event.ts';
import {
	eventsBy,
	kaplanMeier,
	shareBy,
	survivalQuantile,
	type KmCurve
} from '../stats/kaplan-meier.ts';
import type { Presenter, Shown } from './publish.ts';

const round = (x: number, places: number) => Math.round(x * 10 ** places) / 10 ** places;

// The one curve of an unsplit time query, as the page's figures read it.
async function curve(db: Db, query: Parameters<typeof run>[1]): Promise<KmCurve> {
	const rows = (await run(db, query)) as unknown as DayRow[];
	return curvesByGroup(rows).get('all')?.curve ?? kaplanMeier([]);
}

// A time figure: referrals = events + censored + excluded (those made by the as-of date), and
// the median, its 95% interval and quartiles in days (null = not reached). In publication mode
// the days are `*` when the referrals followed number 1–7, as a mean on 1–7 would be.
function timeFigure(c: KmCurve, excluded: number, p: Presenter) {
	const hidden = p.count(c.n) === '*';
	const median = survivalQuantile(c, 0.5);
	const q = (prob: number) => survivalQuantile(c, prob).estimate;
	// Events, censored and excluded add up to the referrals: secondary suppression among them.
	const cells = p.cells({ events: c.events, censored: c.censored, excluded });
	return {
		referrals: p.count(c.n + excluded),
		events: cells.events,
		censored: cells.censored,
		excluded: cells.excluded,
		median_days: hidden ? ('*' as const) : median.estimate,
		ci95: hidden ? ('*' as const) : [median.lower, median.upper],
		quartiles: hidden ? ('*' as const) : [q(0.25), median.estimate, q(0.75)]
	};
}

// The share with a first contact within t days (1 − S(t)), to 4 decimals; `*` in publication
// mode when it rests on 1–7 referrals or 1–7 contacted by then; null with no referrals.
function within(c: KmCurve, days: number, p: Presenter): number | null | '*' {
	if (c.n === 0) return null;
	if (p.count(c.n) === '*' || p.count(eventsBy(c, days)) === '*') return '*';
	return round(shareBy(c, days).share, 4);
}

/**
 * The journeys keys of the summary (top level, as issue 5 names them): time to discharge and to
 * first contact, contacts, discharge reasons, re-referrals and open cases per link worker.
 */
export async function journeysSummary(db: Db, filters: Filters, asOf: string, p: Presenter) {
	const [counts] = await run(db, journeyCounts(filters, asOf));
	const discharge = await curve(db, timeToDischarge(filters, asOf));
	const contact = await curve(db, timeToFirstContact(filters, asOf));
	const [contacts] = await run(db, contactsSummary(filters, asOf));
	const reasons: Record<string, number> = {};
	for (const r of await run(db, dischargeReasons(filters, asOf)))
		reasons[String(r.reason)] = (reasons[String(r.reason)] ?? 0) + Number(r.episodes);
	const [repeat] = await run(db, repeatPeople(filters, asOf));
	const gaps = await run(db, reReferralGaps(filters, asOf));
	const within365 = gaps
		.filter((g) => Number(g.band) <= gapBands.length)
		.reduce((a, g) => a + Number(g.episodes), 0);
	const caseload = await run(db, caseloadAt(filters, asOf));
	// The median and mean contacts per closed episode: `*` in publication mode on 1–7 episodes.
	const stat = (v: unknown) => p.mean(v == null ? null : Number(v), Number(contacts.episodes));
	return {
		time_to_discharge: timeFigure(discharge, Number(counts.discharge_excluded), p),
		time_to_first_contact: {
			...timeFigure(contact, Number(counts.contact_excluded), p),
			within_7_days_share: within(contact, 7, p),
			within_14_days_share: within(contact, 14, p)
		},
		contacts: { median: stat(contacts.median), mean: stat(contacts.mean) },
		discharge_reasons: p.cells(
			Object.fromEntries(
				Object.entries(reasons).sort(([k, a], [l, b]) => b - a || k.localeCompare(l))
			)
		),
		re_referrals: {
			people_with_multiple: p.count(Number(repeat.people_with_multiple)),
			within_365_days: p.count(within365)
		},
		caseload: p.cells(
			Object.fromEntries(caseload.map((r) => [String(r.link_worker), Number(r.open)]))
		) as Record<string, Shown>
	};
}
