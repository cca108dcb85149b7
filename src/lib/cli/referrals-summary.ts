import type { Db } from '../db/types.ts';
import type { Filters } from '../metrics/filters.ts';
import { referralsBy } from '../metrics/reach.ts';
import { onwardBy, reasons } from '../metrics/referrals.ts';
import { keyed, run } from '../metrics/run.ts';
import type { Presenter } from './publish.ts';

/** The `referrals` section of the summary: where referrals came from, why, and where they went on to. */
export async function referralsSummary(db: Db, filters: Filters, p: Presenter) {
	const by = async (d: 'source' | 'source_label') =>
		keyed(await run(db, referralsBy(d, filters)), 'referrals');
	const categories = await run(db, onwardBy('category', filters));
	const organisations = await run(db, onwardBy('organisation', filters));
	const sum = (column: 'referrals' | 'signposts') =>
		categories.reduce((n, r) => n + Number(r[column]), 0);
	return {
		by_source: p.cells(await by('source')),
		by_source_label: p.cells(await by('source_label')),
		// A referral can give several reasons, so these overlap and add up to no total.
		by_reason: p.counts(keyed(await run(db, reasons(filters)), 'referrals')),
		onward: {
			referrals: p.count(sum('referrals')),
			signposts: p.count(sum('signposts')),
			by_category: p.cells(keyed(categories, 'total')),
			by_organisation: p.cells(keyed(organisations, 'total'))
		}
	};
}
