import { tables, type TableName } from '../contract/tables.ts';
import { ident, literal } from '../db/sql.ts';
import type { Mapping } from './mapping.ts';
import { groupExpr, issueChecks, parseExpr } from './rules.ts';
import { storedColumns } from './schema-sql.ts';
import { blankCondition, extraFieldsCondition, fieldCountSql, rawColumn, rawNames } from './stage.ts';

const q = (name: string) => ident(name).text;
const lit = (value: string) => literal(value).text;

/** One file ready to load: its position, name, header width and mapping. */
export interface LoadFile {
	order: number;
	index: number;
	name: string;
	width: number;
	mapping: Mapping;
}

/** Empty staging tables: every canonical column as text, plus where each row came from. */
export function stagingTablesSql(): string {
	const stage = (Object.keys(tables) as TableName[]).map((t) => {
		const columns = tables[t].columns.map((c) => `${q(c.name)} VARCHAR`).join(', ');
		return `CREATE OR REPLACE TEMP TABLE ${q(`stage_${t}`)} (_file VARCHAR, _order INTEGER, _row INTEGER, _hash UBIGINT, _extra BOOLEAN, _fields INTEGER, _width INTEGER, ${columns});`;
	});
	return [
		...stage,
		'CREATE OR REPLACE TEMP TABLE stage_scores (_file VARCHAR, _order INTEGER, _row INTEGER, _header VARCHAR, referral_id VARCHAR, measure VARCHAR, timepoint VARCHAR, score VARCHAR);',
		'CREATE OR REPLACE TEMP TABLE import_headers (_order INTEGER, _file VARCHAR, field VARCHAR, header VARCHAR);'
	].join('\n');
}

/** Copy one file's raw rows into its table's staging table, by its mapping; blank rows are skipped. */
export function stageFileSql(file: LoadFile): string {
	const { mapping, width } = file;
	const raw = q(rawNames(file.index).table);
	const source = new Map<string, number>();
	for (const c of mapping.columns) {
		if (c.target.kind === 'column' && !source.has(c.target.column)) source.set(c.target.column, c.index);
	}
	const columns = tables[mapping.table].columns.map((c) => {
		const index = source.get(c.name);
		return index === undefined ? `NULL AS ${q(c.name)}` : `sp_text(${rawColumn(index)}) AS ${q(c.name)}`;
	});
	const mapped = [...source.values()].map((i) => `sp_text(${rawColumn(i)})`);
	const hash = mapped.length ? `hash(${mapped.join(', ')})` : '0';
	const statements = [
		`INSERT INTO ${q(`stage_${mapping.table}`)} SELECT ${lit(file.name)}, ${file.order}, (rowid + 2)::INTEGER, ${hash},
  ${extraFieldsCondition(width)}, ${fieldCountSql(width)}, ${width}, ${columns.join(', ')}
FROM ${raw} WHERE NOT (${blankCondition(width)});`
	];
	const headers = [...source].map(
		([field, i]) => `(${file.order}, ${lit(file.name)}, ${lit(field)}, ${lit(mapping.columns.find((c) => c.index === i)!.header)})`
	);
	if (headers.length) statements.push(`INSERT INTO import_headers VALUES ${headers.join(', ')};`);
	const id = source.get('referral_id');
	for (const c of mapping.columns) {
		if (c.target.kind !== 'score' || id === undefined) continue;
		statements.push(`INSERT INTO stage_scores SELECT ${lit(file.name)}, ${file.order}, (rowid + 2)::INTEGER, ${lit(c.header)},
  sp_text(${rawColumn(id)}), ${lit(c.target.measure)}, ${lit(c.target.timepoint)}, sp_text(${rawColumn(c.index)})
FROM ${raw} WHERE sp_text(${rawColumn(c.index)}) IS NOT NULL;`);
	}
	return statements.join('\n');
}

/** Parse a staging table into typed values beside their raw text (`<name>__raw`). */
export function parseSql(table: TableName): string {
	const columns = tables[table].columns.flatMap((c) => {
		const parts = [`s.${q(c.name)} AS ${q(`${c.name}__raw`)}`, `${parseExpr(c)} AS ${q(c.name)}`];
		if (c.type === 'category') parts.push(`${groupExpr(c)} AS ${q(`${c.name}_group`)}`);
		return parts;
	});
	return `CREATE OR REPLACE TEMP TABLE ${q(`parsed_${table}`)} AS
SELECT s._file, s._order, s._row, s._hash, s._extra, s._fields, s._width, ${columns.join(',\n  ')}
FROM ${q(`stage_${table}`)} s;`;
}

/** Insert the rows no verdict rejected into the canonical table. */
export function insertSql(table: TableName): string {
	const derived: Record<string, string> = {
		person_key: `coalesce(p.person_id, '#' || p.referral_id)`,
		measure_key: 'sp_slug(p.measure)',
		timepoint: 'sp_timepoint(p.timepoint)'
	};
	const columns = storedColumns(table).map((c) => derived[c.name] ?? `p.${q(c.name)}`);
	return `INSERT INTO ${q(table)} SELECT ${columns.join(', ')}
FROM ${q(`parsed_${table}`)} p ANTI JOIN ${q(`verdict_${table}`)} v ON p._order = v._order AND p._row = v._row
ORDER BY p._order, p._row;`;
}

/** List every kept-out value of the loaded rows as an issue, with the header as the file names it. */
export function issuesSql(table: TableName): string {
	const checks = tables[table].columns.flatMap((c) =>
		issueChecks(c).map(
			(check) => `SELECT p._file, p._order, p._row, ${lit(c.name)} AS field, p.${q(`${c.name}__raw`)} AS value, ${lit(check.reason)} AS reason
FROM ${q(`parsed_${table}`)} p WHERE ${check.when}`
		)
	);
	checks.push(...crossChecks(table));
	if (checks.length === 0) return '';
	return `INSERT INTO import_issues SELECT i._file, i._row, coalesce(h.header, i.field), i.field, i.value, i.reason
FROM (${checks.join('\nUNION ALL\n')}) i
ANTI JOIN ${q(`verdict_${table}`)} v ON i._order = v._order AND i._row = v._row
LEFT JOIN import_headers h ON h._order = i._order AND h.field = i.field;`;
}

// Checks across columns of one row: dates out of order.
function crossChecks(table: TableName): string[] {
	if (table !== 'referrals') return [];
	const p = `FROM parsed_referrals p WHERE`;
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
