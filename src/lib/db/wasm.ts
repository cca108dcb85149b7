import * as duckdb from '@duckdb/duckdb-wasm';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import { Type, type Field, type Table } from 'apache-arrow';
import { QueryError, startupSql, type Db, type FileSource, type Row } from './types.ts';
import { formatEpochDay, formatEpochMs, toNumber } from './values.ts';

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
				if (params.length === 0) return toRows(await connection.query(text)) as T[];
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
		async exec(text: string) {
			try {
				await connection.query(text);
			} catch (cause) {
				throw new QueryError(text, cause);
			}
		},
		async registerFile(name: string, source: FileSource) {
			if (source.kind !== 'file') throw new Error(`browser db reads Files, not ${source.kind}`);
			// The worker reads slices of the File as it scans: no copy of the whole file in memory.
			await db.registerFileHandle(
				name,
				source.file,
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
		}
	};
}

// Arrow results to the same plain rows the native client gives.
function toRows(table: Table): Row[] {
	const fields = table.schema.fields;
	const columns = fields.map((_, i) => table.getChildAt(i));
	const rows: Row[] = new Array(table.numRows);
	for (let r = 0; r < table.numRows; r++) {
		const row: Row = {};
		fields.forEach((field, c) => (row[field.name] = plain(columns[c]?.get(r), field)));
		rows[r] = row;
	}
	return rows;
}

function plain(value: unknown, field: Field): unknown {
	if (value === null || value === undefined) return null;
	switch (field.type.typeId) {
		case Type.Date:
			return formatEpochDay(Math.round(Number(value) / 86_400_000));
		case Type.Timestamp:
			return formatEpochMs(Number(value));
		case Type.List: {
			const child = field.type.children[0] as Field;
			return Array.from(value as Iterable<unknown>, (v) => plain(v, child));
		}
		default:
			return typeof value === 'bigint' ? toNumber(value) : value;
	}
}
