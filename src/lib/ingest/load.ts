import type { Profile } from '../contract/profile.ts';
import type { TableName } from '../contract/tables.ts';
import { nhsMacroSql } from './guard.ts';
import type { Db } from '../db/types.ts';
import { ident, literal } from '../db/sql.ts';
import {
	reasonIssuesSql,
	reasonLabelsSql,
	reasonsSql,
	scoresSql,
	unknownReasonsSql,
	repeatPeopleSql
} from './extras-sql.ts';
import {
	codedColumnsSql,
	codedCountsSql,
	memorySql,
	roomToSort,
	textCodedTypesSql
} from './coded-sql.ts';
import { unmappedHeaders } from './mapping.ts';
import { labelsSql, listsSql } from './labels-sql.ts';
import type { LoadFile } from './load-file.ts';
import {
	deleteRejectedSql,
	fileSideSql,
	issuesSql,
	parseSql,
	rejectsSql,
	sideTablesSql
} from './normalise.ts';
import type { PreparedFile } from './prepare.ts';
import {
	completeness,
	dateOrderWarnings,
	loadedByFile,
	summarise,
	unmappedLabels,
	type FileReport,
	type MeasureFound,
	type ImportReport
} from './report.ts';
import { measuresFoundSql, measuresSql } from './measures-sql.ts';
import { pairsTableSql } from './pairs-sql.ts';
import { macrosSql, schemaSql } from './schema-sql.ts';
import { unreadableRowsSql } from './stage.ts';
import { verdictSql } from './verdict.ts';

// Referrals first: the other tables check their referral_id against the loaded referrals.
const loadOrder: TableName[] = ['referrals', 'practices', 'outcomes', 'onward_referrals'];

/** Create the parsing macros; once per database, before the first prepare. */
export async function installMacros(db: Db): Promise<void> {
	await db.exec(macrosSql + nhsMacroSql);
}

/**
 * Load prepared files into fresh canonical tables and report what happened to every row.
 * Runs again from the raw tables whenever the user changes a mapping. All or nothing: when any
 * step fails, the tables are as they were before (the dataset loaded last, or none).
 */
export async function loadFiles(
	db: Db,
	files: PreparedFile[],
	profile?: Profile,
	onStep: (step: string) => void = () => {}
): Promise<ImportReport> {
	const before = await tableNames(db);
	// Replacing a dataset runs in one transaction, rolled back on failure. The first load does
	// not need one (a transaction costs 4-5 s and 600 MB at 1M rows): on failure, every table it
	// made is dropped.
	const replacing = before.has('referrals');
	if (replacing) await db.exec('BEGIN TRANSACTION');
	try {
		const report = await loadAll(db, files, profile, onStep);
		if (replacing) await db.exec('COMMIT');
		return report;
	} catch (e) {
		if (replacing) await db.exec('ROLLBACK').catch(() => {});
		else await dropTablesNotIn(db, before).catch(() => {});
		throw e;
	}
}

/** The names of the database's tables, temporary ones too. */
export async function tableNames(db: Db): Promise<Set<string>> {
	const tables = await db.query<{ name: string }>('SELECT table_name AS name FROM duckdb_tables()');
	return new Set(tables.map((t) => t.name));
}

/**
 * Drop every table not in `before`: what a failed first load made (the raw tables of prepared
 * files were there before), or all the warm-up made.
 */
export async function dropTablesNotIn(db: Db, before: Set<string>): Promise<void> {
	const made = [...(await tableNames(db))].filter((name) => !before.has(name));
	if (made.length) {
		await db.exec(made.map((name) => `DROP TABLE IF EXISTS ${ident(name).text};`).join('\n'));
	}
}

async function loadAll(
	db: Db,
	files: PreparedFile[],
	profile: Profile | undefined,
	onStep: (step: string) => void
): Promise<ImportReport> {
	onStep('Preparing tables');
	await db.exec(schemaSql(profile));
	await db.exec(textCodedTypesSql);
	await db.exec(sideTablesSql());
	const loads: LoadFile[] = files.map((f, order) => ({
		order,
		index: f.index,
		name: f.name,
		width: f.headers.length,
		numbered: f.numbered,
		mapping: f.mapping
	}));
	for (const file of loads) await db.exec(fileSideSql(file));
	for (const table of loadOrder) {
		const ofTable = loads.filter((f) => f.mapping.table === table);
		if (!ofTable.length) continue;
		onStep(`Checking ${table.replace('_', ' ')}`);
		await db.exec(labelsSql(table, ofTable));
		await db.exec(listsSql(table, ofTable));
		await db.exec(parseSql(table, ofTable));
		await db.exec(verdictSql(table));
		await db.exec(rejectsSql(table));
		await db.exec(deleteRejectedSql(table));
		const issues = issuesSql(table);
		if (issues) await db.exec(issues);
		if (table === 'referrals') {
			await db.exec(repeatPeopleSql);
			await loadReasons(db);
		}
		// The working copies go as soon as a table is done, to keep memory down.
		await db.exec(
			['labels', 'lists', 'verdict'].map((k) => `DROP TABLE IF EXISTS ${k}_${table};`).join('\n')
		);
	}
	// The referrals are written once more, coded, when the tables they are marked from are loaded.
	if (loads.some((f) => f.mapping.table === 'referrals')) await codeColumns(db);
	// Wide-form scores join the outcomes table once it exists (a long outcomes file replaces it).
	await db.exec(scoresSql);
	await db.exec(measuresSql(profile));
	await db.exec(pairsTableSql);
	for (const file of files) await recordUnreadable(db, file);
	onStep('Writing the import report');
	const result = await report(db, files);
	// The raw tables stay, so a changed mapping can load again.
	await db.exec('DROP TABLE IF EXISTS stage_scores; DROP TABLE IF EXISTS score_forms;');
	return result;
}

// The referral columns figures group on, integer-coded once every table is loaded.
async function codeColumns(db: Db): Promise<void> {
	const [counts] = await db.query<Record<string, number>>(codedCountsSql);
	const [memory] = await db.query<{ used: number; memory_limit: string }>(memorySql);
	await db.exec(codedColumnsSql(counts, roomToSort(memory.used, memory.memory_limit)));
}

// The long table of reasons; issues for unknown labels only when there are any.
async function loadReasons(db: Db): Promise<void> {
	await db.exec(reasonLabelsSql);
	await db.exec(reasonsSql);
	const [{ n }] = await db.query<{ n: number }>(unknownReasonsSql);
	if (n > 0) await db.exec(reasonIssuesSql);
	await db.exec('DROP TABLE reason_labels;');
}

// Rows the CSV reader could not parse count as read and rejected, with the reader's reason.
async function recordUnreadable(db: Db, file: PreparedFile): Promise<void> {
	if (file.unreadable === 0) return;
	await db.exec(`INSERT INTO import_rejects SELECT ${literal(file.name).text}, "row", NULL, value,
  'could not be read: ' || message FROM (${unreadableRowsSql(file.index)})`);
}

async function report(db: Db, files: PreparedFile[]): Promise<ImportReport> {
	const loaded = new Map<TableName, Map<string, number>>();
	for (const table of loadOrder) loaded.set(table, await loadedByFile(db, table));
	const count = async (source: string) =>
		new Map(
			(
				await db.query<{ file: string; n: number }>(
					`SELECT file, count(*)::INTEGER AS n FROM ${source} GROUP BY file`
				)
			).map((r) => [r.file, r.n])
		);
	const rejected = await count('import_rejects');
	const issues = await count('import_issues');
	const reports: FileReport[] = [];
	for (const f of files) {
		const table = f.mapping.table;
		reports.push({
			file: f.name,
			table,
			encoding: f.encoding,
			delimiter: f.delimiter,
			sheet: f.sheet,
			rows_read: f.rows + f.unreadable,
			rows_loaded: loaded.get(table)?.get(f.name) ?? 0,
			rows_rejected: rejected.get(f.name) ?? 0,
			issues: issues.get(f.name) ?? 0,
			blank_rows: f.blank,
			mapping: f.mapping.columns,
			unmapped: unmappedHeaders(f.mapping).filter((h) => !f.dropped.some((d) => d.header === h)),
			dropped: f.dropped,
			completeness: await completeness(db, table, f.name)
		});
	}
	const sum = (key: 'rows_read' | 'rows_loaded' | 'rows_rejected' | 'issues') =>
		reports.reduce((n, r) => n + r[key], 0);
	const [totals] = await db.query<Record<TableName, number>>(
		`SELECT ${loadOrder.map((t) => `(SELECT count(*)::INTEGER FROM ${t}) AS ${t}`).join(', ')}`
	);
	return {
		rows_read: sum('rows_read'),
		rows_loaded: sum('rows_loaded'),
		rows_rejected: sum('rows_rejected'),
		issues: sum('issues'),
		files: reports,
		rejects: await summarise(db, 'import_rejects'),
		problems: await summarise(db, 'import_issues'),
		unmapped_labels: await unmappedLabels(db),
		warnings: await dateOrderWarnings(db),
		measures: await db.query<MeasureFound & Record<string, unknown>>(measuresFoundSql),
		tables: totals
	};
}
