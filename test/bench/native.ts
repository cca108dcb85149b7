import { createNodeDb } from '../../src/lib/db/node.ts';
import { installMacros, loadFiles } from '../../src/lib/ingest/load.ts';
import { fromPath } from '../../src/lib/ingest/node-input.ts';
import { isUnreadable, prepareFile } from '../../src/lib/ingest/prepare.ts';
import { noFilters } from '../../src/lib/metrics/filters.ts';
import { reachPageQueries } from './page-queries.ts';

/** Native DuckDB through the command-line path: import, then the Reach page's queries. */
export async function nativeRun(
	path: string
): Promise<{ import: number; query: number; referrals: number }> {
	const db = await createNodeDb();
	try {
		const t0 = performance.now();
		await installMacros(db);
		const prepared = await prepareFile(db, await fromPath(path));
		if (isUnreadable(prepared)) throw new Error(prepared.error);
		await loadFiles(db, [prepared]);
		const t1 = performance.now();
		const results = await reachPageQueries(db, noFilters);
		const t2 = performance.now();
		return { import: t1 - t0, query: t2 - t1, referrals: results.referrals };
	} finally {
		await db.close();
	}
}
