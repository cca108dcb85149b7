// Work done once at import so that filter changes are cheap (issue 13): integer-coded dimensions
// (metrics/coded.ts) and numbered repeat people, both on the loaded referrals.
import { codedColumns, codedType } from '../metrics/coded.ts';

/** Above this many values a column stays text: its ENUM would be larger than it saves. */
export const maxCodedValues = 50_000;

/** How many distinct values each coded column has (one row, a column per coded column). */
export const codedCountsSql = `SELECT ${codedColumns
	.map((c) => `count(DISTINCT "${c}")::INTEGER AS "${c}"`)
	.join(', ')} FROM referrals`;

/**
 * Store each coded column as an ENUM of its values and `unknown`, in text order (so ordering on
 * the ENUM orders as the text does); a column with more than `maxCodedValues` values keeps text,
 * under the same type name, so the metric SQL reads either alike. Run once the referrals are
 * final; the types are made afresh on every load.
 */
export function codedColumnsSql(counts: Record<string, number>): string {
	return codedColumns
		.map((c) => {
			const type = codedType(c);
			const values = `SELECT DISTINCT v FROM (SELECT "${c}" AS v FROM referrals UNION ALL SELECT 'unknown') WHERE v IS NOT NULL ORDER BY v`;
			const kind = (counts[c] ?? 0) < maxCodedValues ? `ENUM (${values})` : 'VARCHAR';
			return `DROP TYPE IF EXISTS ${type}; CREATE TYPE ${type} AS ${kind};
ALTER TABLE referrals ALTER "${c}" TYPE ${type};`;
		})
		.join('\n');
}
