import * as duckdb from '@duckdb/duckdb-wasm';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import { QueryError, startupSql, type Db, type FileSource, type Row } from './types.ts';
import { toColumns, toRows } from './arrow-rows.ts';
import { rebatch } from './batches.ts';
import { inlineParams } from './inline-params.ts';

// Self-hosted bundles only: no CDN, and no threaded (COI) bundle, so no COOP/COEP headers.
const bundles: duckdb.DuckDBBundles = {
	mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
	eh: { mainModule: ehWasm, mainWorker: ehWorker }
};

/** duckdb-wasm in a Web Worker: all queries run off the main thread. */
export async function createWasmDb(): Promise<Db> {
	const bundle = await duckdb.selectBundle(bundles);
	const worker = new Worker(bundle.mainWorker!);
	const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
	await db.instantiate(bundle.mainModule);
	await db.open({ query: { castBigIntToDouble: true, castDecimalToDouble: true } });
	const connection = await db.connect();
	for (const statement of startupSql) await connection.query(statement);

	return {
		engine: 'duckdb-wasm',
		async query<T extends Row = Row>(text: string, params: unknown[] = []) {
			try {
				// One round trip instead of three where the values can be written in (inline-params.ts).
				const inlined = inlineParams(text, params);
				if (inlined !== undefined) return toRows(await connection.query(inlined)) as T[];
				const statement = await connection.prepare(text);
				try {
					return toRows(await statement.query(...params)) as T[];
				} finally {
					await statement.close();
				}
			} catch (cause) {
				throw new QueryError(text, cause);
			}
		},
		async scan(text, rows, onBatch) {
			// A connection of its own: a query on the page's connection would end a streamed result.
			const own = await db.connect();
			try {
				for (const statement of startupSql) await own.query(statement);
				let reader;
				try {
					reader = await own.send(text, true);
				} catch (cause) {
					throw new QueryError(text, cause);
				}
				let batches: ReturnType<typeof rebatch> | undefined;
				for await (const piece of reader) {
					const { names, columns } = toColumns(piece);
					batches ??= rebatch(names, rows, onBatch);
					await batches.push(columns, piece.numRows);
				}
				await batches?.end();
			} finally {
				await own.close();
			}
		},
		async scanIpc(text, onPiece) {
			// The raw bytes duckdb-wasm's worker posts (what `send` would decode on this thread).
			const own = await db.connect();
			try {
				for (const statement of startupSql) await own.query(statement);
				await own.useUnsafe(async (bindings, id) => {
					let header;
					try {
						header = await bindings.startPendingQuery(id, text, true);
						while (header == null) header = await bindings.pollPendingQuery(id);
					} catch (cause) {
						throw new QueryError(text, cause);
					}
					await onPiece(header);
					for (;;) {
						const piece = await bindings.fetchQueryResults(id);
						if (piece == null) continue;
						if (piece.length === 0) break;
						await onPiece(piece);
					}
				});
			} finally {
				await own.close();
			}
		},
		async exec(text: string) {
			try {
				await connection.query(text);
			} catch (cause) {
				throw new QueryError(text, cause);
			}
		},
		async registerFile(name: string, source: FileSource) {
			if (source.kind === 'path') throw new Error(`browser db reads Files, not ${source.kind}`);
			// The worker reads slices of the File as it scans: no copy of the whole file in memory.
			// A blob (text re-encoded in a worker) becomes a File without copying its bytes.
			await db.registerFileHandle(
				name,
				source.kind === 'file' ? source.file : new File([source.blob], name),
				duckdb.DuckDBDataProtocol.BROWSER_FILEREADER,
				true
			);
			return name;
		},
		async registerBytes(name: string, bytes: Uint8Array) {
			await db.registerFileBuffer(name, bytes);
			return name;
		},
		async unregister(name: string) {
			await db.dropFile(name);
		},
		// Files COPY writes live in the worker's memory, under their name.
		outputPath: (name: string) => name,
		async readOutput(name: string) {
			const bytes = await db.copyFileToBuffer(name);
			await db.dropFile(name);
			return bytes;
		}
	};
}
