// Node only: write the loaded tables out as Parquet, CSV or a DuckDB database, with manifest.json.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from '../db/types.ts';
import { ident, literal } from '../db/sql.ts';
import {
	buildManifest,
	type ExportFormat,
	type Manifest,
	type ManifestSource
} from './manifest.ts';
import { exportSelectSql, exportTables } from './tables.ts';
import { loadMotherDuck } from './motherduck.ts';

/** The database file inside an export folder written as `duckdb`. */
export const databaseFile = 'sp-impact.duckdb';

/** Write every export table into `dir` (created if missing) and its manifest.json. */
export async function writeExport(
	db: Db,
	dir: string,
	format: ExportFormat,
	source: ManifestSource
): Promise<Manifest> {
	await mkdir(dir, { recursive: true });
	const manifest = await buildManifest(db, source, format);
	if (format === 'duckdb') {
		const path = join(dir, databaseFile);
		await rm(path, { force: true });
		await rm(`${path}.wal`, { force: true });
		await writeDatabase(db, path, manifest);
	} else {
		const options =
			format === 'parquet' ? 'FORMAT parquet, COMPRESSION zstd' : 'FORMAT csv, HEADER';
		for (const t of exportTables) {
			const path = join(dir, `${t.name}.${format}`);
			await db.exec(`COPY (${exportSelectSql(t)}) TO ${literal(path).text} (${options})`);
		}
	}
	await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
	return manifest;
}

/**
 * Write (or replace) the export tables and the manifest in a DuckDB database: a file path, or any
 * database DuckDB can ATTACH (a MotherDuck `md:` string, untested here).
 */
export async function writeDatabase(db: Db, path: string, manifest: Manifest): Promise<void> {
	await loadMotherDuck(db, path);
	await db.exec(`ATTACH ${literal(path).text} AS sp_out`);
	try {
		for (const t of exportTables) {
			await db.exec(
				`CREATE OR REPLACE TABLE sp_out.${ident(t.name).text} AS ${exportSelectSql(t)}`
			);
		}
		await db.exec(
			`CREATE OR REPLACE TABLE sp_out.sp_manifest AS SELECT ${literal(JSON.stringify(manifest)).text} AS manifest`
		);
	} finally {
		await db.exec('DETACH sp_out');
	}
}
