import type { TableName } from '../contract/tables.ts';
import { ident } from '../db/sql.ts';

const q = (name: string) => ident(name).text;

/** A row-level rule that rejects: a condition on the parsed row, the column it names, and why. */
interface RejectRule {
	when: string;
	field: string;
	reason: string;
}

const extraFields: RejectRule = {
	when: 'p._extra',
	field: '',
	reason: `'has ' || p._fields || ' fields but the header has ' || p._width || ' (a delimiter inside an unquoted value?)'`
};
const needs = (field: string): RejectRule => ({
	when: `p.${q(`${field}__raw`)} IS NULL`,
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
		needs('referral_id'),
		needs('referral_date'),
		{ when: 'p.referral_date IS NULL', field: 'referral_date', reason: `'referral_date is not a valid date'` }
	],
	outcomes: [extraFields, needs('referral_id'), matchesReferral],
	onward_referrals: [extraFields, needs('referral_id'), matchesReferral],
	practices: [extraFields, needs('practice')]
};

/** The column that must be unique per table; the others reject only exact copies. */
const uniqueKey: Partial<Record<TableName, { field: string; key: string }>> = {
	referrals: { field: 'referral_id', key: 'referral_id' },
	practices: { field: 'practice', key: 'sp_key(practice)' }
};

/**
 * Build the verdict table of rejected rows for a table: the first failing rule; then, among the
 * rest, a later row reusing a unique key (or, for other tables, an exact copy of an earlier row).
 */
export function verdictSql(table: TableName): string {
	const parsed = q(`parsed_${table}`);
	const cases = rules[table].map((r) => `WHEN ${r.when} THEN ${r.reason}`).join(' ');
	const fields = rules[table].map((r) => `WHEN ${r.when} THEN '${r.field}'`).join(' ');
	const unique = uniqueKey[table];
	const partition = unique ? unique.key : '_hash';
	const field = unique?.field ?? '';
	const valueOf = unique ? `r.${q(unique.field)}` : 'NULL';
	const used = unique ? `'${unique.field} already used by row '` : `'duplicate of row '`;
	return `CREATE OR REPLACE TEMP TABLE ${q(`verdict_${table}`)} AS
WITH checked AS (
  SELECT p.*, CASE ${cases} END AS _reason, CASE ${fields} END AS _field FROM ${parsed} p
), ranked AS (
  SELECT *, first_value(_order) OVER w AS f_order, first_value(_row) OVER w AS f_row,
    first_value(_hash) OVER w AS f_hash, first_value(_file) OVER w AS f_file
  FROM checked WHERE _reason IS NULL
  WINDOW w AS (PARTITION BY ${partition} ORDER BY _order, _row)
)
SELECT _file, _order, _row, _field AS field,
  CASE WHEN _field = '' THEN NULL ELSE ${'"'}__raw_value${'"'} END AS value, _reason AS reason
FROM (SELECT *, ${rawValueCase(table)} AS "__raw_value" FROM checked) WHERE _reason IS NOT NULL
UNION ALL
SELECT r._file, r._order, r._row, '${field}', ${valueOf},
  CASE WHEN r._hash = r.f_hash THEN 'duplicate of row ' ELSE ${used} END || r.f_row
    || CASE WHEN r.f_order <> r._order THEN ' of ' || r.f_file ELSE '' END
FROM ranked r WHERE NOT (r._order = r.f_order AND r._row = r.f_row);`;
}

// The raw text of the column a rule names, for the rejected-rows report.
function rawValueCase(table: TableName): string {
	const named = [...new Set(rules[table].map((r) => r.field).filter((f) => f))];
	const whens = named.map((f) => `WHEN _field = '${f}' THEN ${q(`${f}__raw`)}`).join(' ');
	return whens ? `CASE ${whens} END` : 'NULL';
}
