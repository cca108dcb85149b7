import type { Db, Row } from '../../src/lib/db/types.ts';
import { importFiles } from '../../src/lib/ingest/import-files.ts';
import { figureInput, pages } from '../../src/lib/figures/catalogue/index.ts';
import { queryKey } from '../../src/lib/figures/catalogue/run.ts';
import { noFilters } from '../../src/lib/metrics/filters.ts';
import { run } from '../../src/lib/metrics/run.ts';
import type { Step } from './filter-steps.ts';
import { benchSetup, pageQueries, type PageName } from './page-queries.ts';

/** Import a file as the command-line tool does; returns the milliseconds it took. */
export async function importFile(db: Db, path: string): Promise<number> {
	const t0 = performance.now();
	const imported = await importFiles(db, [path]);
	if ('error' in imported) throw new Error(imported.error.message);
	return performance.now() - t0;
}

/** One change's time in an engine: each query the page would run (by name), and the total. */
export interface EngineStep {
	ms: number;
	queries: Record<string, number>;
	cached: number;
	referrals: number;
}

/**
 * A page's queries (Reach unless named) for each step (the frame's head and previous period, then the
 * layout's distinct queries: see pageQueries), one after another as the page runs them, with the
 * page's result cache mimicked: a query already run for an earlier view (from the opening view
 * on) is not run again, as the browser would not run it.
 */
export async function engineSteps(
	db: Db,
	steps: Step[],
	pageName: PageName = 'reach'
): Promise<EngineStep[]> {
	const setup = await benchSetup(db);
	const seen = new Map<string, number>();
	const runView = async (filters: Step['filters']): Promise<EngineStep> => {
		const out: EngineStep = { ms: 0, queries: {}, cached: 0, referrals: NaN };
		for (const [name, q] of pageQueries(pages[pageName], figureInput(filters, setup))) {
			const key = queryKey(q);
			let n = seen.get(key);
			if (n === undefined) {
				const t0 = performance.now();
				const rows = await run<Row>(db, q);
				out.queries[name] = performance.now() - t0;
				out.ms += out.queries[name];
				n = name === 'head' ? Number(rows[0].referrals) : NaN;
				seen.set(key, n);
			} else out.cached++;
			if (name === 'head') out.referrals = n;
		}
		return out;
	};
	await runView(noFilters); // the opening view, drawn before the first change
	const out: EngineStep[] = [];
	for (const step of steps) out.push(await runView(step.filters));
	return out;
}
