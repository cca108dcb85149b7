import type { Sql } from '../db/sql.ts';
import type { Db, Row } from '../db/types.ts';

/** Run a metric's SQL on a database. */
export function run<T extends Row = Row>(db: Db, query: Sql): Promise<T[]> {
	return db.query<T>(query.text, query.params);
}

/** Rows of `{ key, <value> }` as an object keyed by `key`. */
export function keyed<T extends Row>(rows: T[], value: keyof T & string): Record<string, number> {
	return Object.fromEntries(rows.map((r) => [String(r.key), Number(r[value])]));
}
