// "Download the cleaned data" on the import report: a .zip written in the tab by duckdb-wasm,
// which `sp-impact summary` reads back with the same figures as from the files themselves.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
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

	it('gives a .zip of the cleaned tables that sp-impact reads as the files', slow, async () => {
		const paths = files.map((f) => resolve(exportsDir, f));
		await open(s);
		await dropFiles(s.page, paths);
		for (const f of files) await review(s.page, f).waitFor(slow);
		await load(s.page);
		const { download: d, bytes } = await download(s.page, () =>
			s.page.getByRole('button', { name: 'Download the cleaned data' }).click()
		);
		expect(d.suggestedFilename()).toBe('sp-impact-cleaned-data.zip');
		const entries = unzipSync(new Uint8Array(bytes));
		expect(Object.keys(entries).sort()).toEqual(
			[...exportTables.map((t) => `${t.name}.csv`), 'manifest.json'].sort()
		);
		const manifest = parseManifest(strFromU8(entries['manifest.json']));
		expect(manifest.errors).toEqual([]);
		// The planted defects (data-samples/exports/README.md): 5 rows rejected of 2,795 read.
		expect(manifest.value).toMatchObject({ rows_read: 2795, rows_rejected: 5, format: 'csv' });
		const dir = await mkdtemp(join(tmpdir(), 'sp-cleaned-'));
		try {
			for (const [name, content] of Object.entries(entries))
				await writeFile(join(dir, name), content);
			const fromZip = await cli('summary', dir);
			const fromFiles = await cli('summary', ...paths);
			expect(fromZip.stderr).toBe('');
			expect(fromZip.stdout).toBe(fromFiles.stdout);
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
	});
});
