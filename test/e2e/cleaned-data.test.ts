// "Download the cleaned data" on the import report: a .zip of Parquet files written in the tab from
// duckdb-wasm, which native DuckDB opens and `sp-impact summary` reads back with the same figures
// as from the files themselves; and the CSV zip offered beside it.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { createNodeDb } from '../../src/lib/db/node.ts';
import { literal } from '../../src/lib/db/sql.ts';
import { parseManifest } from '../../src/lib/export/manifest.ts';
import { exportTables } from '../../src/lib/export/tables.ts';
import { cli } from '../cli/run-cli.ts';
import {
	download,
	dropFiles,
	exportsDir,
	load,
	review,
	slow,
	useBrowser,
	open
} from './helpers.ts';

const files = ['synthetic-casebook-export.csv', 'synthetic-spreadsheet-export.xlsx'];

describe('Download the cleaned data', () => {
	const s = useBrowser();

	it(
		'gives a .zip of Parquet tables that DuckDB opens and sp-impact reads as the files',
		slow,
		async () => {
			const paths = files.map((f) => resolve(exportsDir, f));
			await open(s);
			await dropFiles(s.page, paths);
			for (const f of files) await review(s.page, f).waitFor(slow);
			await load(s.page);
			const { download: d, bytes } = await download(s.page, () =>
				s.page
					.getByRole('button', { name: 'Download the cleaned data (Parquet, .zip)', exact: true })
					.click()
			);
			expect(d.suggestedFilename()).toBe('sp-impact-cleaned-data.zip');
			// The page says what it wrote, and its size.
			await s.page
				.getByRole('status')
				.filter({ hasText: /sp-impact-cleaned-data\.zip written: [\d.]+ (KB|MB)\./ })
				.waitFor(slow);
			const entries = unzipSync(new Uint8Array(bytes));
			expect(Object.keys(entries).sort()).toEqual(
				[...exportTables.map((t) => `${t.name}.parquet`), 'manifest.json'].sort()
			);
			for (const t of exportTables) {
				const file = entries[`${t.name}.parquet`];
				expect([strFromU8(file.slice(0, 4)), strFromU8(file.slice(-4))], t.name).toEqual([
					'PAR1',
					'PAR1'
				]);
			}
			const manifest = parseManifest(strFromU8(entries['manifest.json']));
			expect(manifest.errors).toEqual([]);
			// The planted defects (data-samples/exports/README.md): 5 rows rejected of 2,795 read.
			expect(manifest.value).toMatchObject({
				rows_read: 2795,
				rows_rejected: 5,
				format: 'parquet'
			});
			const dir = await mkdtemp(join(tmpdir(), 'sp-cleaned-'));
			const native = await createNodeDb();
			try {
				for (const [name, content] of Object.entries(entries))
					await writeFile(join(dir, name), content);
				// Native DuckDB opens every file, with as many rows as the manifest says: 2,790 referrals
				// loaded (2,795 read less 5 rejected), and the 5 rejected rows themselves.
				const counts: Record<string, number> = {};
				for (const t of manifest.value!.tables) {
					const [{ n }] = await native.query<{ n: number }>(
						`SELECT count(*)::INTEGER AS n FROM ${literal(join(dir, t.file)).text}`
					);
					expect(n, t.name).toBe(t.rows);
					counts[t.name] = n;
				}
				expect(counts).toMatchObject({ referrals: 2790, rejected_rows: 5 });
				const fromZip = await cli('summary', dir);
				const fromFiles = await cli('summary', ...paths);
				expect(fromZip.stderr).toBe('');
				expect(fromZip.stdout).toBe(fromFiles.stdout);
			} finally {
				await native.close();
				await rm(dir, { recursive: true, force: true });
			}
		}
	);

	it('gives the same tables as CSV files on request', slow, async () => {
		await open(s);
		await dropFiles(s.page, [resolve(exportsDir, files[0])]);
		await review(s.page, files[0]).waitFor(slow);
		await load(s.page);
		const { download: d, bytes } = await download(s.page, () =>
			s.page.getByRole('button', { name: 'Cleaned data as CSV files (.zip)', exact: true }).click()
		);
		expect(d.suggestedFilename()).toBe('sp-impact-cleaned-csv.zip');
		const entries = unzipSync(new Uint8Array(bytes));
		expect(Object.keys(entries).sort()).toEqual(
			[...exportTables.map((t) => `${t.name}.csv`), 'manifest.json'].sort()
		);
		expect(strFromU8(entries['referrals.csv']).split('\n')[0]).toMatch(/^referral_id,person_id,/);
		expect(parseManifest(strFromU8(entries['manifest.json'])).value?.format).toBe('csv');
	});
});
