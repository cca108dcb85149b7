import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { makeFilters, type Filters } from '../../src/lib/metrics/filters.ts';
import {
	iifThresholds,
	parseRateThresholds,
	periodYears,
	referralRate,
	unmatchedPractices
} from '../../src/lib/metrics/rates.ts';
import { run } from '../../src/lib/metrics/run.ts';
import { fixture, importPaths, nativeDb } from '../helpers/import.ts';

describe('periodYears', () => {
	// The data span: first referral to as-of date, 376 days (2024-03-31 to 2025-04-10). A period
	// with both ends counts its own days (METHODS.md "Referral rate"); only an open end is clipped.
	const span = { from: '2024-03-31', to: '2025-04-10' };
	it.each<{ name: string; period: Filters['period']; span?: typeof span; expected: number }>([
		{
			name: 'a financial year: 1 April 2024 to 31 March 2025, 365 days',
			period: { kind: 'year', label: '2024/25' },
			expected: 365 / 365.25
		},
		{
			name: 'a financial year whose first referral came 4 days in is not clipped to it',
			period: { kind: 'year', label: '2024/25' },
			span: { from: '2024-04-05', to: '2025-04-10' },
			expected: 365 / 365.25
		},
		{
			name: 'a financial year with 29 February 2024: 366 days',
			period: { kind: 'year', label: '2023/24' },
			expected: 366 / 365.25
		},
		{
			name: 'a quarter, October to December: 31 + 30 + 31 days',
			period: { kind: 'quarter', label: '2024/25 Q3' },
			expected: 92 / 365.25
		},
		{
			name: 'a quarter, January to March 2025: 31 + 28 + 31 days',
			period: { kind: 'quarter', label: '2024/25 Q4' },
			expected: 90 / 365.25
		},
		{ name: 'all dates: the span', period: { kind: 'all' }, expected: 376 / 365.25 },
		{
			name: 'custom Q1 dates: 91 days',
			period: { kind: 'custom', from: '2024-04-01', to: '2024-06-30' },
			expected: 91 / 365.25
		},
		{
			name: 'custom dates past the data count their own length: 2020 to 2029 (3,653 days) and 1 January 2030',
			period: { kind: 'custom', from: '2020-01-01', to: '2030-01-01' },
			expected: 3654 / 365.25
		},
		{
			name: 'an open end runs to the as-of date: 31 + 28 + 31 + 10 days',
			period: { kind: 'custom', from: '2025-01-01' },
			expected: 100 / 365.25
		},
		{
			name: 'an open start runs from the first referral: 31 March and April 2024',
			period: { kind: 'custom', to: '2024-04-30' },
			expected: 31 / 365.25
		},
		{
			name: 'dates after the data, both ends given: their own 32 days',
			period: { kind: 'custom', from: '2026-01-01', to: '2026-02-01' },
			expected: 32 / 365.25
		},
		{
			name: 'an open end that starts after the data: none',
			period: { kind: 'custom', from: '2026-01-01' },
			expected: 0
		}
	])('$name', ({ period, span: given, expected }) => {
		expect(periodYears(makeFilters({ period }), given ?? span)).toBeCloseTo(expected, 12);
	});

	it('the former IIF PC-01 thresholds are 12 and 16 per 1,000 a year', () => {
		expect(iifThresholds).toEqual([12, 16]);
	});

	it.each<{ text: string; expected: number[] | undefined }>([
		{ text: '12,16', expected: [12, 16] },
		{ text: ' 16 , 8 ', expected: [8, 16] },
		{ text: '1.5', expected: [1.5] },
		{ text: '0,12,16,20', expected: [0, 12, 16, 20] },
		{ text: '1,2,3,4,5', expected: undefined },
		{ text: '12,', expected: undefined },
		{ text: '-1', expected: undefined },
		{ text: 'twelve', expected: undefined },
		{ text: '', expected: undefined }
	])('parseRateThresholds("$text")', ({ text, expected }) => {
		expect(parseRateThresholds(text)).toEqual(expected);
	});
});

// test/fixtures/reach2-practices.csv: St Mary’s Surgery (North PCN, 1,000 registered),
// Hill Top Practice (North, 500), Riverside Medical Centre (South, 1,500), Quiet Lane Surgery
// (South, 800). Referrals (reach2-referrals.csv) by practice as written, matched ignoring case,
// spaces and punctuation:
//  St Mary’s:  R01 "St Mary's Surgery" (2024-03-31, 2023/24), R02 "ST MARYS SURGERY", R07
//              "St Mary’s Surgery", R11 "St. Mary's Surgery": 3 in 2024/25
//  Hill Top:   R03 "Hill Top Practice", R04 "Hill-Top Practice"; R12 (2025-04-01, 2025/26)
//  Riverside:  R05 (South PCN), R06 "riverside medical centre" (no PCN), R08 (South): 3
//  Quiet Lane: none → 0
//  unmatched:  R09 (South, no practice), R10 "Elm Tree Surgery" (North, not in the file)
// People (distinct person_id; a referral without one is its own person) in 2024/25: St Mary’s
// X (R02, R07) and S2 (R11) = 2; Hill Top Y (R03, R04) = 1; Riverside Z (R05, R06) and R08 = 2;
// by PCN North X, S2, Y = 3 and South Z, R08 = 2. People rate = 1000 × people / list / years.
// Rate = 1000 × referrals / list size / years. In 2024/25 (1 year): Hill Top 1000 × 2 / 500 = 4;
// St Mary’s 1000 × 3 / 1000 = 3; Riverside 1000 × 3 / 1500 = 2. By PCN (a PCN's list is the
// sum of its practices', and its referrals are those of its practices): North 1000 × 5 / 1500
// = 3.333; South 1000 × 3 / 2300 = 1.304 (R06 counts, through its practice).
describe('referral rates on DuckDB', () => {
	let db: Awaited<ReturnType<typeof nativeDb>>;
	beforeAll(async () => {
		db = await nativeDb();
		await importPaths(db, [fixture('reach2-referrals.csv'), fixture('reach2-practices.csv')]);
	});
	afterAll(() => db.close());

	const fy = { kind: 'year', label: '2024/25' } as const;
	const row = (
		key: string,
		list_size: number,
		referrals: number,
		rate: number,
		people: number,
		people_rate: number
	) => ({
		key,
		list_size,
		referrals,
		people,
		rate: expect.closeTo(rate, 9),
		people_rate: expect.closeTo(people_rate, 9)
	});

	it('by practice in 2024/25: highest people rate first (then referrals), a practice with none at 0', async () => {
		expect(await run(db, referralRate('practice', makeFilters({ period: fy }), 1))).toEqual([
			row('Hill Top Practice', 500, 2, 4, 1, 2),
			row('St Mary’s Surgery', 1000, 3, 3, 2, 2),
			row('Riverside Medical Centre', 1500, 3, 2, 2, 2000 / 1500),
			row('Quiet Lane Surgery', 800, 0, 0, 0, 0)
		]);
	});

	it('by PCN in 2024/25: a person referred at two of its practices would count once', async () => {
		expect(await run(db, referralRate('pcn', makeFilters({ period: fy }), 1))).toEqual([
			row('North PCN', 1500, 5, 5000 / 1500, 3, 2),
			row('South PCN', 2300, 3, 3000 / 2300, 2, 2000 / 2300)
		]);
	});

	it('over the years periodYears gives the financial year: 365 / 365.25', async () => {
		const filters = makeFilters({ period: fy });
		const years = periodYears(filters, { from: '2024-03-31', to: '2025-04-01' });
		expect(years).toBe(365 / 365.25);
		const [hillTop] = await run(db, referralRate('practice', filters, years));
		// 1000 × 1 person / 500 / (365 / 365.25) = 2.00137; referrals 1000 × 2 / 500 / … = 4.00274.
		expect(hillTop.people_rate).toBeCloseTo(2.0013698630137, 12);
		expect(hillTop.rate).toBeCloseTo(4.0027397260274, 12);
	});

	it('a quarter is a quarter of a year: 2024/25 Q3 (R05, R06) per year', async () => {
		const q3 = makeFilters({ period: { kind: 'quarter', label: '2024/25 Q3' } });
		// Riverside: 1000 × 2 / 1500 / 0.25 = 5.333; ties at 0 by name.
		expect(await run(db, referralRate('practice', q3, 0.25))).toEqual([
			row('Riverside Medical Centre', 1500, 2, 16000 / 3000, 1, 8000 / 3000),
			row('Hill Top Practice', 500, 0, 0, 0, 0),
			row('Quiet Lane Surgery', 800, 0, 0, 0, 0),
			row('St Mary’s Surgery', 1000, 0, 0, 0, 0)
		]);
	});

	it('a PCN filter keeps that PCN’s practices and referrals', async () => {
		const north = makeFilters({ period: fy, pcn: ['North PCN'] });
		expect(await run(db, referralRate('practice', north, 1))).toEqual([
			row('Hill Top Practice', 500, 2, 4, 1, 2),
			row('St Mary’s Surgery', 1000, 3, 3, 2, 2)
		]);
		// South referrals in 2024/25: R05 R08 (Riverside) and R09 (none); R06 has no PCN.
		const south = makeFilters({ period: fy, pcn: ['South PCN'] });
		expect(await run(db, referralRate('practice', south, 1))).toEqual([
			row('Riverside Medical Centre', 1500, 2, 2000 / 1500, 2, 2000 / 1500), // Z (R05), R08
			row('Quiet Lane Surgery', 800, 0, 0, 0, 0)
		]);
		expect(await run(db, referralRate('pcn', south, 1))).toEqual([
			row('South PCN', 2300, 2, 2000 / 2300, 2, 2000 / 2300)
		]);
	});

	it.each<{ name: string; filters: Partial<Filters>; expected: number }>([
		{ name: 'all data: R09, R10', filters: {}, expected: 2 },
		{ name: '2024/25: R09, R10', filters: { period: fy }, expected: 2 },
		{ name: 'South PCN: R09', filters: { period: fy, pcn: ['South PCN'] }, expected: 1 },
		{ name: 'North PCN: R10', filters: { period: fy, pcn: ['North PCN'] }, expected: 1 },
		{
			name: '2024/25 Q1: all matched',
			filters: { period: { kind: 'quarter', label: '2024/25 Q1' } },
			expected: 0
		}
	])('unmatchedPractices, $name', async ({ filters, expected }) => {
		expect(await run(db, unmatchedPractices(makeFilters(filters)))).toEqual([
			{ referrals: expected }
		]);
	});

	// The practice filter's values are the referrals' spellings (filterOptions lists them), and
	// referralWhere keeps R02 for "ST MARYS SURGERY"; but the practices-file filter in rates.ts
	// (listWhere) compares the same value with the file's "St Mary’s Surgery" exactly, so no
	// practice is left and the figure is empty. Flip to `it` once it matches as the rates do.
	it('regression: a practice filter spelt as in the referrals keeps its practice', async () => {
		const filters = makeFilters({ period: fy, practice: ['ST MARYS SURGERY'] });
		expect(await run(db, referralRate('practice', filters, 1))).toEqual([
			row('St Mary’s Surgery', 1000, 1, 1, 1, 1)
		]);
	});
});
