import type { Db } from '../../src/lib/db/types.ts';
import type { Filters } from '../../src/lib/metrics/filters.ts';
import {
	filterOptions,
	headline,
	latestDate,
	referralsBy,
	referralsByMonth
} from '../../src/lib/metrics/reach.ts';
import { run } from '../../src/lib/metrics/run.ts';

/** The queries the Overview page runs when it opens, in the same order. */
export async function overviewQueries(db: Db, filters: Filters) {
	await run(db, filterOptions());
	const [{ as_of }] = await run<{ as_of: string }>(db, latestDate());
	const [head] = await run<{ referrals: number }>(db, headline(filters, as_of));
	await run(db, referralsByMonth(filters));
	await run(db, referralsBy('source', filters));
	await run(db, referralsBy('pcn', filters));
	return { referrals: Number(head.referrals) };
}
