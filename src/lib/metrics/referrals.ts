import { sql, type Sql } from '../db/sql.ts';
import { namedCoded } from './coded.ts';
import { referralWhere, type Filters } from './filters.ts';

// The IDs of the selected referrals, for the tables that hang off a referral.
const selected = (filters: Filters): Sql =>
	sql`SELECT r.referral_id FROM referrals r WHERE ${referralWhere(filters)}`;

/** A row of `sourceLabels()`: a source label as given (`key`) and its standard group. */
export type SourceLabelsRow = { group: string; key: string; referrals: number };

/** Referrals by the source label as given, with its standard group, most first. */
export function sourceLabels(filters: Filters): Sql<SourceLabelsRow> {
	return sql<SourceLabelsRow>`SELECT ${namedCoded('referral_source_group')} AS "group",
  ${namedCoded('referral_source')} AS key, count(*)::INTEGER AS referrals
FROM referrals r WHERE ${referralWhere(filters)} GROUP BY ALL ORDER BY referrals DESC, key`;
}

/** A row of `sourcesByQuarter()`: `period` is the quarter's first day, `YYYY-MM-DD`. */
export type SourcesByQuarterRow = { period: string; group: string; referrals: number };

/** Referrals by quarter (its first day) and source group, for the trend. */
export function sourcesByQuarter(filters: Filters): Sql<SourcesByQuarterRow> {
	return sql<SourcesByQuarterRow>`SELECT strftime(p, '%Y-%m-%d') AS period, "group", referrals FROM (
  SELECT date_trunc('quarter', r.referral_date) AS p,
    ${namedCoded('referral_source_group')} AS "group", count(*)::INTEGER AS referrals
  FROM referrals r WHERE ${referralWhere(filters)} GROUP BY ALL) ORDER BY p, "group"`;
}

// No CTE here is read twice: DuckDB 1.4.3 can group a CTE read twice wrongly on several threads,
// so a shared selection is written out each time it is used.

/** A row of `reasons()`: referrals giving a reason group (`key`) and every selected referral. */
export type ReasonsRow = { key: string; referrals: number; total: number };

/**
 * Referrals mentioning each reason group (a referral can give several, so these overlap), and
 * `not_recorded` for referrals with none; `total` is every selected referral. Each referral
 * lists its reason groups once (`reason_groups`, made at import from referral_reasons).
 */
export function reasons(filters: Filters): Sql<ReasonsRow> {
	const where = referralWhere(filters);
	return sql<ReasonsRow>`SELECT key, referrals, t.total FROM (
  SELECT reason_group AS key, count(*)::INTEGER AS referrals FROM (${reasonGroups(filters)})
  GROUP BY key
  UNION ALL
  SELECT 'not_recorded', coalesce(count_if(r.referral_reasons IS NULL OR len(r.referral_reasons) = 0), 0)::INTEGER
  FROM referrals r WHERE ${where}),
  (SELECT count(*)::INTEGER AS total FROM referrals r WHERE ${where}) t
ORDER BY key = 'not_recorded', referrals DESC, key`;
}

// The reason groups of the selected referrals, each once per referral.
const reasonGroups = (filters: Filters): Sql =>
	sql`SELECT r.referral_id, unnest(r.reason_groups) AS reason_group FROM referrals r
  WHERE ${referralWhere(filters)}`;

/** A row of `reasonPairs()`: two reason groups given on the same referral. */
export type ReasonPairsRow = { a: string; b: string; referrals: number };

/**
 * Pairs of reason groups given on the same referral (each pair once, `a` < `b`), with counts:
 * each selected referral's pairs, made from its own list of groups.
 */
export function reasonPairs(filters: Filters): Sql<ReasonPairsRow> {
	return sql<ReasonPairsRow>`SELECT a, b, count(*)::INTEGER AS referrals FROM (
  SELECT unnest(flatten(list_transform(r.reason_groups,
    x -> list_transform(list_filter(r.reason_groups, y -> x < y), y -> {'a': x, 'b': y}))), recursive := true)
  FROM referrals r WHERE len(r.reason_groups) > 1 AND ${referralWhere(filters)})
GROUP BY ALL ORDER BY referrals DESC, a, b`;
}

// Onward referrals and signposts of the selected referrals.
const onward = (filters: Filters): Sql =>
	sql`SELECT * FROM onward_referrals WHERE referral_id IN (${selected(filters)})`;

/** A row of `onwardBy()`: a category or organisation (`key`) and its onward support. */
export type OnwardByRow = {
	key: string;
	referrals: number;
	signposts: number;
	total: number;
	attended: number;
	not_attended: number;
	attendance_not_recorded: number;
};

/** Onward support by one column: referrals, signposts, and attended yes / no / not recorded. */
export function onwardBy(column: 'category' | 'organisation', filters: Filters): Sql<OnwardByRow> {
	const key = column === 'category' ? sql`category_group` : sql`organisation`;
	return sql<OnwardByRow>`SELECT coalesce(${key}, 'unknown') AS key,
  coalesce(count_if(kind_group = 'referral'), 0)::INTEGER AS referrals,
  coalesce(count_if(kind_group = 'signpost'), 0)::INTEGER AS signposts,
  count(*)::INTEGER AS total,
  coalesce(count_if(attended), 0)::INTEGER AS attended,
  coalesce(count_if(NOT attended), 0)::INTEGER AS not_attended,
  coalesce(count_if(attended IS NULL), 0)::INTEGER AS attendance_not_recorded
FROM (${onward(filters)}) GROUP BY key ORDER BY total DESC, key`;
}

/** A row of `onwardKinds()`: `attended` is `attended`, `did_not_attend` or `not_recorded`. */
export type OnwardKindsRow = { kind: string; attended: string; count: number };

/** Onward referrals and signposts by whether attendance was recorded as yes or no. */
export function onwardKinds(filters: Filters): Sql<OnwardKindsRow> {
	return sql<OnwardKindsRow>`SELECT coalesce(kind_group, 'unknown') AS kind,
  CASE WHEN attended THEN 'attended' WHEN NOT attended THEN 'did_not_attend' ELSE 'not_recorded' END AS attended,
  count(*)::INTEGER AS count
FROM (${onward(filters)}) GROUP BY ALL ORDER BY ALL`;
}

/** A row of `reasonByCategory()`: referrals with a reason group and a category of support. */
export type ReasonByCategoryRow = { reason: string; category: string; referrals: number };

/** Referrals by reason group and the category of onward support they received (each once). */
export function reasonByCategory(filters: Filters): Sql<ReasonByCategoryRow> {
	return sql<ReasonByCategoryRow>`SELECT rr.reason_group AS reason, oc.category, count(*)::INTEGER AS referrals
FROM (${reasonGroups(filters)}) rr JOIN (
  SELECT DISTINCT referral_id, coalesce(category_group, 'unknown') AS category FROM onward_referrals
  WHERE referral_id IN (${selected(filters)})) oc USING (referral_id)
GROUP BY ALL ORDER BY ALL`;
}
