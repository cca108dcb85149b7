import { afterAll, beforeAll } from 'vitest';
// Shared set-up for tests that import files on native DuckDB (never a mock).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Profile } from '../../src/lib/contract/profile.ts';
import { createNodeDb } from '../../src/lib/db/node.ts';
import type { Db } from '../../src/lib/db/types.ts';
import { importFiles, type ImportOptions } from '../../src/lib/ingest/import-files.ts';
import { installMacros } from '../../src/lib/ingest/load.ts';
import { fromPath } from '../../src/lib/ingest/node-input.ts';
import { isUnreadable, prepareFile, type PreparedFile } from '../../src/lib/ingest/prepare.ts';
import type { ImportReport } from '../../src/lib/ingest/report.ts';
import { createWasmNodeDb } from '../db/wasm-node-db.ts';

export const fixture = (name: string) => join(import.meta.dirname, '..', 'fixtures', name);

/** A native DuckDB with the parsing macros installed. */
export async function nativeDb() {
	const db = await createNodeDb();
	await installMacros(db);
	return db;
}

/** duckdb-wasm in Node (the browser's engine), with the import's macros. */
export async function wasmDb() {
	const db = await createWasmNodeDb();
	await installMacros(db);
	return db;
}

/** Both engines, named, for `describe.each`: native DuckDB (the CLI) and duckdb-wasm (the browser). */
export const bothEngines: [string, () => Promise<Db & { close(): unknown }>][] = [
	['native DuckDB', nativeDb],
	['duckdb-wasm', wasmDb]
];

/**
 * A native DuckDB and a scratch folder for one describe block: opened before its tests, closed
 * after. Read them as `ctx.db` and `ctx.files` inside the tests.
 */
export function useNativeDb() {
	const ctx = {} as {
		db: Awaited<ReturnType<typeof nativeDb>>;
		files: Awaited<ReturnType<typeof scratchDir>>;
	};
	beforeAll(async () => {
		ctx.db = await nativeDb();
		ctx.files = await scratchDir();
	});
	afterAll(async () => {
		await ctx.db.close();
		await ctx.files.remove();
	});
	return ctx;
}

/** A scratch folder for files built inside a test. */
export async function scratchDir() {
	const dir = await mkdtemp(join(tmpdir(), 'sp-impact-test-'));
	return {
		dir,
		/** Write text (as UTF-8) or exact bytes; returns the path. */
		async write(name: string, content: string | Uint8Array) {
			const path = join(dir, name);
			await writeFile(path, content);
			return path;
		},
		remove: () => rm(dir, { recursive: true, force: true })
	};
}

/** Prepare one file; fails the test with the reason if it cannot be read. */
export async function prepare(db: Db, path: string, profile?: Profile): Promise<PreparedFile> {
	const prepared = await prepareFile(db, await fromPath(path), { profile });
	if (isUnreadable(prepared)) throw new Error(prepared.error);
	return prepared;
}

/** Import files with importFiles, as the command-line tool does; fails the test with the reason. */
export async function importPaths(
	db: Db,
	paths: string[],
	options: ImportOptions = {}
): Promise<{ files: PreparedFile[]; report: ImportReport }> {
	const imported = await importFiles(db, paths, options);
	if ('error' in imported) throw new Error(imported.error.message);
	return imported.value;
}

/** Encode text as Windows-1252 (only the characters the tests use outside ASCII). */
export function windows1252(text: string): Uint8Array {
	const extra: Record<string, number> = { '’': 0x92, '–': 0x96, é: 0xe9, '£': 0xa3 };
	return Uint8Array.from([...text], (ch) => {
		const code = ch.charCodeAt(0);
		if (code < 0x80) return code;
		if (extra[ch] === undefined) throw new Error(`no Windows-1252 byte for ${ch}`);
		return extra[ch];
	});
}

/** Encode text as UTF-16, little- or big-endian, with or without a byte order mark. */
export function utf16(text: string, endian: 'le' | 'be', bom: boolean): Uint8Array {
	const body = Buffer.from(bom ? `\ufeff${text}` : text, 'utf16le');
	if (endian === 'be') body.swap16();
	return new Uint8Array(body);
}
