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
 * the same person are not added twice. People referred once are their one referral; only people
 * referred more than once are grouped, by the order of their referrals numbered at import
 * (`person_order`: by date, then referral ID).
 */
export function gpCells(filters: Filters): Sql<GpCellsRow> {
	const selected = sql`FROM referrals r WHERE ${referralWhere(filters)}
    AND r.gp_appointments_before IS NOT NULL AND r.gp_appointments_after IS NOT NULL`;
	// The selection is written out twice rather than shared as a CTE (DuckDB 1.4.3 can group a
	// CTE read twice wrongly on several threads); the union is grouped on plain columns.
	return sql<GpCellsRow>`SELECT before, after, count(*)::INTEGER AS people FROM (
  SELECT r.gp_appointments_before AS before, r.gp_appointments_after AS after
  ${selected} AND NOT r.repeat_person
  UNION ALL
  SELECT arg_min(r.gp_appointments_before, r.person_order) AS before,
    arg_min(r.gp_appointments_after, r.person_order) AS after
  ${selected} AND r.repeat_person GROUP BY r.person_no)
GROUP BY before, after ORDER BY before, after`;
}
