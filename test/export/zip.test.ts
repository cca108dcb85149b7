// The browser's "Download the cleaned data": a .zip of Parquet files (written in JS from a streamed
// scan) and manifest.json, written by duckdb-wasm (its Node build here) and by native DuckDB. Read
// back by native DuckDB, it must hold what `sp-impact export --format parquet` writes, type for
// type and row for row, and `sp-impact summary` must print the same figures from it.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { createNodeDb } from '../../src/lib/db/node.ts';
import type { Db } from '../../src/lib/db/types.ts';
import { literal } from '../../src/lib/db/sql.ts';
import { exportZip, type ZipFormat } from '../../src/lib/export/zip.ts';
import { exportTables } from '../../src/lib/export/tables.ts';
import { parseManifest } from '../../src/lib/export/manifest.ts';
import { importPaths, scratchDir } from '../helpers/import.ts';
import { sample } from '../helpers/printed.ts';
import { createWasmNodeDb } from '../db/wasm-node-db.ts';
import { cli } from '../cli/run-cli.ts';

const shaped = ['synthetic-casebook-export.csv', 'synthetic-spreadsheet-export.xlsx'].map((f) =>
	join(import.meta.dirname, '..', '..', 'data-samples', 'exports', f)
);
// The canonical sample fills every table; the shaped exports add rejected rows and issues.
const inputs = { sample, shaped };

type Engine = () => Promise<Db & { close(): unknown }>;
const engines: Record<string, Engine> = {
	'duckdb-wasm': createWasmNodeDb,
	'native DuckDB': createNodeDb
};
const cases: [string, ZipFormat, keyof typeof inputs][] = [
	['duckdb-wasm', 'parquet', 'sample'],
	['duckdb-wasm', 'parquet', 'shaped'],
	['native DuckDB', 'parquet', 'sample'],
	['duckdb-wasm', 'csv', 'shaped']
];

/** The zip's parts as one byte array. */
const joined = (parts: Uint8Array[]) => {
	const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	parts.reduce((at, p) => (all.set(p, at), at + p.length), 0);
	return all;
};

describe('exportZip', () => {
	let scratch: Awaited<ReturnType<typeof scratchDir>>;
	let reader: Awaited<ReturnType<typeof createNodeDb>>;
	const summaries: Record<string, string> = {};
	const cliExports: Record<string, string> = {};
	beforeAll(async () => {
		scratch = await scratchDir();
		reader = await createNodeDb();
		for (const [name, paths] of Object.entries(inputs)) {
			summaries[name] = (await cli('summary', ...paths)).stdout;
			cliExports[name] = join(scratch.dir, `cli-${name}`);
			const written = await cli(
				'export',
				'--format',
				'parquet',
				'--out',
				cliExports[name],
				...paths
			);
			expect(written.stderr).toBe('');
		}
	}, 120_000);
	afterAll(async () => {
		await reader.close();
		await scratch.remove();
	});

	it.each(cases)(
		'%s, %s, %s: the zip unpacks to the CLI export, and gives the same summary',
		async (engine, format, input) => {
			const db = await engines[engine]();
			let zip: Uint8Array;
			try {
				const imported = await importPaths(db, inputs[input]);
				zip = joined(await exportZip(db, imported, format));
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

			const dir = join(scratch.dir, `${engine.replace(/\W/g, '-')}-${format}-${input}`);
			await mkdir(dir, { recursive: true });
			for (const [file, bytes] of Object.entries(files)) await writeFile(join(dir, file), bytes);
			const summary = await cli('summary', dir);
			expect(summary.stderr).toBe('');
			expect(summary.stdout).toBe(summaries[input]);

			if (format !== 'parquet') return;
			for (const t of manifest.value!.tables) {
				const ours = literal(join(dir, t.file)).text;
				const theirs = literal(join(cliExports[input], t.file)).text;
				// Column names and types as native DuckDB reads them, and as Parquet stores them.
				const describe = (file: string) => reader.query(`DESCRIBE SELECT * FROM ${file}`);
				expect(await describe(ours), t.name).toEqual(await describe(theirs));
				const schema = (file: string) =>
					reader.query(
						`SELECT name, type, converted_type, repetition_type, num_children
						 FROM parquet_schema(${file}) WHERE name <> 'duckdb_schema'`
					);
				expect(await schema(ours), t.name).toEqual(await schema(theirs));
				// The same rows, duplicates and nulls included, and as many as the manifest says.
				const [{ n }] = await reader.query<{ n: number }>(
					`SELECT count(*)::INTEGER AS n FROM ${ours}`
				);
				expect(n, t.name).toBe(t.rows);
				const [{ extra, missing }] = await reader.query<{ extra: number; missing: number }>(
					`SELECT (SELECT count(*) FROM (FROM ${ours} EXCEPT ALL FROM ${theirs}))::INTEGER AS extra,
					        (SELECT count(*) FROM (FROM ${theirs} EXCEPT ALL FROM ${ours}))::INTEGER AS missing`
				);
				expect({ extra, missing }, t.name).toEqual({ extra: 0, missing: 0 });
			}
		},
		120_000
	);
});
