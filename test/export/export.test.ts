// `sp-impact export`: the cleaned tables out as Parquet, CSV or DuckDB, and read back by
// `summary`, `figures` and `compare` with figures identical to those from the original files.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createNodeDb } from '../../src/lib/db/node.ts';
import type { Db } from '../../src/lib/db/types.ts';
import { contractVersion } from '../../src/lib/contract/version.ts';
import { storedColumns } from '../../src/lib/ingest/schema-sql.ts';
import { pairReferralColumns } from '../../src/lib/metrics/filters.ts';
import { exportFormats, parseManifest } from '../../src/lib/export/manifest.ts';
import { openExport } from '../../src/lib/export/read.ts';
import { exportSelectSql, exportTables } from '../../src/lib/export/tables.ts';
import { writeExport } from '../../src/lib/export/write.ts';
import { importPaths, scratchDir } from '../helpers/import.ts';
import { cli } from '../cli/run-cli.ts';
import { loadInput } from '../../src/lib/cli/input.ts';

const samples = join(import.meta.dirname, '..', '..', 'data-samples', 'exports');
// The shaped exports carry planted defects: rejected rows, issues, unmapped labels, two encodings.
const shaped = ['synthetic-casebook-export.csv', 'synthetic-spreadsheet-export.xlsx'].map((f) =>
	join(samples, f)
);
// Text CSV must quote (commas, quotes, a line break), a list of reasons, an unknown label, a
// rejected row (no valid date) and a duplicate.
const awkwardReferrals = `referral_id,referral_date,referral_reasons,service,pcn,practice,referral_source
A1,2024-04-02,"Loneliness; Debt","North, East","PCN ""A""",Practice 1,GP
A2,2024-05-03,Low mood,"Two
lines",PCN B,,Dowsing
A3,not a date,Debt,North,PCN B,,GP
A2,2024-05-03,Low mood,"Two
lines",PCN B,,Dowsing
`;
const awkwardOutcomes = `referral_id,measure,timepoint,assessed_on,score
A1,WEMWBS,baseline,2024-04-02,40
A1,WEMWBS,follow-up,2024-06-02,47
A2,ONS life satisfaction,baseline,,7
`;
const awkwardOnward = `referral_id,referred_on,organisation,category,kind
A1,2024-04-20,"Age UK, Leeds ""central""",Debt advice,signpost
`;

async function run(...argv: string[]) {
	const result = await cli(...argv);
	if (result.code !== 0) throw new Error(`sp-impact exited ${result.code}: ${result.stderr}`);
	return result.stdout;
}

// Every row of a table, in a stable order, as plain values.
const rowsOf = (db: Db, select: string) =>
	db.query(`SELECT * FROM (${select}) ORDER BY ALL NULLS FIRST`);

describe('sp-impact export, read back by the other commands', () => {
	let scratch: Awaited<ReturnType<typeof scratchDir>>;
	const original: Record<string, string> = {};
	beforeAll(async () => {
		scratch = await scratchDir();
		original.summary = await run('summary', ...shaped);
	});
	afterAll(() => scratch.remove());

	it.each(exportFormats)('a %s export gives the same summary as the files', async (format) => {
		const out = join(scratch.dir, format);
		await run('export', '--format', format, '--out', out, ...shaped);
		expect(await run('summary', out)).toBe(original.summary);
		// The import section comes from the manifest: rejected rows and issues as the files had.
		const summary = JSON.parse(original.summary);
		expect(summary.import.rows_rejected).toBeGreaterThan(0);
		expect(summary.import.issues).toBeGreaterThan(0);
	});

	it('figures and compare read a Parquet folder and a .duckdb file as they read the files', async () => {
		const parquet = join(scratch.dir, 'parquet');
		const duckdb = join(scratch.dir, 'duckdb', 'sp-impact.duckdb');
		for (const command of [
			['summary', '--publication'],
			['figures', '--publication'],
			['compare', '--by', 'practice']
		]) {
			const expected = await run(...command, ...shaped);
			expect(await run(...command, parquet)).toBe(expected);
			expect(await run(...command, duckdb)).toBe(expected);
		}
	});

	it('report writes the same HTML from a Parquet export as from the files', async () => {
		const html = (name: string) => join(scratch.dir, name);
		await run('report', '--format', 'html', '--out', html('files.html'), ...shaped);
		await run(
			'report',
			'--format',
			'html',
			'--out',
			html('export.html'),
			join(scratch.dir, 'parquet')
		);
		const [a, b] = await Promise.all([
			readFile(html('files.html'), 'utf8'),
			readFile(html('export.html'), 'utf8')
		]);
		expect(a).toContain('<svg');
		expect(b).toBe(a);
	});

	it('--database keeps the loaded tables: a later run with no files reads them', async () => {
		const path = join(scratch.dir, 'monthly.duckdb');
		expect(await run('summary', '--database', path, ...shaped)).toBe(original.summary);
		expect(await run('summary', '--database', path)).toBe(original.summary);
		const compare = await run('compare', '--by', 'service', ...shaped);
		expect(await run('compare', '--by', 'service', '--database', path)).toBe(compare);
		// An export given with --database is copied into it.
		const copy = join(scratch.dir, 'from-parquet.duckdb');
		await run('summary', '--database', copy, join(scratch.dir, 'parquet'));
		expect(await run('summary', '--database', copy)).toBe(original.summary);
	});

	it('refuses a folder that is not an export, an export mixed with files, and filters on export', async () => {
		const empty = join(scratch.dir, 'empty');
		await mkdir(empty, { recursive: true });
		const notExport = await cli('summary', empty);
		expect(notExport.code).toBe(1);
		expect(notExport.stderr).toContain(`${empty} is not an sp-impact export: no manifest.json`);
		const mixed = await cli('summary', empty, shaped[0]);
		expect(mixed.code).toBe(1);
		expect(mixed.stderr).toContain('is an export: give it alone');
		const filtered = await cli(
			'export',
			'--format',
			'csv',
			'--out',
			empty,
			'--pcn',
			'X',
			...shaped
		);
		expect(filtered.stderr).toContain('--pcn is not for sp-impact export');
		const memory = await cli('summary', '--memory-limit', 'lots', shaped[0]);
		expect(memory.stderr).toContain(
			'invalid --memory-limit: lots (use a size such as 2GB or 500MB)'
		);
		// MotherDuck: the extension is loaded, never downloaded; here (not installed, no network) it fails cleanly.
		const md = await cli('summary', '--database', 'md:sp_impact_test');
		expect(md.code).toBe(1);
		expect(md.stderr).toContain('cannot open md:sp_impact_test');
		const format = await cli('export', '--format', 'xls', '--out', empty, ...shaped);
		expect(format.stderr).toContain('invalid --format: xls (use parquet, duckdb, csv)');
	});

	it('says an export from an earlier version lacks columns, and to export again', async () => {
		const dir = join(scratch.dir, 'older');
		await run('export', '--format', 'parquet', '--out', dir, ...shaped);
		const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
		const referrals = manifest.tables.find((t: { name: string }) => t.name === 'referrals');
		referrals.columns = referrals.columns.filter(
			(c: { name: string }) => !['funnel_supported', 'referral_no'].includes(c.name)
		);
		await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest));
		const result = await cli('summary', dir);
		expect(result.code).toBe(1);
		expect(result.stderr).toContain(
			'was written by an earlier version of sp-impact: its table referrals lacks funnel_supported, referral_no. Export the data again from the original files.'
		);
	});

	it('names the table a damaged export lacks', async () => {
		const dir = join(scratch.dir, 'damaged');
		await run('export', '--format', 'parquet', '--out', dir, ...shaped);
		const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
		manifest.tables = manifest.tables.filter((t: { name: string }) => t.name !== 'outcomes');
		await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest));
		const result = await cli('summary', dir);
		expect(result.code).toBe(1);
		expect(result.stderr).toContain('manifest.json lists no table outcomes');
	});
});

describe('the exported tables', () => {
	let scratch: Awaited<ReturnType<typeof scratchDir>>;
	let db: Awaited<ReturnType<typeof createNodeDb>>;
	let imported: Awaited<ReturnType<typeof importPaths>>;
	beforeAll(async () => {
		scratch = await scratchDir();
		db = await createNodeDb();
		const files = [
			await scratch.write('awkward-referrals.csv', awkwardReferrals),
			await scratch.write('awkward-onward.csv', awkwardOnward),
			await scratch.write('awkward-outcomes.csv', awkwardOutcomes)
		];
		imported = await importPaths(db, files);
	});
	afterAll(async () => {
		await db.close();
		await scratch.remove();
	});

	it.each(exportFormats)(
		'%s: every table reads back row for row, value for value',
		async (format) => {
			const out = join(scratch.dir, format);
			await writeExport(db, out, format, { ...imported, asOf: '2024-06-30' });
			const back = await createNodeDb();
			try {
				const opened = await openExport(back, out);
				if ('error' in opened) throw new Error(opened.error);
				for (const t of exportTables) {
					const expected = await rowsOf(db, exportSelectSql(t));
					const columns = t.columns?.map((c) => `"${c}"`).join(', ') ?? '*';
					expect(await rowsOf(back, `SELECT ${columns} FROM "${t.source}"`), t.name).toEqual(
						expected
					);
				}
				// The pairs read back carry their referral's columns again, as the figures read them.
				const copied = `SELECT referral_id, measure_key, ${pairReferralColumns.map((c) => `"${c}"::VARCHAR`).join(', ')} FROM outcome_pairs`;
				const pairs = await rowsOf(db, copied);
				expect(pairs.length).toBeGreaterThan(0);
				expect(pairs.some((p) => p.pcn !== null)).toBe(true);
				expect(await rowsOf(back, copied)).toEqual(pairs);
				// The awkward values survived (the CSV quoting in particular).
				const [a1] = await back.query(`SELECT * FROM referrals WHERE referral_id = 'A1'`);
				expect(a1).toMatchObject({
					service: 'North, East',
					pcn: 'PCN "A"',
					referral_reasons: ['Loneliness', 'Debt']
				});
				const rejected = await back.query(`SELECT "row" FROM import_rejects ORDER BY "row"`);
				expect(rejected.map((r) => r.row)).toEqual([4, 5]);
				const [pair] = await back.query(
					`SELECT baseline, followup FROM outcome_pairs WHERE referral_id = 'A1'`
				);
				expect(pair).toEqual({ baseline: 40, followup: 47 });
			} finally {
				await back.close();
			}
		}
	);

	it('keeps the contract columns and types and leaves the working columns behind', async () => {
		const out = join(scratch.dir, 'types');
		await writeExport(db, out, 'parquet', { ...imported, asOf: '2024-06-30' });
		for (const table of ['referrals', 'outcomes', 'onward_referrals', 'practices'] as const) {
			const columns = await db.query<{ column_name: string; column_type: string }>(
				`DESCRIBE SELECT * FROM read_parquet('${join(out, `${table}.parquet`)}')`
			);
			const got = columns.map((c) => ({ name: c.column_name, type: c.column_type }));
			expect(got, table).toEqual(storedColumns(table));
			expect(got.filter((c) => /__|^_(order|extra|fields|width)$/.test(c.name))).toEqual([]);
		}
		// The loaded outcomes still have working columns: the export dropped them, not the import.
		const outcomes = await db.query(`DESCRIBE outcomes`);
		expect(
			outcomes.some((c) => /__|^_(order|extra|fields|width)$/.test(String(c.column_name)))
		).toBe(true);
		// The referrals leave theirs behind when they are coded, once every table is loaded.
		const referrals = await db.query<{ column_name: string }>(`DESCRIBE referrals`);
		expect(referrals.map((c) => c.column_name)).toEqual(
			storedColumns('referrals').map((c) => c.name)
		);
	});

	it('gives the commands the import report back: totals, tables, rejects and issues by reason', async () => {
		const out = join(scratch.dir, 'report');
		await writeExport(db, out, 'parquet', { ...imported, asOf: '2024-06-30' });
		const back = await createNodeDb();
		try {
			const loaded = await loadInput(back, { files: [out] });
			if ('error' in loaded) throw new Error(loaded.error.message);
			const { report } = loaded.value;
			const original = imported.report;
			expect(report.tables).toEqual(original.tables);
			expect(report.rejects).toEqual(original.rejects);
			expect(report.problems).toEqual(original.problems);
			expect(report.files).toEqual(
				original.files.map((f) => ({
					file: f.file,
					table: f.table,
					encoding: f.encoding,
					rows_read: f.rows_read,
					rows_loaded: f.rows_loaded,
					rows_rejected: f.rows_rejected,
					issues: f.issues,
					completeness: f.completeness
				}))
			);
			expect(loaded.value.from).toBe('export');
		} finally {
			await back.close();
		}
	});

	it('writes a manifest that accounts for every row and names the versions', async () => {
		const out = join(scratch.dir, 'manifest');
		await writeExport(db, out, 'csv', { ...imported, asOf: '2024-06-30' });
		const parsed = parseManifest(await readFile(join(out, 'manifest.json'), 'utf8'));
		const m = parsed.value!;
		expect(parsed.errors).toEqual([]);
		const [{ v }] = await db.query<{ v: string }>('SELECT version() AS v');
		expect(m).toMatchObject({ format: 'csv', as_of: '2024-06-30', duckdb_version: v });
		expect(m.contract_version).toBe(contractVersion);
		const referrals = m.files.find((f) => f.file === 'awkward-referrals.csv')!;
		// Four rows read: A1 and A2 loaded; A3 (no valid date) and the copy of A2 rejected.
		expect(referrals).toMatchObject({ rows_read: 4, rows_loaded: 2, rows_rejected: 2 });
		for (const f of m.files) expect(f.rows_read).toBe(f.rows_loaded + f.rows_rejected);
		const counts = Object.fromEntries(m.tables.map((t) => [t.name, t.rows]));
		expect(counts).toMatchObject({
			referrals: 2,
			outcomes: 3,
			onward_referrals: 1,
			rejected_rows: 2
		});
		expect(m.tables.map((t) => t.file)).toContain('rejected_rows.csv');
	});
});
