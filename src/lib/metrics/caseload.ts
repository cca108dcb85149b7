import { sql, type Sql } from '../db/sql.ts';
import { periodRange, referralWhere, unitUnknown, type Filters } from './filters.ts';
import { peopleCountIf } from './reach.ts';

// Caseload (METHODS.md "Reach and activity"): an episode is open at the end of day d when it was
// referred by d and not discharged by d (discharge_date IS NULL OR discharge_date > d), so a
// discharge on a month end is closed at that month end. Open cases do not belong to a period,
// so the period only chooses the dates; every other filter applies.

/** Guidance: people a year per full-time link worker (METHODS.md). */
export const caseloadGuidance = [200, 250] as const;

const date = (d: string) => sql`CAST(${d} AS DATE)`;
// Every filter but the period.
const withoutPeriod = (filters: Filters) => referralWhere({ ...filters, period: { kind: 'all' } });
// Open at the end of day d: coalesce keeps the join to two inequalities (a range join, not a loop).
const openAt = (d: Sql) =>
	sql`r.referral_date <= ${d} AND coalesce(r.discharge_date, DATE '9999-12-31') > ${d}`;

/**
 * The month ends of the selected period up to the as-of date (column `d`); for all dates, from
 * the month of the first referral.
 */
function monthEnds(filters: Filters, asOf: string): Sql {
	const { from, to } = periodRange(filters.period);
	const start = from ? date(from) : sql`(SELECT min(referral_date) FROM referrals)`;
	const end = to && to < asOf ? date(to) : date(asOf);
	return sql`SELECT CAST(last_day(s) AS DATE) AS d
FROM generate_series(CAST(date_trunc('month', ${start}) AS DATE), ${end}, INTERVAL 1 MONTH) t(s)
WHERE last_day(s) >= ${start} AND last_day(s) <= ${end}`;
}

/**
 * A row of `caseloadByMonth()`, one per month end: `open` cases in all, `per_worker` the open
 * cases of each link worker holding any (fewest first; episodes with no link worker count in
 * `open` only), and `link_workers` the link workers holding open cases at any of the
 * month ends (the same on every row).
 */
export type CaseloadByMonthRow = {
	month_end: string;
	open: number;
	per_worker: number[];
	link_workers: number;
};

/**
 * Open cases at each month end of the period, up to the as-of date, in all and per link worker
 * (see `CaseloadByMonthRow`): every month end is there, with 0 and no workers when none is open.
 * One row per month end, each worker's count in a list: at 1M referrals there are 72,000
 * worker-months, and building a JavaScript row for each took longer than counting them. The
 * link workers over all the month ends come from a second grouping set (the row of `()`), not a
 * window of distinct workers (1M referrals in duckdb-wasm, all dates: 162 against 207 ms).
 */
export function caseloadByMonth(filters: Filters, asOf: string): Sql<CaseloadByMonthRow> {
	// The month ends are written out twice rather than shared as a CTE (DuckDB 1.4.3 can group
	// a CTE read twice wrongly on several threads).
	const named = sql`g.worker <> ${unitUnknown('link_worker')}`;
	return sql<CaseloadByMonthRow>`SELECT strftime(d, '%Y-%m-%d') AS month_end, open, per_worker,
  coalesce(max(workers) FILTER (WHERE everything = 1) OVER (), 0)::INTEGER AS link_workers
FROM (
  SELECT m.d, grouping(m.d) AS everything, coalesce(sum(g.open), 0)::INTEGER AS open,
    coalesce(list(g.open ORDER BY g.open) FILTER (WHERE ${named}), []) AS per_worker,
    count(DISTINCT g.worker) FILTER (WHERE ${named}) AS workers
  FROM (${monthEnds(filters, asOf)}) m LEFT JOIN (
    SELECT e.d, r.link_worker AS worker, count(*)::INTEGER AS open
    FROM (${monthEnds(filters, asOf)}) e JOIN referrals r ON ${openAt(sql`e.d`)}
    WHERE ${withoutPeriod(filters)}
    GROUP BY e.d, r.link_worker) g ON g.d = m.d
  GROUP BY GROUPING SETS ((m.d), ()))
QUALIFY everything = 0
ORDER BY d`;
}

/** A row of `caseloadAt()`: `link_worker` is `unknown` for episodes with none. */
export type CaseloadAtRow = { link_worker: string; open: number; people_year: number };

/**
 * Per link worker at the as-of date: open cases, and people referred in the year to the as-of
 * date (to set against the guidance of 200–250 a year); workers with neither are left out.
 */
export function caseloadAt(filters: Filters, asOf: string): Sql<CaseloadAtRow> {
	const a = date(asOf);
	// The year's first day as a date, so each referral's date is compared as it is (comparing it
	// with a timestamp cast every one); people counted on their numbers, not their keys' text
	// (1M referrals in duckdb-wasm, all dates: 113 -> 41 ms).
	const inYear = sql`r.referral_date > CAST(${a} - INTERVAL 1 YEAR AS DATE)`;
	return sql<CaseloadAtRow>`SELECT coalesce(worker, 'unknown') AS link_worker, open, people_year FROM (
  SELECT r.link_worker AS worker, coalesce(count_if(${openAt(a)}), 0)::INTEGER AS open,
    ${peopleCountIf(inYear)} AS people_year
  FROM referrals r WHERE ${withoutPeriod(filters)} AND r.referral_date <= ${a}
  GROUP BY r.link_worker)
WHERE open > 0 OR people_year > 0
ORDER BY link_worker`;
}
