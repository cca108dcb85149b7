// Work done once at import so that filter changes are cheap (issue 13): integer-coded dimensions
// (metrics/coded.ts) and numbered repeat people, both on the loaded referrals.
import { codedColumns, codedType } from '../metrics/coded.ts';

/** Above this many values a column stays text: its ENUM would be larger than it saves. */
export const maxCodedValues = 50_000;

// Columns whose values come from a vocabulary's groups or the age bands: always few.
const bounded = new Set<string>([
	'referral_source_group',
	'age_band',
	'sex_group',
	'ethnicity_group'
]);

/** How many distinct values each free-text coded column has (one row, a column for each). */
export const codedCountsSql = `SELECT ${codedColumns
	.filter((c) => !bounded.has(c))
	.map((c) => `count(DISTINCT "${c}")::INTEGER AS "${c}"`)
	.join(', ')} FROM referrals`;

/**
 * The coded types as text, made with the empty tables: the metric SQL names them, so they exist
 * even before (or without) a referrals file; codedColumnsSql makes them ENUMs once loaded.
 */
export const textCodedTypesSql = codedColumns
	.map((c) => `DROP TYPE IF EXISTS ${codedType(c)}; CREATE TYPE ${codedType(c)} AS VARCHAR;`)
	.join('\n');

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
			const kind = (counts[c] ?? 0) <= maxCodedValues ? `ENUM (${values})` : 'VARCHAR';
			return `DROP TYPE IF EXISTS ${type}; CREATE TYPE ${type} AS ${kind};
ALTER TABLE referrals ALTER "${c}" TYPE ${type};`;
		})
		.join('\n');
}
