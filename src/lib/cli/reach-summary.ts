import type { Db } from '../db/types.ts';
import type { Filters } from '../metrics/filters.ts';
import type { Presenter } from '../figures/presenter.ts';
import { cliViews, keyedCells, printed } from './figures.ts';
import { round } from '../util/format.ts';
import { iifThresholds } from '../metrics/rates.ts';

const deciles = Array.from({ length: 10 }, (_, i) => String(i + 1));
// Months and quarters with no referrals are filled in by the figures as 0; the summary lists
// the periods with referrals, as the SQL gives them.
const byKey = <T>(o: Record<string, T>) =>
	Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
const withReferrals = (r: Record<string, unknown>) => r.referrals !== 0;

/** The `reach` section of the summary: who was referred, when, from where, and how far they got. */
export async function reachSummary(
	db: Db,
	filters: Filters,
	asOf: string,
	p: Presenter,
	rateThresholds: number[] = iifThresholds
) {
	const { views: v, input } = await cliViews(
		db,
		[
			'headline',
			'referrals-by-source',
			'referrals-by-pcn',
			'referrals-by-practice',
			'referrals-by-service',
			'engagement-funnel',
			'referrals-by-month',
			'referrals-by-quarter',
			'people-by-age-band',
			'people-by-sex',
			'people-by-ethnicity',
			'people-by-imd-decile',
			'referral-rate-by-practice',
			'referral-rate-by-pcn'
		],
		filters,
		asOf,
		p,
		{ rateThresholds }
	);
	const on = input.publication;
	const head = keyedCells(v.headline, 'key', 'value');
	const imd = keyedCells(v['people-by-imd-decile'], 'decile', 'people');
	const core20 = (v['people-by-imd-decile'] as { core20?: number | null } | null)?.core20 ?? null;
	// Each rate's units highest first (the figure orders by people; ties keep its order).
	type RateRow = { key: string; rate: number | null; people_rate: number | null };
	const rates = (view: (typeof v)[string], rate: 'rate' | 'people_rate') =>
		Object.fromEntries(
			[...((view?.rows ?? []) as RateRow[])]
				.sort((a, b) => (b[rate] ?? -1) - (a[rate] ?? -1))
				.map((r) => [r.key, r[rate] === null ? '*' : round(r[rate], 2)])
		);
	const both = (rate: 'rate' | 'people_rate') =>
		v['referral-rate-by-practice']
			? {
					practices: rates(v['referral-rate-by-practice'], rate),
					pcns: rates(v['referral-rate-by-pcn'], rate)
				}
			: null;
	return {
		referrals: head.referrals,
		people: head.people,
		by_source: keyedCells(v['referrals-by-source'], 'key', 'referrals'),
		by_pcn: keyedCells(v['referrals-by-pcn'], 'key', 'referrals'),
		by_practice: keyedCells(v['referrals-by-practice'], 'key', 'referrals'),
		by_service: keyedCells(v['referrals-by-service'], 'key', 'referrals'),
		people_with_multiple_referrals: head.people_with_multiple_referrals,
		funnel: keyedCells(v['engagement-funnel'], 'step', 'count'),
		by_month: Object.fromEntries(
			Object.entries(keyedCells(v['referrals-by-month'], 'label', 'referrals', withReferrals))
		),
		by_quarter: keyedCells(v['referrals-by-quarter'], 'label', 'referrals', withReferrals),
		by_age_band: keyedCells(v['people-by-age-band'], 'key', 'people'),
		by_sex: keyedCells(v['people-by-sex'], 'key', 'people'),
		// In key order, as the summary has always printed them (the figure orders by people).
		by_ethnicity: byKey(keyedCells(v['people-by-ethnicity'], 'key', 'people')),
		// Every decile is printed, in order, so a missing one reads as 0 rather than as absent.
		by_imd_decile: Object.fromEntries([...deciles, 'unknown'].map((k) => [k, imd[k] ?? 0])),
		core20_share: printed(core20 === null ? null : round(core20, 4), on),
		referral_rate_per_1000: both('rate'),
		people_referred_per_1000: both('people_rate'),
		rate_thresholds: rateThresholds
	};
}
