// Integer-coded dimensions (issue 13): the referral columns figures group and filter on are
// stored as DuckDB ENUMs, built once at import (ingest/coded-sql.ts). Grouping on an ENUM hashes
// a small integer, not a string: about five times faster in duckdb-wasm at a million referrals.
// Values, filters, comparisons and order are those of the text: each ENUM lists the column's
// values in text order, and reads back as text.
import { raw, type Raw } from '../db/sql.ts';

/** The referral columns stored integer-coded, each with its own ENUM type. */
export const codedColumns = [
	'pcn',
	'practice',
	'service',
	'link_worker',
	'referral_source',
	'referral_source_group',
	'age_band',
	'sex_group',
	'ethnicity_group'
] as const;

/** A referral column stored integer-coded. */
export type CodedColumn = (typeof codedColumns)[number];

/** The type of a coded column: an ENUM of its values and `unknown` (or text, for very many). */
export const codedType = (column: CodedColumn) => `sp_${column}_t`;

/**
 * A coded column of the referrals `r` with missing values named `unknown`, keeping its coding:
 * `coalesce(r.pcn, 'unknown')` would turn every row into text before grouping. Missing values
 * and a value written `unknown` fall in one group, as with text.
 */
export function namedCoded(column: CodedColumn): Raw {
	return raw(`coalesce(r.${column}, ${codedUnknown(column).text})`);
}

/**
 * `unknown` typed as a coded column, to name its missing values after grouping: the rows stay
 * coded through the sort and come back as codes, not text.
 */
export function codedUnknown(column: CodedColumn): Raw {
	return raw(`'unknown'::${codedType(column)}`);
}
