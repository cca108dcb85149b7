import { describe, expect, it } from 'vitest';
import { asOfDate, figureSetup } from '../../src/lib/cli/figures.ts';
import type { Db } from '../../src/lib/db/types.ts';
import { figure, figureInput, pages } from '../../src/lib/figures/catalogue/index.ts';
import { runFigures } from '../../src/lib/figures/catalogue/run.ts';
import { importFiles } from '../../src/lib/ingest/import-files.ts';
import type { InputFile } from '../../src/lib/ingest/input.ts';
import { tableNames } from '../../src/lib/ingest/load.ts';
import { warmUp } from '../../src/lib/ingest/warm-up.ts';
import { noFilters } from '../../src/lib/metrics/filters.ts';
import { run } from '../../src/lib/metrics/run.ts';
import { bothEngines } from '../helpers/import.ts';

// The engine is warmed up on a tiny export when the page opens (src/lib/ingest/warm-up.ts), and
// a file the user chooses sooner stops it. Either way nothing of it may be left behind.

const sample = ['referrals', 'outcomes', 'onward-referrals', 'practices'].map(
	(t) => `data-samples/canonical/synthetic-${t}.csv`
);

/** A file from its text, read as a browser reads a File (a blob), not from disk. */
function fromText(name: string, text: string): InputFile {
	const bytes = new TextEncoder().encode(text);
	return {
		name,
		size: bytes.length,
		read: async (start = 0, end = bytes.length) => bytes.slice(start, end),
		source: { kind: 'blob', blob: new Blob([bytes]) }
	};
}

/** Every statement sent to `db`, in order, and a hook called before each. */
function recording(db: Db, before: (n: number) => void = () => {}) {
	const statements: string[] = [];
	const note = (text: string) => {
		before(statements.length);
		statements.push(text);
	};
	const wrapped: Db = Object.assign(Object.create(db) as Db, {
		query: (text: string, params?: unknown[]) => (note(text), db.query(text, params)),
		exec: (text: string) => (note(text), db.exec(text))
	});
	return { db: wrapped, statements };
}

/** The sample loaded, and the Reach page's figures over all dates. */
async function sampleFigures(db: Db) {
	const imported = await importFiles(db, sample);
	if ('error' in imported) throw new Error(imported.error.message);
	const input = figureInput(noFilters, await figureSetup(db, await asOfDate(db)));
	const views = await runFigures(
		(q) => run(db, q),
		pages.reach.map(({ id }) => figure(id)),
		input
	);
	return { report: imported.value.report, views };
}

describe.each(bothEngines)('the engine warm-up (%s)', (_, open) => {
	it('loads its files and runs the Reach page, then leaves no table behind', async () => {
		const db = await open();
		try {
			const before = await tableNames(db);
			const { db: watched, statements } = recording(db);
			await warmUp(watched, fromText);
			// It did the work it is for: the referrals were loaded and the Reach page's queries run.
			expect(statements.some((s) => /CREATE OR REPLACE TABLE "referrals" AS/.test(s))).toBe(true);
			expect(statements.some((s) => /INSERT INTO outcomes/.test(s))).toBe(true);
			expect(statements.some((s) => /GROUP BY GROUPING SETS/.test(s))).toBe(true);
			expect(await tableNames(db)).toEqual(before);
		} finally {
			await db.close();
		}
	});

	it('gives the same import report and figures as a database never warmed up', async () => {
		const [warmed, cold] = [await open(), await open()];
		try {
			await warmUp(warmed, fromText);
			expect(await sampleFigures(warmed)).toEqual(await sampleFigures(cold));
		} finally {
			await warmed.close();
			await cold.close();
		}
	});

	it('stops at its next statement when a file comes first, and cleans up', async () => {
		const db = await open();
		try {
			const before = await tableNames(db);
			const stop = new AbortController();
			// Stopped in the middle of loading, with the raw and working tables made.
			const { db: watched, statements } = recording(db, (n) => n === 30 && stop.abort());
			await warmUp(watched, fromText, stop.signal);
			// After the statement it was stopped in, only the clean-up ran.
			const after = statements.slice(31);
			expect(after.length).toBeGreaterThan(0);
			for (const s of after) expect(s).toMatch(/^(SELECT table_name|DROP TABLE)/);
			expect(await tableNames(db)).toEqual(before);
			// Then the user's files load as on a fresh database.
			const cold = await open();
			try {
				expect(await sampleFigures(db)).toEqual(await sampleFigures(cold));
			} finally {
				await cold.close();
			}
		} finally {
			await db.close();
		}
	});
});
