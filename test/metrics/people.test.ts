import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Sql } from '../../src/lib/db/sql.ts';
import type { Row } from '../../src/lib/db/types.ts';
import { makeFilters, noFilters, type Filters } from '../../src/lib/metrics/filters.ts';
import { rollup } from '../../src/lib/figures/who-we-reach.ts';
import { peopleBy, peopleProfile, type Attribute } from '../../src/lib/metrics/reach.ts';
import { keyed, run } from '../../src/lib/metrics/run.ts';
import { fixture, importPaths, nativeDb } from '../helpers/import.ts';

// test/fixtures/reach2-referrals.csv, the recorded attributes (— = blank), worked by hand:
//  id   person date        age band  sex                ethnicity (group)         IMD
//  R01  X      2024-03-31  45-54     F                  A (white)                 3
//  R02  X      2024-04-01  55-64     —                  —                         2
//  R07  X      2025-01-01  55-64     Female             —                         —
//  R03  Y      2024-06-30  25-34     M                  Indian (asian)            7
//  R04  Y      2024-07-01  25-34     Male               Indian (asian)            8
//  R05  Z      2024-10-15  65-74     —                  Z (not_stated)            1
//  R06  Z      2024-12-31  65-74     —                  Z (not_stated)            1
//  R08  —      2024-05-10  18-24     Female             White British (white)     —
//  R09  —      2024-11-20  —         Prefer not to say  —                         10
//  R10  S1     2024-08-05  25-34     M                  B (white)                 2
//  R11  S2     2025-03-31  85+       F                  M (black)                 5
//  R12  S3     2025-04-01  17 → 0-17 —                  —                         —
// Each person counts once, with the latest value recorded among their referrals in the
// selection: X's IMD decile is 2 (R02), since the later R07 records none; X's ethnicity is white
// (R01, two referrals back); Y's decile moved from 7 to 8. In 2024/25 Q1 only R02 and R03 are
// selected, so X is 2 and Y is 7; in Q4 only R07, so X's decile is unknown there.
describe('people by recorded attribute on DuckDB', () => {
	let db: Awaited<ReturnType<typeof nativeDb>>;
	beforeAll(async () => {
		db = await nativeDb();
		await importPaths(db, [fixture('reach2-referrals.csv')]);
	});
	afterAll(() => db.close());

	// Native DuckDB v1.4.3 can split a group in two on these queries when it runs on more than one
	// thread (the regression test below), so the hand-worked figures are checked on one thread.
	async function oneThread<R extends Row>(query: Sql<R>) {
		await db.exec('SET threads = 1');
		try {
			return await run(db, query);
		} finally {
			await db.exec('RESET threads');
		}
	}
	const quarter = (label: string) => makeFilters({ period: { kind: 'quarter', label } });

	it.each<{ name: string; attribute: Attribute; filters: Filters; expected: object }>([
		{
			name: 'IMD, all data: X is 2, Y is 8',
			attribute: 'imd',
			filters: noFilters,
			// Z 1; #R09 10; X, S1 2; S2 5; Y 8; #R08, S3 none.
			expected: { '1': 1, '10': 1, '2': 2, '5': 1, '8': 1, unknown: 2 }
		},
		{
			name: 'IMD, 2024/25: S3 (R12) is outside',
			attribute: 'imd',
			filters: makeFilters({ period: { kind: 'year', label: '2024/25' } }),
			expected: { '1': 1, '10': 1, '2': 2, '5': 1, '8': 1, unknown: 1 }
		},
		{
			name: 'IMD, 2024/25 Q1: Y is 7 (R04 is outside)',
			attribute: 'imd',
			filters: quarter('2024/25 Q1'),
			expected: { '2': 1, '7': 1, unknown: 1 }
		},
		{
			name: 'IMD, 2024/25 Q4: none recorded for X there',
			attribute: 'imd',
			filters: quarter('2024/25 Q4'),
			expected: { '5': 1, unknown: 1 }
		},
		{
			name: 'sex',
			attribute: 'sex',
			filters: noFilters,
			// X S2 #R08 female; Y S1 male; #R09 not stated; Z S3 none recorded.
			expected: { female: 3, male: 2, not_stated: 1, unknown: 2 }
		},
		{
			name: 'ethnicity: X is white from R01',
			attribute: 'ethnicity',
			filters: noFilters,
			expected: { asian: 1, black: 1, not_stated: 1, unknown: 2, white: 3 }
		},
		{
			name: 'age band: X is 55-64 now',
			attribute: 'age_band',
			filters: noFilters,
			expected: {
				'0-17': 1,
				'18-24': 1,
				'25-34': 2,
				'55-64': 1,
				'65-74': 1,
				'85+': 1,
				unknown: 1
			}
		},
		{
			name: 'age band on 31 March 2024: X was 45-54',
			attribute: 'age_band',
			filters: makeFilters({ period: { kind: 'custom', to: '2024-03-31' } }),
			expected: { '45-54': 1 }
		},
		{
			name: 'IMD among people with a missing sex on some referral',
			attribute: 'imd',
			// R02 (X, 2) R05 R06 (Z, 1) R12 (S3, none): only the selected referrals count.
			filters: makeFilters({ sex: ['unknown'] }),
			expected: { '1': 1, '2': 1, unknown: 1 }
		}
	])('peopleBy: $name', async ({ attribute, filters, expected }) => {
		const rows = await oneThread(peopleBy(attribute, filters));
		expect(keyed(rows, 'people')).toEqual(expected);
		expect(rows.map((r) => r.key)).toEqual(Object.keys(expected).sort());
	});

	it('the pyramid (profile rolled up by age band and sex): each person once, latest values', async () => {
		const profile = await oneThread(peopleProfile(noFilters));
		const pyramid = rollup(profile, ['age_band', 'sex']).sort(
			(a, b) => a.age_band.localeCompare(b.age_band) || a.sex.localeCompare(b.sex)
		);
		expect(pyramid).toEqual([
			{ age_band: '0-17', sex: 'unknown', people: 1 }, // S3
			{ age_band: '18-24', sex: 'female', people: 1 }, // #R08
			{ age_band: '25-34', sex: 'male', people: 2 }, //  Y (twice), S1
			{ age_band: '55-64', sex: 'female', people: 1 }, // X: 55-64 from R07, female from R07
			{ age_band: '65-74', sex: 'unknown', people: 1 }, // Z
			{ age_band: '85+', sex: 'female', people: 1 }, //   S2
			{ age_band: 'unknown', sex: 'not_stated', people: 1 } // #R09
		]);
	});

	// Regression: on native DuckDB v1.4.3 with more than one thread, grouping the UNION ALL of the
	// people referred once and the repeat people (first through a CTE read twice, then on a
	// coalesce(CAST(...)) expression) gave duplicate groups ("male" 1 and "male" 2 instead of
	// "male" 3) in most runs. reach.ts now groups plain columns of inlined subqueries.
	it('regression: peopleBy gives each key once on four threads (native DuckDB)', async () => {
		await db.exec('SET threads = 4');
		try {
			for (let i = 0; i < 20; i++) {
				for (const a of ['sex', 'age_band'] as const) {
					const keys = (await run(db, peopleBy(a, noFilters))).map((r) => r.key);
					expect(keys).toEqual([...new Set(keys)]);
				}
			}
		} finally {
			await db.exec('RESET threads');
		}
	});
});
