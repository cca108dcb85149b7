import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { makeFilters as filters, noFilters, type Filters } from '../../src/lib/metrics/filters.ts';
import {
	filterOptions,
	headline,
	latestDate,
	referralsBy,
	referralsByMonth
} from '../../src/lib/metrics/reach.ts';
import { textCodedTypesSql } from '../../src/lib/ingest/coded-sql.ts';
import { schemaSql } from '../../src/lib/ingest/schema-sql.ts';
import { keyed, run } from '../../src/lib/metrics/run.ts';
import { fixture, importPaths, nativeDb } from '../helpers/import.ts';

// test/fixtures/reach-referrals.csv (all rows load):
//  id   person date        source          service pcn    practice    discharged
//  A1   P1     2024-03-31  GP              North   PCN A  Practice 1  2024-05-01
//  A2   P1     2024-04-01  GP              North   PCN A  Practice 1  2024-06-30
//  A3   P2     2024-04-15  Nurse           North   PCN A  Practice 2  open
//  A4   —      2024-05-20  Self referral   South   PCN B  Practice 3  2024-07-01
//  A5   —      2024-06-30  Pharmacist      South   —      Practice 3  open
//  A6   P3     2024-07-01  GP              South   PCN B  Practice 3  2024-07-01
//  A7   P2     2024-09-30  Walk-in centre  North   PCN A  Practice 2  2024-12-31
//  A8   P4     2024-12-31  GP              North   —      —           open
//  A9   P4     2025-01-01  Police          South   PCN B  Practice 3  2025-02-01
//  A10  P5     2025-04-01  GP              North   PCN A  Practice 1  open
// reach-onward.csv: one signpost for A10 on 2025-04-10, the latest date anywhere.
describe('reach metrics on DuckDB', () => {
	let db: Awaited<ReturnType<typeof nativeDb>>;
	beforeAll(async () => {
		db = await nativeDb();
		const { report } = await importPaths(db, [
			fixture('reach-referrals.csv'),
			fixture('reach-onward.csv')
		]);
		expect(report).toMatchObject({ rows_read: 11, rows_loaded: 11, rows_rejected: 0 });
	});
	afterAll(() => db.close());

	const head = async (f: Filters, asOf: string) => (await run(db, headline(f, asOf)))[0];

	it('the default as-of date is the latest date anywhere, onward referrals included', async () => {
		expect(await run(db, latestDate())).toEqual([{ as_of: '2025-04-10' }]);
	});

	it('all data: 10 referrals, 7 people (A4 and A5 count as one person each)', async () => {
		// People: P1, P2, P3, P4, P5, #A4, #A5; P1, P2 and P4 have two referrals each. Open on
		// 2024-06-30: A3 (open), A4 (discharged 07-01), A5 (referred that day); A2, discharged on
		// the as-of date, is closed.
		expect(await head(noFilters, '2024-06-30')).toEqual({
			referrals: 10,
			people: 7,
			people_with_multiple_referrals: 3,
			without_person_id: 2,
			open_cases: 3,
			first_referral: '2024-03-31',
			last_referral: '2025-04-01'
		});
	});

	it('financial year 2024/25: A2-A9, 31 March and 1 April on either side', async () => {
		// People: P1, P2 (A3, A7), P3, P4 (A8, A9), #A4, #A5 = 6; P1's A1 is outside, so only P2
		// and P4 have more than one referral here. Open on 2025-03-31: A3, A5, A8.
		expect(
			await head(filters({ period: { kind: 'year', label: '2024/25' } }), '2025-03-31')
		).toEqual({
			referrals: 8,
			people: 6,
			people_with_multiple_referrals: 2,
			without_person_id: 2,
			open_cases: 3,
			first_referral: '2024-04-01',
			last_referral: '2025-01-01'
		});
	});

	it.each([
		{ quarter: '2024/25 Q1', referrals: 4, people: 4 }, // A2 A3 A4 A5
		{ quarter: '2024/25 Q2', referrals: 2, people: 2 }, // A6 (1 July) A7 (30 September)
		{ quarter: '2024/25 Q3', referrals: 1, people: 1 }, // A8 (31 December)
		{ quarter: '2024/25 Q4', referrals: 1, people: 1 } //  A9 (1 January)
	])('$quarter: $referrals referrals', async ({ quarter, referrals, people }) => {
		const h = await head(filters({ period: { kind: 'quarter', label: quarter } }), '2025-04-10');
		expect({ referrals: h.referrals, people: h.people }).toEqual({ referrals, people });
	});

	it('custom dates with an open end', async () => {
		const h = await head(filters({ period: { kind: 'custom', from: '2025-01-01' } }), '2025-04-10');
		expect([h.referrals, h.first_referral, h.last_referral]).toEqual([
			2,
			'2025-01-01',
			'2025-04-01'
		]);
	});

	it('by PCN: a missing PCN is grouped as unknown', async () => {
		// PCN A: A1 A2 A3 A7 A10 (P1, P2, P5); PCN B: A4 A6 A9 (#A4, P3, P4); unknown: A5 A8 (#A5, P4).
		expect(await run(db, referralsBy('pcn', noFilters))).toEqual([
			{ key: 'PCN A', referrals: 5, people: 3 },
			{ key: 'PCN B', referrals: 3, people: 3 },
			{ key: 'unknown', referrals: 2, people: 2 }
		]);
	});

	it('by source group, practice and service', async () => {
		// GP ×5; Walk-in centre and Police fall to other; Nurse, Pharmacist, Self referral one each.
		expect(keyed(await run(db, referralsBy('source', noFilters)), 'referrals')).toEqual({
			gp: 5,
			other: 2,
			arrs_role: 1,
			practice_nurse: 1,
			self: 1
		});
		expect(keyed(await run(db, referralsBy('source_label', noFilters)), 'referrals')).toEqual({
			GP: 5,
			Nurse: 1,
			Pharmacist: 1,
			Police: 1,
			'Self referral': 1,
			'Walk-in centre': 1
		});
		expect(await run(db, referralsBy('practice', noFilters))).toEqual([
			{ key: 'Practice 3', referrals: 4, people: 4 }, // #A4 #A5 P3 P4
			{ key: 'Practice 1', referrals: 3, people: 2 }, // P1 twice, P5
			{ key: 'Practice 2', referrals: 2, people: 1 }, // P2 twice
			{ key: 'unknown', referrals: 1, people: 1 }
		]);
		expect(await run(db, referralsBy('service', noFilters))).toEqual([
			{ key: 'North', referrals: 6, people: 4 }, // A1 A2 A3 A7 A8 A10: P1 P2 P4 P5
			{ key: 'South', referrals: 4, people: 4 } //  A4 A5 A6 A9: #A4 #A5 P3 P4
		]);
	});

	it('filters by PCN and service, combined with a period', async () => {
		const pcnA = filters({ period: { kind: 'year', label: '2024/25' }, pcn: ['PCN A'] });
		// A2 A3 A7: P1, P2 twice. Open on 2025-03-31: A3 only.
		expect(await head(pcnA, '2025-03-31')).toMatchObject({
			referrals: 3,
			people: 2,
			people_with_multiple_referrals: 1,
			without_person_id: 0,
			open_cases: 1
		});
		const south = filters({ service: ['South'] });
		expect(await head(south, '2025-04-10')).toMatchObject({
			referrals: 4,
			people: 4,
			without_person_id: 2
		});
		expect(await run(db, referralsBy('pcn', south))).toEqual([
			{ key: 'PCN B', referrals: 3, people: 3 },
			{ key: 'unknown', referrals: 1, people: 1 }
		]);
		const both = filters({ pcn: ['PCN A', 'PCN B'], service: ['South'] });
		expect((await head(both, '2025-04-10')).referrals).toBe(3); // A4 A6 A9
	});

	it('by month, oldest first', async () => {
		expect(
			await run(db, referralsByMonth(filters({ period: { kind: 'quarter', label: '2024/25 Q1' } })))
		).toEqual([
			{ month: '2024-04', referrals: 2 }, // A2, A3
			{ month: '2024-05', referrals: 1 },
			{ month: '2024-06', referrals: 1 }
		]);
		const all = await run(db, referralsByMonth(noFilters));
		expect(all.map((r) => r.month)).toEqual([
			'2024-03',
			'2024-04',
			'2024-05',
			'2024-06',
			'2024-07',
			'2024-09',
			'2024-12',
			'2025-01',
			'2025-04'
		]);
		expect(all.reduce((n, r) => n + Number(r.referrals), 0)).toBe(10);
	});

	it('filter options list values without blanks; a column with none gives null', async () => {
		expect(await run(db, filterOptions())).toEqual([
			{
				pcn: ['PCN A', 'PCN B'],
				practice: ['Practice 1', 'Practice 2', 'Practice 3'],
				service: ['North', 'South'],
				link_worker: null,
				age_band: null,
				sex: null,
				ethnicity: null,
				imd: null,
				first_referral: '2024-03-31',
				last_referral: '2025-04-01',
				practices_with_list_size: 0
			}
		]);
	});

	it('filter options with no referrals at all: every list and both dates null', async () => {
		const empty = await nativeDb();
		try {
			await empty.exec(textCodedTypesSql + schemaSql());
			expect(await run(empty, filterOptions())).toEqual([
				{
					...Object.fromEntries(
						[
							'pcn',
							'practice',
							'service',
							'link_worker',
							'age_band',
							'sex',
							'ethnicity',
							'imd'
						].map((k) => [k, null])
					),
					first_referral: null,
					last_referral: null,
					practices_with_list_size: 0
				}
			]);
		} finally {
			await empty.close();
		}
	});
});
