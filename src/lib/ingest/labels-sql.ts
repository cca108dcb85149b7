import { tables, vocabularyOf, type TableName } from '../contract/tables.ts';
import { ident, literal } from '../db/sql.ts';
import { sources, type LoadFile } from './load-file.ts';
import { rawColumn, rawNames } from './stage.ts';

const q = (name: string) => ident(name).text;
const lit = (value: string) => literal(value).text;

// Columns whose labels are looked up: categories (their group) and age bands given as text.
export const lookedUp = (table: TableName) =>
	tables[table].columns.filter((c) => c.type === 'category' || c.type === 'age');

// The distinct non-empty texts one canonical column holds across the files that map it.
function distinctTexts(files: LoadFile[], column: string): string | undefined {
	const parts = files.flatMap((f) => {
		const i = sources(f).get(column);
		return i === undefined
			? []
			: [`SELECT DISTINCT sp_text(${rawColumn(i)}) AS label FROM ${q(rawNames(f.index).table)}`];
	});
	return parts.length
		? `(SELECT DISTINCT label FROM (${parts.join(' UNION ALL ')}) WHERE label IS NOT NULL)`
		: undefined;
}

// A small table of (field, label, value) from one query per column; typed even when empty.
function perLabelTable(name: string, parts: string[], valueType: string, value: string): string {
	const body = parts.length
		? parts.join('\nUNION ALL\n')
		: `SELECT NULL::VARCHAR, NULL::VARCHAR, NULL::${valueType} WHERE false`;
	return `CREATE OR REPLACE TEMP TABLE ${q(name)} AS SELECT * FROM (${body}) t(field, label, ${value});`;
}

/**
 * The distinct labels of each category (and age) column, with their group: a few rows, so the
 * per-row work is one join instead of a lookup per value.
 */
export function labelsSql(table: TableName, files: LoadFile[]): string {
	const parts = lookedUp(table).flatMap((c) => {
		const labels = distinctTexts(files, c.name);
		if (!labels) return [];
		const lookup =
			c.type === 'age'
				? `LEFT JOIN sp_age_keys k ON k.key = sp_key(d.label)) SELECT ${lit(c.name)}, label, coalesce(sp_age_band(sp_number(label)), band) FROM x`
				: `LEFT JOIN sp_categories k ON k.vocabulary = ${lit(vocabularyOf(c)!.key)} AND k.key = sp_key(d.label)) SELECT ${lit(c.name)}, label, grp FROM x`;
		return [`(WITH x AS (SELECT d.label, k.* FROM ${labels} d ${lookup})`];
	});
	return perLabelTable(`labels_${table}`, parts, 'VARCHAR', 'grp');
}

// List columns (referral reasons) are split once per distinct text, not once per row.
export const listed = (table: TableName) => tables[table].columns.filter((c) => c.type === 'list');

/** The distinct texts of each list column, split into their items. */
export function listsSql(table: TableName, files: LoadFile[]): string {
	const parts = listed(table).flatMap((c) => {
		const labels = distinctTexts(files, c.name);
		return labels ? [`SELECT ${lit(c.name)}, label, sp_split(label) FROM ${labels}`] : [];
	});
	return perLabelTable(`lists_${table}`, parts, 'VARCHAR[]', 'items');
}

// Join a per-distinct-label table for one column, as l_<column>.
export function labelJoin(table: TableName, kind: 'labels' | 'lists', column: string): string {
	const alias = q(`l_${column}`);
	return `LEFT JOIN ${q(`${kind}_${table}`)} ${alias} ON ${alias}.field = ${lit(column)} AND ${alias}.label = s.${q(column)}`;
}
