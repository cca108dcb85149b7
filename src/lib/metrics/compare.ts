// Per-unit SQL for comparing services, PCNs, practices or link workers (METHODS.md "Comparing
// services and PCNs"): each indicator's x and n per unit, by the definitions the pages use.
import { raw, sql, type Raw, type Sql } from '../db/sql.ts';
import { referralWhere, unitColumn, type Filters, type Unit } from './filters.ts';
import {
	closed,
	dischargeDaysByGroup,
	firstContactDaysByGroup,
	firstContactDaysByMonth,
	type TimeToEventListRow,
	type TimeToEventMonthRow
} from './journeys.ts';
import { outcomeCellLists, type OutcomeCellListsRow } from './outcomes.ts';
import { practiceReferrals } from './rates.ts';
import { funnelSteps, peopleCount } from './reach.ts';

/** What a comparison compares: services, PCNs, practices or link workers (`unknown` when blank). */
export type CompareBy = Unit;

/** What the Compare page can put side by side, in the order it offers them. */
export const compareBys: CompareBy[] = ['service', 'pcn', 'practice', 'link_worker'];

const asOfDate = (asOf: string) => sql`CAST(${asOf} AS DATE)`;

// Contacted within 14 days: n = referrals made at least 14 days before the as-of date; x = those
// first contacted 0 to 14 days (inclusive) after referral, which is by the as-of date too.
const contactN = (asOf: string) => sql`(r.referral_date <= ${asOfDate(asOf)} - 14)`;
const contactX = (asOf: string) =>
	sql`(${contactN(asOf)} AND r.first_contact_date BETWEEN r.referral_date AND r.referral_date + 14)`;

// Discharged by the as-of date, among the referrals made by then (as dischargeReasons counts them).
const discharged = (asOf: string) =>
	sql`(r.referral_date <= ${asOfDate(asOf)} AND ${closed(asOf)})`;

const count = (condition: Sql | Raw) => sql`coalesce(count_if(${condition}), 0)::INTEGER`;

/** A row of `compareUnits()`: one unit's counts behind every proportion indicator. */
export type CompareUnitsRow = {
	unit: string;
	referrals: number;
	people: number;
	contact_n: number;
	contact_x: number;
	supported: number;
	discharged: number;
	goals_met: number;
};

/**
 * Per unit: referrals and people (as the headline counts them); contacted within 14 days
 * (`contact_x` of `contact_n`); supported (the funnel's step); and episodes discharged by the
 * as-of date, of which `goals_met` with goals met. Summed over units, referrals, supported and
 * goals met are the page totals; people are not when a person was referred to several units.
 */
export function compareUnits(by: CompareBy, filters: Filters, asOf: string): Sql<CompareUnitsRow> {
	// The unit is a plain column while grouping, named `unknown` after (DuckDB 1.4.3 on threads).
	return sql<CompareUnitsRow>`SELECT coalesce(unit, 'unknown') AS unit, referrals, people,
  contact_n, contact_x, supported, discharged, goals_met FROM (
  SELECT ${unitColumn(by)} AS unit, count(*)::INTEGER AS referrals, ${peopleCount} AS people,
    ${count(contactN(asOf))} AS contact_n, ${count(contactX(asOf))} AS contact_x,
    ${count(funnelSteps.supported)} AS supported,
    ${count(discharged(asOf))} AS discharged,
    ${count(sql`${discharged(asOf)} AND ${funnelSteps.goals_met}`)} AS goals_met
  FROM referrals r WHERE ${referralWhere(filters)} GROUP BY unit)
ORDER BY unit`;
}

/** A row of `compareMonthly()`: one unit's referrals and contacts within 14 days in one month. */
export type CompareMonthlyRow = {
	unit: string;
	month: string;
	referrals: number;
	contact_n: number;
	contact_x: number;
};

/**
 * Per unit and complete calendar month (`YYYY-MM`; a month counts when its last day is on or
 * before the as-of date), from the view's first month with a referral to the last complete
 * month: referrals (0 in a month with none) and contacted within 14 days, by referral month.
 * Every unit with a referral in the view has every month.
 */
export function compareMonthly(
	by: CompareBy,
	filters: Filters,
	asOf: string
): Sql<CompareMonthlyRow> {
	const where = referralWhere(filters);
	const col = unitColumn(by);
	const month = raw(`CAST(date_trunc('month', r.referral_date) AS TIMESTAMP)`);
	// The last complete month starts a month before the month of the day after the as-of date.
	const last = sql`CAST(date_trunc('month', ${asOfDate(asOf)} + 1) AS TIMESTAMP) - INTERVAL 1 MONTH`;
	return sql<CompareMonthlyRow>`SELECT * FROM (
  SELECT coalesce(u.unit, 'unknown') AS unit, strftime(m.month, '%Y-%m') AS month,
    coalesce(c.referrals, 0)::INTEGER AS referrals, coalesce(c.contact_n, 0)::INTEGER AS contact_n,
    coalesce(c.contact_x, 0)::INTEGER AS contact_x
  FROM (SELECT DISTINCT ${col} AS unit FROM referrals r WHERE ${where}) u
  CROSS JOIN (SELECT unnest(generate_series(
    (SELECT min(${month}) FROM referrals r WHERE ${where}), ${last}, INTERVAL 1 MONTH)) AS month) m
  LEFT JOIN (SELECT ${col} AS unit, ${month} AS month, count(*) AS referrals,
      count_if(${contactN(asOf)}) AS contact_n, count_if(${contactX(asOf)}) AS contact_x
    FROM referrals r WHERE ${where} GROUP BY ALL) c
  ON c.unit IS NOT DISTINCT FROM u.unit AND c.month = m.month)
ORDER BY unit, month`;
}

/** A row of `compareFirstContactDays()`: `group` is the unit, `month` the referral month. */
export type CompareFirstContactDaysRow = TimeToEventMonthRow;

/**
 * Time to first contact per unit (`group`) and referral month (`YYYY-MM`), by the rules of
 * `timeToFirstContact()`: the day rows of one Kaplan–Meier curve per unit and month.
 */
export function compareFirstContactDays(
	by: CompareBy,
	filters: Filters,
	asOf: string
): Sql<CompareFirstContactDaysRow> {
	return firstContactDaysByMonth(filters, asOf, by);
}

/** The queries of `compareTimes()`: one row of day lists per unit (`group`). */
export type CompareTimes = {
	firstContact: Sql<TimeToEventListRow>;
	discharge: Sql<TimeToEventListRow>;
};

/** Time to first contact and time to discharge split by unit (the Journeys page's rules). */
export function compareTimes(by: CompareBy, filters: Filters, asOf: string): CompareTimes {
	return {
		firstContact: firstContactDaysByGroup(filters, asOf, by),
		discharge: dischargeDaysByGroup(filters, asOf, by)
	};
}

/** A row of `compareOutcomeCells()`: one unit's outcome cells of one measure, as lists. */
export type CompareOutcomeCellsRow = OutcomeCellListsRow;

/**
 * The outcome cells (`outcomeCells()`) per unit, as lists (`cellsOfLists` gives the cells), for
 * the statistics of each measure per unit.
 */
export function compareOutcomeCells(
	by: CompareBy,
	filters: Filters,
	asOf: string
): Sql<CompareOutcomeCellsRow> {
	return outcomeCellLists(filters, asOf, by);
}

/** A row of `comparePeopleReferred()`: a practice or PCN's people referred and list size. */
export type ComparePeopleReferredRow = { unit: string; people: number; list_size: number };

/**
 * People referred in the period per practice or PCN in the practices file with a list size, as
 * the Reach page's rates count them (`practiceReferrals()`); a practice with none shows 0.
 */
export function comparePeopleReferred(
	by: 'practice' | 'pcn',
	filters: Filters
): Sql<ComparePeopleReferredRow> {
	return sql<ComparePeopleReferredRow>`SELECT key AS unit, people, list_size
FROM (${practiceReferrals(by, filters)}) ORDER BY unit`;
}
