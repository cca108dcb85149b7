// GP appointments before and after referral (METHODS.md "GP appointments"): per person with both
// counts, over the windows the export's counts cover. SQL gives people per (before, after) cell;
// totals, mean change and its interval are worked out in TypeScript.
import { sql, type Sql } from '../db/sql.ts';
import { referralWhere, type Filters } from './filters.ts';

/** A row of `gpCells()`: people with `before` appointments before referral and `after` after. */
export type GpCellsRow = { before: number; after: number; people: number };

/**
 * People by their GP appointments before and after referral. A person referred more than once
 * counts once, by their earliest selected referral with both counts, so overlapping windows of
 * the same person are not added twice.
 */
export function gpCells(filters: Filters): Sql<GpCellsRow> {
	return sql<GpCellsRow>`SELECT before, after, count(*)::INTEGER AS people FROM (
  SELECT r.person_key, arg_min(r.gp_appointments_before, (r.referral_date, r.referral_id)) AS before,
    arg_min(r.gp_appointments_after, (r.referral_date, r.referral_id)) AS after
  FROM referrals r
  WHERE ${referralWhere(filters)} AND r.gp_appointments_before IS NOT NULL AND r.gp_appointments_after IS NOT NULL
  GROUP BY r.person_key)
GROUP BY before, after ORDER BY before, after`;
}
