import { raw, sql, type Sql } from '../db/sql.ts';
import { referralWhere, unitColumn, unitUnknown, type Filters, type Unit } from './filters.ts';

// Journeys (METHODS.md "Time to first contact and to discharge"): the SQL counts per distinct
// day, and stats/kaplan-meier.ts does the statistics. Every measure here covers the selected
// referrals made by the as-of date; later referrals are left out (the export could not know them).

/** How the Journeys page splits time to discharge: one curve, or one per service or PCN. */
export type Split = 'none' | 'service' | 'pcn';

/** How a time-to-event query can be split: one curve (`all`), or one per unit of any kind. */
export type SplitBy = 'none' | Unit;

// The group column of a split, `all` or the unit's value, and the name of a missing group,
// typed as the group is (given after grouping; a unit's stays coded through the sort).
const splitGroup = (split: SplitBy) =>
	split === 'none'
		? { column: sql`'all'`, unknown: sql`'unknown'` }
		: { column: sql`${unitColumn(split)}`, unknown: sql`${unitUnknown(split)}` };

/** The split a URL setting asks for (`split=service|pcn`); anything else is none. */
export function splitIn(value: string | null | undefined): Split {
	return value === 'service' || value === 'pcn' ? value : 'none';
}

const asOfDate = (asOf: string) => sql`CAST(${asOf} AS DATE)`;

/**
 * Each referral's place in time to discharge at the as-of date: `excluded` (a discharge dated
 * before the referral), `discharged` (by the as-of date) or `open` (censored at the as-of date,
 * including a discharge dated after it).
 */
function dischargeStatus(asOf: string): Sql {
	return sql`CASE WHEN r.discharge_date < r.referral_date THEN 'excluded'
  WHEN r.discharge_date <= ${asOfDate(asOf)} THEN 'discharged' ELSE 'open' END`;
}

/**
 * Each referral's place in time to first contact at the as-of date: `excluded` (a first contact
 * before the referral; contacts recorded but no first contact date, so the wait is unknown; or,
 * not yet contacted, a discharge before the referral), `contacted`, `never` (discharged without
 * a contact: censored at the discharge) or `waiting` (open, not yet contacted: censored at the
 * as-of date). CASE falls through on a missing value, so each branch reads in order.
 */
function contactStatus(asOf: string): Sql {
	const a = asOfDate(asOf);
	return sql`CASE WHEN r.first_contact_date < r.referral_date THEN 'excluded'
  WHEN r.first_contact_date IS NULL AND r.contacts >= 1 THEN 'excluded'
  WHEN r.first_contact_date <= ${a} THEN 'contacted'
  WHEN r.discharge_date < r.referral_date THEN 'excluded'
  WHEN r.discharge_date <= ${a} THEN 'never' ELSE 'waiting' END`;
}

// The discharge date, or the as-of date when the discharge is later or missing. Said with CASE:
// least(coalesce(…), …) gives the same dates but took 66 ms over 1M referrals in duckdb-wasm,
// against 8 ms.
const dischargeOrAsOf = (asOf: string) =>
	sql`CASE WHEN r.discharge_date <= ${asOfDate(asOf)} THEN r.discharge_date ELSE ${asOfDate(asOf)} END`;

// Days from referral to the event, or to the censoring date.
const dischargeDays = (asOf: string) => sql`(${dischargeOrAsOf(asOf)} - r.referral_date)::INTEGER`;
const contactDays = (asOf: string) =>
	sql`(CASE WHEN r.first_contact_date <= ${asOfDate(asOf)} THEN r.first_contact_date
  ELSE ${dischargeOrAsOf(asOf)} END - r.referral_date)::INTEGER`;

/** The selected referrals made by the as-of date (alias `r`). */
export function byAsOf(filters: Filters, asOf: string): Sql {
	return sql`${referralWhere(filters)} AND r.referral_date <= ${asOfDate(asOf)}`;
}

/** A row of `timeToDischarge()` and `timeToFirstContact()`: events and censorings on one day. */
export type TimeToEventRow = { group: string; days: number; events: number; censored: number };

/**
 * A row of the `…DaysByGroup()` queries: one group's day rows as lists in day order (`days[i]`
 * saw `events[i]` events and `censored[i]` censorings).
 */
export type TimeToEventListRow = {
	group: string;
	days: number[];
	events: number[];
	censored: number[];
};

/** A row of `firstContactDaysByMonth()`: one group and referral month (`YYYY-MM`), as lists. */
export type TimeToEventMonthRow = TimeToEventListRow & { month: string };

// Events and censorings per group (and referral month, with `byMonth`) and distinct day, excluded
// episodes left out. The group is a plain column of the subquery, named `unknown` after grouping
// (DuckDB 1.4.3 on several threads); the month is formatted after grouping, on few rows.
function perDay<R extends TimeToEventRow = TimeToEventRow>(
	split: SplitBy,
	status: Sql,
	days: Sql,
	event: string,
	filters: Filters,
	asOf: string,
	byMonth = false
): Sql<R> {
	const month = byMonth ? sql`date_trunc('month', r.referral_date)` : sql`NULL`;
	const monthColumn = byMonth ? sql`strftime(mo, '%Y-%m') AS month, ` : sql``;
	return sql<R>`SELECT coalesce(grp, ${splitGroup(split).unknown}) AS "group", ${monthColumn}days, events, censored FROM (
  SELECT grp, mo, days, coalesce(count_if(status = ${event}), 0)::INTEGER AS events,
    coalesce(count_if(status <> ${event}), 0)::INTEGER AS censored
  FROM (SELECT ${splitGroup(split).column} AS grp, ${month} AS mo, ${status} AS status, ${days} AS days
    FROM referrals r WHERE ${byAsOf(filters, asOf)})
  WHERE status <> 'excluded' GROUP BY grp, mo, days)
ORDER BY "group", mo, days`;
}

// Day rows gathered into lists in day order, one row per group (and month, with `byMonth`): a
// split's hundred thousand day rows come back as a few hundred rows, which duckdb-wasm reads
// far faster than as many row objects. One sorted list of (day, events, censored) taken apart,
// not three `list(… ORDER BY days)`: each ordered aggregate sorts on its own, and at 1M by PCN
// and month the three took 0.9 s in duckdb-wasm against 0.5 s (days are distinct in a group).
function asLists<R extends TimeToEventListRow>(days: Sql, byMonth = false): Sql<R> {
	const keys = byMonth ? raw('"group", month') : raw('"group"');
	return sql<R>`SELECT ${keys}, [x.d for x in l] AS days, [x.e for x in l] AS events,
  [x.c for x in l] AS censored FROM (
  SELECT ${keys}, list_sort(list({d: days, e: events, c: censored}), 'ASC', 'NULLS LAST') AS l
  FROM (${days}) GROUP BY ${keys})
ORDER BY ${keys}`;
}

/**
 * Time to discharge per group and distinct day: `events` discharged that many days after
 * referral, `censored` still open at the as-of date that many days after; `group` is `all`
 * unless split by a unit (service, PCN, practice or link worker; `unknown` when missing).
 */
export function timeToDischarge(
	filters: Filters,
	asOf: string,
	split: SplitBy = 'none'
): Sql<TimeToEventRow> {
	const status = dischargeStatus(asOf);
	return perDay(split, status, dischargeDays(asOf), 'discharged', filters, asOf);
}

/**
 * Time to first contact per group and distinct day: `events` first contacted that many days
 * after referral; `censored` never contacted, at their discharge or, while open, the as-of date;
 * `group` is `all` unless split by a unit (`unknown` when missing).
 */
export function timeToFirstContact(
	filters: Filters,
	asOf: string,
	split: SplitBy = 'none'
): Sql<TimeToEventRow> {
	const status = contactStatus(asOf);
	return perDay(split, status, contactDays(asOf), 'contacted', filters, asOf);
}

/**
 * Time to first contact as `timeToFirstContact()`, per group and referral month (`YYYY-MM`,
 * every month with a referral by the as-of date): one Kaplan–Meier curve per group and month,
 * each a row with its days as lists. At 1M referrals split by 835 PCNs that is 30,060 rows
 * instead of 544,680 day rows: 2.1 -> 0.8 s in duckdb-wasm, where building a row object for
 * each day row cost most of the time (native DuckDB, whose client converts lists slowly, went
 * from 1.1 to 1.6 s).
 */
export function firstContactDaysByMonth(
	filters: Filters,
	asOf: string,
	split: SplitBy = 'none'
): Sql<TimeToEventMonthRow> {
	const status = contactStatus(asOf);
	const days = contactDays(asOf);
	return asLists(perDay(split, status, days, 'contacted', filters, asOf, true), true);
}

/**
 * `timeToDischarge()` split by a unit, as lists: one row per group with its day rows. At 1M
 * referrals by the 501 services (109,054 day rows) the query took 236 -> 130 ms in duckdb-wasm.
 */
export function dischargeDaysByGroup(
	filters: Filters,
	asOf: string,
	split: SplitBy
): Sql<TimeToEventListRow> {
	return asLists(timeToDischarge(filters, asOf, split));
}

/** `timeToFirstContact()` split by a unit, as lists: one row per group with its day rows. */
export function firstContactDaysByGroup(
	filters: Filters,
	asOf: string,
	split: SplitBy
): Sql<TimeToEventListRow> {
	return asLists(timeToFirstContact(filters, asOf, split));
}

/** The row of `journeyCounts()`; `as_of` is `YYYY-MM-DD`. */
export type JourneyCountsRow = {
	referrals: number;
	discharged: number;
	open: number;
	discharge_excluded: number;
	contacted: number;
	never_contacted: number;
	waiting: number;
	contact_excluded: number;
	after_as_of: number;
	as_of: string;
};

/**
 * One row of counts behind the journeys figures: referrals by the as-of date and after it;
 * for time to discharge, discharged, open and excluded; for time to first contact, contacted,
 * never contacted (discharged), waiting (open) and excluded; and the as-of date they are at.
 */
export function journeyCounts(filters: Filters, asOf: string): Sql<JourneyCountsRow> {
	const n = (condition: string) => raw(`coalesce(count_if(${condition}), 0)::INTEGER`);
	return sql<JourneyCountsRow>`SELECT count(*)::INTEGER AS referrals,
  ${n(`d = 'discharged'`)} AS discharged, ${n(`d = 'open'`)} AS open,
  ${n(`d = 'excluded'`)} AS discharge_excluded,
  ${n(`c = 'contacted'`)} AS contacted, ${n(`c = 'never'`)} AS never_contacted,
  ${n(`c = 'waiting'`)} AS waiting, ${n(`c = 'excluded'`)} AS contact_excluded,
  (SELECT count(*) FROM referrals r WHERE ${referralWhere(filters)}
    AND r.referral_date > ${asOfDate(asOf)})::INTEGER AS after_as_of,
  strftime(${asOfDate(asOf)}, '%Y-%m-%d') AS as_of
FROM (SELECT ${dischargeStatus(asOf)} AS d, ${contactStatus(asOf)} AS c
  FROM referrals r WHERE ${byAsOf(filters, asOf)})`;
}

/** The most excluded episodes a listing returns; the counts have them all. */
export const listingLimit = 1000;

/** A row of `excludedEpisodes()`: dates as `YYYY-MM-DD`; `total` counts every one left out. */
export type ExcludedEpisodesRow = {
	referral_id: string;
	referral_date: string;
	first_contact_date: string | null;
	discharge_date: string | null;
	contacts: number | null;
	discharge_excluded: boolean;
	contact_excluded: boolean;
	total: number;
};

/**
 * The episodes left out of time to discharge or to first contact, oldest first: their dates,
 * contacts, and which measure each is left out of (at most `listingLimit`).
 */
export function excludedEpisodes(filters: Filters, asOf: string): Sql<ExcludedEpisodesRow> {
	const day = (col: string) => raw(`strftime(r.${col}, '%Y-%m-%d') AS ${col}`);
	// `total` counts them all, however many the list shows.
	return sql<ExcludedEpisodesRow>`SELECT referral_id, referral_date, first_contact_date, discharge_date, contacts,
  discharge_excluded, contact_excluded, (count(*) OVER ())::INTEGER AS total FROM (
  SELECT r.referral_id, ${day('referral_date')}, ${day('first_contact_date')},
    ${day('discharge_date')}, r.contacts, r.referral_date AS sort_date,
    ${dischargeStatus(asOf)} = 'excluded' AS discharge_excluded,
    ${contactStatus(asOf)} = 'excluded' AS contact_excluded
  FROM referrals r WHERE ${byAsOf(filters, asOf)})
WHERE discharge_excluded OR contact_excluded
ORDER BY sort_date, referral_id LIMIT ${listingLimit}`;
}

/** Episodes discharged by the as-of date (alias `r`): their contacts and reason are final. */
export const closed = (asOf: string) =>
	sql`r.discharge_date IS NOT NULL AND r.discharge_date <= ${asOfDate(asOf)}`;

/** A row of `contactsDistribution()`: closed episodes with that many contacts. */
export type ContactsDistributionRow = { contacts: number; episodes: number };

/** Closed episodes (discharged by the as-of date) by their number of contacts, fewest first. */
export function contactsDistribution(filters: Filters, asOf: string): Sql<ContactsDistributionRow> {
	return sql<ContactsDistributionRow>`SELECT contacts, count(*)::INTEGER AS episodes FROM referrals r
WHERE ${byAsOf(filters, asOf)} AND ${closed(asOf)} AND r.contacts IS NOT NULL
GROUP BY contacts ORDER BY contacts`;
}

/** The row of `contactsSummary()`: median and mean are null when no episode has contacts. */
export type ContactsSummaryRow = {
	episodes: number;
	median: number | null;
	mean: number | null;
	typical: number;
	not_recorded: number;
};

/**
 * Contacts per closed episode (discharged by the as-of date, contacts recorded): episodes, the
 * median and mean, episodes with 6–12 contacts, and closed episodes with no contacts recorded.
 */
export function contactsSummary(filters: Filters, asOf: string): Sql<ContactsSummaryRow> {
	return sql<ContactsSummaryRow>`SELECT coalesce(count(r.contacts), 0)::INTEGER AS episodes,
  median(r.contacts)::DOUBLE AS median, avg(r.contacts)::DOUBLE AS mean,
  coalesce(count_if(r.contacts BETWEEN 6 AND 12), 0)::INTEGER AS typical,
  coalesce(count_if(r.contacts IS NULL), 0)::INTEGER AS not_recorded
FROM referrals r WHERE ${byAsOf(filters, asOf)} AND ${closed(asOf)}`;
}

/** A row of `dischargeReasons()`: closed episodes of one service and discharge reason group. */
export type DischargeReasonsRow = { service: string; reason: string; episodes: number };

/**
 * Closed episodes (discharged by the as-of date) by service and discharge reason group;
 * `not_recorded` for no reason, `unknown` for no service. The overall figure sums the services.
 */
export function dischargeReasons(filters: Filters, asOf: string): Sql<DischargeReasonsRow> {
	return sql<DischargeReasonsRow>`SELECT coalesce(service, 'unknown') AS service,
  coalesce(reason, 'not_recorded') AS reason, episodes FROM (
  SELECT r.service AS service, r.discharge_reason_group AS reason, count(*)::INTEGER AS episodes
  FROM referrals r WHERE ${byAsOf(filters, asOf)} AND ${closed(asOf)}
  GROUP BY r.service, r.discharge_reason_group)
ORDER BY service, reason`;
}
