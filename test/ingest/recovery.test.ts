import { describe, it, expect } from 'vitest';
import type { Db } from '../../src/lib/db/types.ts';
import { importFiles } from '../../src/lib/ingest/import-files.ts';
import { createWasmNodeDb } from '../db/wasm-node-db.ts';
import { fixture, nativeDb, scratchDir, wasmDb } from '../helpers/import.ts';
import { emptyProfile } from '../../src/lib/contract/profile.ts';
import type { InputFile } from '../../src/lib/ingest/input.ts';
import { fromPath } from '../../src/lib/ingest/node-input.ts';
import { isUnreadable, prepareFile } from '../../src/lib/ingest/prepare.ts';
import { installMacros } from '../../src/lib/ingest/load.ts';

// Issue 15: after a failed import the tables hold the dataset loaded before, whole, and the next
// import works without starting again. The engine error is forced mid-import: after the referrals
// are replaced, while the outcomes are checked.

const counts = (db: Db) =>
	db.query<{ referrals: number; outcomes: number; reasons: number }>(
		`SELECT (SELECT count(*)::INTEGER FROM referrals) AS referrals,
  (SELECT count(*)::INTEGER FROM outcomes) AS outcomes,
  (SELECT count(*)::INTEGER FROM referral_reasons) AS reasons`
	);

/** A database whose next statement matching `when` fails once, as an engine error would. */
function failingOnce(db: Db, when: RegExp): Db & { failed: () => boolean } {
	let armed = true;
	let failed = false;
	return Object.assign(Object.create(db) as Db, {
		async exec(sql: string) {
			if (armed && when.test(sql)) {
				armed = false;
				failed = true;
				throw new Error('Out of Memory Error: could not allocate block (forced by the test)');
			}
			return db.exec(sql);
		},
		failed: () => failed
	});
}

describe.each([
	['native DuckDB', nativeDb],
	[
		'duckdb-wasm',
		async () => {
			const db = await createWasmNodeDb();
			await installMacros(db);
			const close = db.close.bind(db);
			return Object.assign(db, { close: async () => close() });
		}
	]
])('recovery after a failed import (%s)', (_, open) => {
	it('keeps the previous dataset whole, then loads again', async () => {
		const db = await open();
		const dir = await scratchDir();
		try {
			const first = await importFiles(db, [
				fixture('messy-referrals.csv'),
				fixture('messy-outcomes.csv')
			]);
			if ('error' in first) throw new Error(first.error.message);
			const before = await counts(db);
			expect(before[0].referrals).toBeGreaterThan(0);
			expect(before[0].outcomes).toBeGreaterThan(0);

			// A second import of other files fails after its referrals table was built.
			const other = await dir.write(
				'other.csv',
				'Referral ID,Date of referral\nZ1,01/04/2024\nZ2,02/04/2024\n'
			);
			const failing = failingOnce(db, /TEMP TABLE "verdict_outcomes"/);
			const second = await importFiles(failing, [other, fixture('messy-outcomes.csv')]).catch(
				(e: Error) => e
			);
			expect(failing.failed()).toBe(true);
			expect(second).toBeInstanceOf(Error);
			expect(await counts(db)).toEqual(before);
			const ids = await db.query(
				`SELECT count(*)::INTEGER AS n FROM referrals WHERE referral_id LIKE 'Z%'`
			);
			expect(ids).toEqual([{ n: 0 }]);

			// The same import again, with nothing failing: fully replaced.
			const third = await importFiles(db, [other]);
			if ('error' in third) throw new Error(third.error.message);
			expect(await counts(db)).toEqual([{ referrals: 2, outcomes: 0, reasons: 0 }]);
		} finally {
			await db.close();
			await dir.remove();
		}
	}, 60_000);

	it('a failure in the first import leaves no half-built tables behind', async () => {
		const db = await open();
		try {
			const failing = failingOnce(db, /INSERT INTO import_rejects|DELETE FROM "referrals"/);
			const result = await importFiles(failing, [fixture('messy-referrals.csv')]).catch(
				(e: Error) => e
			);
			expect(result).toBeInstanceOf(Error);
			const tables = await db.query(
				`SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name IN ('referrals', 'outcomes')`
			);
			expect(tables).toEqual([{ n: 0 }]);
		} finally {
			await db.close();
		}
	}, 60_000);
});

// A UTF-8 file is read by DuckDB while its text pass scans it (ingest/read-file.ts). When the
// pass fails (here: the file can no longer be read, as when it is changed on disk), the file is
// not loaded and what DuckDB read of it is dropped, in both engines.
describe.each([
	['native DuckDB', nativeDb],
	['duckdb-wasm', wasmDb]
])('a file whose text pass fails (%s)', (_, open) => {
	it('is reported unreadable and leaves no raw table behind', async () => {
		const db = await open();
		try {
			const input = await fromPath(fixture('messy-referrals.csv'));
			const failing: InputFile = {
				...input,
				pass: async () => {
					// Long enough for DuckDB's read of the file to have begun.
					await new Promise((done) => setTimeout(done, 50));
					throw new Error('NotReadableError: the file could not be read');
				}
			};
			const prepared = await prepareFile(db, failing, { profile: emptyProfile() });
			expect(isUnreadable(prepared)).toBe(true);
			const raw = await db.query<{ name: string }>(
				`SELECT table_name AS name FROM duckdb_tables() WHERE table_name LIKE 'raw%'`
			);
			expect(raw).toEqual([]);
		} finally {
			await db.close();
		}
	}, 60_000);
});
