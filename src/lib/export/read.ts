// Node only: open a cleaned-data export (a folder of Parquet or CSV, or a DuckDB database) as the
// tables the metric SQL reads, without importing again. Views, so large data stays on disk.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from '../db/types.ts';
import { ident, literal } from '../db/sql.ts';
import { parseManifest, type Manifest } from './manifest.ts';
import { exportTables, readBackSql } from './tables.ts';
import { databaseFile } from './write.ts';
import { loadMotherDuck } from './motherduck.ts';
import { textCodedTypesSql } from '../ingest/coded-sql.ts';

/** Is this path an export to read rather than a file to import? (a folder, or a database) */
export async function isExportPath(path: string): Promise<boolean> {
	if (isDatabasePath(path)) return true;
	const info = await stat(path).catch(() => null);
	return info?.isDirectory() ?? false;
}

/** A DuckDB database: a `.duckdb`/`.db` file, or a MotherDuck `md:` connection string. */
export function isDatabasePath(path: string): boolean {
	return /\.(duckdb|db)$/i.test(path) || path.startsWith('md:');
}

/** Create the loaded tables as views over an export; returns its manifest or what is wrong. */
export async function openExport(
	db: Db,
	path: string
): Promise<{ value: Manifest } | { error: string }> {
	// An export holds the coded columns as text: the metric SQL's coded types name text here.
	await db.exec(textCodedTypesSql);
	if (isDatabasePath(path)) return openDatabase(db, path);
	const text = await readFile(join(path, 'manifest.json'), 'utf8').catch((e: Error) => e);
	if (text instanceof Error) {
		const inside = await stat(join(path, databaseFile)).catch(() => null);
		if (inside) return openDatabase(db, join(path, databaseFile));
		return { error: `${path} is not an sp-impact export: no manifest.json (${text.message})` };
	}
	const manifest = parseManifest(text);
	if (!manifest.value)
		return { error: `${path}/manifest.json: ${manifest.errors.slice(0, 3).join('; ')}` };
	const older = olderExport(path, manifest.value);
	if (older) return { error: older };
	if (manifest.value.format === 'duckdb') return openDatabase(db, join(path, databaseFile));
	for (const t of exportTables) {
		const entry = manifest.value.tables.find((e) => e.name === t.name);
		if (!entry) return { error: `${path}/manifest.json lists no table ${t.name}` };
		const file = literal(join(path, entry.file)).text;
		const types = entry.columns
			.map((c) => `${literal(c.name).text}: ${literal(c.type).text}`)
			.join(', ');
		// CSV is all text: read it back with the types the manifest recorded.
		const from =
			manifest.value.format === 'parquet'
				? `read_parquet(${file})`
				: `read_csv(${file}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {${types}})`;
		const ok = await db
			.exec(`CREATE OR REPLACE VIEW ${ident(t.source).text} AS ${readBackSql(t, from)}`)
			.then(() => db.exec(`SELECT * FROM ${ident(t.source).text} LIMIT 0`))
			.catch((e: Error) => e);
		if (ok instanceof Error)
			return { error: `cannot read ${join(path, entry.file)}: ${ok.message}` };
	}
	return { value: manifest.value };
}

// An export written before a column the figures read was stored (the funnel flags, the
// referral number) lacks it: say so, and what to do, rather than fail in a figure's query.
function olderExport(path: string, manifest: Manifest): string | null {
	for (const t of exportTables) {
		const entry = manifest.tables.find((e) => e.name === t.name);
		const missing = (t.columns ?? []).filter((c) => !entry?.columns.some((e) => e.name === c));
		if (entry && missing.length)
			return `${path} was written by an earlier version of sp-impact: its table ${t.name} lacks ${missing.join(', ')}. Export the data again from the original files.`;
	}
	return null;
}

// Attach the database read-only and point views at its tables.
async function openDatabase(
	db: Db,
	path: string
): Promise<{ value: Manifest } | { error: string }> {
	const attached = await loadMotherDuck(db, path)
		.then(() => db.exec(`ATTACH ${literal(path).text} AS sp_export (READ_ONLY)`))
		.catch((e: Error) => e);
	if (attached instanceof Error) return { error: `cannot open ${path}: ${attached.message}` };
	const rows = await db
		.query<{ manifest: string }>('SELECT manifest FROM sp_export.sp_manifest')
		.catch((e: Error) => e);
	if (rows instanceof Error || !rows.length)
		return { error: `${path} holds no sp-impact tables (no sp_manifest table)` };
	const manifest = parseManifest(rows[0].manifest);
	if (!manifest.value) return { error: `${path}: ${manifest.errors.slice(0, 3).join('; ')}` };
	const older = olderExport(path, manifest.value);
	if (older) return { error: older };
	for (const t of exportTables) {
		await db.exec(
			`CREATE OR REPLACE VIEW ${ident(t.source).text} AS ${readBackSql(t, `sp_export.${ident(t.name).text}`)}`
		);
	}
	return { value: manifest.value };
}
