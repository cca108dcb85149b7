import { tables, type TableName } from '../contract/tables.ts';
import { ident } from '../db/sql.ts';
import { hasRaw } from './rules.ts';

const q = (name: string) => ident(name).text;

/** A row-level rule that rejects: a condition on the parsed row, the column it names, and why. */
interface RejectRule {
	when: string;
	field: string;
	reason: string;
}

// The text a column held in the file, whatever its type.
function rawOf(table: TableName, field: string): string {
	const column = tables[table].columns.find((c) => c.name === field)!;
	return `p.${q(hasRaw(column) ? `${field}__raw` : field)}`;
}

const extraFields: RejectRule = {
	when: 'p._extra',
	field: '',
	reason: `'has ' || p._fields || ' fields but the header has ' || p._width || ' (a delimiter inside an unquoted value?)'`
};
const needs = (table: TableName, field: string): RejectRule => ({
	when: `${rawOf(table, field)} IS NULL`,
	field,
	reason: `'no ${field}'`
});
const matchesReferral: RejectRule = {
	when: 'p.referral_id NOT IN (SELECT referral_id FROM referrals)',
	field: 'referral_id',
	reason: `'referral_id matches no loaded referral'`
};

/** What makes a row uncountable, per table, in order (DESIGN.md "Import rules"). */
const rules: Record<TableName, RejectRule[]> = {
	referrals: [
		extraFields,
		needs('referrals', 'referral_id'),
		needs('referrals', 'referral_date'),
		{
			when: 'p.referral_date IS NULL',
			field: 'referral_date',
			reason: `'referral_date is not a valid date'`
		}
	],
	outcomes: [extraFields, needs('outcomes', 'referral_id'), matchesReferral],
	onward_referrals: [extraFields, needs('onward_referrals', 'referral_id'), matchesReferral],
	practices: [extraFields, needs('practices', 'practice')]
};

/** The column that must be unique per table; the other tables reject only exact copies. */
const uniqueKey: Partial<Record<TableName, { field: string; key: string }>> = {
	referrals: { field: 'referral_id', key: 'p.referral_id' },
	practices: { field: 'practice', key: 'sp_key(p.practice)' }
};

// A row's content as the file gave it, to tell an exact copy from a different row.
function rowHash(table: TableName): string {
	// The value and, where kept, the raw text: either alone can be NULL for a valid value.
	const parts = tables[table].columns.flatMap((c) =>
		hasRaw(c) ? [`p.${q(c.name)}`, `p.${q(`${c.name}__raw`)}`] : [`p.${q(c.name)}`]
	);
	return `hash(${parts.join(', ')})`;
}

/**
 * Build the verdict table of rejected rows: the first failing rule; then, among rows sharing a
 * key (the unique column, or for other tables the whole row), every one after the first.
 * Hashing is done only for repeated keys, so clean files pay almost nothing for it.
 */
export function verdictSql(table: TableName): string {
	const parsed = q(table);
	const cases = rules[table].map((r) => `WHEN ${r.when} THEN ${r.reason}`).join(' ');
	const fields = rules[table].map((r) => `WHEN ${r.when} THEN '${r.field}'`).join(' ');
	const named = [...new Set(rules[table].map((r) => r.field).filter((f) => f))];
	const value = `CASE ${named.map((f) => `WHEN _field = '${f}' THEN ${rawOf(table, f)}`).join(' ')} END`;
	const unique = uniqueKey[table];
	const used = unique ? `'${unique.field} already used by row '` : `'duplicate of row '`;
	return `CREATE OR REPLACE TEMP TABLE ${q(`verdict_${table}`)} AS
WITH checked AS (
  SELECT p._file, p._order, p._row, ${unique ? unique.key : rowHash(table)} AS _key,
    ${unique ? `p.${q(unique.field)}` : 'NULL'} AS _shown,
    CASE ${cases} END AS _reason, CASE ${fields} END AS _field
  FROM ${parsed} p
), repeated AS (
  SELECT _key FROM checked WHERE _reason IS NULL GROUP BY _key HAVING count(*) > 1
), ranked AS (
  SELECT c._file, c._order, c._row, c._key, c._shown, ${rowHash(table)} AS _hash
  FROM checked c JOIN ${parsed} p ON p._order = c._order AND p._row = c._row
  WHERE c._reason IS NULL AND c._key IN (SELECT _key FROM repeated)
), firsts AS (
  SELECT *, first_value(_order) OVER w AS f_order, first_value(_row) OVER w AS f_row,
    first_value(_hash) OVER w AS f_hash, first_value(_file) OVER w AS f_file
  FROM ranked WINDOW w AS (PARTITION BY _key ORDER BY _order, _row)
)
SELECT c._file, c._order, c._row, c._field AS field,
  CASE WHEN c._field = '' THEN NULL ELSE v.value END AS value, c._reason AS reason
FROM checked c LEFT JOIN (SELECT p._order, p._row, ${value.replace(/_field/g, 'c2._field')} AS value
  FROM ${parsed} p JOIN checked c2 ON c2._order = p._order AND c2._row = p._row WHERE c2._reason IS NOT NULL) v
  ON v._order = c._order AND v._row = c._row
WHERE c._reason IS NOT NULL
UNION ALL
SELECT f._file, f._order, f._row, '${unique?.field ?? ''}', f._shown,
  CASE WHEN f._hash = f.f_hash THEN 'duplicate of row ' ELSE ${used} END || f.f_row
    || CASE WHEN f.f_order <> f._order THEN ' of ' || f.f_file ELSE '' END
FROM firsts f WHERE NOT (f._order = f.f_order AND f._row = f.f_row);`;
}
