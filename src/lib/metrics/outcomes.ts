// Paired outcome scores (METHODS.md "Pairing"): per referral and measure, one baseline and one
// later follow-up, from valid scores only. SQL gives counts per (baseline, follow-up) cell and
// per group; the statistics are worked out in TypeScript (stats/), from the same numbers.
import type { Measure } from '../contract/measures.ts';
import { raw, sql, type Sql } from '../db/sql.ts';
import { referralWhere, unitColumn, type Filters, type Unit } from './filters.ts';

/** A row of `outcomeCells()`: `n` referrals with these scores (follow-up null when none). */
export type OutcomeCellsRow = {
	measure: string;
	baseline: number;
	followup: number | null;
	discharged: boolean;
	n: number;
};

/** A row of `outcomeCells()` split by a unit: the unit's value (`unknown` when missing). */
export type OutcomeCellsByRow = OutcomeCellsRow & { unit: string };

/** The row of `outcomeCells()`: with a unit to split by (`B`), each row names its unit. */
export type OutcomeCellsWith<B extends Unit | undefined> = B extends Unit
	? OutcomeCellsByRow
	: OutcomeCellsRow;

/**
 * Referrals with a baseline per measure, by baseline and follow-up score (follow-up null when
 * not followed up) and whether the referral was discharged by the as-of date: everything the
 * statistics, attrition, bands and distributions need, in one small table. With `by`, per unit.
 */
export function outcomeCells<B extends Unit | undefined = undefined>(
	filters: Filters,
	asOf: string,
	by?: B
): Sql<OutcomeCellsWith<B>> {
	// The unit is a plain column while grouping, named `unknown` after (DuckDB 1.4.3 on threads).
	const unit = by ? sql`${unitColumn(by)} AS unit, ` : sql``;
	const outer = by ? sql`coalesce(unit, 'unknown') AS unit, ` : sql``;
	const key = by ? sql`unit, ` : sql``;
	return sql<OutcomeCellsWith<B>>`SELECT ${outer}measure, baseline, followup, discharged, n FROM (
  SELECT ${key}measure, baseline, followup, discharged, count(*)::INTEGER AS n FROM (
    SELECT ${unit}r.measure_key AS measure, r.baseline, r.followup,
      coalesce(r.discharge_date <= CAST(${asOf} AS DATE), false) AS discharged
    FROM outcome_pairs r
    WHERE r.referral_no IS NOT NULL AND ${referralWhere(filters)})
  GROUP BY ALL)
ORDER BY ALL`;
}

/** The dimensions the mean change is compared across (a forest plot), with their columns. */
const outcomeDimensions = {
	service: 'service',
	pcn: 'pcn',
	age_band: 'age_band',
	sex: 'sex_group',
	imd: 'imd_decile'
} as const;

/** A row of `outcomeGroups()`: pairs, mean change and its SD in one group of one dimension. */
export type OutcomeGroupsRow = {
	measure: string;
	dimension: string;
	group: string;
	n: number;
	mean: number;
	sd: number;
};

/** Pairs, mean change and its SD per measure and group of each dimension, in one pass. */
export function outcomeGroups(filters: Filters): Sql<OutcomeGroupsRow> {
	const names = Object.entries(outcomeDimensions);
	const sets = names.map(([, c]) => `(measure, ${c})`).join(', ');
	const dimension = names.map(([d, c]) => `WHEN grouping(${c}) = 0 THEN '${d}'`).join(' ');
	const group = names.map(([, c]) => `WHEN grouping(${c}) = 0 THEN CAST(${c} AS VARCHAR)`);
	return sql<OutcomeGroupsRow>`SELECT measure, CASE ${raw(dimension)} END AS dimension,
  coalesce(CASE ${raw(group.join(' '))} END, 'unknown') AS "group",
  count(*)::INTEGER AS n, avg(change) AS mean, coalesce(stddev_samp(change), 0) AS sd
FROM (
  SELECT r.measure_key AS measure, r.followup - r.baseline AS change,
    r.service, r.pcn, r.age_band, r.sex_group, r.imd_decile
  FROM outcome_pairs r
  WHERE r.referral_no IS NOT NULL AND r.followup IS NOT NULL AND ${referralWhere(filters)})
GROUP BY GROUPING SETS (${raw(sets)})
ORDER BY measure, dimension, TRY_CAST("group" AS INTEGER) NULLS LAST, "group"`;
}

/** A row of `outcomeMeasures()`: `bands` and `advice` are JSON text. */
export type OutcomeMeasureRow = {
	key: string;
	name: string;
	short: string | null;
	min: number;
	max: number;
	better: string;
	meaningful_change: number | null;
	bands: string | null;
	conversion: string | null;
	advice: string | null;
};

/** The measures of the load (registry and declared), for names, ranges and thresholds. */
export function outcomeMeasures(): Sql<OutcomeMeasureRow> {
	return sql<OutcomeMeasureRow>`SELECT key, name, short, min, max, better, meaningful_change, bands, conversion, advice
FROM outcome_measures ORDER BY ord`;
}

/** A row of `outcomeMeasures()` as a measure. */
export function measureFromRow(row: OutcomeMeasureRow): Measure {
	return {
		key: row.key,
		name: row.name,
		short: row.short ?? undefined,
		min: row.min,
		max: row.max,
		better: row.better === 'lower' ? 'lower' : 'higher',
		meaningfulChange: row.meaningful_change,
		bands: JSON.parse(row.bands ?? '[]'),
		aliases: [],
		conversion: row.conversion === 'swemwbs' ? 'swemwbs' : undefined,
		advice: row.advice == null ? undefined : JSON.parse(row.advice)
	};
}
