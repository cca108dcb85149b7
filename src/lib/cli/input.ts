// Node only: the one way `summary`, `figures`, `compare`, `export` (and `report`) get their
// tables: import files, or open a cleaned-data export or a --database without importing again.
import type { Profile } from '../contract/profile.ts';
import type { Db } from '../db/types.ts';
import { importFiles, type ImportError } from '../ingest/import-files.ts';
import { summarise } from '../ingest/report.ts';
import { importFromManifest, type ImportTotals, type LoadedFiles } from '../export/manifest.ts';
import { isExportPath, openExport } from '../export/read.ts';
import { writeDatabase } from '../export/write.ts';
import { buildManifest } from '../export/manifest.ts';
import { asOfDate } from './figures.ts';

/** Where the tables come from, as the command line gave it. */
export interface InputOptions {
	/** Case exports to import, or one export folder / .duckdb file to read as it is. */
	files: string[];
	profile?: Profile | string;
	dropIdentifiers?: boolean;
	/** A database to keep the loaded tables in (with files), or to read them from (without). */
	database?: string;
}

/** The tables are loaded in `db`: what the import did, from the import or from the manifest. */
export interface LoadedInput {
	files: LoadedFiles;
	report: ImportTotals;
	/** `import`: the files were read now; `export`: tables read from an earlier export. */
	from: 'import' | 'export';
}

/**
 * Load the tables the metric SQL reads into `db`. Files are imported (and, with `database`, kept
 * there for later runs); one export folder or database, or a `database` alone, is read as it is.
 */
export async function loadInput(
	db: Db,
	options: InputOptions
): Promise<{ value: LoadedInput } | { error: ImportError }> {
	const fail = (message: string) => ({ error: { message, code: 1 as const } });
	const exports = [];
	for (const f of options.files) if (await isExportPath(f)) exports.push(f);
	const stored = options.files.length === 0 ? options.database : undefined;
	if (exports.length || stored) {
		if (options.files.length > 1)
			return fail(`${exports[0]} is an export: give it alone, without other files`);
		const opened = await openExport(db, stored ?? exports[0]);
		if ('error' in opened) return fail(opened.error);
		const { report, files } = importFromManifest(opened.value);
		const problems = {
			rejects: await summarise(db, 'import_rejects'),
			problems: await summarise(db, 'import_issues')
		};
		const loaded = { files, report: { ...report, ...problems } };
		// An export given with --database is copied into it (Parquet or CSV in, DuckDB out).
		const kept = stored ? undefined : await keep(db, loaded, options.database);
		if (kept) return fail(kept);
		return { value: { ...loaded, from: 'export' } };
	}
	const imported = await importFiles(db, options.files, options);
	if ('error' in imported) return imported;
	const { files, report } = imported.value;
	const kept = await keep(db, { files, report }, options.database);
	if (kept) return fail(kept);
	return { value: { files, report, from: 'import' } };
}

// Write the loaded tables into the --database, if one was given; returns what went wrong.
async function keep(
	db: Db,
	loaded: { files: LoadedFiles; report: ImportTotals },
	database: string | undefined
): Promise<string | undefined> {
	if (!database) return undefined;
	const manifest = await buildManifest(db, { ...loaded, asOf: await asOfDate(db) }, 'duckdb');
	const kept = await writeDatabase(db, database, manifest).catch((e: Error) => e);
	return kept instanceof Error
		? `cannot write the database ${database}: ${kept.message}`
		: undefined;
}
