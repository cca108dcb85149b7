import { mkdtemp, open, readFile, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
	DuckDBInstance,
	JSDuckDBValueConverter,
	type DuckDBConnection,
	type DuckDBValue
} from '@duckdb/node-api';
import { rebatch } from './batches.ts';
import { QueryError, startupSql, type Db, type FileSource, type Row } from './types.ts';
import { formatEpochMs, toNumber } from './values.ts';

/** Limits for large data: DuckDB spills to `tempDirectory` past `memoryLimit` (e.g. '2GB'). */
export interface NodeDbOptions {
	memoryLimit?: string;
	tempDirectory?: string;
}

/** Native DuckDB in Node: the command-line tool and the tests. */
export async function createNodeDb(
	options: NodeDbOptions = {}
): Promise<Db & { close(): Promise<void> }> {
	const instance = await DuckDBInstance.create(':memory:', {
		autoinstall_known_extensions: 'false',
		autoload_known_extensions: 'false',
		...(options.memoryLimit ? { memory_limit: options.memoryLimit } : {}),
		...(options.tempDirectory ? { temp_directory: options.tempDirectory } : {})
	});
	const connection: DuckDBConnection = await instance.connect();
	for (const statement of startupSql) await connection.run(statement);
	const scratch = await mkdtemp(join(tmpdir(), 'sp-impact-'));
	const paths = new Map<string, string>();
	const outputPath = (name: string) => join(scratch, `out-${name.replace(/[^\w.-]/g, '_')}`);
	// One connection runs one statement at a time: queue callers (Promise.all over metrics fails
	// with "Failed to execute prepared statement" otherwise), as the wasm worker does.
	let queue: Promise<unknown> = Promise.resolve();
	const serial = <T>(task: () => Promise<T>): Promise<T> => {
		const result = queue.then(task, task);
		queue = result.catch(() => undefined);
		return result;
	};

	return {
		engine: 'duckdb-node',
		query<T extends Row = Row>(text: string, params: unknown[] = []) {
			return serial(async () => {
				try {
					// The `sql` template binds strings, numbers, booleans and nulls: all DuckDB values.
					const reader = await connection.runAndReadAll(text, params as DuckDBValue[]);
					const types = reader.columnTypes().map((t) => t.toString());
					const names = reader.columnNames();
					return reader.getRowsJS().map((values) => {
						const row: Row = {};
						names.forEach((name, i) => (row[name] = plain(values[i], types[i])));
						return row as T;
					});
				} catch (cause) {
					throw new QueryError(text, cause);
				}
			});
		},
		scan(text, rows, onBatch) {
			return serial(async () => {
				let result;
				try {
					result = await connection.stream(text);
				} catch (cause) {
					throw new QueryError(text, cause);
				}
				const types = result.columnTypes().map((t) => t.toString());
				const batches = rebatch(result.columnNames(), rows, onBatch);
				for (
					let chunk = await result.fetchChunk();
					chunk?.rowCount;
					chunk = await result.fetchChunk()
				) {
					const columns = chunk
						.convertColumns(JSDuckDBValueConverter)
						.map((values, c) => values.map((v) => plain(v, types[c])));
					await batches.push(columns, chunk.rowCount);
				}
				await batches.end();
			});
		},
		exec(text: string) {
			return serial(async () => {
				try {
					await connection.run(text);
				} catch (cause) {
					throw new QueryError(text, cause);
				}
			});
		},
		async registerFile(name: string, source: FileSource) {
			if (source.kind === 'blob') {
				// Written to the scratch folder piece by piece, so the blob is never one buffer.
				const path = join(scratch, name.replace(/[^\w.-]/g, '_'));
				const handle = await open(path, 'w');
				try {
					const reader = source.blob.stream().getReader();
					for (let piece = await reader.read(); !piece.done; piece = await reader.read())
						await handle.write(piece.value);
				} finally {
					await handle.close();
				}
				paths.set(name, path);
				return path;
			}
			if (source.kind !== 'path') throw new Error(`node db reads paths, not ${source.kind}`);
			paths.set(name, source.path);
			return source.path;
		},
		async registerBytes(name: string, bytes: Uint8Array) {
			const path = join(scratch, name.replace(/[^\w.-]/g, '_'));
			await writeFile(path, bytes);
			paths.set(name, path);
			return path;
		},
		async unregister(name: string) {
			const path = paths.get(name);
			paths.delete(name);
			if (path?.startsWith(scratch)) await rm(path, { force: true });
		},
		outputPath,
		async readOutput(name: string) {
			const path = outputPath(name);
			const bytes = new Uint8Array(await readFile(path));
			await rm(path, { force: true });
			return bytes;
		},
		async close() {
			connection.closeSync();
			instance.closeSync();
			await rm(scratch, { recursive: true, force: true });
		}
	};
}

// The same plain values the wasm client gives: numbers, 'YYYY-MM-DD' dates, arrays.
function plain(value: unknown, type: string): unknown {
	if (value === null || value === undefined) return null;
	if (typeof value === 'bigint') return toNumber(value);
	if (value instanceof Date) {
		return type === 'DATE' ? value.toISOString().slice(0, 10) : formatEpochMs(value.getTime());
	}
	if (Array.isArray(value)) {
		const inner = type.endsWith('[]') ? type.slice(0, -2) : type;
		return value.map((v) => plain(v, inner));
	}
	return value;
}
