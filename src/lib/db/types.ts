/** A result row: column name → plain JS value (numbers, strings, booleans, arrays, null). */
export type Row = Record<string, unknown>;

/**
 * A file the database can read: a browser File, a path on disk (Node), or a Blob made in pieces
 * (a file re-encoded as UTF-8, or split records), so no one buffer holds it whole.
 */
export type FileSource =
	{ kind: 'file'; file: File } | { kind: 'path'; path: string } | { kind: 'blob'; blob: Blob };

/** A slice of a result, column by column, with the same plain values `query` gives. */
export interface ColumnBatch {
	names: string[];
	columns: unknown[][];
	rows: number;
}

/** The one interface metrics and ingest use to reach DuckDB, in the browser or in Node. */
export interface Db {
	/** Run one statement with positional `?` parameters and return plain rows. */
	query<T extends Row = Row>(sql: string, params?: unknown[]): Promise<T[]>;
	/**
	 * Run one query and hand its result to `onBatch` in order, about `rows` rows at a time, so the
	 * whole result is never held in JS at once (the export's Parquet writer). `onBatch` must not
	 * query the same Db: the scan holds its connection until it ends. Cast ENUM columns to VARCHAR:
	 * duckdb-wasm streams them without their dictionaries, so every value would read as null.
	 */
	scan(
		sql: string,
		rows: number,
		onBatch: (batch: ColumnBatch) => Promise<void> | void
	): Promise<void>;
	/**
	 * duckdb-wasm only: the result of one query as its Arrow IPC stream, a piece at a time (first
	 * the schema, then one record batch of about 2,048 rows per piece), bytes the page never decodes
	 * so a worker can (the export's Parquet writer). The same rules as `scan`.
	 */
	scanIpc?(sql: string, onPiece: (bytes: Uint8Array) => Promise<unknown> | unknown): Promise<void>;
	/** Run a statement with no result (DDL, several statements, no parameters). */
	exec(sql: string): Promise<void>;
	/** Make a file readable by SQL; returns the name to use inside read_csv(). */
	registerFile(name: string, source: FileSource): Promise<string>;
	/** Make bytes readable by SQL as a file; returns the name to use inside read_csv(). */
	registerBytes(name: string, bytes: Uint8Array): Promise<string>;
	/** Forget a registered file. */
	unregister(name: string): Promise<void>;
	/** Where `COPY ... TO` should write a file the caller reads back with `readOutput(name)`. */
	outputPath(name: string): string;
	/** The bytes of a file written to `outputPath(name)`; the file is removed. */
	readOutput(name: string): Promise<Uint8Array>;
	/** Which engine this is, for reports and benchmarks. */
	readonly engine: 'duckdb-wasm' | 'duckdb-node';
}

/** A query that failed, keeping the SQL and the cause (as Mosaic does). */
export class QueryError extends Error {
	constructor(
		readonly sql: string,
		readonly cause: unknown
	) {
		super(`query failed: ${cause instanceof Error ? cause.message : String(cause)}`);
	}
}

/** Settings every connection starts with: no extension may be fetched or loaded. */
export const startupSql = [
	'SET autoinstall_known_extensions = false',
	'SET autoload_known_extensions = false'
];
