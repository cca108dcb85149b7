// Paired outcome scores (METHODS.md "Pairing"): per referral and measure, one baseline and one
// later follow-up, from valid scores only. SQL gives counts per (baseline, follow-up) cell and
// per group; the statistics are worked out in TypeScript (stats/), from the same numbers.
import type { Measure } from '../contract/measures.ts';
import { raw, sql, type Sql } from '../db/sql.ts';
import { referralWhere, type Filters } from './filters.ts';

// A score's place in time as one sortable number: its date (undated scores last), then its
// timepoint for scores without dates or on the same day (baseline, reviews, other labels,
// follow-ups, each numbered one in order: "follow-up 2", "6 month follow-up" read as 26 weeks),
// then its row. Days fit in 17 bits, ranks in 12, rows in 29: under 2^58.
const weeks = `(CASE WHEN contains(timepoint, 'month') THEN 4.345 WHEN contains(timepoint, 'year') THEN 52
  ELSE 1 END * coalesce(TRY_CAST(nullif(regexp_extract(timepoint, '\\d+'), '') AS INTEGER), 0))`;
const order =
	raw(`((coalesce(date_diff('day', DATE '1970-01-01', assessed_on), 131071)::BIGINT << 41)
  + (CASE WHEN timepoint = 'baseline' THEN 0
      WHEN regexp_matches(timepoint, 'follow') THEN 1000 + least(3000, round(${weeks}))
      WHEN contains(timepoint, 'review') THEN greatest(1, least(499, round(${weeks})))
      ELSE 500 END::BIGINT << 29) + (_row::BIGINT & 536870911))`);
// Scores not labelled baseline sort after every labelled one when choosing the baseline.
const notBaseline = raw('(1::BIGINT << 59)');

/**
 * One row per selected referral and measure with a valid score: the baseline (the earliest score
 * labelled baseline, else the earliest score) and the follow-up (the latest later score labelled
 * follow-up or review, else the latest later score; null when there is none).
 */
export function pairsSql(filters: Filters): Sql {
	return sql`SELECT referral_id, measure_key, baseline,
  CASE WHEN k1 > bpos THEN f1 WHEN k2 > bpos THEN f2 END AS followup
FROM (
  SELECT referral_id, measure_key, arg_min(value, bk) AS baseline,
    min(bk) & (${notBaseline} - 1) AS bpos,
    arg_max(value, ok) FILTER (WHERE fu) AS f1, max(ok) FILTER (WHERE fu) AS k1,
    arg_max(value, ok) AS f2, max(ok) AS k2
  FROM (
    SELECT referral_id, measure_key, value, ok,
      timepoint = 'followup' OR regexp_matches(timepoint, 'follow|review') AS fu,
      CASE WHEN timepoint = 'baseline' THEN ok ELSE ok + ${notBaseline} END AS bk
    FROM (SELECT *, ${order} AS ok FROM outcomes
      WHERE value IS NOT NULL AND referral_id IN (SELECT r.referral_id FROM referrals r WHERE ${referralWhere(filters)}))
  ) GROUP BY referral_id, measure_key)`;
}

/**
 * Referrals with a baseline per measure, by baseline and follow-up score (follow-up null when
 * not followed up) and whether the referral was discharged by the as-of date: everything the
 * statistics, attrition, bands and distributions need, in one small table.
 */
export function outcomeCells(filters: Filters, asOf: string): Sql {
	return sql`SELECT measure, baseline, followup, discharged, count(*)::INTEGER AS n FROM (
  SELECT p.measure_key AS measure, p.baseline, p.followup,
    coalesce(r.discharge_date <= CAST(${asOf} AS DATE), false) AS discharged
  FROM (${pairsSql(filters)}) p JOIN referrals r ON r.referral_id = p.referral_id)
GROUP BY measure, baseline, followup, discharged ORDER BY ALL`;
}

/** The dimensions the mean change is compared across (a forest plot), with their columns. */
export const outcomeDimensions = {
	service: 'service',
	pcn: 'pcn',
	age_band: 'age_band',
	sex: 'sex_group',
	imd: 'imd_decile'
} as const;
export type OutcomeDimension = keyof typeof outcomeDimensions;

/** Pairs, mean change and its SD per measure and group of each dimension, in one pass. */
export function outcomeGroups(filters: Filters): Sql {
	const names = Object.entries(outcomeDimensions);
	const sets = names.map(([, c]) => `(measure, ${c})`).join(', ');
	const dimension = names.map(([d, c]) => `WHEN grouping(${c}) = 0 THEN '${d}'`).join(' ');
	const group = names.map(([, c]) => `WHEN grouping(${c}) = 0 THEN CAST(${c} AS VARCHAR)`);
	return sql`SELECT measure, CASE ${raw(dimension)} END AS dimension,
  coalesce(CASE ${raw(group.join(' '))} END, 'unknown') AS "group",
  count(*)::INTEGER AS n, avg(change) AS mean, coalesce(stddev_samp(change), 0) AS sd
FROM (
  SELECT p.measure_key AS measure, p.followup - p.baseline AS change,
    r.service, r.pcn, r.age_band, r.sex_group, r.imd_decile
  FROM (${pairsSql(filters)}) p JOIN referrals r ON r.referral_id = p.referral_id
  WHERE p.followup IS NOT NULL)
GROUP BY GROUPING SETS (${raw(sets)})
ORDER BY measure, dimension, TRY_CAST("group" AS INTEGER) NULLS LAST, "group"`;
}

/** The measures of the load (registry and declared), for names, ranges and thresholds. */
export function outcomeMeasures(): Sql {
	return sql`SELECT key, name, short, min, max, better, meaningful_change, bands, conversion
FROM outcome_measures ORDER BY ord`;
}

/** A row of `outcomeMeasures()` as a measure. */
export function measureFromRow(row: Record<string, unknown>): Measure {
	return {
		key: String(row.key),
		name: String(row.name),
		short: row.short == null ? undefined : String(row.short),
		min: Number(row.min),
		max: Number(row.max),
		better: row.better === 'lower' ? 'lower' : 'higher',
		meaningfulChange: row.meaningful_change == null ? null : Number(row.meaningful_change),
		bands: JSON.parse(String(row.bands ?? '[]')),
		aliases: [],
		conversion: row.conversion === 'swemwbs' ? 'swemwbs' : undefined
	};
}
