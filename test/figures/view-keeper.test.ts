import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asOfDate, figureSetup } from '../../src/lib/cli/figures.ts';
import { createNodeDb } from '../../src/lib/db/node.ts';
import type { Db } from '../../src/lib/db/types.ts';
import { figure, figureInput, pages } from '../../src/lib/figures/catalogue/index.ts';
import {
	createViewKeeper,
	figureQueries,
	figureViews,
	type ResultsByKey
} from '../../src/lib/figures/catalogue/run.ts';
import type { AnyFigure } from '../../src/lib/figures/catalogue/types.ts';
import type { FigureSetup } from '../../src/lib/figures/catalogue/types.ts';
import { importFiles } from '../../src/lib/ingest/import-files.ts';
import { makeFilters, noFilters, type Filters } from '../../src/lib/metrics/filters.ts';
import { run } from '../../src/lib/metrics/run.ts';

// The page keeps each figure's view, so going back to a view does not work it out again
// (createViewKeeper). A kept view must be the view figureViews gives for that very view, on the
// sample in native DuckDB: never one of another view, another setting, or other rows (a dataset
// loaded since, or the query run again), even with the same SQL and filters.

const sample = ['referrals', 'practices', 'outcomes', 'onward-referrals'].map(
	(name) => `data-samples/canonical/synthetic-${name}.csv`
);

describe('views kept per view and rows', () => {
	let db: Db & { close(): unknown };
	let setup: FigureSetup;
	let worked = 0;
	// The Compare page's figures (the costliest views), each counting its view's work.
	const figures: AnyFigure[] = pages.compare.map(({ id }) => {
		const f = figure(id);
		return { ...f, view: (...args: Parameters<AnyFigure['view']>) => (worked++, f.view(...args)) };
	});

	beforeAll(async () => {
		db = await createNodeDb();
		const imported = await importFiles(db, sample);
		if ('error' in imported) throw new Error(imported.error.message);
		setup = await figureSetup(db, await asOfDate(db));
	});
	afterAll(() => db.close());

	async function answered(filters: Filters, publication = false) {
		const input = figureInput(filters, setup, { publication });
		const { byFigure, distinct } = figureQueries(figures, input);
		const results: ResultsByKey = new Map();
		for (const [key, q] of distinct) results.set(key, await run(db, q));
		return [figures, byFigure, results, input] as const;
	}

	it('a view seen before is the same view, not worked out again; any other view is its own', async () => {
		const keep = createViewKeeper();
		const all = await answered(noFilters);
		const year = await answered(makeFilters({ period: { kind: 'year', label: '2024/25' } }));
		const published = await answered(noFilters, true);

		worked = 0;
		const first = keep(...all);
		expect(worked).toBe(figures.length);
		expect(first).toEqual(figureViews(...all));

		// A figure with no query in a view has no rows to tie its view to: worked out each time.
		const without = figures.filter((f) => Object.values(all[1].get(f.id) ?? {}).every((q) => !q));
		expect(without.length).toBeLessThan(3);
		worked = 0;
		const again = keep(...all);
		expect(worked).toBe(without.length);
		for (const f of figures) if (!without.includes(f)) expect(again[f.id]).toBe(first[f.id]);
		expect(again).toEqual(first);

		// Another period, then publication mode: worked out, and equal to their own views.
		worked = 0;
		const other = keep(...year);
		expect(worked).toBe(figures.length);
		expect(other).toEqual(figureViews(...year));
		expect(other).not.toEqual(first);
		worked = 0;
		const inPublication = keep(...published);
		expect(worked).toBe(figures.length);
		expect(inPublication).toEqual(figureViews(...published));

		// Back to the first view: kept. The same view answered again (as after a new load): the rows
		// are other arrays, so it is worked out again, from them.
		worked = 0;
		expect(keep(...all)[figures[0].id]).toBe(first[figures[0].id]);
		expect(worked).toBe(without.length);
		const answeredAgain = await answered(noFilters);
		worked = 0;
		const reloaded = keep(...answeredAgain);
		expect(worked).toBe(figures.length);
		expect(reloaded).toEqual(first);
		expect(reloaded[figures[0].id]).not.toBe(first[figures[0].id]);
	});
});
