import type { Db } from '../db/types.ts';
import type { Filters } from '../metrics/filters.ts';
import { financialQuarter } from '../metrics/periods.ts';
import { periodYears, referralRate } from '../metrics/rates.ts';
import {
	filterOptions,
	funnel,
	headline,
	peopleBy,
	referralsBy,
	referralsByMonth,
	referralsByPeriod,
	type Attribute,
	type Dimension
} from '../metrics/reach.ts';
import { keyed, run } from '../metrics/run.ts';
import { suppressed, type Presenter } from './publish.ts';

const deciles = Array.from({ length: 10 }, (_, i) => String(i + 1));

/** The `reach` section of the summary: who was referred, when, from where, and how far they got. */
export async function reachSummary(db: Db, filters: Filters, asOf: string, p: Presenter) {
	const [head] = await run(db, headline(filters, asOf));
	const by = async (d: Dimension) => keyed(await run(db, referralsBy(d, filters)), 'referrals');
	const people = async (a: Attribute) => keyed(await run(db, peopleBy(a, filters)), 'people');
	const [f] = await run(db, funnel(filters));
	const months = await run(db, referralsByMonth(filters));
	const quarters = await run(db, referralsByPeriod('quarter', filters));
	// Every decile is printed, in order, so a missing one reads as 0 rather than as absent.
	const imdPeople = await people('imd');
	const imd = Object.fromEntries([...deciles, 'unknown'].map((k) => [k, imdPeople[k] ?? 0]));
	const byImd = p.cells(imd);
	const byPcn = p.cells(await by('pcn'));
	const byPractice = p.cells(await by('practice'));
	const known = deciles.reduce((n, d) => n + imd[d], 0);
	return {
		referrals: p.count(Number(head.referrals)),
		people: p.count(Number(head.people)),
		by_source: p.cells(await by('source')),
		by_pcn: byPcn,
		by_practice: byPractice,
		by_service: p.cells(await by('service')),
		people_with_multiple_referrals: p.count(Number(head.people_with_multiple_referrals)),
		funnel: p.counts({
			referred: Number(f.referred),
			contacted: Number(f.contacted),
			supported: Number(f.supported),
			goals_met: Number(f.goals_met)
		}),
		by_month: p.cells(Object.fromEntries(months.map((r) => [r.month, Number(r.referrals)]))),
		by_quarter: p.cells(
			Object.fromEntries(
				quarters.map((r) => [financialQuarter(String(r.period)), Number(r.referrals)])
			)
		),
		by_age_band: p.cells(await people('age_band')),
		by_sex: p.cells(await people('sex')),
		by_ethnicity: p.cells(await people('ethnicity')),
		by_imd_decile: byImd,
		// A share whose deciles 1 or 2 are hidden would give them back (with the other deciles).
		core20_share: p.share(imd['1'] + imd['2'], known, byImd['1'] === '*' || byImd['2'] === '*'),
		referral_rate_per_1000: await referralRates(db, filters, asOf, p, {
			practice: suppressed(byPractice),
			pcn: suppressed(byPcn)
		})
	};
}

/**
 * Referrals per 1,000 registered patients a year by practice and PCN; null without a practices
 * file with list sizes, or when the period has no days within the data. A rate is hidden with
 * the same practice's or PCN's referral count, which its list size would give back.
 */
async function referralRates(
	db: Db,
	filters: Filters,
	asOf: string,
	p: Presenter,
	hidden: { practice: Set<string>; pcn: Set<string> }
) {
	const [options] = await run(db, filterOptions());
	if (!Number(options.practices_with_list_size) || !options.first_referral) return null;
	const years = periodYears(filters, { from: String(options.first_referral), to: asOf });
	if (!(years > 0)) return null;
	const rates = async (level: 'practice' | 'pcn') => {
		const rows = await run(db, referralRate(level, filters, years));
		return Object.fromEntries(
			rows.map((r) => [
				String(r.key),
				p.rate(Number(r.rate), Number(r.referrals), hidden[level].has(String(r.key)))
			])
		);
	};
	return { practices: await rates('practice'), pcns: await rates('pcn') };
}
