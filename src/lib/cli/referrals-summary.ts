import type { Db } from '../db/types.ts';
import { onwardFigures } from '../figures/catalogue/referrals.ts';
import { viewOf } from '../figures/catalogue/run.ts';
import type { Presenter } from '../figures/presenter.ts';
import type { Filters } from '../metrics/filters.ts';
import { cliViews, keyedCells, printed } from './figures.ts';

/** The `referrals` section of the summary: where referrals came from, why, and where they went on to. */
export async function referralsSummary(db: Db, filters: Filters, asOf: string, p: Presenter) {
	const { views, input } = await cliViews(
		db,
		[
			'referrals-by-source',
			'referrals-by-source-label',
			'referral-reasons',
			'onward-by-category',
			'onward-by-organisation'
		],
		filters,
		asOf,
		p
	);
	const totals = viewOf(views, onwardFigures.category)?.totals;
	const on = input.publication;
	return {
		by_source: keyedCells(views['referrals-by-source'], 'key', 'referrals'),
		by_source_label: keyedCells(views['referrals-by-source-label'], 'key', 'referrals'),
		// A referral can give several reasons, so these overlap and add up to no total.
		by_reason: keyedCells(views['referral-reasons'], 'key', 'referrals'),
		onward: {
			referrals: totals ? printed(totals.referrals, on) : 0,
			signposts: totals ? printed(totals.signposts, on) : 0,
			by_category: keyedCells(views['onward-by-category'], 'key', 'total'),
			by_organisation: keyedCells(views['onward-by-organisation'], 'key', 'total')
		}
	};
}
