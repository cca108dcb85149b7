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

/**
 * A row of `outcomeCellLists()`: one unit's cells of one measure as aligned lists, in the order
 * `outcomeCells()` gives them; `followup` NaN when not followed up, `discharged` 1 or 0.
 */
export type OutcomeCellListsRow = {
	unit: string;
	measure: string;
	baseline: number[];
	followup: number[];
	discharged: number[];
	n: number[];
};

/**
 * `outcomeCells()` split by a unit, as lists: one row per unit and measure. At 1M referrals by
 * the 501 services the cells are 454,898 rows, and reading that many out of Arrow into objects
 * cost more than the query; lists of plain numbers are copied out whole (`cellsOfLists` makes
 * the cells again).
 */
export function outcomeCellLists(
	filters: Filters,
	asOf: string,
	by: Unit
): Sql<OutcomeCellListsRow> {
	const order = raw('ORDER BY baseline, followup, discharged, n');
	return sql<OutcomeCellListsRow>`SELECT unit, measure, list(baseline ${order}) AS baseline,
  list(coalesce(followup, 'NaN'::DOUBLE) ${order}) AS followup,
  list(discharged::TINYINT ${order}) AS discharged, list(n ${order}) AS n
FROM (${outcomeCells(filters, asOf, by)}) GROUP BY unit, measure ORDER BY unit, measure`;
}

const byCellOrder = (a: OutcomeCellsByRow, b: OutcomeCellsByRow) =>
	a.baseline - b.baseline ||
	(a.followup === null ? 1 : 0) - (b.followup === null ? 1 : 0) ||
	(a.followup ?? 0) - (b.followup ?? 0) ||
	Number(a.discharged) - Number(b.discharged) ||
	a.n - b.n;

/**
 * The cells of `outcomeCellLists()` rows, as `outcomeCells(filters, asOf, by)` gives them, in its
 * order: by unit and measure, then baseline, follow-up (none last), discharged and count. Rows
 * of the same unit and measure (a missing unit and one named `unknown`) are merged in that order.
 */
export function cellsOfLists(rows: OutcomeCellListsRow[]): OutcomeCellsByRow[] {
	const out: OutcomeCellsByRow[] = [];
	for (let i = 0; i < rows.length;) {
		const { unit, measure } = rows[i];
		const start = out.length;
		let j = i;
		for (; j < rows.length && rows[j].unit === unit && rows[j].measure === measure; j++) {
			const r = rows[j];
			for (let e = 0; e < r.n.length; e++) {
				const followup = r.followup[e];
				out.push({
					unit,
					measure,
					baseline: r.baseline[e],
					followup: Number.isNaN(followup) ? null : followup,
					discharged: r.discharged[e] === 1,
					n: r.n[e]
				});
			}
		}
		if (j - i > 1) {
			// Copied back one by one: spreading hundreds of thousands of cells would overflow the stack.
			const merged = out.slice(start).sort(byCellOrder);
			for (let k = 0; k < merged.length; k++) out[start + k] = merged[k];
		}
		i = j;
	}
	return out;
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
