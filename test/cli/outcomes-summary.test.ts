import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { gpSummary, outcomesSummary } from '../../src/lib/cli/outcomes-summary.ts';
import { plain, publication } from '../../src/lib/figures/presenter.ts';
import { makeFilters, noFilters } from '../../src/lib/metrics/filters.ts';
import { fixture, importPaths, nativeDb } from '../helpers/import.ts';
import { numbersOutsideImport, smallCountsOutsideImport, summary } from './run-cli.ts';

// The outcome fixtures of test/metrics/outcomes.test.ts (worked there row by row), as-of
// 2025-03-31. Per measure, over pairs (change = follow-up − baseline):
//  wemwbs   15 pairs: baselines 30 35 38 39 40 40 41 42 44 44 48 50 52 52 55,
//           follow-ups 36 43 45 36 48 50 44 47 47 50 46 49 56 59 53 (W03's pair is 52 → 56: with
//           no baseline label its earliest score, review 1, is the baseline); 14 eligible, 10 of
//           them followed up (baselines mean 425/10 = 42.5), 4 not (R05 45, R07 46, R16 33,
//           W04 38: 40.5). Changes 6 8 7 −3 8 10 3 5 3 6 −2 −1 4 7 −2: ≥ 3: 11; ≤ −3: 1 (R13).
//  swemwbs   5 pairs: 18.59→22.35, 19.98→21.54, 17.43→20.73, 19.98→22.35, 17.43→21.54;
//           6 eligible, 3 followed up (18.59 19.98 17.43), 3 not (19.25 23.21 15.84).
//           Changes 3.76 1.56 3.30 2.37 4.11: 3 improved.
//  ons4_life_satisfaction  4 pairs: 4→7 (up 2 bands), 6→5 (same), 6→7 (up), 9→8 (down);
//           3 eligible (R01 R02 R04), all followed up.
//  ons4_anxiety  3 pairs: 6→3 (down a band: better), 2→4 (worse), 5→4 (same); 3 eligible.
// Reference values from R 4.2.2 for WEMWBS:
//   b <- c(30,35,38,39,40,40,41,42,44,44,48,50,52,52,55)
//   f <- c(36,43,45,36,48,50,44,47,47,50,46,49,56,59,53)
//   mean(b) 43.333; mean(f) 47.267; mean(f - b) 3.9333; sd(f - b) 4.1656
//   t.test(f, b, paired = TRUE): conf.int 1.6265 6.2402, p.value 0.0025886;
//   mean(f - b) / sd(f - b) 0.94424
//   prop.test(11, 15, correct = FALSE)$conf.int 0.48050 0.89103
//   prop.test(8, 15, correct = FALSE)$conf.int 0.30117 0.75190 (threshold 5)
// and the others' means and SDs: sd(c(3.76, 1.56, 3.30, 2.37, 4.11)) 1.0450;
//   sd(c(3, -1, 1, -1)) 1.9149; sd(c(2, -1, -3)) 2.5166.
// GP appointments (one person once, see the metrics test): 12 people, before 59, after 38;
//   R: d <- c(1,2,0,-3,-2,-2,-4,-3,-3,-2,0,-5); mean(d) −1.75; t.test(d)$conf.int −3.0807 −0.4193
//   8 of 12 fell.
const files = [
	'outcomes-referrals.csv',
	'outcomes-scores.csv',
	'outcomes-metric.csv',
	'outcomes-wide.csv'
].map(fixture);
const asOf = '2025-03-31';

const plainOutcomes = {
	wemwbs: {
		name: 'Warwick-Edinburgh Mental Wellbeing Scale',
		meaningful_change: 3,
		eligible: 14,
		pairs: 15,
		followup_rate: 0.7143, // 10 / 14
		baseline_mean_followed_up: 42.5, // 425 / 10
		baseline_mean_not_followed_up: 40.5,
		baseline_mean: 43.33, // R: mean(b)
		followup_mean: 47.27, // R: mean(f)
		mean_change: 3.93, // R: mean(f - b)
		sd_change: 4.17, // R: sd(f - b)
		ci95: [1.63, 6.24], // R: t.test(f, b, paired = TRUE)$conf.int
		p_value: 0.002589, // R: t.test(f, b, paired = TRUE)$p.value
		effect_size_dz: 0.94, // R: mean(f - b) / sd(f - b)
		improved_meaningfully: 11,
		deteriorated_meaningfully: 1,
		improved_share: 0.7333, // 11 / 15
		improved_share_ci95: [0.4805, 0.891] // R: prop.test(11, 15, correct = FALSE)$conf.int
	},
	swemwbs: {
		name: 'Short Warwick-Edinburgh Mental Wellbeing Scale',
		meaningful_change: 3,
		eligible: 6,
		pairs: 5,
		followup_rate: 0.5,
		baseline_mean_followed_up: 18.67, // 56 / 3
		baseline_mean_not_followed_up: 19.43, // 58.3 / 3
		baseline_mean: 18.68,
		followup_mean: 21.7,
		mean_change: 3.02,
		sd_change: 1.05,
		ci95: null, // under 10 pairs: counts only
		p_value: null,
		effect_size_dz: null,
		improved_meaningfully: 3,
		deteriorated_meaningfully: 0,
		improved_share: 0.6,
		improved_share_ci95: null
	},
	ons4_life_satisfaction: {
		name: 'ONS4: life satisfaction',
		meaningful_change: 'one band',
		eligible: 3,
		pairs: 4,
		followup_rate: 1,
		baseline_mean_followed_up: 5.33,
		baseline_mean_not_followed_up: null, // nobody eligible was left without a follow-up
		baseline_mean: 6.25,
		followup_mean: 6.75,
		mean_change: 0.5,
		sd_change: 1.91,
		ci95: null,
		p_value: null,
		effect_size_dz: null,
		improved_meaningfully: 2,
		deteriorated_meaningfully: 1,
		improved_share: 0.5,
		improved_share_ci95: null
	},
	ons4_anxiety: {
		name: 'ONS4: anxiety yesterday',
		meaningful_change: 'one band',
		eligible: 3,
		pairs: 3,
		followup_rate: 1,
		baseline_mean_followed_up: 4.33,
		baseline_mean_not_followed_up: null,
		baseline_mean: 4.33,
		followup_mean: 3.67,
		mean_change: -0.67,
		sd_change: 2.52,
		ci95: null,
		p_value: null,
		effect_size_dz: null,
		improved_meaningfully: 1,
		deteriorated_meaningfully: 1,
		improved_share: 0.3333,
		improved_share_ci95: null
	}
};

const plainGp = {
	window_months: 6,
	people: 12,
	before: 59,
	after: 38,
	percent_change: -0.3559, // −21 / 59
	mean_change: -1.75,
	ci95: [-3.08, -0.42],
	fell: 8,
	fell_share: 0.6667
};

// Under the publication rules: counts 1–7 as *, others to the nearest 5; means, SDs, p and
// shares resting on 1–7 people as *; intervals are not shown under 10 pairs anyway.
const hiddenSmall = (name: string, meaningful: number | string, eligible: number | '*') => ({
	name,
	meaningful_change: meaningful,
	eligible,
	pairs: '*',
	followup_rate: '*',
	baseline_mean_followed_up: '*',
	baseline_mean_not_followed_up: '*',
	baseline_mean: '*',
	followup_mean: '*',
	mean_change: '*',
	sd_change: '*',
	ci95: null,
	p_value: '*',
	effect_size_dz: null,
	improved_meaningfully: '*',
	deteriorated_meaningfully: '*',
	improved_share: '*',
	improved_share_ci95: null
});
const publishedOutcomes = {
	wemwbs: {
		...plainOutcomes.wemwbs,
		eligible: 15, // 14
		pairs: 15, // 15 already a multiple of 5
		baseline_mean_not_followed_up: '*', // 4 people
		improved_meaningfully: 10, // 11
		deteriorated_meaningfully: '*' // 1
	},
	swemwbs: {
		...hiddenSmall('Short Warwick-Edinburgh Mental Wellbeing Scale', 3, '*'),
		deteriorated_meaningfully: 0 // zero stays zero
	},
	ons4_life_satisfaction: {
		...hiddenSmall('ONS4: life satisfaction', 'one band', '*'),
		baseline_mean_not_followed_up: null // a mean of no one is no number
	},
	ons4_anxiety: {
		...hiddenSmall('ONS4: anxiety yesterday', 'one band', '*'),
		baseline_mean_not_followed_up: null
	}
};
const publishedGp = {
	...plainGp,
	people: 10, // 12
	before: 60, // 59
	after: 40, // 38
	fell: 10 // 8
};

describe('outcomes and gp_appointments of the summary, on the outcome fixtures', () => {
	let db: Awaited<ReturnType<typeof nativeDb>>;
	beforeAll(async () => {
		db = await nativeDb();
		await importPaths(db, files);
	});
	afterAll(() => db.close());

	it('plain: every key of every measure present, SWEMWBS in metric scores', async () => {
		const outcomes = await outcomesSummary(db, noFilters, asOf, plain);
		expect(Object.keys(outcomes)).toEqual([
			'wemwbs',
			'swemwbs',
			'ons4_life_satisfaction',
			'ons4_anxiety'
		]);
		expect(outcomes).toEqual(plainOutcomes);
	});

	it('plain: GP appointments, each person once', async () => {
		expect(await gpSummary(db, noFilters, asOf, plain)).toEqual(plainGp);
	});

	it('publication: every value as the small-number rules print it', async () => {
		expect(await outcomesSummary(db, noFilters, asOf, publication)).toEqual(publishedOutcomes);
		expect(await gpSummary(db, noFilters, asOf, publication)).toEqual(publishedGp);
	});

	it('publication: no integer 1–7 printed but the settings; means on 1–7 pairs are *', async () => {
		const sections = {
			outcomes: await outcomesSummary(db, noFilters, asOf, publication),
			gp_appointments: await gpSummary(db, noFilters, asOf, publication)
		};
		const small = numbersOutsideImport(sections).filter(
			([, n]) => Number.isInteger(n) && n >= 1 && n <= 7
		);
		// Only the thresholds and the window, which are settings, not counts of people.
		expect(small).toEqual([
			['.outcomes.wemwbs.meaningful_change', 3],
			['.outcomes.swemwbs.meaningful_change', 3],
			['.gp_appointments.window_months', 6]
		]);
		expect(smallCountsOutsideImport(sections)).toEqual([]);
		const plainSections = await outcomesSummary(db, noFilters, asOf, plain);
		for (const [key, shown] of Object.entries(sections.outcomes)) {
			const pairs = (plainSections[key] as { pairs: number }).pairs;
			if (pairs < 1 || pairs > 7) continue;
			const s = shown as Record<string, unknown>;
			for (const stat of ['baseline_mean', 'followup_mean', 'mean_change', 'sd_change', 'p_value'])
				expect(s[stat], `${key}.${stat}`).toBe('*');
		}
	});

	it('settings: a user threshold and GP window are stated and used; band measures keep one band', async () => {
		const settings = { meaningfulChange: { wemwbs: 5, ons4_anxiety: 2 }, gpWindowMonths: 3 };
		const outcomes = (await outcomesSummary(db, noFilters, asOf, plain, settings)) as Record<
			string,
			Record<string, unknown>
		>;
		// Changes ≥ 5: 6 8 7 8 10 5 6 7 (W03's 4 is not); none fell by 5.
		expect(outcomes.wemwbs).toEqual({
			...plainOutcomes.wemwbs,
			meaningful_change: 5,
			improved_meaningfully: 8,
			deteriorated_meaningfully: 0,
			improved_share: 0.5333, // 8 / 15
			improved_share_ci95: [0.3012, 0.7519] // R: prop.test(8, 15, correct = FALSE)$conf.int
		});
		expect(outcomes.ons4_anxiety).toEqual(plainOutcomes.ons4_anxiety);
		expect(await gpSummary(db, noFilters, asOf, plain, settings)).toEqual({
			...plainGp,
			window_months: 3
		});
	});

	it('filters: South PCN', async () => {
		const south = makeFilters({ pcn: ['South PCN'] });
		// P1 by R12 (4, 4), P2 by R13 (3, 1), R03 (8, 6), R04 (2, 2), R09 (4, 2), R11 (9, 9).
		expect(await gpSummary(db, south, asOf, plain)).toEqual({
			window_months: 6,
			people: 6,
			before: 30,
			after: 24,
			percent_change: -0.2,
			mean_change: -1,
			ci95: null,
			fell: 3,
			fell_share: 0.5
		});
		expect(await gpSummary(db, south, asOf, publication)).toEqual({
			window_months: 6,
			people: '*',
			before: 30,
			after: 25,
			percent_change: '*',
			mean_change: '*',
			ci95: null,
			fell: '*',
			fell_share: '*'
		});
		// South holds WEMWBS R03 R04 R06 R09 R11 R12 R13 W02 (8 pairs) and R15 W04 (baseline only);
		// SWEMWBS R03 and R11 (no valid follow-up), R09 (a pair, open) and W02 (open); ONS anxiety
		// R03; life satisfaction R04.
		const outcomes = (await outcomesSummary(db, south, asOf, plain)) as Record<
			string,
			Record<string, unknown>
		>;
		expect(Object.keys(outcomes)).toEqual([
			'wemwbs',
			'swemwbs',
			'ons4_life_satisfaction',
			'ons4_anxiety'
		]);
		// Changes −1 8 5 −2 3 −2 −3 3; eligible R03 R04 R06 R11 R12 R13 W04 (R09 W02 R15 open).
		expect(outcomes.wemwbs).toMatchObject({
			eligible: 7,
			pairs: 8,
			followup_rate: 0.8571,
			baseline_mean_followed_up: 42.5, // (50 + 35 + 42 + 41 + 48 + 39) / 6
			baseline_mean_not_followed_up: 38, // W04
			mean_change: 1.38, // 11 / 8
			ci95: null,
			improved_meaningfully: 4,
			deteriorated_meaningfully: 1
		});
		// R03 and R11 are the discharged ones, so the eligible ones, and neither was followed up:
		// the one pair (R09, open) is not eligible.
		expect(outcomes.swemwbs).toMatchObject({
			eligible: 2,
			pairs: 1,
			followup_rate: 0,
			baseline_mean_followed_up: null,
			baseline_mean_not_followed_up: 21.23, // (19.25 + 23.21) / 2
			baseline_mean: 17.43
		});
	});

	it('the command-line tool prints the same sections from the same files', async () => {
		const json = await summary('--as-of', asOf, ...files);
		expect(json.outcomes).toEqual(plainOutcomes);
		expect(json.gp_appointments).toEqual(plainGp);
		const published = await summary('--publication', '--as-of', asOf, ...files);
		expect(published.outcomes).toEqual(publishedOutcomes);
		expect(published.gp_appointments).toEqual(publishedGp);
	});
});
