import { raw, sql, type Sql } from '../db/sql.ts';
import { namedCoded } from './coded.ts';
import { referralWhere, type Filters } from './filters.ts';

// The selected referrals of people referred once: each is one person.
const referredOnce = `coalesce(count_if(NOT r.repeat_person), 0)`;

/**
 * People among the selected referrals: one per referral for people referred once (most), and a
 * distinct count only over the referrals of people referred more than once (`repeat_person`),
 * each numbered at import (`person_no`, one integer per person).
 */
export const peopleCount = raw(
	`(${referredOnce} + count(DISTINCT r.person_no) FILTER (WHERE r.repeat_person))::INTEGER`
);

/** People as `peopleCount` counts them, among the selected referrals that meet `condition`. */
export const peopleCountIf = (condition: Sql) =>
	sql`(coalesce(count_if(NOT r.repeat_person AND ${condition}), 0)
    + count(DISTINCT r.person_no) FILTER (WHERE r.repeat_person AND ${condition}))::INTEGER`;

/** A row of `latestDate()`: null when there is no data. */
export type LatestDateRow = { as_of: string | null };

/** The latest date anywhere in the data: the default as-of date (METHODS.md). */
export function latestDate(): Sql<LatestDateRow> {
	return sql<LatestDateRow>`SELECT strftime(max(d), '%Y-%m-%d') AS as_of FROM (
  SELECT max(referral_date) AS d FROM referrals
  UNION ALL SELECT max(first_contact_date) FROM referrals
  UNION ALL SELECT max(discharge_date) FROM referrals
  UNION ALL SELECT max(assessed_on) FROM outcomes
  UNION ALL SELECT max(referred_on) FROM onward_referrals)`;
}

/** A row of `headline()`; first and last referral are null when no referral is selected. */
export type HeadlineRow = {
	referrals: number;
	people: number;
	without_person_id: number;
	open_cases: number;
	first_referral: string | null;
	last_referral: string | null;
	people_with_multiple_referrals: number;
};

/** A row of `funnel()`: referrals at each step of the engagement funnel. */
export type FunnelRow = {
	referred: number;
	contacted: number;
	supported: number;
	goals_met: number;
};

/** The headline's row, with the funnel's steps when asked for (`F` is the `funnel` option). */
export type HeadlineWith<F extends boolean> = F extends true
	? HeadlineRow & FunnelRow
	: HeadlineRow;

/**
 * Headline figures: referrals, people, open cases at the as-of date, first and last referral,
 * and the people referred more than once in the selection; with `funnel`, the funnel's steps.
 */
export function headline<F extends boolean = false>(
	filters: Filters,
	asOf: string,
	options: { funnel?: F } = {}
): Sql<HeadlineWith<F>> {
	const where = referralWhere(filters);
	// The Reach page takes the funnel with the headline: one pass over the referrals, not two.
	const steps = options.funnel ? sql`count(*)::INTEGER AS referred, ${funnelColumns},` : sql``;
	// People as `peopleCount` counts them, but with the repeat people's referrals grouped once for
	// both the distinct count and those referred more than once (one hash of them, not two).
	return sql<HeadlineWith<F>>`SELECT count(*)::INTEGER AS referrals, ${steps}
  (${raw(referredOnce)} + coalesce(any_value(g.repeat_people), 0))::INTEGER AS people,
  coalesce(count_if(r.person_id IS NULL), 0)::INTEGER AS without_person_id,
  coalesce(count_if(r.referral_date <= CAST(${asOf} AS DATE)
    AND (r.discharge_date IS NULL OR r.discharge_date > CAST(${asOf} AS DATE))), 0)::INTEGER AS open_cases,
  strftime(min(r.referral_date), '%Y-%m-%d') AS first_referral,
  strftime(max(r.referral_date), '%Y-%m-%d') AS last_referral,
  coalesce(any_value(g.multiple), 0)::INTEGER AS people_with_multiple_referrals
FROM referrals r, (SELECT count(*) AS repeat_people, count_if(n > 1) AS multiple FROM (
  SELECT r.person_no, count(*) AS n FROM referrals r WHERE r.repeat_person AND ${where}
  GROUP BY r.person_no)) g
WHERE ${where}`;
}

/** A row of `totals()`. */
export type TotalsRow = { referrals: number; people: number };

/** Referrals and people only: what a headline's change on the previous period needs. */
export function totals(filters: Filters): Sql<TotalsRow> {
	return sql<TotalsRow>`SELECT count(*)::INTEGER AS referrals, ${peopleCount} AS people
FROM referrals r WHERE ${referralWhere(filters)}`;
}

const dimensions = {
	source: 'referral_source_group',
	source_label: 'referral_source',
	pcn: 'pcn',
	practice: 'practice',
	service: 'service',
	link_worker: 'link_worker'
} as const;

/** A dimension referrals can be counted by. */
export type Dimension = keyof typeof dimensions;

/** What referrals can be counted by: a dimension, or the month or quarter of the referral. */
export type Grouping = Dimension | 'month' | 'quarter';

const isPeriod = (g: Grouping): g is 'month' | 'quarter' => g === 'month' || g === 'quarter';

// Each grouping's value on a referral `r`: a coded column with missing values named `unknown`,
// or a period's first day (calendar quarters start in January, April, July and October, as
// financial quarters do).
const groupingValue = (g: Grouping) =>
	isPeriod(g) ? `date_trunc('${g}', r.referral_date)` : namedCoded(dimensions[g]).text;

/**
 * A row of `referralCounts()`: the grouping it belongs to and its `key` as text: a dimension's
 * value (`unknown` when missing), or a period's first day, `YYYY-MM-DD`.
 */
export type ReferralCountsRow = {
	grouping: Grouping;
	key: string;
	referrals: number;
	people: number;
};

/**
 * Referrals and people by each of several groupings, in one scan of the selected referrals
 * (`GROUPING SETS`): at a million referrals in duckdb-wasm, the Reach page's five breakdowns
 * take a third of the time of five queries, most of which went on reading and filtering the
 * rows five times. Rows come grouping by grouping, in the order asked; a dimension's most
 * referrals first (then by key), a period's oldest first.
 */
export function referralCounts(groupings: Grouping[], filters: Filters): Sql<ReferralCountsRow> {
	if (groupings.length === 0) throw new Error('referralCounts needs a grouping');
	// Grouping `i` is grouped on `g<i>`; each row says which (`i`), then is named and keyed as
	// text after grouping: formatting every row before grouping is slow.
	const each = (f: (g: Grouping, i: number) => string, by = ' ') => groupings.map(f).join(by);
	const cols = each((g, i) => `${groupingValue(g)} AS g${i}`, ', ');
	const which = each((_, i) => `WHEN grouping(g${i}) = 0 THEN ${i}`);
	const name = each((g, i) => `WHEN ${i} THEN '${g}'`);
	const key = each(
		(g, i) =>
			`WHEN ${i} THEN ${isPeriod(g) ? `strftime(g${i}, '%Y-%m-%d')` : `CAST(g${i} AS VARCHAR)`}`
	);
	const periods = groupings.flatMap((g, i) => (isPeriod(g) ? [`WHEN ${i} THEN g${i}`] : []));
	const order = periods.length ? `CASE i ${periods.join(' ')} END, ` : '';
	return sql<ReferralCountsRow>`SELECT CASE i ${raw(name)} END AS grouping, CASE i ${raw(key)} END AS key,
  referrals, people FROM (
  SELECT CASE ${raw(which)} END AS i, ${raw(each((_, i) => `g${i}`, ', '))},
    count(*)::INTEGER AS referrals, ${peopleCount} AS people
  FROM (SELECT ${raw(cols)}, r.repeat_person, r.person_no FROM referrals r WHERE ${referralWhere(filters)}) r
  GROUP BY GROUPING SETS (${raw(each((_, i) => `(g${i})`, ', '))}))
ORDER BY i, ${raw(order)}referrals DESC, key`;
}

/** A row of `referralsByPeriod()`: `period` is the first day, `YYYY-MM-DD`. */
export type ReferralsByPeriodRow = { period: string; referrals: number; people: number };

/** Referrals and people per month or quarter (`period` is the first day), oldest first. */
export function referralsByPeriod(
	unit: 'month' | 'quarter',
	filters: Filters
): Sql<ReferralsByPeriodRow> {
	return sql<ReferralsByPeriodRow>`SELECT key AS period, referrals, people
FROM (${referralCounts([unit], filters)}) ORDER BY period`;
}

/** A row of `referralsByMonth()`: `month` is `YYYY-MM`. */
export type ReferralsByMonthRow = { month: string; referrals: number };

/** Referrals per calendar month (`YYYY-MM`), oldest first. */
export function referralsByMonth(filters: Filters): Sql<ReferralsByMonthRow> {
	return sql<ReferralsByMonthRow>`SELECT substr(period, 1, 7) AS month, referrals FROM (${referralsByPeriod('month', filters)}) ORDER BY month`;
}

/** A row of `referralsBy()`: `key` is the dimension's value (`unknown` when missing). */
export type ReferralsByRow = { key: string; referrals: number; people: number };

/** Referrals and people by one dimension, most referrals first; missing values as `unknown`. */
export function referralsBy(dimension: Dimension, filters: Filters): Sql<ReferralsByRow> {
	return sql<ReferralsByRow>`SELECT key, referrals, people
FROM (${referralCounts([dimension], filters)}) ORDER BY referrals DESC, key`;
}

const attributes = {
	imd: 'r.imd_decile',
	ethnicity: 'r.ethnicity_group',
	age_band: 'r.age_band',
	sex: 'r.sex_group'
} as const;

/** A recorded attribute of the people referred. */
export type Attribute = keyof typeof attributes;

// Each person once, with the values recorded on their latest referral in the selection that
// records them (arg_max skips missing values; `person_order` is the order of a person's
// referrals by date, then referral ID, numbered at import).
function latestPerPerson(names: Attribute[], filters: Filters): Sql {
	const cols = names.map((a) => `${attributes[a]} AS ${a}`).join(', ');
	const latest = names.map((a) => `arg_max(${a}, person_order) AS ${a}`).join(', ');
	const s = sql`SELECT r.person_no, r.repeat_person, r.person_order, ${raw(cols)}
  FROM referrals r WHERE ${referralWhere(filters)}`;
	// The selection is written out twice rather than shared as a CTE: DuckDB 1.4.3 can group a
	// CTE read twice wrongly on several threads (duplicate keys).
	return sql`SELECT ${raw(names.join(', '))} FROM (${s}) WHERE NOT repeat_person
UNION ALL SELECT ${raw(latest)} FROM (${s}) WHERE repeat_person GROUP BY person_no`;
}

// Group on the plain columns, then name the missing values: DuckDB 1.4.3 on several threads
// splits a group when grouping a UNION ALL on an expression such as coalesce(CAST(...)).

/** A row of `peopleBy()`: `key` is the attribute's value as text (`unknown` when missing). */
export type PeopleByRow = { key: string; people: number };

/** People by one recorded attribute (latest recorded value per person); missing as `unknown`. */
export function peopleBy(attribute: Attribute, filters: Filters): Sql<PeopleByRow> {
	const a = raw(attribute);
	return sql<PeopleByRow>`SELECT coalesce(CAST(${a} AS VARCHAR), 'unknown') AS key, people FROM (
  SELECT ${a}, count(*)::INTEGER AS people FROM (${latestPerPerson([attribute], filters)}) GROUP BY ${a})
ORDER BY key`;
}

/** A row of `peopleProfile()`: each attribute as text (`unknown` when missing). */
export type PeopleProfileRow = {
	imd: string;
	ethnicity: string;
	age_band: string;
	sex: string;
	people: number;
};

/**
 * People by all four recorded attributes at once (IMD decile, ethnicity, age band, sex; latest
 * recorded values per person): one scan for every "who we reach" figure, which roll it up.
 */
export function peopleProfile(filters: Filters): Sql<PeopleProfileRow> {
	return sql<PeopleProfileRow>`SELECT coalesce(CAST(imd AS VARCHAR), 'unknown') AS imd,
  coalesce(ethnicity, 'unknown') AS ethnicity, coalesce(age_band, 'unknown') AS age_band,
  coalesce(sex, 'unknown') AS sex, people FROM (
  SELECT imd, ethnicity, age_band, sex, count(*)::INTEGER AS people
  FROM (${latestPerPerson(['imd', 'ethnicity', 'age_band', 'sex'], filters)})
  GROUP BY imd, ethnicity, age_band, sex)
ORDER BY ALL`;
}

/**
 * The funnel's "supported" and "goals met" steps on one referral `r` (METHODS.md), worked out once
 * at import, when every table is loaded (ingest/coded-sql.ts), into `r.funnel_supported` and
 * `r.funnel_goals_met`: at a million referrals, reading the flags costs a third less per filter
 * change than comparing the text group and the onward referrals each time.
 */
export const funnelStepsAtImport = {
	supported: `coalesce(r.referral_id IN (SELECT referral_id FROM onward_referrals)
    OR r.discharge_reason_group IN ('goals_met', 'referred_on'), false)`,
	goals_met: `coalesce(r.discharge_reason_group = 'goals_met', false)`
};

/** The engagement funnel's steps as conditions on a selected referral `r` (METHODS.md). */
export const funnelSteps = {
	contacted: raw(`(r.first_contact_date IS NOT NULL OR r.contacts >= 1)`),
	// Both marked at import (funnelStepsAtImport).
	supported: raw(`r.funnel_supported`),
	goals_met: raw(`r.funnel_goals_met`)
};

// The funnel's steps as columns over the selected referrals `r`.
const funnelColumns = sql`coalesce(count_if(${funnelSteps.contacted}), 0)::INTEGER AS contacted,
  coalesce(count_if(${funnelSteps.supported}), 0)::INTEGER AS supported,
  coalesce(count_if(${funnelSteps.goals_met}), 0)::INTEGER AS goals_met`;

/**
 * The engagement funnel over referrals (METHODS.md): referred; contacted (a first contact date
 * or any contacts); supported (an onward referral or signpost, or discharged with goals met or
 * referred on); discharged with goals met.
 */
export function funnel(filters: Filters): Sql<FunnelRow> {
	return sql<FunnelRow>`SELECT count(*)::INTEGER AS referred, ${funnelColumns}
FROM referrals r WHERE ${referralWhere(filters)}`;
}

/**
 * A row of `filterOptions()`: each dimension's distinct values (null when it has none), the
 * first and last referral (null with no referrals), and practices with a list size.
 */
export type FilterOptionsRow = {
	pcn: string[] | null;
	practice: string[] | null;
	service: string[] | null;
	link_worker: string[] | null;
	age_band: string[] | null;
	sex: string[] | null;
	ethnicity: string[] | null;
	imd: number[] | null;
	first_referral: string | null;
	last_referral: string | null;
	practices_with_list_size: number;
};

/**
 * Distinct values for the filter bar, and the referral date span: one scan of the referrals
 * for all of them (each list is null when its column has no value, as for no referrals).
 */
export function filterOptions(): Sql<FilterOptionsRow> {
	const values = (col: string) =>
		raw(`list(DISTINCT ${col} ORDER BY ${col}) FILTER (WHERE ${col} IS NOT NULL)`);
	return sql<FilterOptionsRow>`SELECT ${values('pcn')} AS pcn, ${values('practice')} AS practice,
  ${values('service')} AS service, ${values('link_worker')} AS link_worker,
  ${values('age_band')} AS age_band, ${values('sex_group')} AS sex,
  ${values('ethnicity_group')} AS ethnicity, ${values('imd_decile')} AS imd,
  strftime(min(referral_date), '%Y-%m-%d') AS first_referral,
  strftime(max(referral_date), '%Y-%m-%d') AS last_referral,
  (SELECT count(*) FROM practices WHERE list_size > 0)::INTEGER AS practices_with_list_size
FROM referrals`;
}
