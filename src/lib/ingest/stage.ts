import { ident, literal } from '../db/sql.ts';
import { slackColumns } from './records.ts';
import type { Delimiter } from './sniff.ts';

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

const textColumns = (width: number) =>
	Array.from({ length: width + slackColumns }, (_, i) => `'${rawColumn(i)}': 'VARCHAR'`);

/**
 * Load a plain delimited file (records.ts `scanRecords`) into a table of text, one column per
 * field (c0...), nothing typed. Short rows are padded; rows the CSV reader cannot parse are kept
 * in the rejects table. A data row's number is its rowid + 2.
 */
export function stageSql(
	fileIndex: number,
	path: string,
	delimiter: Delimiter,
	width: number
): string {
	const names = rawNames(fileIndex);
	return `CREATE OR REPLACE TABLE ${ident(names.table).text} AS SELECT * FROM read_csv(${literal(path).text},
  delim = ${literal(delimiter).text}, quote = '"', escape = '"', header = false, skip = 1,
  columns = {${textColumns(width).join(', ')}}, null_padding = true, auto_detect = false,
  store_rejects = true, rejects_table = ${literal(names.rejects).text}, rejects_scan = ${literal(names.scans).text})`;
}

/**
 * Load records split in JavaScript (records.ts `plainCsv`): each line carries its row number
 * (`_r`) and field count (`_n`), then exactly the header's width plus slack. Lines that could not
 * be read as records go to the rejects table, with the same columns DuckDB's reader gives it.
 */
export function stageRecordsSql(fileIndex: number, path: string, width: number): string {
	const names = rawNames(fileIndex);
	return `CREATE OR REPLACE TABLE ${ident(names.table).text} AS SELECT * FROM read_csv(${literal(path).text},
  delim = ',', quote = '"', escape = '"', new_line = '\\n', header = false,
  columns = {'_r': 'INTEGER', '_n': 'INTEGER', ${textColumns(width).join(', ')}}, null_padding = false,
  auto_detect = false);
CREATE OR REPLACE TABLE ${ident(names.rejects).text} (line INTEGER, column_name VARCHAR, csv_line VARCHAR, error_type VARCHAR, error_message VARCHAR);`;
}

/** An empty raw table, for a file whose lines are all unreadable or blank. */
export function emptyRecordsSql(fileIndex: number, width: number): string {
	const names = rawNames(fileIndex);
	const columns = [
		'_r INTEGER',
		'_n INTEGER',
		...textColumns(width).map((c) => `${c.split("'")[1]} VARCHAR`)
	];
	return `CREATE OR REPLACE TABLE ${ident(names.table).text} (${columns.join(', ')});
CREATE OR REPLACE TABLE ${ident(names.rejects).text} (line INTEGER, column_name VARCHAR, csv_line VARCHAR, error_type VARCHAR, error_message VARCHAR);`;
}

/** A data row's number as a spreadsheet shows it: carried by split files, else rowid + 2. */
export function rowNumberSql(numbered: boolean): string {
	return numbered ? '_r' : '(rowid + 2)::INTEGER';
}

/** A row whose fields are all empty is not a row (Excel leaves them behind as `,,,,`). */
export function blankCondition(width: number): string {
	// coalesce stops at the first filled field, so a normal row costs one cheap check, not one per
	// column. Past a few dozen columns the expanded macros take DuckDB seconds to plan (11 s at
	// 1,000 columns), so a wide file joins its fields once instead: blank when only spaces remain.
	if (isWide(width)) {
		const fields = Array.from({ length: width }, (_, i) => rawColumn(i));
		return `trim(concat(${fields.join(', ')})) = ''`;
	}
	const fields = Array.from({ length: width }, (_, i) => `sp_text(${rawColumn(i)})`);
	return `coalesce(${fields.join(', ')}) IS NULL`;
}

/** A wide file (more than 64 columns) is checked with one expression over all its columns. */
export const isWide = (width: number) => width > 64;

/** A row with text past the header's last column: a stray delimiter or a broken export. */
export function extraFieldsCondition(width: number): string {
	const slack = Array.from({ length: slackColumns }, (_, i) => `sp_text(${rawColumn(width + i)})`);
	return `coalesce(${slack.join(', ')}) IS NOT NULL`;
}

/** Count fields past the header, for the reject message (split files carry the count). */
export function fieldCountSql(width: number, numbered = false): string {
	if (numbered) return '_n';
	const extras = Array.from(
		{ length: slackColumns },
		(_, i) => `(CASE WHEN ${rawColumn(width + i)} IS NOT NULL THEN ${i + 1} ELSE 0 END)`
	);
	return `${width} + greatest(${extras.join(', ')})`;
}

/** Rows read, blank rows skipped, rows the reader rejected, and each column's filled count. */
export function rawStatsSql(fileIndex: number, width: number): string {
	const names = rawNames(fileIndex);
	// A wide file's filled counts come with its identifier screen (guard.ts `guardWideSql`).
	const filled = isWide(width)
		? []
		: Array.from({ length: width }, (_, i) => `, count(${rawColumn(i)})::INTEGER AS f${i}`);
	return `SELECT count(*)::INTEGER AS total, count_if(${blankCondition(width)})::INTEGER AS blank,
  (SELECT count(*)::INTEGER FROM ${ident(names.rejects).text}) AS unreadable${filled.join('')}
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
