// Pairing (METHODS.md "Pairing"): per referral and measure, one baseline and one later follow-up,
// from valid scores only. It does not depend on filters, so it is made once, at import.
import { pairReferralColumns } from '../metrics/filters.ts';

// A score's place in time as one sortable number: its date (undated scores last), then its
// timepoint for scores without dates or on the same day (baseline, reviews, other labels,
// follow-ups, each numbered one in order: "follow-up 2", "6 month follow-up" read as 26 weeks),
// then its row. Days fit in 17 bits, ranks in 12, rows in 29: under 2^58.
const weeks = `(CASE WHEN contains(timepoint, 'month') THEN 4.345 WHEN contains(timepoint, 'year') THEN 52
  ELSE 1 END * coalesce(TRY_CAST(nullif(regexp_extract(timepoint, '\\d+'), '') AS INTEGER), 0))`;
const order = `((coalesce(date_diff('day', DATE '1970-01-01', assessed_on), 131071)::BIGINT << 41)
  + (CASE WHEN timepoint = 'baseline' THEN 0
      WHEN regexp_matches(timepoint, 'follow') THEN 1000 + least(3000, round(${weeks}))
      WHEN contains(timepoint, 'review') THEN greatest(1, least(499, round(${weeks})))
      ELSE 500 END::BIGINT << 29) + (_row::BIGINT & 536870911))`;
// Scores not labelled baseline sort after every labelled one when choosing the baseline.
const notBaseline = '(1::BIGINT << 59)';

// The referral's columns a pair carries, read from the referrals `r`.
const copied = pairReferralColumns.map((c) => `r.${c}`).join(', ');

/** The columns of `outcome_pairs` that pairing makes (the rest are copied from the referral). */
export const pairColumns = ['referral_id', 'measure_key', 'baseline', 'followup', 'referral_no'];

/**
 * The table `outcome_pairs`: one row per referral and measure with a valid score, with the
 * baseline (the earliest score labelled baseline, else the earliest score) and the follow-up
 * (the latest later score labelled follow-up or review, else the latest later score; null when
 * there is none), and the referral's number (`referral_no`, null when no referral has the ID).
 * Each pair also carries the columns of its referral that the outcome figures filter and split
 * on (`pairReferralColumns`, under the same names), so they read the pairs alone, without joining
 * the referrals: at a million referrals in duckdb-wasm the join was about half of the forest's
 * query. Run after measuresSql, which sets each score's measure and valid value, and once the
 * referrals are coded and numbered (codedColumnsSql): the copies keep the coded types.
 */
export const pairsTableSql = `CREATE OR REPLACE TABLE outcome_pairs AS
SELECT p.*, r.referral_no, ${copied} FROM (
SELECT referral_id, measure_key, baseline,
  CASE WHEN k1 > bpos THEN f1 WHEN k2 > bpos THEN f2 END AS followup
FROM (
  SELECT referral_id, measure_key, arg_min(value, bk) AS baseline,
    min(bk) & (${notBaseline} - 1) AS bpos,
    arg_max(value, ok) FILTER (WHERE fu) AS f1, max(ok) FILTER (WHERE fu) AS k1,
    arg_max(value, ok) AS f2, max(ok) AS k2
  FROM (
    SELECT referral_id, measure_key, value, ok,
      regexp_matches(timepoint, 'follow|review') AS fu,
      CASE WHEN timepoint = 'baseline' THEN ok ELSE ok + ${notBaseline} END AS bk
    FROM (SELECT *, ${order} AS ok FROM outcomes WHERE value IS NOT NULL)
  ) GROUP BY referral_id, measure_key)) p
LEFT JOIN referrals r ON r.referral_id = p.referral_id;`;

/**
 * The pairs of an export (which holds `pairColumns` only) as the figures read them: with their
 * referral's columns joined back on the referral number, as `pairsTableSql` copies them.
 */
export const exportedPairsSql = (from: string) =>
	`SELECT p.*, ${copied} FROM ${from} p
LEFT JOIN referrals r ON r.referral_no = p.referral_no`;
