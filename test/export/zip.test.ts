// The browser's "Download the cleaned data": a .zip of Parquet files and manifest.json, written
// by duckdb-wasm (its Node build here) and by native DuckDB, read back by `sp-impact summary`.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { createNodeDb } from '../../src/lib/db/node.ts';
import type { Db } from '../../src/lib/db/types.ts';
import { exportZip } from '../../src/lib/export/zip.ts';
import { exportTables } from '../../src/lib/export/tables.ts';
import { parseManifest } from '../../src/lib/export/manifest.ts';
import { importPaths, scratchDir } from '../helpers/import.ts';
import { createWasmNodeDb } from '../db/wasm-node-db.ts';
import { cli } from '../cli/run-cli.ts';

const samples = join(import.meta.dirname, '..', '..', 'data-samples', 'exports');
const shaped = ['synthetic-casebook-export.csv', 'synthetic-spreadsheet-export.xlsx'].map((f) =>
	join(samples, f)
);

type Engine = () => Promise<Db & { close(): unknown }>;
// The browser's engine writes CSV (no Parquet writer without its extension); native writes both.
const cases: [string, 'csv' | 'parquet', Engine][] = [
	['duckdb-wasm', 'csv', createWasmNodeDb],
	['native DuckDB', 'csv', createNodeDb],
	['native DuckDB', 'parquet', createNodeDb]
];

describe('exportZip', () => {
	let scratch: Awaited<ReturnType<typeof scratchDir>>;
	let expected: string;
	beforeAll(async () => {
		scratch = await scratchDir();
		const result = await cli('summary', ...shaped);
		expected = result.stdout;
	});
	afterAll(() => scratch.remove());

	it.each(cases)(
		'%s, %s: the zip unpacks to an export that gives the same summary',
		async (name, format, create) => {
			const db = await create();
			let zip: Uint8Array;
			try {
				const imported = await importPaths(db, shaped);
				zip = await exportZip(db, imported, format);
			} finally {
				await db.close();
			}
			const files = unzipSync(zip);
			expect(Object.keys(files).sort()).toEqual(
				[...exportTables.map((t) => `${t.name}.${format}`), 'manifest.json'].sort()
			);
			const referrals = files[`referrals.${format}`];
			if (format === 'parquet') {
				// Parquet files start and end with the magic bytes PAR1.
				expect(strFromU8(referrals.slice(0, 4))).toBe('PAR1');
				expect(strFromU8(referrals.slice(-4))).toBe('PAR1');
			} else expect(strFromU8(referrals).split('\n')[0]).toMatch(/^referral_id,person_id,/);
			const manifest = parseManifest(strFromU8(files['manifest.json']));
			expect(manifest.errors).toEqual([]);
			expect(manifest.value).toMatchObject({ format, duckdb_version: 'v1.4.3' });
			const dir = join(scratch.dir, `${name.replace(/\W/g, '-')}-${format}`);
			await mkdir(dir, { recursive: true });
			for (const [file, bytes] of Object.entries(files)) await writeFile(join(dir, file), bytes);
			const summary = await cli('summary', dir);
			expect(summary.stderr).toBe('');
			expect(summary.stdout).toBe(expected);
		}
	);
});
