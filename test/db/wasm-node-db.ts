// Test-only: duckdb-wasm's blocking Node build behind the same Db interface the app uses,
// so the parity test runs the browser's engine without a browser.
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
// The package's "blocking" export is dist/duckdb-node-blocking.cjs under Node, with its types.
import * as duckdb from '@duckdb/duckdb-wasm/blocking';
import { toColumns, toRows } from '../../src/lib/db/arrow-rows.ts';
import { rebatch } from '../../src/lib/db/batches.ts';
import { inlineParams } from '../../src/lib/db/inline-params.ts';
import {
	QueryError,
	startupSql,
	type Db,
	type FileSource,
	type Row
} from '../../src/lib/db/types.ts';

const dist = dirname(
	createRequire(import.meta.url).resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs')
);

/**
 * duckdb-wasm (blocking, in-process) as a Db; files are registered as buffers, as in the browser.
 * Parameters are written into the query as the browser's Db writes them; with `prepared`, every
 * query with parameters is prepared and bound instead (the reference inline-params is tested on).
 */
export async function createWasmNodeDb(
	options: { prepared?: boolean } = {}
): Promise<Db & { close(): void }> {
	const bundles = {
		mvp: { mainModule: join(dist, 'duckdb-mvp.wasm'), mainWorker: '' },
		eh: { mainModule: join(dist, 'duckdb-eh.wasm'), mainWorker: '' }
	};
	const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
	await db.instantiate();
	// The same options as src/lib/db/wasm.ts.
	db.open({ query: { castBigIntToDouble: true, castDecimalToDouble: true } });
	const connection = db.connect();
	for (const statement of startupSql) connection.query(statement);
	const scratch = mkdtempSync(join(tmpdir(), 'sp-wasm-node-'));

	return {
		engine: 'duckdb-wasm',
		async query<T extends Row = Row>(text: string, params: unknown[] = []) {
			try {
				// As src/lib/db/wasm.ts does; `prepared` binds every parameter, for comparison.
				const inlined = options.prepared ? undefined : inlineParams(text, params);
				if (inlined !== undefined) return toRows(connection.query(inlined)) as T[];
				const statement = connection.prepare(text);
				try {
					return toRows(statement.query(...params)) as T[];
				} finally {
					statement.close();
				}
			} catch (cause) {
				throw new QueryError(text, cause);
			}
		},
		async scan(text, rows, onBatch) {
			let reader;
			try {
				reader = await connection.send(text, true);
			} catch (cause) {
				throw new QueryError(text, cause);
			}
			let batches: ReturnType<typeof rebatch> | undefined;
			for (const piece of reader) {
				const { names, columns } = toColumns(piece);
				batches ??= rebatch(names, rows, onBatch);
				await batches.push(columns, piece.numRows);
			}
			await batches?.end();
		},
		async scanIpc(text, onPiece) {
			await connection.useUnsafe(async (bindings, id) => {
				let header;
				try {
					header = bindings.startPendingQuery(id, text, true);
					while (header == null) header = bindings.pollPendingQuery(id);
				} catch (cause) {
					throw new QueryError(text, cause);
				}
				await onPiece(header);
				for (;;) {
					const piece = bindings.fetchQueryResults(id);
					if (piece == null) continue;
					if (piece.length === 0) break;
					await onPiece(piece);
				}
			});
		},
		async exec(text: string) {
			try {
				connection.query(text);
			} catch (cause) {
				throw new QueryError(text, cause);
			}
		},
		async registerFile(name: string, source: FileSource) {
			if (source.kind === 'blob') {
				db.registerFileBuffer(name, new Uint8Array(await source.blob.arrayBuffer()));
				return name;
			}
			if (source.kind !== 'path') throw new Error(`wasm-node db reads paths, not ${source.kind}`);
			db.registerFileBuffer(name, new Uint8Array(await readFile(source.path)));
			return name;
		},
		async registerBytes(name: string, bytes: Uint8Array) {
			// duckdb-wasm takes ownership of the buffer: give it a copy.
			db.registerFileBuffer(name, bytes.slice());
			return name;
		},
		async unregister(name: string) {
			db.dropFile(name);
		},
		// Under Node, duckdb-wasm's COPY writes to the real disk: into a scratch folder, then gone.
		outputPath: (name: string) => join(scratch, name),
		async readOutput(name: string) {
			const path = join(scratch, name);
			const bytes = db.copyFileToBuffer(path);
			db.dropFile(path);
			rmSync(path, { force: true });
			return bytes;
		},
		close() {
			connection.close();
			db.reset();
			rmSync(scratch, { recursive: true, force: true });
		}
	};
}
