import { tables, vocabularyOf, type Column, type TableName } from '../contract/tables.ts';
import { ident, literal } from '../db/sql.ts';
import { labelJoin, listed, lookedUp } from './labels-sql.ts';
import { sources, type LoadFile } from './load-file.ts';
import { hasRaw, issueChecks, parseExpr, rawOnlyWhenUnread } from './rules.ts';
import { storedColumns } from './schema-sql.ts';
import {
	blankCondition,
	extraFieldsCondition,
	fieldCountSql,
	rawColumn,
	rawNames,
	rowNumberSql
} from './stage.ts';

const q = (name: string) => ident(name).text;
const lit = (value: string) => literal(value).text;

/** Empty side tables: wide-form scores and the headers each canonical column came from. */
export function sideTablesSql(): string {
	return [
		'CREATE OR REPLACE TEMP TABLE stage_scores (_file VARCHAR, _order INTEGER, _row INTEGER, _header VARCHAR, referral_id VARCHAR, measure VARCHAR, timepoint VARCHAR, score VARCHAR);',
		'CREATE OR REPLACE TEMP TABLE import_headers (_order INTEGER, _file VARCHAR, field VARCHAR, header VARCHAR);'
	].join('\n');
}

/** Record which header fed each canonical column, and copy wide-form score columns aside. */
export function fileSideSql(file: LoadFile): string {
	const source = sources(file);
	const raw = q(rawNames(file.index).table);
	const header = (i: number) => file.mapping.columns.find((c) => c.index === i)!.header;
	const statements: string[] = [];
	const headers = [...source].map(
		([field, i]) => `(${file.order}, ${lit(file.name)}, ${lit(field)}, ${lit(header(i))})`
	);
	if (headers.length) statements.push(`INSERT INTO import_headers VALUES ${headers.join(', ')};`);
	const id = source.get('referral_id');
	for (const c of file.mapping.columns) {
		if (c.target.kind !== 'score' || id === undefined) continue;
		statements.push(`INSERT INTO stage_scores SELECT ${lit(file.name)}, ${file.order}, ${rowNumberSql(file.numbered)}, ${lit(c.header)},
  sp_text(${rawColumn(id)}), ${lit(c.target.measure)}, ${lit(c.target.timepoint)}, sp_text(${rawColumn(c.index)})
FROM ${raw} WHERE sp_text(${rawColumn(c.index)}) IS NOT NULL;`);
	}
	return statements.join('\n');
}

// One file's rows as canonical text columns (NULL where unmapped); blank rows are not rows.
function fileSelect(file: LoadFile): string {
	const source = sources(file);
	const columns = tables[file.mapping.table].columns.map((c) => {
		const index = source.get(c.name);
		if (index === undefined) return `NULL::VARCHAR AS ${q(c.name)}`;
		// Number casts allow spaces, so number columns skip the (costly) trim; empty means missing.
		const raw = rawColumn(index);
		const value = ['integer', 'number'].includes(c.type) ? `NULLIF(${raw}, '')` : `sp_text(${raw})`;
		return `${value} AS ${q(c.name)}`;
	});
	const extra = extraFieldsCondition(file.width);
	return `SELECT ${lit(file.name)} AS _file, ${file.order} AS _order, ${rowNumberSql(file.numbered)} AS _row,
  ${extra} AS _extra, CASE WHEN ${extra} THEN ${fieldCountSql(file.width, file.numbered)} END AS _fields, ${file.width} AS _width,
  ${columns.join(', ')}
FROM ${q(rawNames(file.index).table)} WHERE NOT (${blankCondition(file.width)})`;
}

/**
 * Parse every file of a table straight into its canonical table: the stored columns first, then
 * working columns (`_order`, `<name>__raw`...) the checks use. Rejected rows are deleted after,
 * which is far cheaper than copying the million rows that stay.
 */
export function parseSql(table: TableName, files: LoadFile[]): string {
	const joins = [
		...lookedUp(table).map((c) => labelJoin(table, 'labels', c.name)),
		...listed(table).map((c) => labelJoin(table, 'lists', c.name))
	];
	const parsed = new Map<string, string>();
	for (const c of tables[table].columns) {
		for (const expr of parsedColumns(c)) parsed.set(expr.slice(expr.lastIndexOf(' AS ') + 4), expr);
	}
	const derived: Record<string, string> = {
		'"person_key"': `coalesce(s.person_id, '#' || s.referral_id) AS "person_key"`,
		// Set once the table is complete (repeatPeopleSql).
		'"repeat_person"': `false AS "repeat_person"`,
		'"person_no"': `NULL::INTEGER AS "person_no"`,
		'"person_order"': `NULL::INTEGER AS "person_order"`,
		// Set once every table is loaded (codedColumnsSql).
		'"funnel_supported"': `false AS "funnel_supported"`,
		'"funnel_goals_met"': `false AS "funnel_goals_met"`,
		'"reason_groups"': `NULL::VARCHAR[] AS "reason_groups"`,
		'"referral_no"': `NULL::INTEGER AS "referral_no"`,
		// Both set once the table is complete (measuresSql).
		'"measure_key"': `NULL::VARCHAR AS "measure_key"`,
		'"value"': `NULL::DOUBLE AS "value"`,
		'"_file"': 's._file',
		'"_row"': 's._row'
	};
	const stored = storedColumns(table).map((c) => {
		const name = q(c.name);
		const expr = derived[name] ?? parsed.get(name)!;
		parsed.delete(name);
		return c.name === 'timepoint' ? `sp_timepoint(s.timepoint) AS "timepoint"` : expr;
	});
	const working = ['s._order', 's._extra', 's._fields', 's._width', ...parsed.values()];
	const union = files.map(fileSelect).join('\nUNION ALL\n');
	// Raw text is stored only where it is needed: beside a value that could not be read.
	const names = [...stored, ...working].map((e) =>
		e.includes(' AS ') ? e.slice(e.lastIndexOf(' AS ') + 4) : e.replace(/^s\./, '')
	);
	const kept = new Set(
		tables[table].columns.filter(rawOnlyWhenUnread).map((c) => q(`${c.name}__raw`))
	);
	const outer = names.map((n) =>
		kept.has(n) ? `CASE WHEN ${n.replace(/__raw"$/, '"')} IS NULL THEN ${n} END AS ${n}` : n
	);
	return `CREATE OR REPLACE TABLE ${q(table)} AS
SELECT ${outer.join(', ')} FROM (
SELECT ${[...stored, ...working].join(',\n  ')}
FROM (${union}) s
${joins.join('\n')})`;
}

/** Delete the rejected rows from a canonical table, once they are recorded. */
export function deleteRejectedSql(table: TableName): string {
	return `DELETE FROM ${q(table)} p USING ${q(`verdict_${table}`)} v WHERE p._order = v._order AND p._row = v._row;`;
}

function parsedColumns(c: Column): string[] {
	const s = `s.${q(c.name)}`;
	const label = `${q(`l_${c.name}`)}.grp`;
	if (c.type === 'category') {
		const fallback = lit(vocabularyOf(c)!.fallback);
		return [
			`${s} AS ${q(c.name)}`,
			`CASE WHEN ${s} IS NOT NULL THEN coalesce(${label}, ${fallback}) END AS ${q(`${c.name}_group`)}`,
			`(${s} IS NOT NULL AND ${label} IS NULL) AS ${q(`${c.name}__unknown`)}`
		];
	}
	// Whole ages and band labels alike are resolved once per distinct value, in the labels table.
	if (c.type === 'age') return [`${s} AS ${q(`${c.name}__raw`)}`, `${label} AS ${q(c.name)}`];
	// A list always reads (it is split text), so it keeps no raw copy.
	if (c.type === 'list') return [`${q(`l_${c.name}`)}.items AS ${q(c.name)}`];
	if (hasRaw(c)) return [`${s} AS ${q(`${c.name}__raw`)}`, `${parseExpr(c)} AS ${q(c.name)}`];
	return [`${s} AS ${q(c.name)}`];
}

/** List every kept-out value of the loaded rows as an issue, with the header as the file names it. */
export function issuesSql(table: TableName): string {
	const checks = tables[table].columns.flatMap((c) =>
		issueChecks(c).map(
			(
				check
			) => `SELECT p._file, p._order, p._row, ${lit(c.name)} AS field, p.${q(hasRaw(c) ? `${c.name}__raw` : c.name)} AS value, ${lit(check.reason)} AS reason
FROM ${q(table)} p WHERE ${check.when}`
		)
	);
	checks.push(...crossChecks(table));
	if (checks.length === 0) return '';
	return `INSERT INTO import_issues SELECT i._file, i._row, coalesce(h.header, i.field), i.field, i.value, i.reason
FROM (${checks.join('\nUNION ALL\n')}) i
LEFT JOIN import_headers h ON h._order = i._order AND h.field = i.field;`;
}

// Checks across columns of one row: dates out of order.
function crossChecks(table: TableName): string[] {
	if (table !== 'referrals') return [];
	const p = `FROM referrals p WHERE`;
	return [
		`SELECT p._file, p._order, p._row, 'discharge_date', p.discharge_date__raw, 'discharge before the referral date; episode left out of time to discharge' ${p} p.discharge_date < p.referral_date`,
		`SELECT p._file, p._order, p._row, 'first_contact_date', p.first_contact_date__raw, 'first contact before the referral date; left out of time to first contact' ${p} p.first_contact_date < p.referral_date`,
		`SELECT p._file, p._order, p._row, 'discharge_date', p.discharge_date__raw, 'discharge before the first contact' ${p} p.discharge_date < p.first_contact_date AND p.first_contact_date >= p.referral_date`
	];
}

/** Record each verdict as a rejected row, naming the column as the file names it. */
export function rejectsSql(table: TableName): string {
	return `INSERT INTO import_rejects SELECT v._file, v._row, coalesce(h.header, v.field), v.value, v.reason
FROM ${q(`verdict_${table}`)} v LEFT JOIN import_headers h ON h._order = v._order AND h.field = v.field;`;
}
