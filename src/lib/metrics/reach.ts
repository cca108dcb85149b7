import { raw, sql, type Sql } from '../db/sql.ts';
import { referralWhere, type Filters } from './filters.ts';

/** The latest date anywhere in the data: the default as-of date (METHODS.md). */
export function latestDate(): Sql {
	return sql`SELECT strftime(max(d), '%Y-%m-%d') AS as_of FROM (
  SELECT max(greatest(referral_date, first_contact_date, discharge_date)) AS d FROM referrals
  UNION ALL SELECT max(assessed_on) FROM outcomes
  UNION ALL SELECT max(referred_on) FROM onward_referrals)`;
}

/** Headline figures: referrals, people, open cases at the as-of date, first and last referral. */
export function headline(filters: Filters, asOf: string): Sql {
	return sql`SELECT count(*)::INTEGER AS referrals,
  count(DISTINCT r.person_key)::INTEGER AS people,
  count_if(r.person_id IS NULL)::INTEGER AS without_person_id,
  count_if(r.referral_date <= CAST(${asOf} AS DATE)
    AND (r.discharge_date IS NULL OR r.discharge_date > CAST(${asOf} AS DATE)))::INTEGER AS open_cases,
  strftime(min(r.referral_date), '%Y-%m-%d') AS first_referral,
  strftime(max(r.referral_date), '%Y-%m-%d') AS last_referral
FROM referrals r WHERE ${referralWhere(filters)}`;
}

/** Referrals per calendar month (`YYYY-MM`), oldest first. */
export function referralsByMonth(filters: Filters): Sql {
	// Group on the month's first day, then format the few groups (formatting every row is slow).
	return sql`SELECT strftime(m, '%Y-%m') AS month, referrals FROM (
  SELECT date_trunc('month', r.referral_date) AS m, count(*)::INTEGER AS referrals
  FROM referrals r WHERE ${referralWhere(filters)} GROUP BY m) ORDER BY month`;
}

const dimensions = {
	source: 'r.referral_source_group',
	source_label: 'r.referral_source',
	pcn: 'r.pcn',
	practice: 'r.practice',
	service: 'r.service'
} as const;

/** A dimension referrals can be counted by. */
export type Dimension = keyof typeof dimensions;

/** Referrals by one dimension, largest first; missing values grouped as `unknown`. */
export function referralsBy(dimension: Dimension, filters: Filters): Sql {
	const column = raw(dimensions[dimension]);
	return sql`SELECT coalesce(${column}, 'unknown') AS key, count(*)::INTEGER AS referrals
FROM referrals r WHERE ${referralWhere(filters)} GROUP BY key ORDER BY referrals DESC, key`;
}

/** Distinct values for the filter bar: PCNs, services, and the referral date span. */
export function filterOptions(): Sql {
	return sql`SELECT
  (SELECT list(DISTINCT pcn ORDER BY pcn) FROM referrals WHERE pcn IS NOT NULL) AS pcns,
  (SELECT list(DISTINCT service ORDER BY service) FROM referrals WHERE service IS NOT NULL) AS services,
  (SELECT strftime(min(referral_date), '%Y-%m-%d') FROM referrals) AS first_referral,
  (SELECT strftime(max(referral_date), '%Y-%m-%d') FROM referrals) AS last_referral`;
}
