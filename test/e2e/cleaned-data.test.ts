// "Download the cleaned data" on the import report: a .zip of Parquet files written in the tab from
// duckdb-wasm, which native DuckDB opens and `sp-impact summary` reads back with the same figures
// as from the files themselves; and the CSV zip offered beside it. The Parquet is encoded and zipped
// in a Web Worker: on 100k referrals the page keeps drawing frames and says how far it is.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { createNodeDb } from '../../src/lib/db/node.ts';
import { literal } from '../../src/lib/db/sql.ts';
import { parseManifest } from '../../src/lib/export/manifest.ts';
import { exportTables } from '../../src/lib/export/tables.ts';
import { cli } from '../cli/run-cli.ts';
import { ensureSample } from '../bench/stats.ts';
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

	it(
		'keeps the page responding while 100k referrals are written, and says how far it is',
		{ timeout: 600_000 },
		async () => {
			// data-samples/generated/referrals-100k.csv: 100,000 referrals (generated once if missing).
			const path = resolve(ensureSample('100k'));
			await open(s);
			await s.page.locator('input[type=file]').first().setInputFiles(path);
			await s.page.getByTestId('load').waitFor({ state: 'visible', timeout: 300_000 });
			await s.page.getByTestId('load').click();
			await s.page.getByTestId('import-report').waitFor({ timeout: 300_000 });
			// In the page: an animation-frame counter with the longest gap between two frames, and
			// every text the status line shows, from the click to the download.
			await s.page.evaluate(() => {
				const w = window as unknown as Record<string, unknown>;
				const seen: string[] = [];
				const status = document.querySelector('[role=status]')!;
				const observer = new MutationObserver(() => {
					const text = status.textContent ?? '';
					if (seen.at(-1) !== text) seen.push(text);
				});
				observer.observe(status, { childList: true, characterData: true, subtree: true });
				const probe = { frames: 0, longestGap: 0, seen, stop: () => observer.disconnect() };
				let last = performance.now();
				const tick = (t: number) => {
					probe.frames++;
					probe.longestGap = Math.max(probe.longestGap, t - last);
					last = t;
					if (w.probe === probe) requestAnimationFrame(tick);
				};
				w.probe = probe;
				requestAnimationFrame(tick);
			});
			const button = s.page.getByRole('button', { name: /^Download the cleaned data|^Writing/ });
			const [d] = await Promise.all([
				s.page.waitForEvent('download', { timeout: 300_000 }),
				button.click()
			]);
			const probe = await s.page.evaluate(() => {
				const w = window as unknown as Record<string, unknown>;
				const p = w.probe as { frames: number; longestGap: number; seen: string[]; stop(): void };
				p.stop();
				w.probe = null;
				return { frames: p.frames, longestGap: p.longestGap, seen: p.seen };
			});
			// The status line went through the referrals table as it was read and encoded (its
			// 100,000 rows are one row group), then the other tables, then said what it wrote.
			const seen = probe.seen.join(' | ');
			expect(
				probe.seen.filter((t) => /^Writing referrals… [1-9]\d?%$/.test(t)).length,
				seen
			).toBeGreaterThan(3);
			expect(
				probe.seen.some((t) => /^Writing issues… \d+%$/.test(t)),
				seen
			).toBe(true);
			expect(probe.seen.at(-1)).toMatch(/^sp-impact-cleaned-data\.zip written: [\d.]+ MB\.$/);
			// The page kept drawing: on the page's thread the write took one long task per row group
			// (seconds each at 100k, see the README's Performance), now it only passes bytes along.
			// The bound is generous (a frame a second) so a loaded machine does not fail it.
			const frames = `${probe.frames} frames, longest gap ${Math.round(probe.longestGap)} ms`;
			expect(probe.frames, frames).toBeGreaterThan(10);
			expect(probe.longestGap, frames).toBeLessThan(1000);

			// The zip opens in native DuckDB with the manifest's counts: 100,000 referrals read.
			const entries = unzipSync(new Uint8Array(await readFile(await d.path())));
			const manifest = parseManifest(strFromU8(entries['manifest.json']));
			expect(manifest.errors).toEqual([]);
			const m = manifest.value!;
			expect(m.rows_read).toBe(100_000);
			const dir = await mkdtemp(join(tmpdir(), 'sp-cleaned-100k-'));
			const native = await createNodeDb();
			try {
				const counts: Record<string, number> = {};
				for (const t of m.tables) {
					await writeFile(join(dir, t.file), entries[t.file]);
					const [{ n }] = await native.query<{ n: number }>(
						`SELECT count(*)::INTEGER AS n FROM ${literal(join(dir, t.file)).text}`
					);
					expect(n, t.name).toBe(t.rows);
					counts[t.name] = n;
				}
				expect(counts.referrals).toBe(100_000 - m.rows_rejected);
			} finally {
				await native.close();
				await rm(dir, { recursive: true, force: true });
			}
		}
	);
});
