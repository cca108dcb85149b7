// The cleaned data as one .zip of table files and manifest.json, written by whichever DuckDB is at
// hand: duckdb-wasm for the browser's "Download the cleaned data", native DuckDB in the tests.
// Parquet is written in JS from streamed row groups (export/parquet.ts); CSV by DuckDB's COPY.
// The zip is put together by a ZipSink (export/zip-sink.ts): in this thread, or in the browser a
// Web Worker that the Arrow pieces are handed to, so the page stays responsive.
import type { Db } from '../db/types.ts';
import { literal } from '../db/sql.ts';
import { latestDate } from '../metrics/reach.ts';
import { run } from '../metrics/run.ts';
import { buildManifest, type ManifestSource } from './manifest.ts';
import { enumsAsText, writeParquet } from './parquet.ts';
import { exportSelectSql, exportTables } from './tables.ts';
import { jsonBytes, ZipAssembler, type ZipSink } from './zip-sink.ts';

/** The formats the browser's download offers: Parquet first, CSV for a spreadsheet. */
export type ZipFormat = 'parquet' | 'csv';

/** How far the zip is: the table being written, its rows done so far, and its rows. */
export interface ZipProgress {
	table: string;
	rows: number;
	total: number;
}

export interface ZipOptions {
	/** Where the zip is put together (default: in this thread). */
	sink?: ZipSink;
	/** Called as each table starts and as its rows are read and encoded. */
	onProgress?: (progress: ZipProgress) => void;
}

/**
 * The export folder as a zip, in parts (for `new Blob(parts)`): each table as `<name>.parquet`
 * (or `.csv`), and manifest.json, the same files as `sp-impact export --format parquet|csv`.
 */
export async function exportZip(
	db: Db,
	source: Omit<ManifestSource, 'asOf'>,
	format: ZipFormat = 'parquet',
	{ sink = new ZipAssembler(), onProgress }: ZipOptions = {}
): Promise<Uint8Array[]> {
	try {
		const asOf = String((await run(db, latestDate()))[0]?.as_of ?? '');
		const manifest = await buildManifest(db, { ...source, asOf }, format);
		for (const [i, t] of exportTables.entries()) {
			const { file, columns, rows: total } = manifest.tables[i];
			const progress = (rows: number) => onProgress?.({ table: t.name, rows, total });
			progress(0);
			if (format === 'parquet' && db.scanIpc) {
				// The Arrow pieces go to the sink as they come; it writes the row groups. ENUMs are read
				// as text, as in writeParquet (streamed, they come without their dictionaries).
				sink.table(file, columns, progress);
				const sql = enumsAsText(exportSelectSql(t), columns);
				await db.scanIpc(sql, (bytes) => sink.piece(bytes));
				await sink.endTable();
			} else if (format === 'parquet') {
				// Native DuckDB gives plain values: the file is written here, then stored whole.
				const pieces: Uint8Array[] = [];
				await writeParquet(db, exportSelectSql(t), columns, (bytes) => pieces.push(bytes));
				sink.file(file, concat(pieces), false);
				progress(total);
			} else {
				const name = `sp-export-${t.name}.csv`;
				const to = literal(db.outputPath(name)).text;
				await db.exec(`COPY (${exportSelectSql(t)}) TO ${to} (FORMAT csv, HEADER)`);
				sink.file(file, await db.readOutput(name), true);
				progress(total);
			}
		}
		sink.file('manifest.json', jsonBytes(manifest), false);
		return await sink.end();
	} catch (e) {
		sink.abort?.();
		throw e;
	}
}

function concat(pieces: Uint8Array[]) {
	const all = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
	pieces.reduce((at, p) => (all.set(p, at), at + p.length), 0);
	return all;
}
