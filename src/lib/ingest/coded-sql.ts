// Work done once at import so that filter changes are cheap (issue 13): integer-coded dimensions
// (metrics/coded.ts) and numbered repeat people, both on the loaded referrals.
import { ident } from '../db/sql.ts';
import { codedColumns, codedType } from '../metrics/coded.ts';
import { funnelStepsAtImport } from '../metrics/reach.ts';
import { storedColumns } from './schema-sql.ts';

/** Above this many values a column stays text: its ENUM would be larger than it saves. */
export const maxCodedValues = 50_000;

// Columns whose values come from a vocabulary's groups or the age bands: always few.
const bounded = new Set<string>([
	'referral_source_group',
	'age_band',
	'sex_group',
	'ethnicity_group'
]);

/**
 * How many distinct values each free-text coded column has, and how many hold a NUL byte (one
 * row, two columns for each): DuckDB cannot name such a value in an ENUM's definition.
 */
export const codedCountsSql = `SELECT ${codedColumns
	.filter((c) => !bounded.has(c))
	.map(
		(c) =>
			`count(DISTINCT "${c}")::INTEGER AS "${c}", count_if(contains("${c}", chr(0)))::INTEGER AS "${c}__nul"`
	)
	.join(', ')} FROM referrals`;

/**
 * The coded types as text, made with the empty tables: the metric SQL names them, so they exist
 * even before (or without) a referrals file; codedColumnsSql makes them ENUMs once loaded.
 */
export const textCodedTypesSql = codedColumns
	.map((c) => `DROP TYPE IF EXISTS ${codedType(c)}; CREATE TYPE ${codedType(c)} AS VARCHAR;`)
	.join('\n');

/** What DuckDB holds now, in bytes, and its memory limit as it says it ("3.1 GiB"). */
export const memorySql = `SELECT (SELECT coalesce(sum(memory_usage_bytes), 0) FROM duckdb_memory())::DOUBLE AS used,
  current_setting('memory_limit') AS memory_limit`;

const units: Record<string, number> = { B: 1, BYTES: 1, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12 };
for (const [i, u] of ['KIB', 'MIB', 'GIB', 'TIB'].entries()) units[u] = 1024 ** (i + 1);

/**
 * Whether the referrals can be sorted by date as they are coded: while DuckDB holds no more
 * than a third of its limit (the sort holds the rows once more while it runs). A tab's DuckDB
 * has 3.1 GiB: 1M referrals of the generated shape hold about 0.95 GB and are sorted; 2M hold
 * about 1.8 GB and load only unsorted. Unknown limits do not sort.
 */
export function roomToSort(used: number, limit: string): boolean {
	const m = /^([\d.]+)\s*([A-Za-z]+)$/.exec(limit.trim());
	const bytes = m ? Number(m[1]) * (units[m[2].toUpperCase()] ?? NaN) : NaN;
	return used * 3 <= bytes;
}

// The referral columns the coding rewrite works out (from the other tables, once all are loaded).
const madeHere: Record<string, string> = {
	funnel_supported: funnelStepsAtImport.supported,
	funnel_goals_met: funnelStepsAtImport.goals_met,
	// The groups the reasons map to, each once, sorted: the groups of the load that the list
	// holds (sorted once), not each list sorted and made distinct (at 1M referrals in
	// duckdb-wasm, 1.4 -> 0.8 s, the same lists).
	reason_groups:
		'CASE WHEN r.reason_group_list IS NOT NULL THEN list_filter(g.names, x -> list_contains(r.reason_group_list, x)) END'
};

/**
 * Store each coded column as an ENUM of its values and `unknown`, in text order (so ordering on
 * the ENUM orders as the text does); a column with more than `maxCodedValues` values (or a value
 * holding a NUL byte) keeps text,
 * under the same type name, so the metric SQL reads either alike. Run once every table is loaded
 * (the onward referrals too); the types are made afresh on every load.
 */
export function codedColumnsSql(counts: Record<string, number>, byDate = false): string {
	const types = codedColumns.map((c) => {
		const values = `SELECT DISTINCT v FROM (SELECT "${c}" AS v FROM referrals UNION ALL SELECT 'unknown') WHERE v IS NOT NULL ORDER BY v`;
		const codable = (counts[c] ?? 0) <= maxCodedValues && !counts[`${c}__nul`];
		const kind = codable ? `ENUM (${values})` : 'VARCHAR';
		return `DROP TYPE IF EXISTS ${codedType(c)}; CREATE TYPE ${codedType(c)} AS ${kind};`;
	});
	// The table is written anew rather than altered in place: inside the import's transaction an
	// ALTER also converts the rows deleted as rejects (not yet committed), whose values the ENUM
	// does not hold.
	// The same rewrite marks each referral's funnel steps (one needs the onward referrals) and
	// lists its reason groups (through a map of the few labels: no join, so the rows keep their
	// order), once every table is loaded, and numbers the referrals (the outcome pairs carry it).
	// With `byDate`, the rows are written in order of referral date (then file and row, so the
	// order is the same on every load): DuckDB keeps each row group's lowest and highest date,
	// so a filter on a period skips the row groups outside it (a filter change at 1M rows in
	// duckdb-wasm: median ~95 -> ~66 ms). Sorting holds the rows once more while it runs.
	// The referrals are numbered as they are written, in that order, so coding them again numbers
	// them alike (the outcome pairs carry the number, and an export's pairs join back on it).
	// Only the stored columns are written: the import's working columns (each date's raw text,
	// the flags and field counts the checks read) have done their work by now, and leaving them
	// behind makes the rows a third narrower to sort and to hold (at 1M referrals in duckdb-wasm,
	// 51 columns sorted in 2.6-4.0 s, the 34 stored ones in 2.1-3.3 s).
	const columns = storedColumns('referrals').map(({ name }) => {
		const c = ident(name).text;
		const coded = codedColumns.find((k) => k === name);
		if (coded) return `r.${c}::${codedType(coded)} AS ${c}`;
		return name in madeHere ? `${madeHere[name]} AS ${c}` : `r.${c}`;
	});
	return `${types.join('\n')}
CREATE OR REPLACE TABLE referrals AS SELECT * REPLACE (row_number() OVER ()::INTEGER AS referral_no)
FROM (SELECT ${columns.join(',\n  ')}
FROM (SELECT r.*, list_transform(r.referral_reasons, x -> k.groups[x]) AS reason_group_list
  FROM referrals r, (SELECT map_from_entries(coalesce(list(DISTINCT {'key': reason, 'value': reason_group}), []))
    AS groups FROM referral_reasons) k) r,
  (SELECT coalesce(list(DISTINCT reason_group ORDER BY reason_group), []) AS names FROM referral_reasons) g${byDate ? '\nORDER BY r.referral_date, r._file, r._row' : ''});`;
}
