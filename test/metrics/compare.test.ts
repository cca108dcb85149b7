import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureOf } from '../../src/lib/contract/measures.ts';
import type { Sql } from '../../src/lib/db/sql.ts';
import type { Row } from '../../src/lib/db/types.ts';
import { curvesByGroup } from '../../src/lib/figures/time-to-event.ts';
import {
	compareFirstContactDays,
	compareMonthly,
	compareOutcomeCells,
	comparePeopleReferred,
	compareTimes,
	compareUnits,
	type CompareBy
} from '../../src/lib/metrics/compare.ts';
import { makeFilters, noFilters } from '../../src/lib/metrics/filters.ts';
import { dischargeReasons } from '../../src/lib/metrics/journeys.ts';
import { cellsOfLists } from '../../src/lib/metrics/outcomes.ts';
import { funnel, headline, latestDate } from '../../src/lib/metrics/reach.ts';
import { run } from '../../src/lib/metrics/run.ts';
import { measureStatistics } from '../../src/lib/stats/outcomes.ts';
import { fixture, importPaths, nativeDb } from '../helpers/import.ts';

// test/fixtures/compare-referrals.csv (with compare-onward.csv and compare-practices.csv), worked
// by hand at the as-of date 20/03/2024: 14 days before it is 06/03; the last complete month is
// February (March ends after the as-of date). — = blank. Units: North SP = North PCN; practices
// A, B (North PCN), C (South PCN); link workers LW1 = practice A, LW2 = B, LW3 = C.
//  id   person referred    service   practice  first contact  days  discharged   reason       onward
//  C01  P1     2024-01-05  North SP  A         2024-01-19     14    2024-02-10   goals met    —
//  C02  P2     2024-01-10  North SP  A         2024-01-25     15    2024-03-01   referred on  —
//  C03  P1     2024-02-20  North SP  B         2024-02-20     0     —            —            yes
//  C04  P3     2024-03-06  North SP  B         —              —     —            —            —
//  C05  P4     2024-03-07  South SP  C         2024-03-08     1     2024-03-25   goals met    —
//  C06  P5     2024-01-15  South SP  C         2024-01-20     5     2024-02-28   goals met    —
//  C07  P6     2024-01-20  —         —         —              —     2024-02-05   declined     yes
// Contacted within 14 days: n = referred by 06/03 (C04 exactly 14 days before: in; C05 not);
// x = contacted 0–14 days after referral (C01 at exactly 14 days: in; C02 at 15: not).
// Supported: C01, C02 (reasons), C03, C07 (onward), C05, C06 (goals met; C05's discharge after
// the as-of date does not matter to the funnel). Discharged by the as-of date: C01, C02, C06,
// C07 (C05 is discharged after it); goals met among them: C01, C06.
const asOf = '2024-03-20';
const files = ['compare-referrals.csv', 'compare-onward.csv', 'compare-practices.csv'];

const unit = (
	name: string,
	referrals: number,
	people: number,
	[contact_n, contact_x]: [number, number],
	supported: number,
	[discharged, goals_met]: [number, number]
) => ({ unit: name, referrals, people, contact_n, contact_x, supported, discharged, goals_met });
const day = (group: string, days: number, events: number, censored: number) => ({
	group,
	days,
	events,
	censored
});

describe('compare on DuckDB', () => {
	let db: Awaited<ReturnType<typeof nativeDb>>;
	beforeAll(async () => {
		db = await nativeDb();
		const { report } = await importPaths(db, files.map(fixture));
		expect(report).toMatchObject({ rows_rejected: 0 });
	});
	afterAll(() => db.close());
	const q = <R extends Row>(query: Sql<R>) => run(db, query);

	it('units: the counts behind each indicator, a blank unit as unknown', async () => {
		// North SP: 4 referrals of P1 (twice), P2, P3; n = C01–C04, x = C01, C03.
		expect(await q(compareUnits('service', noFilters, asOf))).toEqual([
			unit('North SP', 4, 3, [4, 2], 3, [2, 1]),
			unit('South SP', 2, 2, [1, 1], 2, [1, 1]),
			unit('unknown', 1, 1, [1, 0], 1, [1, 0])
		]);
		// P1 is referred at practices A and B: one person in each, two in the sum.
		expect(await q(compareUnits('practice', noFilters, asOf))).toEqual([
			unit('Practice A', 2, 2, [2, 1], 2, [2, 1]),
			unit('Practice B', 2, 2, [2, 1], 1, [0, 0]),
			unit('Practice C', 2, 2, [1, 1], 2, [1, 1]),
			unit('unknown', 1, 1, [1, 0], 1, [1, 0])
		]);
		const workers = await q(compareUnits('link_worker', noFilters, asOf));
		expect(workers.map((r) => [r.unit, r.referrals])).toEqual([
			['LW1', 2],
			['LW2', 2],
			['LW3', 2],
			['unknown', 1]
		]);
	});

	it('units follow the filters: February only', async () => {
		const february = makeFilters({
			period: { kind: 'custom', from: '2024-02-01', to: '2024-02-29' }
		});
		expect(await q(compareUnits('pcn', february, asOf))).toEqual([
			unit('North PCN', 1, 1, [1, 1], 1, [0, 0])
		]);
	});

	it('monthly: complete months from the first referral, empty months filled with 0', async () => {
		// January and February; March (C04, C05) is not complete at 20/03. Every unit has both.
		const month = (u: string, m: string, referrals: number, n: number, x: number) => ({
			unit: u,
			month: m,
			referrals,
			contact_n: n,
			contact_x: x
		});
		expect(await q(compareMonthly('service', noFilters, asOf))).toEqual([
			month('North SP', '2024-01', 2, 2, 1),
			month('North SP', '2024-02', 1, 1, 1),
			month('South SP', '2024-01', 1, 1, 1),
			month('South SP', '2024-02', 0, 0, 0),
			month('unknown', '2024-01', 1, 1, 0),
			month('unknown', '2024-02', 0, 0, 0)
		]);
		// At 31/03 March is complete: C04 and C05 are referred in it, both on or before 17/03 (14
		// days before), so both count in n; C05 is contacted a day after referral.
		const march = await q(compareMonthly('pcn', noFilters, '2024-03-31'));
		expect(march.filter((r) => r.month === '2024-03')).toEqual([
			month('North PCN', '2024-03', 1, 1, 0),
			month('South PCN', '2024-03', 1, 1, 1),
			month('unknown', '2024-03', 0, 0, 0)
		]);
		// Before the end of the first month there is no complete month, so no row.
		expect(await q(compareMonthly('service', noFilters, '2024-01-30'))).toEqual([]);
	});

	it('first contact days per unit and referral month, censored as time to first contact', async () => {
		// C04 waiting: censored at 14 days (06/03 to 20/03); C07 never contacted: censored at its
		// discharge, 16 days.
		// One row per unit and month, its day rows as lists in day order.
		const month = (group: string, m: string, ...rows: [number, number, number][]) => ({
			group,
			month: m,
			days: rows.map(([d]) => d),
			events: rows.map(([, e]) => e),
			censored: rows.map(([, , c]) => c)
		});
		expect(await q(compareFirstContactDays('service', noFilters, asOf))).toEqual([
			month('North SP', '2024-01', [14, 1, 0], [15, 1, 0]),
			month('North SP', '2024-02', [0, 1, 0]),
			month('North SP', '2024-03', [14, 0, 1]),
			month('South SP', '2024-01', [5, 1, 0]),
			month('South SP', '2024-03', [1, 1, 0]),
			month('unknown', '2024-01', [16, 0, 1])
		]);
	});

	it('the day rows give a median per unit and month with the existing Kaplan–Meier code', async () => {
		const rows = await q(compareFirstContactDays('service', noFilters, asOf));
		const january = rows.find((r) => r.group === 'North SP' && r.month === '2024-01')!;
		const north = january.days.map((days, i) =>
			day('North SP', days, january.events[i], january.censored[i])
		);
		// Two contacted, at 14 and 15 days: S = 0.5 from 14 to 15, so the median is 14.5 (R).
		expect(curvesByGroup(north).get('North SP')?.median.estimate).toBe(14.5);
	});

	it('times split by every kind of unit', async () => {
		// Time to discharge: C01 36 days, C02 51 (2024 is a leap year), C06 44, C07 16; open at
		// 20/03: C03 29, C04 14, C05 13 (discharged after the as-of date).
		// One row of lists per unit, read back here as the day rows they hold.
		const { firstContact, discharge } = compareTimes('link_worker', noFilters, asOf);
		const days = async (query: typeof discharge) =>
			(await q(query)).flatMap((l) =>
				l.days.map((d, i) => day(l.group, d, l.events[i], l.censored[i]))
			);
		expect((await q(discharge)).map((l) => l.group)).toEqual(['LW1', 'LW2', 'LW3', 'unknown']);
		expect(await days(discharge)).toEqual([
			day('LW1', 36, 1, 0),
			day('LW1', 51, 1, 0),
			day('LW2', 14, 0, 1),
			day('LW2', 29, 0, 1),
			day('LW3', 13, 0, 1),
			day('LW3', 44, 1, 0),
			day('unknown', 16, 1, 0)
		]);
		expect(await days(firstContact)).toEqual([
			day('LW1', 14, 1, 0),
			day('LW1', 15, 1, 0),
			day('LW2', 0, 1, 0),
			day('LW2', 14, 0, 1),
			day('LW3', 1, 1, 0),
			day('LW3', 5, 1, 0),
			day('unknown', 16, 0, 1)
		]);
		for (const by of ['service', 'pcn', 'practice'] as CompareBy[]) {
			const groups = new Set(
				(await q(compareTimes(by, noFilters, asOf).discharge)).map((r) => r.group)
			);
			expect(groups.size, by).toBe(3 + Number(by === 'practice'));
		}
	});

	it('outcome cells per unit, and the statistics of each unit from them', async () => {
		// WEMWBS: C01 40 → 46 and C02 50 → 49 (practice A, both discharged); C03 45, not followed
		// up and open (B); C06 30, not followed up, discharged (C).
		const cell = (u: string, baseline: number, followup: number | null, discharged: boolean) => ({
			unit: u,
			measure: 'wemwbs',
			baseline,
			followup,
			discharged,
			n: 1
		});
		const lists = await q(compareOutcomeCells('practice', noFilters, asOf));
		expect(lists.map((l) => [l.unit, l.measure, l.n.length])).toEqual([
			['Practice A', 'wemwbs', 2],
			['Practice B', 'wemwbs', 1],
			['Practice C', 'wemwbs', 1]
		]);
		const cells = cellsOfLists(lists);
		expect(cells).toEqual([
			cell('Practice A', 40, 46, true),
			cell('Practice A', 50, 49, true),
			cell('Practice B', 45, null, false),
			cell('Practice C', 30, null, true)
		]);
		const wemwbs = measureOf('wemwbs')!;
		const a = measureStatistics(
			wemwbs,
			cells.filter((c) => c.unit === 'Practice A')
		);
		// Eligible 2, pairs 2, changes +6 and −1: mean 2.5; one improved by 3 points or more.
		expect(a).toMatchObject({ eligible: 2, pairs: 2, improved: 1 });
		expect(a.change.mean).toBe(2.5);
		const c = measureStatistics(
			wemwbs,
			cells.filter((x) => x.unit === 'Practice C')
		);
		expect(c).toMatchObject({ eligible: 1, pairs: 0 });
	});

	it('people referred and list sizes by practice and PCN, matched as the rates are', async () => {
		expect(await q(comparePeopleReferred('practice', noFilters))).toEqual([
			{ unit: 'Practice A', people: 2, list_size: 1000 },
			{ unit: 'Practice B', people: 2, list_size: 2000 },
			{ unit: 'Practice C', people: 2, list_size: 1500 },
			{ unit: 'Practice D', people: 0, list_size: 500 }
		]);
		// P1 is referred at A and B: one person of North PCN. C07 has no practice: left out.
		expect(await q(comparePeopleReferred('pcn', noFilters))).toEqual([
			{ unit: 'North PCN', people: 3, list_size: 3000 },
			{ unit: 'South PCN', people: 2, list_size: 2000 }
		]);
	});
});

describe('compare on the canonical sample: units add up to the page totals', () => {
	let db: Awaited<ReturnType<typeof nativeDb>>;
	let asOf: string;
	beforeAll(async () => {
		db = await nativeDb();
		const names = ['referrals', 'onward-referrals', 'outcomes', 'practices'];
		await importPaths(
			db,
			names.map((n) => `data-samples/canonical/synthetic-${n}.csv`)
		);
		asOf = String((await run(db, latestDate()))[0].as_of);
	});
	afterAll(() => db.close());

	it.each(['service', 'pcn', 'practice', 'link_worker'] as CompareBy[])('%s', async (by) => {
		const filters = makeFilters({ period: { kind: 'year', label: '2024/25' } });
		const rows = await run(db, compareUnits(by, filters, asOf));
		const sum = (k: keyof (typeof rows)[number]) => rows.reduce((s, r) => s + Number(r[k]), 0);
		const [head] = await run(db, headline(filters, asOf));
		const [steps] = await run(db, funnel(filters));
		const reasons = await run(db, dischargeReasons(filters, asOf));
		expect(sum('referrals')).toBe(head.referrals);
		expect(sum('supported')).toBe(steps.supported);
		expect(sum('goals_met')).toBe(steps.goals_met);
		expect(sum('discharged')).toBe(reasons.reduce((s, r) => s + r.episodes, 0));
		// A person referred to two units counts in each: never fewer than the headline's people.
		expect(sum('people')).toBeGreaterThanOrEqual(head.people);
		expect(sum('contact_x')).toBeLessThanOrEqual(sum('contact_n'));
	});
});
