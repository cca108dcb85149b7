import type { RowOf, Sql } from '../db/sql.ts';
import type { Db, Row } from '../db/types.ts';

/** The rows of each of a page's queries, typed by its query (none for a query not run). */
export type Results<Q extends Record<string, Sql | null>> = { [K in keyof Q]: RowOf<Q[K]>[] };

/** Run a metric's SQL on a database: rows of the type the query declares. */
export function run<R extends Row>(db: Db, query: Sql<R>): Promise<R[]> {
	return db.query<R>(query.text, query.params);
}

/** Rows of `{ key, <value> }` as an object keyed by `key`. */
export function keyed<T extends Row>(rows: T[], value: keyof T & string): Record<string, number> {
	return Object.fromEntries(rows.map((r) => [String(r.key), Number(r[value])]));
}
