import type { Column } from '../contract/tables.ts';
import { vocabularyOf } from '../contract/tables.ts';
import { ident } from '../db/sql.ts';

/** A SQL check on a loaded row: when `when` holds, the value is kept out and listed as an issue. */
export interface IssueCheck {
	when: string;
	reason: string;
}

const q = (name: string) => ident(name).text;
const range = (c: Column) =>
	c.min !== undefined && c.max !== undefined
		? `${c.min}–${c.max}`
		: c.min !== undefined
			? `${c.min} or more`
			: `${c.max} or less`;

/**
 * The SQL that reads a text column (`<name>`) as its canonical type, for the types read row by
 * row. Categories, ages and lists are read once per distinct label instead (normalise.ts).
 */
export function parseExpr(column: Column, alias = 's'): string {
	const raw = `${alias}.${q(column.name)}`;
	switch (column.type) {
		case 'date':
			return `sp_date(${raw})`;
		case 'integer':
			return `sp_within(sp_integer(${raw}), ${column.min ?? 'NULL'}, ${column.max ?? 'NULL'})`;
		case 'number':
			return `sp_number(${raw})`;
		case 'boolean':
			return `sp_boolean(${raw})`;
		default:
			return raw;
	}
}

/** Whether a column keeps its raw text beside the parsed value (its parsing can fail). */
export function hasRaw(column: Column): boolean {
	return !['text', 'category', 'list'].includes(column.type);
}

/**
 * Columns whose raw text is kept only where the value could not be read (NULL elsewhere, which
 * costs next to nothing to store). Dates keep theirs: issues show a date as the file gave it.
 */
export function rawOnlyWhenUnread(column: Column): boolean {
	return ['integer', 'number', 'boolean', 'age'].includes(column.type);
}

/** Checks on one column of a parsed row (`p`): raw text in `<name>__raw`, value in `<name>`. */
export function issueChecks(column: Column): IssueCheck[] {
	const raw = q(`${column.name}__raw`);
	const value = q(column.name);
	// Number columns keep spaces (their casts allow them), so a cell of spaces is empty, not bad.
	const unread = `${raw} IS NOT NULL AND ${value} IS NULL AND trim(${raw}) <> ''`;
	switch (column.type) {
		case 'date':
			return [{ when: unread, reason: 'not a valid date (use dd/mm/yyyy or yyyy-mm-dd)' }];
		case 'integer':
			return [
				{
					when: `${unread} AND sp_integer(${raw}) IS NULL`,
					reason: 'not a whole number'
				},
				{
					when: `${unread} AND sp_integer(${raw}) IS NOT NULL`,
					reason: `outside the allowed range (${range(column)})`
				}
			];
		case 'number':
			return [{ when: unread, reason: 'not a number' }];
		case 'boolean':
			return [{ when: unread, reason: 'not yes or no' }];
		case 'age':
			return [{ when: unread, reason: 'not an age or a standard age band (0-17, 18-24, ... 85+)' }];
		case 'category':
			return [
				{
					when: q(`${column.name}__unknown`),
					reason: `label not in the standard list; counted as ${vocabularyOf(column)!.fallback}`
				}
			];
		default:
			return [];
	}
}
