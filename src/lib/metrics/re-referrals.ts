import { sql, type Sql } from '../db/sql.ts';
import { byAsOf } from './journeys.ts';
import type { Filters } from './filters.ts';

// Re-referrals (METHODS.md "Reach and activity"): a person's episode that starts within 365 days
// after the discharge of an earlier episode of the same person. It needs person_id: a referral
// without one is a person of its own. The episodes counted are the selected ones (made by the
// as-of date); the earlier episode may be any of the person's, in the period or before it.

/** How long after an earlier discharge re-referrals come, in days: the upper end of each band. */
export const gapBands = [90, 180, 270, 365] as const;

/** The row of `repeatPeople()`. */
export type RepeatPeopleRow = {
	people: number;
	people_with_multiple: number;
	episodes: number;
	without_person_id: number;
};

/**
 * People among the selected referrals (with a person ID) and those with more than one episode,
 * and the selected episodes with and without a person ID. A person referred once in the whole
 * data is one person per referral; only the referrals of people referred more than once are
 * grouped, on their numbers (`person_no`, from import), not on the person ID's text: at 1M
 * referrals in duckdb-wasm, grouping every referral by its person ID took about 100 ms.
 */
export function repeatPeople(filters: Filters, asOf: string): Sql<RepeatPeopleRow> {
	const where = byAsOf(filters, asOf);
	return sql<RepeatPeopleRow>`SELECT (coalesce(count_if(r.person_id IS NOT NULL AND NOT r.repeat_person), 0)
    + coalesce(any_value(g.people), 0))::INTEGER AS people,
  coalesce(any_value(g.multiple), 0)::INTEGER AS people_with_multiple,
  coalesce(count_if(r.person_id IS NOT NULL), 0)::INTEGER AS episodes,
  coalesce(count_if(r.person_id IS NULL), 0)::INTEGER AS without_person_id
FROM referrals r, (SELECT count(*) AS people, count_if(n > 1) AS multiple FROM (
  SELECT r.person_no, count(*) AS n FROM referrals r
  WHERE r.repeat_person AND r.person_id IS NOT NULL AND ${where}
  GROUP BY r.person_no)) g
WHERE ${where}`;
}

/** A row of `reReferralGaps()`: episodes in one gap band (1–5). */
export type ReReferralGapsRow = { band: number; episodes: number };

/**
 * Selected episodes that start after an earlier discharge of the same person, by the days
 * since the latest such discharge: band 1 is 0–90 days, 2 is 91–180, 3 is 181–270, 4 is
 * 271–365 (bands 1–4 are the re-referrals within 365 days) and 5 is over 365. An earlier
 * episode is another of the person's, discharged on or before this referral and not before
 * its own referral (a discharge dated before its referral is no discharge to count from).
 * Only people referred more than once can have one: the join is on their numbers (`person_no`,
 * and `person_order` for the episode), integers, not on the person ID's text, and reads only
 * their referrals (`repeat_person`; the others have no number). With a person ID on both
 * sides, the same number is the same person ID.
 */
export function reReferralGaps(filters: Filters, asOf: string): Sql<ReReferralGapsRow> {
	const [a, b, c, d] = gapBands;
	return sql<ReReferralGapsRow>`SELECT band, count(*)::INTEGER AS episodes FROM (
  SELECT CASE WHEN gap <= ${a} THEN 1 WHEN gap <= ${b} THEN 2 WHEN gap <= ${c} THEN 3
    WHEN gap <= ${d} THEN 4 ELSE 5 END AS band FROM (
    SELECT min(r.referral_date - e.discharge_date)::INTEGER AS gap
    FROM referrals r JOIN referrals e ON e.person_no = r.person_no
      AND e.person_order <> r.person_order AND e.discharge_date <= r.referral_date
      AND e.discharge_date >= e.referral_date AND e.person_id IS NOT NULL AND e.repeat_person
    WHERE r.repeat_person AND r.person_id IS NOT NULL AND ${byAsOf(filters, asOf)}
    GROUP BY r.person_no, r.person_order))
GROUP BY band ORDER BY band`;
}
