import { ident, literal } from '../db/sql.ts';
import type { Delimiter } from './sniff.ts';

/** Extra columns read past the header, so rows with stray delimiters are caught, not lost. */
const slackColumns = 4;

/** The raw column name for a source column position: c0, c1, ... */
export const rawColumn = (index: number) => `c${index}`;

/** Names of the database objects that hold one file's raw text. */
export function rawNames(fileIndex: number) {
	return {
		table: `raw_${fileIndex}`,
		rejects: `raw_rejects_${fileIndex}`,
		scans: `raw_scans_${fileIndex}`
	};
}

/**
 * Load a delimited file into a table of text, one column per field (c0...), nothing typed.
 * Short rows are padded; rows the CSV reader cannot parse are kept in the rejects table.
 * `parallel = false` only for files the parallel reader refuses (padding with a quoted line break).
 */
export function stageSql(
	fileIndex: number,
	path: string,
	delimiter: Delimiter,
	width: number,
	parallel = true
): string {
	const names = rawNames(fileIndex);
	const columns = Array.from(
		{ length: width + slackColumns },
		(_, i) => `'${rawColumn(i)}': 'VARCHAR'`
	);
	return `CREATE OR REPLACE TABLE ${ident(names.table).text} AS SELECT * FROM read_csv(${literal(path).text},
  delim = ${literal(delimiter).text}, quote = '"', escape = '"', header = false, skip = 1,
  columns = {${columns.join(', ')}}, null_padding = true, auto_detect = false,
  parallel = ${parallel}, store_rejects = true, rejects_table = ${literal(names.rejects).text}, rejects_scan = ${literal(names.scans).text})`;
}

/** A row whose fields are all empty is not a row (Excel leaves them behind as `,,,,`). */
export function blankCondition(width: number): string {
	// coalesce stops at the first filled field, so a normal row costs one cheap check, not one per column.
	const fields = Array.from({ length: width }, (_, i) => `sp_text(${rawColumn(i)})`);
	return `coalesce(${fields.join(', ')}) IS NULL`;
}

/** A row with text past the header's last column: a stray delimiter or a broken export. */
export function extraFieldsCondition(width: number): string {
	const slack = Array.from({ length: slackColumns }, (_, i) => `sp_text(${rawColumn(width + i)})`);
	return `coalesce(${slack.join(', ')}) IS NOT NULL`;
}

/** Count fields past the header, for the reject message. */
export function fieldCountSql(width: number): string {
	const extras = Array.from(
		{ length: slackColumns },
		(_, i) => `(CASE WHEN ${rawColumn(width + i)} IS NOT NULL THEN ${i + 1} ELSE 0 END)`
	);
	return `${width} + greatest(${extras.join(', ')})`;
}

/** Rows read, blank rows skipped, rows the reader rejected, and each column's filled count. */
export function rawStatsSql(fileIndex: number, width: number): string {
	const names = rawNames(fileIndex);
	const filled = Array.from(
		{ length: width },
		(_, i) => `count(${rawColumn(i)})::INTEGER AS f${i}`
	);
	return `SELECT count(*)::INTEGER AS total, count_if(${blankCondition(width)})::INTEGER AS blank,
  (SELECT count(*)::INTEGER FROM ${ident(names.rejects).text}) AS unreadable, ${filled.join(', ')}
FROM ${ident(names.table).text}`;
}

/** Rows the CSV reader could not parse (an unterminated quote, far too many fields, bad bytes). */
export function unreadableRowsSql(fileIndex: number): string {
	const names = rawNames(fileIndex);
	return `SELECT line::INTEGER AS "row", column_name AS "column", trim(csv_line, ' ' || chr(9) || chr(10) || chr(13)) AS value, error_type AS type, error_message AS message
FROM ${ident(names.rejects).text} ORDER BY line`;
}

/** Drop a file's raw tables once its rows are loaded or it is removed. */
export function dropRawSql(fileIndex: number): string {
	const names = rawNames(fileIndex);
	return [names.table, names.rejects, names.scans]
		.map((t) => `DROP TABLE IF EXISTS ${ident(t).text};`)
		.join('\n');
}
