import type { Db } from '../../src/lib/db/types.ts';
import type { Filters } from '../../src/lib/metrics/filters.ts';
import { overviewFigures, overviewSetup } from '../../src/lib/metrics/overview.ts';
import { run } from '../../src/lib/metrics/run.ts';

/** The queries the Overview page runs when it opens (the same definitions), in the same order. */
export async function overviewQueries(db: Db, filters: Filters) {
	const setup = overviewSetup();
	await run(db, setup.options);
	const [{ as_of }] = await run<{ as_of: string }>(db, setup.latest);
	const figures = overviewFigures(filters, as_of);
	const [head] = await run<{ referrals: number }>(db, figures.headline);
	await run(db, figures.months);
	await run(db, figures.sources);
	await run(db, figures.pcns);
	return { referrals: Number(head.referrals) };
}
