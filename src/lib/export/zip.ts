// The cleaned data as one .zip of table files and manifest.json, written by whichever DuckDB is at
// hand: duckdb-wasm for the browser's "Download the cleaned data", native DuckDB in the tests.
// Parquet is written in JS from streamed row groups (export/parquet.ts); CSV by DuckDB's COPY.
// The zip is streamed too: its parts are the only thing that grows.
import { strToU8, Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import type { Db } from '../db/types.ts';
import { literal } from '../db/sql.ts';
import { latestDate } from '../metrics/reach.ts';
import { run } from '../metrics/run.ts';
import { buildManifest, type ManifestSource } from './manifest.ts';
import { writeParquet } from './parquet.ts';
import { exportSelectSql, exportTables } from './tables.ts';

/** The formats the browser's download offers: Parquet first, CSV for a spreadsheet. */
export type ZipFormat = 'parquet' | 'csv';

/**
 * The export folder as a zip, in parts (for `new Blob(parts)`): each table as `<name>.parquet`
 * (or `.csv`), and manifest.json, the same files as `sp-impact export --format parquet|csv`.
 */
export async function exportZip(
	db: Db,
	source: Omit<ManifestSource, 'asOf'>,
	format: ZipFormat = 'parquet'
): Promise<Uint8Array[]> {
	const asOf = String((await run(db, latestDate()))[0]?.as_of ?? '');
	const manifest = await buildManifest(db, { ...source, asOf }, format);
	const parts: Uint8Array[] = [];
	let failed: Error | null = null;
	const zip = new Zip((error, part) => (error ? (failed = error) : parts.push(part)));
	for (const [i, t] of exportTables.entries()) {
		const { file, columns } = manifest.tables[i];
		if (format === 'parquet') {
			// Parquet pages are compressed already: stored as they are.
			const entry = new ZipPassThrough(file);
			zip.add(entry);
			await writeParquet(db, exportSelectSql(t), columns, (bytes) => entry.push(bytes));
			entry.push(new Uint8Array(0), true);
		} else {
			const name = `sp-export-${t.name}.csv`;
			const to = literal(db.outputPath(name)).text;
			await db.exec(`COPY (${exportSelectSql(t)}) TO ${to} (FORMAT csv, HEADER)`);
			const entry = new ZipDeflate(file, { level: 6 });
			zip.add(entry);
			entry.push(await db.readOutput(name), true);
		}
	}
	const entry = new ZipPassThrough('manifest.json');
	zip.add(entry);
	entry.push(strToU8(JSON.stringify(manifest, null, 2) + '\n'), true);
	zip.end();
	if (failed) throw failed;
	return parts;
}
