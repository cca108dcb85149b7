import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journeysSummary } from '../../src/lib/cli/journeys-summary.ts';
import { plain, publication } from '../../src/lib/figures/presenter.ts';
import { makeFilters, noFilters } from '../../src/lib/metrics/filters.ts';
import { fixture, importPaths, nativeDb } from '../helpers/import.ts';
import { numbersOutsideImport } from './run-cli.ts';

// test/fixtures/journeys-referrals.csv at 30/06/2024, worked by hand in
// test/metrics/journeys.test.ts. The Kaplan–Meier figures, by hand (Greenwood, log-scale 95%):
// time to discharge, 18 followed (J06 excluded): S = 12/15 = 0.8 at 30, × 6/10 = 0.48 at 60,
// × 4/5 = 0.384 at 90, × 1/4 = 0.096 at 150. Median 60; its lower limit 0.48 × exp(−1.96 ×
// √(3/180 + 4/60)) = 0.273 ≤ 0.5 at 60; its upper limit is 0.845 at 60, 0.786 at 90 and 0.606
// at 150, never ≤ 0.5: not reached. Quartiles: S ≤ 0.75 first at 60, S ≤ 0.25 at 150.
// Time to first contact, 17 followed (J17, J18 excluded): S = 16/17, 14/17, 10/17, 9/17, 7/17
// at 0, 2, 3, 4, 7; 35/102 at 14 and 28/102 at 15. Median 7; the lower limit at 3 is
// 10/17 × exp(−1.96 × 0.2029) = 0.395; the upper limit stays above 0.5 (0.612 at 15). S ≤ 0.75
// first at 3; S never ≤ 0.25. Within 7 days 1 − 7/17 = 0.5882; within 14, 1 − 35/102 = 0.6569.
const asOf = '2024-06-30';

describe('journeysSummary on DuckDB', () => {
	let db: Awaited<ReturnType<typeof nativeDb>>;
	beforeAll(async () => {
		db = await nativeDb();
		await importPaths(db, [fixture('journeys-referrals.csv')]);
	});
	afterAll(() => db.close());

	it('prints the keys issue 5 names, with the hand-worked values', async () => {
		expect(await journeysSummary(db, noFilters, asOf, plain)).toEqual({
			time_to_discharge: {
				referrals: 19,
				events: 11,
				censored: 7,
				excluded: 1,
				median_days: 60,
				ci95: [60, null],
				quartiles: [60, 60, 150]
			},
			time_to_first_contact: {
				referrals: 19,
				events: 12,
				censored: 5,
				excluded: 2,
				median_days: 7,
				ci95: [3, null],
				quartiles: [3, 7, null],
				within_7_days_share: 0.5882,
				within_14_days_share: 0.6569
			},
			// Closed by the as-of date: 0 2 3 5 5 6 6 7 8 10 10 12.
			contacts: { median: 6, mean: 6.17 },
			discharge_reasons: {
				goals_met: 7,
				disengaged: 2,
				not_contactable: 1,
				other: 1,
				referred_on: 1
			},
			re_referrals: { people_with_multiple: 6, within_365_days: 3 },
			caseload: { LW1: 1, LW2: 5, unknown: 1 }
		});
	});

	it('follows the filters and the as-of date', async () => {
		const north = await journeysSummary(db, makeFilters({ service: ['North SP'] }), asOf, plain);
		// J01 J02 J03 J08 J15 J17 discharged, J19 open; J07 is after the as-of date.
		expect(north.time_to_discharge).toMatchObject({
			referrals: 7,
			events: 6,
			censored: 1,
			excluded: 0
		});
		expect(north.caseload).toEqual({ LW1: 1 });
		const early = await journeysSummary(db, noFilters, '2024-03-31', plain);
		expect(early.time_to_discharge).toMatchObject({
			referrals: 12,
			events: 7,
			censored: 4,
			excluded: 1
		});
		expect(early.caseload).toEqual({ LW1: 2, LW2: 2 });
	});

	it('publication: every count 1–7 hidden, the rest rounded; days only on 8 or more', async () => {
		const json = await journeysSummary(db, noFilters, asOf, publication);
		expect(json.time_to_discharge).toEqual({
			referrals: 20,
			events: 10,
			censored: '*',
			excluded: '*',
			// 18 referrals followed: the days stand (they are days, not counts of people).
			median_days: 60,
			ci95: [60, null],
			quartiles: [60, 60, 150]
		});
		expect(json.time_to_first_contact).toMatchObject({ events: 10, censored: '*', excluded: '*' });
		expect(json.discharge_reasons).toEqual({
			goals_met: '*',
			disengaged: '*',
			not_contactable: '*',
			other: '*',
			referred_on: '*'
		});
		expect(json.re_referrals).toEqual({ people_with_multiple: '*', within_365_days: '*' });
		expect(json.caseload).toEqual({ LW1: '*', LW2: '*', unknown: '*' });
		// The only numbers from 1 to 7 left are days and contacts per episode, never a count.
		const small = numbersOutsideImport(json).filter(([, n]) => n >= 1 && n <= 7);
		expect(small.map(([path]) => path)).toEqual([
			'.time_to_first_contact.median_days',
			'.time_to_first_contact.ci95.0',
			'.time_to_first_contact.quartiles.0',
			'.time_to_first_contact.quartiles.1',
			'.contacts.median',
			'.contacts.mean'
		]);
	});

	it('publication: days, shares and contacts are hidden when they rest on 1–7 referrals', async () => {
		// South PCN from 2024: J04 J05 J06 J10 J12 J14 J16 J18, of whom J06 is excluded: 7 followed.
		const south = makeFilters({
			pcn: ['South PCN'],
			period: { kind: 'custom', from: '2024-01-01' }
		});
		const json = await journeysSummary(db, south, asOf, publication);
		expect(json.time_to_discharge).toMatchObject({
			referrals: 10,
			median_days: '*',
			ci95: '*',
			quartiles: '*'
		});
		expect(json.time_to_first_contact).toMatchObject({
			median_days: '*',
			within_7_days_share: '*',
			within_14_days_share: '*'
		});
		// Closed: J04 0, J06 2, J18 5.
		expect(json.contacts).toEqual({ median: '*', mean: '*' });
		expect(numbersOutsideImport(json).filter(([, n]) => n >= 1 && n <= 7)).toEqual([]);
	});
});
