import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	figure,
	figureInput,
	layoutQueries,
	pages
} from '../../src/lib/figures/catalogue/index.ts';
import {
	figureQueries,
	figureViews,
	queryKey,
	type ResultsByKey
} from '../../src/lib/figures/catalogue/run.ts';
import { headQuery } from '../../src/lib/figures/catalogue/shared.ts';
import { caseloadAt, caseloadByMonth } from '../../src/lib/metrics/caseload.ts';
import { makeFilters, noFilters, type Filters } from '../../src/lib/metrics/filters.ts';
import {
	contactsDistribution,
	contactsSummary,
	dischargeDaysByGroup,
	dischargeReasons,
	excludedEpisodes,
	firstContactDaysByGroup,
	journeyCounts,
	splitIn,
	timeToDischarge,
	timeToFirstContact,
	type Split
} from '../../src/lib/metrics/journeys.ts';
import { reReferralGaps, repeatPeople } from '../../src/lib/metrics/re-referrals.ts';
import { run } from '../../src/lib/metrics/run.ts';
import type { Sql } from '../../src/lib/db/sql.ts';
import type { Row } from '../../src/lib/db/types.ts';
import { fixture, importPaths, nativeDb, useNativeDb } from '../helpers/import.ts';

// test/fixtures/journeys-referrals.csv, worked by hand at the as-of date 30/06/2024 (— = blank).
// North SP is North PCN and link worker LW1; South SP is South PCN and LW2 (J20: no PCN, no worker).
//  id   person referred    first contact  discharged   contacts  discharge days  first contact days
//  J01  P1     2024-01-01  2024-01-03     2024-01-31   6         30 (event)      2
//  J02  P2     2024-01-01  2024-01-08     2024-03-01   8         60              7
//  J03  P3     2024-01-10  2024-01-24     2024-02-09   6         30              14
//  J04  P4     2024-01-15  —              2024-02-14   0         30              never: censored at 30
//  J05  P5     2024-02-01  2024-02-16     —            4         open: 150       15
//  J06  P6     2024-03-01  2024-03-05     2024-02-20   2         excluded        4
//  J07  P7     2024-07-05  —              —            —         after as-of: left out of everything
//  J08  P1     2024-03-01  2024-03-04     2024-04-30   12        60              3
//  J09  P8     2023-01-02  2023-01-05     2023-06-01   10        150             3
//  J10  P8     2024-05-30  —              —            —         open: 31        waiting: 31
//  J11  P9     2023-01-02  2023-01-05     2023-06-01   10        150             3
//  J12  P9     2024-05-31  —              —            —         open: 30        waiting: 30
//  J13  P10    2023-01-02  2023-01-05     2023-06-01   5         150             3
//  J14  P10    2024-06-01  —              —            —         open: 29        waiting: 29
//  J15  P5     2024-04-01  2024-04-01     2024-05-31   7         60              0
//  J16  P6     2024-04-15  2024-04-22     —            3         open: 76        7
//  J17  P11    2024-02-10  —              2024-04-10   3         60              excluded (contacts, no date)
//  J18  P12    2024-02-20  2024-02-18     2024-05-20   5         90              excluded (before referral)
//  J19  P13    2024-06-01  2024-06-03     2024-07-15   1         open: 29        2 (discharged after as-of)
//  J20  P14    2024-06-20  —              —            —         open: 10        waiting: 10
// Ties: 3 discharges at 30 days with 1 censored; 3 discharges and 1 censored at 150 (events
// first). Re-referrals: J08 30 days after J01's discharge; J10, J12, J14 364, 365 and 366 days
// after 01/06/2023 (2024 is a leap year); J15 (J05 still open) and J16 (J06's discharge is
// before its referral) are not. Month ends: J01, J08 and J15 are discharged on one.
const asOf = '2024-06-30';
const from2024 = makeFilters({ period: { kind: 'custom', from: '2024-01-01' } });
const row = (days: number, events: number, censored: number, group = 'all') => ({
	group,
	days,
	events,
	censored
});

describe('journeys on DuckDB', () => {
	let db: Awaited<ReturnType<typeof nativeDb>>;
	beforeAll(async () => {
		db = await nativeDb();
		const { report } = await importPaths(db, [fixture('journeys-referrals.csv')]);
		// J06: discharge before referral and before first contact; J18: contact before referral.
		expect(report).toMatchObject({ rows_read: 20, rows_loaded: 20, rows_rejected: 0, issues: 3 });
	});
	afterAll(() => db.close());
	const q = <R extends Row>(sql: Sql<R>) => run(db, sql);
	// What the pages know of the fixture besides the filters.
	const setup = {
		asOf,
		firstReferral: '2023-01-02',
		practicesWithListSize: 0,
		values: { pcn: [], practice: [], service: [] }
	};

	it('time to discharge: events, open cases censored at the as-of date, J06 and J07 left out', async () => {
		expect(await q(timeToDischarge(noFilters, asOf))).toEqual([
			row(10, 0, 1),
			row(29, 0, 2),
			row(30, 3, 1),
			row(31, 0, 1),
			row(60, 4, 0),
			row(76, 0, 1),
			row(90, 1, 0),
			row(150, 3, 1)
		]);
	});

	it('time to discharge at an earlier as-of date: later discharges become open cases', async () => {
		// As of 31/03/2024: J08 (discharged 30/04), J17 (10/04) and J18 (20/05) are still open.
		expect(await q(timeToDischarge(noFilters, '2024-03-31'))).toEqual([
			row(30, 3, 1),
			row(40, 0, 1),
			row(50, 0, 1),
			row(59, 0, 1),
			row(60, 1, 0),
			row(150, 3, 0)
		]);
	});

	it('time to discharge split by PCN, with no PCN as unknown', async () => {
		expect(await q(timeToDischarge(noFilters, asOf, 'pcn'))).toEqual([
			row(29, 0, 1, 'North PCN'),
			row(30, 2, 0, 'North PCN'),
			row(60, 4, 0, 'North PCN'),
			row(29, 0, 1, 'South PCN'),
			row(30, 1, 1, 'South PCN'),
			row(31, 0, 1, 'South PCN'),
			row(76, 0, 1, 'South PCN'),
			row(90, 1, 0, 'South PCN'),
			row(150, 3, 1, 'South PCN'),
			row(10, 0, 1, 'unknown')
		]);
		const byService = await q(timeToDischarge(noFilters, asOf, 'service'));
		expect([...new Set(byService.map((r) => r.group))]).toEqual(['North SP', 'South SP']);
	});

	it('time to discharge and to first contact split, as one row of lists per group', async () => {
		// The rows of the test above, each group's days in order.
		expect(await q(dischargeDaysByGroup(noFilters, asOf, 'pcn'))).toEqual([
			{ group: 'North PCN', days: [29, 30, 60], events: [0, 2, 4], censored: [1, 0, 0] },
			{
				group: 'South PCN',
				days: [29, 30, 31, 76, 90, 150],
				events: [0, 1, 0, 0, 1, 3],
				censored: [1, 1, 1, 1, 0, 1]
			},
			{ group: 'unknown', days: [10], events: [0], censored: [1] }
		]);
		for (const [lists, rows] of [
			[dischargeDaysByGroup, timeToDischarge],
			[firstContactDaysByGroup, timeToFirstContact]
		] as const) {
			const split = await q(lists(noFilters, asOf, 'service'));
			const days = await q(rows(noFilters, asOf, 'service'));
			expect(
				split.flatMap((l) => l.days.map((d, i) => row(d, l.events[i], l.censored[i], l.group)))
			).toEqual(days);
		}
	});

	it('time to first contact: never contacted censored at discharge, open at the as-of date', async () => {
		expect(await q(timeToFirstContact(noFilters, asOf))).toEqual([
			row(0, 1, 0),
			row(2, 2, 0),
			row(3, 4, 0),
			row(4, 1, 0),
			row(7, 2, 0),
			row(10, 0, 1),
			row(14, 1, 0),
			row(15, 1, 0),
			row(29, 0, 1),
			row(30, 0, 2),
			row(31, 0, 1)
		]);
	});

	it('counts: every referral by the as-of date is an event, censored or excluded', async () => {
		const [c] = await q(journeyCounts(noFilters, asOf));
		expect(c).toEqual({
			referrals: 19,
			discharged: 11,
			open: 7,
			discharge_excluded: 1,
			contacted: 12,
			never_contacted: 1,
			waiting: 4,
			contact_excluded: 2,
			after_as_of: 1,
			as_of: asOf
		});
	});

	it('lists the excluded episodes, oldest first, with what each is left out of', async () => {
		const rows = await q(excludedEpisodes(noFilters, asOf));
		expect(
			rows.map((r) => [r.referral_id, r.discharge_excluded, r.contact_excluded, r.total])
		).toEqual([
			['J17', false, true, 3],
			['J18', false, true, 3],
			['J06', true, false, 3]
		]);
		expect(rows[2]).toMatchObject({
			referral_date: '2024-03-01',
			first_contact_date: '2024-03-05',
			discharge_date: '2024-02-20',
			contacts: 2
		});
	});

	it('contacts per closed episode: the distribution, median and mean', async () => {
		// Closed by the as-of date: 0 2 3 5 5 6 6 7 8 10 10 12 (J19 is discharged after it).
		expect(await q(contactsDistribution(noFilters, asOf))).toEqual(
			[
				[0, 1],
				[2, 1],
				[3, 1],
				[5, 2],
				[6, 2],
				[7, 1],
				[8, 1],
				[10, 2],
				[12, 1]
			].map(([contacts, episodes]) => ({ contacts, episodes }))
		);
		const [s] = await q(contactsSummary(noFilters, asOf));
		expect(s).toEqual({ episodes: 12, median: 6, mean: 74 / 12, typical: 7, not_recorded: 0 });
	});

	it('discharge reasons of closed episodes, by service', async () => {
		expect(await q(dischargeReasons(noFilters, asOf))).toEqual([
			{ service: 'North SP', reason: 'goals_met', episodes: 5 },
			{ service: 'North SP', reason: 'referred_on', episodes: 1 },
			{ service: 'South SP', reason: 'disengaged', episodes: 2 },
			{ service: 'South SP', reason: 'goals_met', episodes: 2 },
			{ service: 'South SP', reason: 'not_contactable', episodes: 1 },
			{ service: 'South SP', reason: 'other', episodes: 1 }
		]);
	});

	it.each([
		{ name: 'all dates', filters: noFilters, people: [13, 6, 19] },
		// J09, J11 and J13 fall before the period, but still count as the earlier discharges.
		{ name: 'from 2024', filters: from2024, people: [13, 3, 16] }
	])(
		're-referrals, $name: within 365 days is 364 and 365, not 366',
		async ({ filters, people }) => {
			expect(await q(reReferralGaps(filters, asOf))).toEqual([
				{ band: 1, episodes: 1 }, // J08, 30 days
				{ band: 4, episodes: 2 }, // J10 364, J12 365
				{ band: 5, episodes: 1 } // J14 366
			]);
			const [r] = await q(repeatPeople(filters, asOf));
			expect([r.people, r.people_with_multiple, r.episodes]).toEqual(people);
		}
	);

	// A month end's row as [month end, open in all, each link worker's open cases, fewest first].
	const caseloadRows = (rows: { month_end: string; open: number; per_worker: number[] }[]) =>
		rows.map((r) => [r.month_end, r.open, r.per_worker]);

	it('caseload at month ends: a discharge on the month end is closed by then', async () => {
		const rows = await q(caseloadByMonth(from2024, asOf));
		expect(caseloadRows(rows)).toEqual([
			['2024-01-31', 3, [1, 2]], // LW2: J04; LW1: J02 J03 (J01 discharged on 31/01)
			['2024-02-29', 4, [2, 2]], // LW1: J02 J17; LW2: J05 J18
			['2024-03-31', 4, [2, 2]], // LW1: J17 J08; LW2: J05 J18 (J06's discharge is before its referral)
			['2024-04-30', 4, [1, 3]], // LW1: J15 (J08 discharged on 30/04); LW2: J05 J18 J16
			['2024-05-31', 4, [4]], // LW2: J05 J16 J10 J12 (J15 discharged on 31/05)
			['2024-06-30', 7, [1, 5]] // LW1: J19, discharged after the as-of date; LW2: J05 J16 J10 J12 J14; J20 has no worker
		]);
		// LW1 and LW2 held open cases; J20's episode, with no link worker, counts in the total only.
		expect(rows.every((r) => r.link_workers === 2)).toBe(true);
	});

	it('caseload over all dates: every month end from the first referral, empty ones too', async () => {
		const rows = await q(caseloadByMonth(noFilters, asOf));
		expect(rows).toHaveLength(18);
		expect(rows[0].month_end).toBe('2023-01-31');
		expect(rows.find((r) => r.month_end === '2023-05-31')).toEqual({
			month_end: '2023-05-31',
			open: 3,
			per_worker: [3],
			link_workers: 2
		});
		// J09, J11 and J13 are discharged on 01/06/2023: no open case until 2024.
		expect(rows.find((r) => r.month_end === '2023-06-30')).toEqual({
			month_end: '2023-06-30',
			open: 0,
			per_worker: [],
			link_workers: 2
		});
	});

	it('caseload at month ends: the period picks the month ends, other filters apply', async () => {
		const q2 = makeFilters({
			period: { kind: 'quarter', label: '2024/25 Q1' },
			service: ['North SP']
		});
		const rows = await q(caseloadByMonth(q2, asOf));
		expect(rows).toEqual([
			{ month_end: '2024-04-30', open: 1, per_worker: [1], link_workers: 1 },
			{ month_end: '2024-05-31', open: 0, per_worker: [], link_workers: 1 },
			{ month_end: '2024-06-30', open: 1, per_worker: [1], link_workers: 1 }
		]);
		// A period ending before the as-of date stops at its own end.
		const early = makeFilters({ period: { kind: 'custom', from: '2024-02-15', to: '2024-03-31' } });
		const ends = (await q(caseloadByMonth(early, asOf))).map((r) => r.month_end);
		expect([...new Set(ends)]).toEqual(['2024-02-29', '2024-03-31']);
	});

	it('caseload in a period from mid-month to mid-month: episodes referred before it still count', async () => {
		// Month ends 29/02, 31/03 and 30/04 (31/05 is after the period's end); J02, J04 and J05 were
		// referred before 15/02, and the counts are those of 2024 at the same month ends.
		const mid = makeFilters({ period: { kind: 'custom', from: '2024-02-15', to: '2024-05-20' } });
		const rows = await q(caseloadByMonth(mid, asOf));
		expect(caseloadRows(rows)).toEqual([
			['2024-02-29', 4, [2, 2]],
			['2024-03-31', 4, [2, 2]],
			['2024-04-30', 4, [1, 3]]
		]);
		// A period with no month end in it (and before the first referral) has no rows.
		const none = makeFilters({ period: { kind: 'custom', from: '2024-03-02', to: '2024-03-20' } });
		expect(await q(caseloadByMonth(none, asOf))).toEqual([]);
	});

	it('caseload at the as-of date, and people referred in the year to it', async () => {
		expect(await q(caseloadAt(noFilters, asOf))).toEqual([
			{ link_worker: 'LW1', open: 1, people_year: 6 }, // P1 twice, P2 P3 P5 P11 P13
			{ link_worker: 'LW2', open: 5, people_year: 7 }, // P4 P5 P6 (twice) P8 P9 P10 P12
			{ link_worker: 'unknown', open: 1, people_year: 1 }
		]);
	});

	it('filters by service and period apply to the time measures', async () => {
		const north: Filters = makeFilters({ service: ['North SP'] });
		expect(await q(timeToDischarge(north, asOf))).toEqual([
			row(29, 0, 1),
			row(30, 2, 0),
			row(60, 4, 0)
		]);
		const [c] = await q(journeyCounts(from2024, asOf));
		expect([c.referrals, c.discharged, c.open, c.discharge_excluded]).toEqual([16, 8, 7, 1]);
	});

	it('the page runs every query on DuckDB, and splits time to discharge only when asked', async () => {
		const input = (split: Split) => figureInput(noFilters, setup, { settings: { split } });
		const splitBy = (by: Exclude<Split, 'none'>) =>
			queryKey(dischargeDaysByGroup(noFilters, asOf, by));
		const plain = layoutQueries(pages.journeys, input('none'));
		expect(plain.has(splitBy('service')) || plain.has(splitBy('pcn'))).toBe(false);
		const split = layoutQueries(pages.journeys, input(splitIn('service')));
		// The same queries as without the split, but the split in place of the overall days (its
		// lists summed by day are the overall curve): nothing else changed.
		const overall = queryKey(timeToDischarge(noFilters, asOf));
		expect(plain.has(overall)).toBe(true);
		const expected = [...plain.keys()].filter((k) => k !== overall);
		expect(new Set(split.keys())).toEqual(new Set([...expected, splitBy('service')]));
		expect(split.size).toBe(plain.size);
		// The page frame's headline runs with them (no previous period: all dates).
		for (const query of [headQuery(input('service')), ...split.values()]) {
			await expect(q(query), query.text.slice(0, 80)).resolves.toBeInstanceOf(Array);
		}
		expect(splitIn('practice')).toBe('none');
	});

	it('split by service, time to discharge keeps the overall figure, its keys and its median', async () => {
		const discharge = figure('time-to-discharge');
		const view = async (split: Split) => {
			const input = figureInput(noFilters, setup, { settings: { split } });
			const { byFigure, distinct } = figureQueries([discharge], input);
			const results: ResultsByKey = new Map();
			for (const [key, query] of distinct) results.set(key, await q(query));
			const v = figureViews([discharge], byFigure, results, input)['time-to-discharge'];
			return v as unknown as { keys: unknown; median: unknown; rows: { label: string }[] };
		};
		const [whole, split] = [await view('none'), await view('service')];
		expect(split.keys).toEqual(whole.keys);
		expect(split.median).toEqual(whole.median);
		expect(split.rows[0]).toEqual(whole.rows[0]);
		expect(split.rows.map((r) => r.label).slice(1)).toEqual(['North SP', 'South SP']);
	});

	it('caseload by month: with no link worker on any open case, a note instead of an empty chart', async () => {
		const caseload = figure('caseload-by-month');
		const view = async (filters: Filters) => {
			const input = figureInput(filters, setup);
			const { byFigure, distinct } = figureQueries([caseload], input);
			const results: ResultsByKey = new Map();
			for (const [key, query] of distinct) results.set(key, await q(query));
			return figureViews([caseload], byFigure, results, input)['caseload-by-month'];
		};
		// J20 is the only referral with no PCN, and it has no link worker: open at 30/06/2024.
		expect(await view(makeFilters({ pcn: ['unknown'] }))).toBeNull();
		expect(caseload.empty?.(figureInput(noFilters, setup))?.testid).toBe('no-caseload');
		expect((await view(noFilters))?.n).toBe('2 link workers');
	});
});

describe('re-referrals join people by number, not by the text of their key', () => {
	const ctx = useNativeDb();
	it('a referral without a person ID is no earlier episode of a person whose ID looks like its key', async () => {
		// K2 has no person ID, so its person key is '#K2': the same text as K1's person ID, so both
		// are numbered as one repeat person. Neither may count as the other's earlier episode.
		const path = await ctx.files.write(
			'keys.csv',
			[
				'referral_id,person_id,referral_date,service,discharge_date,discharge_reason',
				'K1,#K2,2024-01-01,North SP,2024-01-10,Goals met',
				'K2,,2024-02-01,North SP,2024-02-10,Goals met',
				'K3,P9,2024-01-01,North SP,2024-01-10,Goals met',
				'K4,P9,2024-03-01,North SP,,'
			].join('\n')
		);
		await importPaths(ctx.db, [path]);
		const rows = await run(ctx.db, reReferralGaps(noFilters, '2024-06-30'));
		expect(rows).toEqual([{ band: 1, episodes: 1 }]); // K4, 51 days after K3
		// People count on the same numbers. With a person ID: #K2 (once) and P9 (twice); K2 has
		// none. By person key, #K2 covers K1 and K2: two people were referred in the year.
		expect(await run(ctx.db, repeatPeople(noFilters, '2024-06-30'))).toEqual([
			{ people: 2, people_with_multiple: 1, episodes: 3, without_person_id: 1 }
		]);
		expect(await run(ctx.db, caseloadAt(noFilters, '2024-06-30'))).toEqual([
			{ link_worker: 'unknown', open: 1, people_year: 2 }
		]);
	});
});
