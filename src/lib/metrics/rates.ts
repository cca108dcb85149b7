import { join, raw, sql, type Sql } from '../db/sql.ts';
import { daysBetween } from './periods.ts';
import { periodRange, referralWhere, type Filters } from './filters.ts';
import { peopleCount } from './reach.ts';

/**
 * The former IIF PC-01 thresholds, people referred per 1,000 registered patients a year
 * (METHODS.md): the default reference lines, a setting (`--rate-thresholds`, `rate_thresholds`).
 */
export const iifThresholds = [12, 16];

/**
 * Reference lines per 1,000 a year from text such as `12,16`: up to four numbers ≥ 0, sorted;
 * undefined when the text is not that.
 */
export function parseRateThresholds(text: string): number[] | undefined {
	const parts = text.split(',').map((p) => p.trim());
	if (!parts.length || parts.length > 4 || parts.some((p) => !/^\d+(\.\d+)?$/.test(p)))
		return undefined;
	return parts.map(Number).sort((a, b) => a - b);
}

/**
 * The years a period covers, for rates per year: its days / 365.25. A period with both ends
 * counts its own length (a financial year 365 or 366 days, a quarter 90 to 92); only an open end
 * is clipped to the data's span (first referral to as-of date), and all dates are the span.
 */
export function periodYears(filters: Filters, span: { from: string; to: string }): number {
	const range = periodRange(filters.period);
	if (range.from && range.to) return Math.max(0, daysBetween(range.from, range.to)) / 365.25;
	const from = range.from && range.from > span.from ? range.from : span.from;
	const to = range.to && range.to < span.to ? range.to : span.to;
	return Math.max(0, daysBetween(from, to)) / 365.25;
}

/** A practice's match key: its name or code with case, spaces and punctuation ignored. */
export const practiceKey = (col: string) =>
	`lower(regexp_replace(${col}, '[^A-Za-z0-9]+', '', 'g'))`;

/** A row of `practiceReferrals()`: a practice or PCN, its list size, referrals and people. */
export type PracticeReferralsRow = {
	key: string;
	list_size: number;
	referrals: number;
	people: number;
};

/**
 * Referrals and distinct people referred in the selection, by practice or by PCN, for the
 * practices in the practices file with a list size (a PCN's list is the sum of its practices',
 * and a person referred at two of its practices counts once). Referrals are matched to practices
 * by the practice on the referral; practices with none show 0. Ordered by key.
 */
export function practiceReferrals(
	level: 'practice' | 'pcn',
	filters: Filters
): Sql<PracticeReferralsRow> {
	const key = raw(level === 'practice' ? 'p.practice' : "coalesce(p.pcn, 'unknown')");
	// The lists are written out twice rather than shared as a CTE (DuckDB 1.4.3 on threads).
	return sql<PracticeReferralsRow>`SELECT l.key, l.list_size,
  coalesce(c.referrals, 0)::INTEGER AS referrals, coalesce(c.people, 0)::INTEGER AS people FROM (
  SELECT ${key} AS key, sum(p.list_size)::INTEGER AS list_size
  FROM (${practiceLists(filters)}) p GROUP BY ALL) l
LEFT JOIN (
  SELECT ${key} AS key, count(*) AS referrals, ${peopleCount} AS people
  FROM referrals r JOIN (${practiceLists(filters)}) p ON p.k = ${raw(practiceKey('r.practice'))}
  WHERE r.practice IS NOT NULL AND ${referralWhere(filters)} GROUP BY ALL) c
ON c.key IS NOT DISTINCT FROM l.key
ORDER BY l.key`;
}

/** A row of `referralRate()`: `practiceReferrals()` with both rates per 1,000 a year. */
export type ReferralRateRow = PracticeReferralsRow & { rate: number; people_rate: number };

/**
 * People referred (`people_rate`, the former IIF PC-01 measure) and referrals (`rate`) per 1,000
 * registered patients per year, by practice or by PCN (see `practiceReferrals()`); highest people
 * rate first.
 */
export function referralRate(
	level: 'practice' | 'pcn',
	filters: Filters,
	years: number
): Sql<ReferralRateRow> {
	return sql<ReferralRateRow>`SELECT *, 1000.0 * referrals / list_size / ${years} AS rate,
  1000.0 * people / list_size / ${years} AS people_rate
FROM (${practiceReferrals(level, filters)}) ORDER BY people_rate DESC, rate DESC, key`;
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
