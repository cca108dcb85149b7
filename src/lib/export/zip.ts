// The cleaned data as one .zip of table files and manifest.json, written by whichever DuckDB is at
// hand: duckdb-wasm for the browser's "Download the cleaned data", native DuckDB in the tests.
// The browser writes CSV: duckdb-wasm 1.32 has no Parquet writer built in (its parquet extension
// would be fetched from DuckDB's extension site, a request the app never makes).
import { strToU8, zipSync } from 'fflate';
import type { Db } from '../db/types.ts';
import { literal } from '../db/sql.ts';
import { latestDate } from '../metrics/reach.ts';
import { run } from '../metrics/run.ts';
import { buildManifest, type ManifestSource } from './manifest.ts';
import { exportSelectSql, exportTables } from './tables.ts';

/** The export folder as zip bytes: each table as `<name>.csv` (or `.parquet`), and manifest.json. */
export async function exportZip(
	db: Db,
	source: Omit<ManifestSource, 'asOf'>,
	format: 'csv' | 'parquet' = 'csv'
): Promise<Uint8Array> {
	const asOf = String((await run(db, latestDate()))[0]?.as_of ?? '');
	const manifest = await buildManifest(db, { ...source, asOf }, format);
	const options = format === 'parquet' ? 'FORMAT parquet' : 'FORMAT csv, HEADER';
	const entries: Record<string, Uint8Array> = {};
	for (const t of exportTables) {
		const name = `sp-export-${t.name}.${format}`;
		const to = literal(db.outputPath(name)).text;
		await db.exec(`COPY (${exportSelectSql(t)}) TO ${to} (${options})`);
		entries[`${t.name}.${format}`] = await db.readOutput(name);
	}
	entries['manifest.json'] = strToU8(JSON.stringify(manifest, null, 2) + '\n');
	// Parquet is compressed already; CSV deflates well.
	return zipSync(entries, { level: format === 'parquet' ? 0 : 6 });
}
