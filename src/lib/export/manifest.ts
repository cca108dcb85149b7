// manifest.json: what an export holds and where it came from, so a re-read can print the same
// import figures as the original run, and a reader can check what it has.
import { z } from 'zod';
import { contractVersion } from '../contract/version.ts';
import type { Db } from '../db/types.ts';
import type { TableName } from '../contract/tables.ts';
import type { FileReport, ImportReport } from '../ingest/report.ts';
import type { IdentifierFinding } from '../ingest/guard.ts';
import { exportSelectSql, exportTables } from './tables.ts';

/** The formats an export is written in. */
export const exportFormats = ['parquet', 'duckdb', 'csv'] as const;
export type ExportFormat = (typeof exportFormats)[number];

const count = z.number().int().min(0);

/** One source file: what happened to its rows, and the identifier columns dropped from it. */
export const manifestFileSchema = z.object({
	file: z.string(),
	table: z.enum(['referrals', 'outcomes', 'onward_referrals', 'practices']),
	encoding: z.enum(['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'windows-1252', 'xlsx']),
	rows_read: count,
	rows_loaded: count,
	rows_rejected: count,
	issues: count,
	/** Loaded rows with a value, per canonical column of the file's table. */
	completeness: z.array(
		z.object({ column: z.string(), filled: count, share: z.number().min(0).max(1) })
	),
	dropped_columns: z.array(
		z.object({
			column: z.string(),
			found: z.enum(['nhs_number', 'name', 'postcode', 'date_of_birth', 'email', 'phone'])
		})
	)
});

/** manifest.json, checked when an export is read back. */
export const manifestSchema = z.object({
	sp_impact_export: z.literal(1),
	contract_version: z.number().int(),
	duckdb_version: z.string(),
	format: z.enum(exportFormats),
	created: z.string(),
	/** The latest date anywhere in the data: the default as-of date of every figure. */
	as_of: z.string(),
	rows_read: count,
	rows_loaded: count,
	rows_rejected: count,
	issues: count,
	warnings: z.array(z.string()),
	files: z.array(manifestFileSchema),
	/** Each table: the file that holds it (or the table, in a .duckdb), its rows and columns. */
	tables: z.array(
		z.object({
			name: z.string(),
			file: z.string(),
			rows: count,
			columns: z.array(z.object({ name: z.string(), type: z.string() }))
		})
	)
});
export type Manifest = z.infer<typeof manifestSchema>;

/** The import's totals, per-file counts and problems: from the import itself, or an export. */
export type ImportTotals = Pick<
	ImportReport,
	| 'rows_read'
	| 'rows_loaded'
	| 'rows_rejected'
	| 'issues'
	| 'warnings'
	| 'rejects'
	| 'problems'
	| 'tables'
> & {
	files: Pick<
		FileReport,
		| 'file'
		| 'table'
		| 'encoding'
		| 'rows_read'
		| 'rows_loaded'
		| 'rows_rejected'
		| 'issues'
		| 'completeness'
	>[];
};

/** The files loaded, as far as the summary needs them: each one's identifier columns dropped. */
export type LoadedFiles = { name: string; dropped: Pick<IdentifierFinding, 'header' | 'kind'>[] }[];

/** What a manifest needs from the import. */
export interface ManifestSource {
	report: ImportTotals;
	files: LoadedFiles;
	asOf: string;
}

/**
 * The report and files of an import, rebuilt from the manifest of its export; the rejects and
 * issues summed by reason are read from the export's tables (`summarise`, ingest/report.ts).
 */
export function importFromManifest(m: Manifest): {
	report: Omit<ImportTotals, 'rejects' | 'problems'>;
	files: LoadedFiles;
} {
	const { rows_read, rows_loaded, rows_rejected, issues, warnings } = m;
	const rows = (t: TableName) => m.tables.find((e) => e.name === t)?.rows ?? 0;
	return {
		report: {
			tables: {
				referrals: rows('referrals'),
				outcomes: rows('outcomes'),
				onward_referrals: rows('onward_referrals'),
				practices: rows('practices')
			},
			rows_read,
			rows_loaded,
			rows_rejected,
			issues,
			warnings,
			files: m.files.map((f) => ({
				file: f.file,
				table: f.table,
				encoding: f.encoding,
				rows_read: f.rows_read,
				rows_loaded: f.rows_loaded,
				rows_rejected: f.rows_rejected,
				issues: f.issues,
				completeness: f.completeness
			}))
		},
		files: m.files.map((f) => ({
			name: f.file,
			dropped: f.dropped_columns.map((d) => ({
				header: d.column,
				kind: d.found
			}))
		}))
	};
}

/** Where a table goes in each format. */
export function tableFile(name: string, format: ExportFormat): string {
	return format === 'duckdb' ? name : `${name}.${format}`;
}

/** Build the manifest of an export from the import and the loaded tables. */
export async function buildManifest(
	db: Db,
	source: ManifestSource,
	format: ExportFormat,
	created = new Date()
): Promise<Manifest> {
	const [{ version }] = await db.query<{ version: string }>('SELECT version() AS version');
	const tables = [];
	for (const t of exportTables) {
		const select = exportSelectSql(t);
		const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM (${select})`);
		const columns = await db.query<{ column_name: string; column_type: string }>(
			`DESCRIBE ${select}`
		);
		tables.push({
			name: t.name,
			file: tableFile(t.name, format),
			rows: n,
			columns: columns.map((c) => ({ name: c.column_name, type: c.column_type }))
		});
	}
	const { report } = source;
	return {
		sp_impact_export: 1,
		contract_version: contractVersion,
		duckdb_version: version,
		format,
		created: created.toISOString(),
		as_of: source.asOf,
		rows_read: report.rows_read,
		rows_loaded: report.rows_loaded,
		rows_rejected: report.rows_rejected,
		issues: report.issues,
		warnings: report.warnings,
		files: report.files.map((f) => ({
			file: f.file,
			table: f.table,
			encoding: f.encoding,
			rows_read: f.rows_read,
			rows_loaded: f.rows_loaded,
			rows_rejected: f.rows_rejected,
			issues: f.issues,
			completeness: f.completeness,
			dropped_columns: (source.files.find((s) => s.name === f.file)?.dropped ?? []).map((d) => ({
				column: d.header,
				found: d.kind
			}))
		})),
		tables
	};
}

/** Parse manifest.json text; returns errors instead of throwing. */
export function parseManifest(text: string): { value?: Manifest; errors: string[] } {
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch (e) {
		return { errors: [`not JSON: ${(e as Error).message}`] };
	}
	const parsed = manifestSchema.safeParse(json);
	if (parsed.success) return { value: parsed.data, errors: [] };
	return {
		errors: parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
	};
}
