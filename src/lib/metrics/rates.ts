import { join, raw, sql, type Sql } from '../db/sql.ts';
import { daysBetween } from './periods.ts';
import { periodRange, referralWhere, type Filters } from './filters.ts';

/** The IIF PC-01 thresholds, referrals per 1,000 registered patients a year (METHODS.md). */
export const iifThresholds = [12, 16];

/**
 * The years a period covers, for rates per year: 1 for a financial year, 0.25 for a quarter,
 * otherwise its days (clipped to the data's span: first referral to as-of date) / 365.25.
 */
export function periodYears(filters: Filters, span: { from: string; to: string }): number {
	if (filters.period.kind === 'year') return 1;
	if (filters.period.kind === 'quarter') return 0.25;
	const range = periodRange(filters.period);
	const from = range.from && range.from > span.from ? range.from : span.from;
	const to = range.to && range.to < span.to ? range.to : span.to;
	return Math.max(0, daysBetween(from, to)) / 365.25;
}

/** A practice's match key: its name or code with case, spaces and punctuation ignored. */
export const practiceKey = (col: string) =>
	`lower(regexp_replace(${col}, '[^A-Za-z0-9]+', '', 'g'))`;

/** A row of `referralRate()`: a practice or PCN, its list size, referrals and rate. */
export type ReferralRateRow = { key: string; list_size: number; referrals: number; rate: number };

/**
 * Referrals per 1,000 registered patients per year, by practice or by PCN, for the practices in
 * the practices file with a list size (a PCN's list is the sum of its practices'). Referrals are
 * matched to practices by the practice on the referral; practices with none show 0.
 */
export function referralRate(
	level: 'practice' | 'pcn',
	filters: Filters,
	years: number
): Sql<ReferralRateRow> {
	const key = level === 'practice' ? 'p.practice' : "coalesce(p.pcn, 'unknown')";
	return sql<ReferralRateRow>`WITH refs AS (
  SELECT ${raw(practiceKey('r.practice'))} AS k, count(*) AS n FROM referrals r
  WHERE r.practice IS NOT NULL AND ${referralWhere(filters)} GROUP BY k),
p AS (${practiceLists(filters)})
SELECT ${raw(key)} AS key, sum(p.list_size)::INTEGER AS list_size,
  coalesce(sum(refs.n), 0)::INTEGER AS referrals,
  1000.0 * coalesce(sum(refs.n), 0) / sum(p.list_size) / ${years} AS rate
FROM p LEFT JOIN refs USING (k) GROUP BY ALL ORDER BY rate DESC, key`;
}

/**
 * The practices whose lists count (a list size, and of the PCNs and practices filtered on, if
 * any): practice, pcn, list_size and the match key `k` of each.
 */
export function practiceLists(filters: Filters): Sql {
	return sql`SELECT practice, pcn, list_size, ${raw(practiceKey('practice'))} AS k
  FROM practices WHERE list_size > 0 AND ${listWhere(filters)}`;
}

// The practices of the PCNs and practices filtered on, if any.
function listWhere(filters: Filters): Sql {
	const parts = [sql`true`];
	// Matched as referrals are: case, spaces and punctuation ignored.
	const keys = (values: string[]) => values.map((v) => v.toLowerCase().replace(/[^a-z0-9]+/g, ''));
	if (filters.pcn.length) parts.push(sql`${raw(practiceKey('pcn'))} IN ${keys(filters.pcn)}`);
	if (filters.practice.length)
		parts.push(sql`${raw(practiceKey('practice'))} IN ${keys(filters.practice)}`);
	return join(parts, ' AND ');
}

/** The row of `unmatchedPractices()`. */
export type UnmatchedPracticesRow = { referrals: number };

/** Referrals in the selection with no practice, or one not in the practices file (left out of rates). */
export function unmatchedPractices(filters: Filters): Sql<UnmatchedPracticesRow> {
	return sql<UnmatchedPracticesRow>`SELECT count(*)::INTEGER AS referrals FROM referrals r
WHERE ${referralWhere(filters)} AND (r.practice IS NULL OR ${raw(practiceKey('r.practice'))} NOT IN (
  SELECT ${raw(practiceKey('practice'))} FROM practices WHERE list_size > 0 AND practice IS NOT NULL))`;
}
