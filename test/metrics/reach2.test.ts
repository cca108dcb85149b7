import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { makeFilters, noFilters, type Filters } from '../../src/lib/metrics/filters.ts';
import {
	filterOptions,
	funnel,
	headline,
	referralCounts,
	referralsBy,
	referralsByPeriod,
	type Grouping
} from '../../src/lib/metrics/reach.ts';
import { run } from '../../src/lib/metrics/run.ts';
import { fixture, importPaths, nativeDb } from '../helpers/import.ts';

// test/fixtures/reach2-referrals.csv, worked by hand (— = blank). Financial quarters of 2024/25:
// Q1 Apr–Jun, Q2 Jul–Sep, Q3 Oct–Dec, Q4 Jan–Mar (METHODS.md "Periods and bands").
//  id   person date        pcn    practice (as written)      worker first contact / contacts  discharge reason   onward
//  R01  X      2024-03-31  North  St Mary's Surgery          LW1    2024-04-05 / 3             Goals met          yes
//  R02  X      2024-04-01  North  ST MARYS SURGERY           LW1    — / 2                      Disengaged         —
//  R03  Y      2024-06-30  North  Hill Top Practice          LW1    2024-07-02 / —             Signposted         —
//  R04  Y      2024-07-01  North  Hill-Top Practice          LW1    2024-07-05 / 4             (open)             yes
//  R05  Z      2024-10-15  South  Riverside Medical Centre   LW2    2024-10-16 / 5             Completed          yes
//  R06  Z      2024-12-31  —      riverside medical centre   LW2    — / 0                      Unable to contact  —
//  R07  X      2025-01-01  North  St Mary’s Surgery          LW2    — / —                      (open)             —
//  R08  —      2024-05-10  South  Riverside Medical Centre   LW2    2024-05-12 / 1             Referred on        yes
//  R09  —      2024-11-20  South  —                          —      — / 0                      Declined           —
//  R10  S1     2024-08-05  North  Elm Tree Surgery           —      — / —                      Goals met          yes
//  R11  S2     2025-03-31  North  St. Mary's Surgery         —      2025-04-02 / 1             (open)             —
//  R12  S3     2025-04-01  North  Hill Top Practice          —      2025-04-03 / 1             (open)             yes
// X is referred 3 times, Y and Z twice; R08 and R09 have no person ID (one person each), so
// 12 referrals are 8 people. In 2024/25 (R02–R11) X keeps two referrals: 10 referrals, 7 people,
// 3 with more than one. Quarters of 2024/25: Q1 R02 R08 R03 (3 people, no repeats); Q2 R04 R10;
// Q3 R05 R09 R06 (Z twice: 2 people, 1 repeat); Q4 R07 R11. R01 is 2023/24 Q4, R12 2025/26 Q1.
// Demographics are in test/metrics/people.test.ts, reasons and onward in referrals.test.ts.
describe('reach on DuckDB: people against referrals, quarter boundaries, unknowns', () => {
	let db: Awaited<ReturnType<typeof nativeDb>>;
	beforeAll(async () => {
		db = await nativeDb();
		const { report } = await importPaths(
			db,
			['reach2-referrals.csv', 'reach2-onward.csv', 'reach2-practices.csv'].map(fixture)
		);
		expect(report).toMatchObject({ rows_read: 26, rows_loaded: 26, rows_rejected: 0 });
	});
	afterAll(() => db.close());

	const counts = async (f: Filters) => {
		const [h] = await run(db, headline(f, '2025-04-10'));
		return {
			referrals: h.referrals,
			people: h.people,
			without_person_id: h.without_person_id,
			multiple: h.people_with_multiple_referrals
		};
	};
	const year = (label: string) => makeFilters({ period: { kind: 'year', label } });
	const quarter = (label: string) => makeFilters({ period: { kind: 'quarter', label } });

	it.each([
		{ name: 'all data', filters: noFilters, expected: [12, 8, 2, 3] },
		// X's R01 (31 March) is outside, but R02 and R07 keep X among the repeats.
		{ name: '2024/25', filters: year('2024/25'), expected: [10, 7, 2, 3] },
		{ name: '2023/24 ends 31 March', filters: year('2023/24'), expected: [1, 1, 0, 0] },
		{ name: '2025/26 starts 1 April', filters: year('2025/26'), expected: [1, 1, 0, 0] },
		// Y is a repeat person, but R03 (30 June) and R04 (1 July) fall in different quarters.
		{ name: 'Q1 ends 30 June', filters: quarter('2024/25 Q1'), expected: [3, 3, 1, 0] },
		{ name: 'Q2 starts 1 July', filters: quarter('2024/25 Q2'), expected: [2, 2, 0, 0] },
		{ name: 'Q3 ends 31 December', filters: quarter('2024/25 Q3'), expected: [3, 2, 1, 1] },
		{ name: 'Q4 starts 1 January', filters: quarter('2024/25 Q4'), expected: [2, 2, 0, 0] },
		{ name: 'Q4 of 2023/24', filters: quarter('2023/24 Q4'), expected: [1, 1, 0, 0] },
		{
			name: '31 March and 1 April as custom dates: X twice',
			filters: makeFilters({ period: { kind: 'custom', from: '2024-03-31', to: '2024-04-01' } }),
			expected: [2, 1, 0, 1]
		}
	])('headline, $name: referrals, people, without ID, repeats', async ({ filters, expected }) => {
		const [referrals, people, without_person_id, multiple] = expected;
		expect(await counts(filters)).toEqual({ referrals, people, without_person_id, multiple });
	});

	it('referrals and people by quarter: the first day of each quarter, oldest first', async () => {
		const all = await run(db, referralsByPeriod('quarter', noFilters));
		expect(all).toEqual([
			{ period: '2024-01-01', referrals: 1, people: 1 }, // R01 (31 March)
			{ period: '2024-04-01', referrals: 3, people: 3 }, // R02 (1 April) R08 R03 (30 June)
			{ period: '2024-07-01', referrals: 2, people: 2 }, // R04 (1 July) R10
			{ period: '2024-10-01', referrals: 3, people: 2 }, // R05 R09 R06 (31 December): Z twice
			{ period: '2025-01-01', referrals: 2, people: 2 }, // R07 (1 January) R11 (31 March)
			{ period: '2025-04-01', referrals: 1, people: 1 } //  R12 (1 April)
		]);
		expect(await run(db, referralsByPeriod('quarter', year('2024/25')))).toEqual(all.slice(1, 5));
		// By month Z counts once in October and once in December: months do not add up to people.
		expect(await run(db, referralsByPeriod('month', quarter('2024/25 Q3')))).toEqual([
			{ period: '2024-10-01', referrals: 1, people: 1 },
			{ period: '2024-11-01', referrals: 1, people: 1 },
			{ period: '2024-12-01', referrals: 1, people: 1 }
		]);
	});

	it('by PCN and worker: missing values are unknown; a person can be in two groups', async () => {
		// Z is in South (R05) and unknown (R06): 5 + 3 + 1 people in the groups, 8 in all.
		expect(await run(db, referralsBy('pcn', noFilters))).toEqual([
			{ key: 'North PCN', referrals: 8, people: 5 }, // X Y S1 S2 S3
			{ key: 'South PCN', referrals: 3, people: 3 }, // Z #R08 #R09
			{ key: 'unknown', referrals: 1, people: 1 } //    Z
		]);
		expect(await run(db, referralsBy('link_worker', noFilters))).toEqual([
			{ key: 'LW1', referrals: 4, people: 2 }, //     X X Y Y
			{ key: 'LW2', referrals: 4, people: 3 }, //     Z Z X #R08
			{ key: 'unknown', referrals: 4, people: 4 } // #R09 S1 S2 S3
		]);
	});

	// Sex and ethnicity: R01 F/A, R02 —/—, R03 M/Indian, R04 Male/Indian, R05 —/Z, R06 —/Z,
	// R07 Female/—, R08 Female/White British, R09 Prefer not to say/—, R10 M/B, R11 F/M, R12 —/—.
	// IMD: R01 3, R02 2, R03 7, R04 8, R05 1, R06 1, R07 —, R08 —, R09 10, R10 2, R11 5, R12 —.
	// Age bands: R03 R04 R10 25-34.
	it.each<{ name: string; filters: Partial<Filters>; referrals: number; people: number }>([
		{ name: 'missing PCN', filters: { pcn: ['unknown'] }, referrals: 1, people: 1 }, // R06
		{ name: 'missing sex', filters: { sex: ['unknown'] }, referrals: 4, people: 3 }, // R02 R05 R06 R12
		{ name: 'female', filters: { sex: ['female'] }, referrals: 4, people: 3 }, // R01 R07 R08 R11
		{
			name: 'female in 2024/25',
			filters: { sex: ['female'], period: { kind: 'year', label: '2024/25' } },
			referrals: 3, // R07 R08 R11
			people: 3
		},
		{ name: 'missing IMD', filters: { imd: ['unknown'] }, referrals: 3, people: 3 }, // R07 R08 R12
		{ name: 'IMD 1 or 2', filters: { imd: ['1', '2'] }, referrals: 4, people: 3 }, // R02 R05 R06 R10
		{ name: 'IMD 2 or missing', filters: { imd: ['2', 'unknown'] }, referrals: 5, people: 4 },
		{ name: 'Asian', filters: { ethnicity: ['asian'] }, referrals: 2, people: 1 }, // R03 R04
		{ name: 'aged 25-34', filters: { age_band: ['25-34'] }, referrals: 3, people: 2 },
		{ name: 'no worker', filters: { link_worker: ['unknown'] }, referrals: 4, people: 4 },
		{
			name: 'missing PCN or sex, combined (AND)',
			filters: { pcn: ['unknown'], sex: ['unknown'] },
			referrals: 1, // R06
			people: 1
		}
	])('filtering by $name', async ({ filters, referrals, people }) => {
		expect(await counts(makeFilters(filters))).toMatchObject({ referrals, people });
	});

	it.each([
		// Contacted: a first contact date (R01 R03 R04 R05 R08 R11 R12) or contacts ≥ 1 (R02).
		// Supported: onward support (R01 R04 R05 R08 R10 R12) or discharged goals met / referred on
		// ("Completed" R05, "Signposted" R03). Goals met: R01, R05 ("Completed"), R10.
		// R10 was supported and met its goals with no contact recorded: the steps are counted
		// independently, so a later step can include referrals an earlier one does not.
		{ name: 'all data', filters: noFilters, expected: [12, 8, 7, 3] },
		{ name: '2024/25 (R02–R11)', filters: year('2024/25'), expected: [10, 6, 5, 2] },
		{
			name: '2024/25 Q1 (R02 by contacts only)',
			filters: quarter('2024/25 Q1'),
			expected: [3, 3, 2, 0]
		}
	])('funnel, $name', async ({ filters, expected }) => {
		const [referred, contacted, supported, goals_met] = expected;
		expect(await run(db, funnel(filters))).toEqual([{ referred, contacted, supported, goals_met }]);
	});

	// DuckDB's count_if() is null, not 0, when it sees no non-null value: on no rows, or when the
	// condition is null on every row (no discharge reason: every case open). So an empty selection
	// has people, without_person_id and open_cases null, and 2025/26 (R12 only, open) has
	// goals_met null. Flip to `it` once reach.ts counts with count(*) FILTER (WHERE ...).
	it('regression: an empty selection has 0 people and 0 open cases, not null', async () => {
		const [h] = await run(db, headline(year('2020/21'), '2025-04-10'));
		expect(h).toMatchObject({
			referrals: 0,
			people: 0,
			without_person_id: 0,
			open_cases: 0,
			people_with_multiple_referrals: 0
		});
	});

	it('regression: the funnel of open cases only has 0 with goals met, not null', async () => {
		expect(await run(db, funnel(year('2025/26')))).toEqual([
			{ referred: 1, contacted: 1, supported: 1, goals_met: 0 }
		]);
	});

	it('filter options: every spelling of a practice is its own option', async () => {
		expect(await run(db, filterOptions())).toEqual([
			{
				pcn: ['North PCN', 'South PCN'],
				practice: [
					'Elm Tree Surgery',
					'Hill Top Practice',
					'Hill-Top Practice',
					'Riverside Medical Centre',
					'ST MARYS SURGERY',
					"St Mary's Surgery",
					'St Mary’s Surgery',
					"St. Mary's Surgery",
					'riverside medical centre'
				],
				service: null,
				link_worker: ['LW1', 'LW2'],
				age_band: ['0-17', '18-24', '25-34', '45-54', '55-64', '65-74', '85+'],
				sex: ['female', 'male', 'not_stated'],
				ethnicity: ['asian', 'black', 'not_stated', 'white'],
				imd: [1, 2, 3, 5, 7, 8, 10],
				first_referral: '2024-03-31',
				last_referral: '2025-04-01',
				practices_with_list_size: 4
			}
		]);
	});
	it('counts by several groupings in one scan equal each grouping counted alone', async () => {
		const groupings: Grouping[] = ['month', 'quarter', 'pcn', 'service', 'practice', 'source'];
		const views = [
			noFilters,
			makeFilters({ period: { kind: 'quarter', label: '2024/25 Q3' } }),
			makeFilters({ pcn: ['South PCN'] })
		];
		for (const f of views) {
			const rows = await run(db, referralCounts(groupings, f));
			expect(rows.map((r) => r.grouping)).toEqual(
				groupings.flatMap((g) => rows.filter((r) => r.grouping === g).map(() => g))
			);
			for (const g of groupings) {
				const alone =
					g === 'month' || g === 'quarter'
						? (await run(db, referralsByPeriod(g, f))).map(({ period, ...n }) => ({
								key: period,
								...n
							}))
						: await run(db, referralsBy(g, f));
				const mine = rows
					.filter((r) => r.grouping === g)
					.map(({ key, referrals, people }) => ({ key, referrals, people }));
				expect(mine, `${g} ${JSON.stringify(f)}`).toEqual(alone);
				expect(mine.length, g).toBeGreaterThan(0);
			}
		}
	});
});
