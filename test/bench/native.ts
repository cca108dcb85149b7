import { createNodeDb } from '../../src/lib/db/node.ts';
import { noFilters } from '../../src/lib/metrics/filters.ts';
import { importFile } from './filters-engine.ts';
import { reachPageQueries } from './page-queries.ts';

/** Native DuckDB through the command-line path: import, then the Reach page's queries. */
export async function nativeRun(
	path: string
): Promise<{ import: number; query: number; referrals: number }> {
	const db = await createNodeDb();
	try {
		const importMs = await importFile(db, path);
		const t1 = performance.now();
		const results = await reachPageQueries(db, noFilters);
		const t2 = performance.now();
		return { import: importMs, query: t2 - t1, referrals: results.referrals };
	} finally {
		await db.close();
	}
}
