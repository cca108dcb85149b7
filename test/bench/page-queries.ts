import type { Db, Row } from '../../src/lib/db/types.ts';
import type { Filters } from '../../src/lib/metrics/filters.ts';
import { reachQueries } from '../../src/lib/metrics/pages.ts';
import { filterOptions, latestDate } from '../../src/lib/metrics/reach.ts';
import { run } from '../../src/lib/metrics/run.ts';

/** The queries the Reach page runs when it opens (the same definitions), in the same order. */
export async function reachPageQueries(db: Db, filters: Filters) {
	const [o] = await run(db, filterOptions());
	const [{ as_of }] = await run(db, latestDate());
	const queries = reachQueries(filters, {
		asOf: String(as_of),
		firstReferral: String(o.first_referral),
		practicesWithListSize: o.practices_with_list_size
	});
	let referrals = 0;
	for (const [key, q] of Object.entries(queries)) {
		if (!q) continue;
		const rows = await run<Row>(db, q);
		if (key === 'head') referrals = Number(rows[0].referrals);
	}
	return { referrals };
}
