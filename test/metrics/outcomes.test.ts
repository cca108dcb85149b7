import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { emptyProfile, type Profile } from '../../src/lib/contract/profile.ts';
import { measureOf } from '../../src/lib/contract/measures.ts';
import { raw, sql } from '../../src/lib/db/sql.ts';
import type { Db } from '../../src/lib/db/types.ts';
import { pairsTableSql } from '../../src/lib/ingest/pairs-sql.ts';
import { problemRows } from '../../src/lib/ingest/report.ts';
import {
	makeFilters,
	noFilters,
	pairReferralColumns,
	referralWhere,
	type Filters
} from '../../src/lib/metrics/filters.ts';
import { gpCells } from '../../src/lib/metrics/gp-use.ts';
import {
	cellsOfLists,
	measureFromRow,
	outcomeCellLists,
	outcomeCells,
	outcomeGroups,
	outcomeMeasures
} from '../../src/lib/metrics/outcomes.ts';
import { run } from '../../src/lib/metrics/run.ts';
import { measureStatistics, type OutcomeCell } from '../../src/lib/stats/outcomes.ts';
import { bothEngines, fixture, importPaths, nativeDb, useNativeDb } from '../helpers/import.ts';

// The pairs (made at import, table outcome_pairs) of the referrals a set of filters selects.
const pairsSql = (filters: Filters) =>
	sql`SELECT p.referral_id, p.measure_key, p.baseline, p.followup FROM outcome_pairs p
  WHERE p.referral_id IN (SELECT r.referral_id FROM referrals r WHERE ${referralWhere(filters)})`;

// The outcome fixtures, worked by hand (— = blank). As-of date 2025-03-31 unless a test says
// otherwise; "disc." = discharged by then (R10's discharge, 2025-06-30, is after it: open;
// R12's, 2025-03-31, is on it: discharged). SWEMWBS raw totals convert by METHODS.md's table
// (18→17.43, 20→18.59, 21→19.25, 22→19.98, 24→21.54, 25→22.35, 15→15.84).
//
// test/fixtures/outcomes-referrals.csv (16 referrals):
//  id   person date        pcn    discharged  sex  GP before/after
//  R01  P1     2024-04-01  North  2024-09-30  F    6/3
//  R02  P2     2024-04-02  North  2024-11-30  M    5/—
//  R03  P3     2024-04-20  South  2025-01-15  F    8/6
//  R04  P4     2024-05-01  South  2024-12-01  M    2/2
//  R05  P5     2024-05-15  North  2024-10-01  F    7/4
//  R06  P6     2024-05-10  South  2024-12-20  M    —/3
//  R07  P7     2024-04-10  North  2024-11-01  F    10/5
//  R08  P8     2024-04-25  North  open        M    1/3
//  R09  P9     2024-05-15  South  open        F    4/2
//  R10  P10    2024-06-01  North  2025-06-30  M    0/1
//  R11  P11    2024-06-20  South  2025-02-01  F    9/9
//  R12  P1     2024-10-01  South  2025-03-31  F    4/4
//  R13  P2     2024-07-20  South  2025-03-01  M    3/1
//  R14  P14    2024-08-20  North  open        F    6/2
//  R15  P15    2024-12-20  South  open        M    —/—
//  R16  —      2024-10-20  North  2025-03-15  —    3/0
// test/fixtures/outcomes-wide.csv (4 more referrals, scores in wide columns, so undated):
//  id   pcn    discharged  WEMWBS follow-up/baseline/review 1  SWEMWBS baseline/review 1/review 2
//  W01  North  2024-12-01  50 / 40 / 45                        18 / 20 / 24
//  W02  South  open        — / 44 / 47                         25 / — / —
//  W03  North  2025-01-31  56 / — / 52                         15 / 40 (not 7–35) / —
//  W04  South  2024-10-31  80 (not 14–70) / 38 / —             — / — / —
//
// WEMWBS, test/fixtures/outcomes-scores.csv (file rows in brackets) and the wide file:
//  id   scores (label date score)                                        baseline  follow-up  why
//  R01  Baseline 04-20 44 [2], Baseline 04-10 40 [3], Follow-up 08-01 48  40        48         earliest of two baselines, whatever the row order
//  R02  Baseline 04-05 38, Followup 07-01 41, Review 2 09-01 45,         38        45         latest later follow-up/review; the later
//       Telephone check 10-01 30                                                             unlabelled score loses to a labelled one
//  R03  Baseline 05-01 50, Review 1 06-01 52, Review 2 08-01 49          50        49         reviews only: the latest is the follow-up
//  R04  Assessment 1 05-10 35, Assessment 2 09-10 43                     35        43         no baseline label: earliest, latest later
//  R05  Baseline 06-01 45, Follow-up 05-01 55                            45        —          follow-up before the baseline: no pair
//  R06  Baseline 06-01 42, Follow-up 05-15 60, Telephone check 09-01 47  42        47         ... unless another later score exists
//  R07  Baseline 04-15 46, Follow-up 08-15 75 [38]                       46        —          75 is outside 14–70: kept out, an issue
//  R08  Baseline 30, Follow-up 36; PHQ-9 14 [41] and 9 [42]              30        36         PHQ-9 is unknown: two issues
//  R09  55 → 53;  R10 44 → 50;  R11 41 → 44 (+3);  R12 48 → 46;  R13 39 → 36 (−3);  R14 52 → 59
//  R15  Baseline 47 only;  R16  Baseline 33 only
//  W01  undated: baseline 40 < review 1 45 < follow-up 50                40        50         follow-up column comes first in the file
//  W02  baseline 44, review 1 47                                         44        47
//  W03  review 1 52, follow-up 56 (no baseline label)                    52        56         no baseline label: the earliest score
//                                                                                            of any label (review 1 before follow-up)
//  W04  baseline 38, follow-up 80 (kept out, an issue)                   38        —
// 15 pairs, 20 with a baseline. Eligible (discharged): R01–R07 R11 R12 R13 R16 W01 W03 W04 = 14;
// followed up R01 R02 R03 R04 R06 R11 R12 R13 W01 W03 = 10 (rate 10/14), their baselines
// 40 38 50 35 42 41 48 39 40 52, mean 425/10 = 42.5; not followed up R05 R07 R16 W04:
// 162/4 = 40.5.
//
// SWEMWBS: "SWEMWBS" and "Short WEMWBS" (raw) in outcomes-scores.csv, "SWEMWBS" in metric form
// in test/fixtures/outcomes-metric.csv (non-integers, so read as metric and not converted again):
//  id   file    scores as written                         baseline  follow-up  disc.
//  R01  scores  SWEMWBS 20 → 25                           18.59     22.35      yes
//  R02  scores  Short WEMWBS 22 → 24                      19.98     21.54      yes
//  R03  scores  SWEMWBS 21 → 36 [25] (not a raw total)    19.25     —          yes
//  R09  metric  17.43 → 20.73                             17.43     20.73      no
//  R10  metric  19.98 → 22.35                             19.98     22.35      no (after as-of)
//  R11  metric  23.21 → 36.50 [7] (outside 7–35)          23.21     —          yes
//  W01  wide    18, review 1 20, review 2 24              17.43     21.54      yes
//  W02  wide    25                                        22.35     —          no
//  W03  wide    15, review 1 40 (not a raw total)         15.84     —          yes
// 5 pairs; eligible R01 R02 R03 R11 W01 W03 = 6, followed up 3.
//
// "ONS life satisfaction" (bands 0–4 5–6 7–8 9–10): R01 4 → 7, R02 6 → 5, R04 6 → 7, R08 9 → 8.
// "ONS4 anxiety" (bands 0–1 2–3 4–5 6–10, lower is better): R01 6 → 3, R02 2 → 4, R03 5 → 4.
const files = [
	'outcomes-referrals.csv',
	'outcomes-scores.csv',
	'outcomes-metric.csv',
	'outcomes-wide.csv'
].map(fixture);
const asOf = '2025-03-31';

const cell = (
	measure: string,
	baseline: number,
	followup: number | null,
	discharged: boolean,
	n = 1
): OutcomeCell => ({ measure, baseline, followup, discharged, n });

describe('outcome scores on DuckDB: aliases, conversion, pairing, eligibility, GP counts', () => {
	let db: Awaited<ReturnType<typeof nativeDb>>;
	beforeAll(async () => {
		db = await nativeDb();
		const { report } = await importPaths(db, files);
		expect(report).toMatchObject({ rows_read: 83, rows_loaded: 83, rows_rejected: 0, issues: 7 });
	});
	afterAll(() => db.close());

	const cells = async (filters: Filters = noFilters, date = asOf) =>
		run(db, outcomeCells(filters, date));
	const pairs = (filters: Filters = noFilters) =>
		run(db, sql`SELECT * FROM (${pairsSql(filters)}) ORDER BY measure_key, referral_id`);
	const statistics = async (key: string, filters: Filters = noFilters, date = asOf) =>
		measureStatistics(measureOf(key)!, await cells(filters, date));

	it('reads each label as a measure by alias, and each SWEMWBS file in its own form', async () => {
		const { report } = await importPaths(db, files);
		expect(
			report.files.map((f) => [f.file, f.table, f.rows_read, f.rows_loaded, f.issues])
		).toEqual([
			['outcomes-referrals.csv', 'referrals', 16, 16, 0],
			['outcomes-scores.csv', 'outcomes', 57, 57, 4],
			['outcomes-metric.csv', 'outcomes', 6, 6, 1],
			['outcomes-wide.csv', 'referrals', 4, 4, 2]
		]);
		// 57 + 6 long-form rows and 15 wide-form cells (blank cells are not scores).
		expect(report.tables).toMatchObject({ referrals: 20, outcomes: 78 });
		expect(
			report.measures.map((m) => [m.file, m.label, m.measure, m.form, m.scores, m.valid])
		).toEqual([
			['outcomes-metric.csv', 'SWEMWBS', 'swemwbs', 'metric', 6, 5],
			['outcomes-scores.csv', 'ONS life satisfaction', 'ons4_life_satisfaction', null, 8, 8],
			['outcomes-scores.csv', 'ONS4 anxiety', 'ons4_anxiety', null, 6, 6],
			['outcomes-scores.csv', 'PHQ-9', null, null, 2, 0],
			['outcomes-scores.csv', 'SWEMWBS', 'swemwbs', 'raw', 4, 3],
			['outcomes-scores.csv', 'Short WEMWBS', 'swemwbs', 'raw', 2, 2],
			['outcomes-scores.csv', 'WEMWBS', 'wemwbs', null, 35, 34],
			['outcomes-wide.csv', 'SWEMWBS', 'swemwbs', 'raw', 6, 5],
			['outcomes-wide.csv', 'WEMWBS', 'wemwbs', null, 9, 8]
		]);
	});

	it('converts raw SWEMWBS totals once, keeps metric scores as they are, and keeps out invalid ones', async () => {
		const rows =
			await db.query(`SELECT _file AS file, referral_id AS id, measure, timepoint, score, value
FROM outcomes WHERE measure_key = 'swemwbs' ORDER BY _file, _row, timepoint`);
		expect(rows.map((r) => [r.file, r.id, r.measure, r.timepoint, r.score, r.value])).toEqual([
			['outcomes-metric.csv', 'R09', 'SWEMWBS', 'baseline', 17.43, 17.43],
			['outcomes-metric.csv', 'R09', 'SWEMWBS', 'followup', 20.73, 20.73],
			['outcomes-metric.csv', 'R10', 'SWEMWBS', 'baseline', 19.98, 19.98],
			['outcomes-metric.csv', 'R10', 'SWEMWBS', 'followup', 22.35, 22.35],
			['outcomes-metric.csv', 'R11', 'SWEMWBS', 'baseline', 23.21, 23.21],
			['outcomes-metric.csv', 'R11', 'SWEMWBS', 'followup', 36.5, null],
			['outcomes-scores.csv', 'R01', 'SWEMWBS', 'baseline', 20, 18.59],
			['outcomes-scores.csv', 'R01', 'SWEMWBS', 'followup', 25, 22.35],
			['outcomes-scores.csv', 'R02', 'Short WEMWBS', 'baseline', 22, 19.98],
			['outcomes-scores.csv', 'R02', 'Short WEMWBS', 'followup', 24, 21.54],
			['outcomes-scores.csv', 'R03', 'SWEMWBS', 'baseline', 21, 19.25],
			['outcomes-scores.csv', 'R03', 'SWEMWBS', 'followup', 36, null],
			['outcomes-wide.csv', 'W01', 'SWEMWBS', 'baseline', 18, 17.43],
			['outcomes-wide.csv', 'W01', 'SWEMWBS', 'review 1', 20, 18.59],
			['outcomes-wide.csv', 'W01', 'SWEMWBS', 'review 2', 24, 21.54],
			['outcomes-wide.csv', 'W02', 'SWEMWBS', 'baseline', 25, 22.35],
			['outcomes-wide.csv', 'W03', 'SWEMWBS', 'baseline', 15, 15.84],
			['outcomes-wide.csv', 'W03', 'SWEMWBS', 'review 1', 40, null]
		]);
	});

	// Every score kept out and every unknown label, by file, row (line of the file) and column.
	const issueRows = async () =>
		(await problemRows(db, 'import_issues')) as {
			file: string;
			row: number;
			column: string;
			value: string;
			reason: string;
		}[];

	it('lists each score kept out and each unknown label by file, row and column', async () => {
		expect((await issueRows()).map((r) => [r.file, r.row, r.column])).toEqual([
			['outcomes-metric.csv', 7, 'Score'], //      R11 SWEMWBS 36.50
			['outcomes-scores.csv', 25, 'Score'], //     R03 SWEMWBS 36 (raw)
			['outcomes-scores.csv', 38, 'Score'], //     R07 WEMWBS 75
			['outcomes-scores.csv', 41, 'Measure'], //   R08 PHQ-9
			['outcomes-scores.csv', 42, 'Measure'], //   R08 PHQ-9
			['outcomes-wide.csv', 4, 'SWEMWBS review 1'], // W03 40 (raw)
			['outcomes-wide.csv', 5, 'WEMWBS follow-up'] //   W04 80
		]);
		const reasons = (await issueRows()).map((r) => r.reason);
		expect(reasons[3]).toBe(
			'not a measure the dashboard knows; declare it (range, direction, meaningful change) to include it'
		);
		expect(reasons[2]).toMatch(/^outside the range of Warwick-Edinburgh Mental Wellbeing Scale/);
		expect(reasons[1]).toMatch(/^not a raw SWEMWBS total/);
		expect(reasons[0]).toMatch(/^outside the range of Short Warwick-Edinburgh/);
	});

	// Other issues quote the cell as the file gave it ("lots", "31/02/2024": see
	// test/ingest/reconciliation.test.ts). A wide-form score is quoted from its cell; a long-form
	// score keeps only its number once read, printed without a trailing ".0": the cell written
	// "36.50" (outcomes-metric.csv line 7) reads 36.5.
	it('names each kept-out value: wide cells as written, long-form scores as their number', async () => {
		expect((await issueRows()).map((r) => r.value)).toEqual([
			'36.5',
			'36',
			'75',
			'PHQ-9',
			'PHQ-9',
			'40',
			'80'
		]);
	});

	// METHODS.md writes the ranges as 14–70 and raw 7–35; "whole numbers 7.0–35.0" contradicts itself.
	it('states each range as METHODS.md writes it', async () => {
		const reasons = (await issueRows()).map((r) => r.reason);
		expect(reasons[0]).toBe(
			'outside the range of Short Warwick-Edinburgh Mental Wellbeing Scale (7–35); left out of the outcome figures'
		);
		expect(reasons[1]).toBe(
			'not a raw SWEMWBS total (whole numbers 7–35); left out of the outcome figures'
		);
		expect(reasons[2]).toBe(
			'outside the range of Warwick-Edinburgh Mental Wellbeing Scale (14–70); left out of the outcome figures'
		);
	});

	it('pairs: earliest baseline, latest later follow-up or review, from valid scores only', async () => {
		const rows = await pairs();
		const of = (key: string) =>
			Object.fromEntries(
				rows
					.filter((r) => r.measure_key === key)
					.map((r) => [r.referral_id, [r.baseline, r.followup]])
			);
		expect(of('wemwbs')).toEqual({
			R01: [40, 48], // two baselines: the earlier (row 3), not the first row (row 2)
			R02: [38, 45], // Review 2 (September) after Followup (July); Telephone check ignored
			R03: [50, 49], // Review 2
			R04: [35, 43], // no baseline label
			R05: [45, null], // the follow-up is dated before the baseline
			R06: [42, 47], // ... but the later Telephone check is a follow-up
			R07: [46, null], // 75 kept out
			R08: [30, 36],
			R09: [55, 53],
			R10: [44, 50],
			R11: [41, 44],
			R12: [48, 46],
			R13: [39, 36],
			R14: [52, 59],
			R15: [47, null],
			R16: [33, null],
			W01: [40, 50], // undated: follow-up after review 1, though its column comes first
			W02: [44, 47], // undated: review 1 after baseline
			W03: [52, 56], // no baseline label: the earliest score (review 1), then the later follow-up
			W04: [38, null] // 80 kept out
		});
		expect(of('swemwbs')).toEqual({
			R01: [18.59, 22.35],
			R02: [19.98, 21.54],
			R03: [19.25, null],
			R09: [17.43, 20.73],
			R10: [19.98, 22.35],
			R11: [23.21, null],
			W01: [17.43, 21.54], // review 2 after review 1
			W02: [22.35, null],
			W03: [15.84, null]
		});
		expect(of('ons4_life_satisfaction')).toEqual({
			R01: [4, 7],
			R02: [6, 5],
			R04: [6, 7],
			R08: [9, 8]
		});
		expect(of('ons4_anxiety')).toEqual({ R01: [6, 3], R02: [2, 4], R03: [5, 4] });
		// PHQ-9 is no measure: no pairs for it, under any key.
		expect(new Set(rows.map((r) => r.measure_key))).toEqual(
			new Set(['wemwbs', 'swemwbs', 'ons4_life_satisfaction', 'ons4_anxiety'])
		);
	});

	it('cells: referrals by baseline, follow-up and discharged by the as-of date', async () => {
		expect(await cells()).toEqual([
			cell('ons4_anxiety', 2, 4, true), // R02
			cell('ons4_anxiety', 5, 4, true), // R03
			cell('ons4_anxiety', 6, 3, true), // R01
			cell('ons4_life_satisfaction', 4, 7, true), // R01
			cell('ons4_life_satisfaction', 6, 5, true), // R02
			cell('ons4_life_satisfaction', 6, 7, true), // R04
			cell('ons4_life_satisfaction', 9, 8, false), // R08 open
			cell('swemwbs', 15.84, null, true), // W03
			cell('swemwbs', 17.43, 20.73, false), // R09 open
			cell('swemwbs', 17.43, 21.54, true), // W01
			cell('swemwbs', 18.59, 22.35, true), // R01
			cell('swemwbs', 19.25, null, true), // R03
			cell('swemwbs', 19.98, 21.54, true), // R02
			cell('swemwbs', 19.98, 22.35, false), // R10 discharged after the as-of date
			cell('swemwbs', 22.35, null, false), // W02 open
			cell('swemwbs', 23.21, null, true), // R11
			cell('wemwbs', 30, 36, false), // R08 open
			cell('wemwbs', 33, null, true), // R16
			cell('wemwbs', 35, 43, true), // R04
			cell('wemwbs', 38, 45, true), // R02
			cell('wemwbs', 38, null, true), // W04
			cell('wemwbs', 39, 36, true), // R13
			cell('wemwbs', 40, 48, true), // R01
			cell('wemwbs', 40, 50, true), // W01
			cell('wemwbs', 41, 44, true), // R11
			cell('wemwbs', 42, 47, true), // R06
			cell('wemwbs', 44, 47, false), // W02 open
			cell('wemwbs', 44, 50, false), // R10 discharged after the as-of date
			cell('wemwbs', 45, null, true), // R05
			cell('wemwbs', 46, null, true), // R07
			cell('wemwbs', 47, null, false), // R15 open
			cell('wemwbs', 48, 46, true), // R12 discharged on the as-of date
			cell('wemwbs', 50, 49, true), // R03
			cell('wemwbs', 52, 56, true), // W03 (review 1 as the baseline)
			cell('wemwbs', 52, 59, false), // R14 open
			cell('wemwbs', 55, 53, false) // R09 open
		]);
	});

	it('eligible, followed up, and the baselines of those followed up and not', async () => {
		const w = await statistics('wemwbs');
		expect([w.eligible, w.pairs, w.followedUp, w.eligibleAll]).toEqual([14, 15, 10, false]);
		expect(w.followupRate).toBeCloseTo(10 / 14, 12);
		expect(w.baselineFollowed.n).toBe(10);
		expect(w.baselineFollowed.mean).toBeCloseTo(42.5, 12); // 425 / 10
		expect(w.baselineNotFollowed).toMatchObject({ n: 4, mean: 40.5 });
		const s = await statistics('swemwbs');
		expect([s.eligible, s.pairs, s.followedUp]).toEqual([6, 5, 3]);
		expect(s.followupRate).toBe(0.5);
		// (18.59 + 19.98 + 17.43) / 3 and (19.25 + 23.21 + 15.84) / 3
		expect(s.baselineFollowed.mean).toBeCloseTo(56 / 3, 12);
		expect(s.baselineNotFollowed.mean).toBeCloseTo(58.3 / 3, 12);
		const l = await statistics('ons4_life_satisfaction');
		expect([l.eligible, l.pairs, l.followedUp, l.followupRate]).toEqual([3, 4, 3, 1]);
		expect(l.baselineNotFollowed.n).toBe(0);
	});

	it('as-of date: on the discharge date counts as discharged; none discharged makes all eligible', async () => {
		// 2024-09-29: no referral is discharged yet, so every referral with a baseline is eligible.
		const before = await statistics('wemwbs', noFilters, '2024-09-29');
		expect([before.eligible, before.followedUp, before.eligibleAll]).toEqual([20, 15, true]);
		expect(before.followupRate).toBeCloseTo(15 / 20, 12);
		expect(before.baselineNotFollowed).toMatchObject({ n: 5, mean: (45 + 46 + 47 + 33 + 38) / 5 });
		// 2024-09-30: R01 is discharged that day and is the only eligible referral.
		const on = await statistics('wemwbs', noFilters, '2024-09-30');
		expect([on.eligible, on.followedUp, on.eligibleAll, on.followupRate]).toEqual([1, 1, false, 1]);
		// The pairs do not depend on the as-of date.
		expect([before.pairs, on.pairs]).toEqual([15, 15]);
	});

	it('filters narrow the pairs: North PCN', async () => {
		const north = makeFilters({ pcn: ['North PCN'] });
		const rows = await pairs(north);
		expect(
			rows.filter((r) => r.measure_key === 'wemwbs').map((r) => [r.referral_id, r.followup])
		).toEqual([
			['R01', 48],
			['R02', 45],
			['R05', null],
			['R07', null],
			['R08', 36],
			['R10', 50],
			['R14', 59],
			['R16', null],
			['W01', 50],
			['W03', 56]
		]);
		const w = await statistics('wemwbs', north);
		// Pairs R01 R02 R08 R10 R14 W01 W03 (changes 8 7 6 6 7 10 4); eligible R01 R02 R05 R07 R16
		// W01 W03; followed up R01 R02 W01 W03.
		expect([w.pairs, w.eligible, w.followedUp]).toEqual([7, 7, 4]);
		expect(w.change.mean).toBeCloseTo(48 / 7, 12);
		// South has no ONS anxiety other than R03.
		const south = await cells(makeFilters({ pcn: ['South PCN'] }));
		expect(south.filter((c) => c.measure === 'ons4_anxiety')).toEqual([
			cell('ons4_anxiety', 5, 4, true)
		]);
		expect(await cells(makeFilters({ pcn: ['East PCN'] }))).toEqual([]);
	});

	it('mean change by group: PCN and sex (reference: R mean() and sd() of the changes)', async () => {
		const rows = (await run(db, outcomeGroups(noFilters))).filter((r) => r.measure === 'wemwbs');
		const of = (dimension: string) =>
			rows
				.filter((r) => r.dimension === dimension)
				.map((r) => ({ group: r.group, n: r.n, mean: r.mean, sd: r.sd }));
		// R: x <- c(8, 7, 6, 6, 7, 10, 4); mean(x); sd(x)  (North: R01 R02 R08 R10 R14 W01 W03)
		// R: x <- c(-1, 8, 5, -2, 3, -2, -3, 3); mean(x); sd(x)  (South: R03 R04 R06 R09 R11 R12 R13 W02)
		const pcn = of('pcn');
		expect(pcn.map((r) => [r.group, r.n])).toEqual([
			['North PCN', 7],
			['South PCN', 8]
		]);
		expect(pcn[0].mean).toBeCloseTo(6.85714285714286, 12);
		expect(pcn[0].sd).toBeCloseTo(1.86445447147161, 12);
		expect(pcn[1].mean).toBeCloseTo(1.375, 12);
		expect(pcn[1].sd).toBeCloseTo(3.96187185196954, 12);
		// female R01 R03 R09 R11 R12 R14; male R02 R04 R06 R08 R10 R13; the wide file has no sex.
		// R: sd(c(8, -1, -2, 3, -2, 7)); sd(c(7, 8, 5, 6, 6, -3)); sd(c(10, 3, 4))  (W01 W02 W03)
		const sex = of('sex');
		expect(sex.map((r) => [r.group, r.n])).toEqual([
			['female', 6],
			['male', 6],
			['unknown', 3]
		]);
		expect(sex.map((r) => r.mean)).toEqual([
			expect.closeTo(13 / 6, 12),
			expect.closeTo(29 / 6, 12),
			expect.closeTo(17 / 3, 12)
		]);
		expect(sex.map((r) => r.sd)).toEqual([
			expect.closeTo(4.53504869507116, 12),
			expect.closeTo(3.9707262140151, 12),
			expect.closeTo(3.78593889720018, 12)
		]);
		// No service column: one unknown group holding every pair (the 15 changes of the CLI test).
		// R: sd(c(6, 8, 7, -3, 8, 10, 3, 5, 3, 6, -2, -1, 4, 7, -2))
		expect(of('service')).toEqual([
			{
				group: 'unknown',
				n: 15,
				mean: expect.closeTo(59 / 15, 12),
				sd: expect.closeTo(4.16561891588524, 12)
			}
		]);
	});

	it('measures of the load read back as the registry has them', async () => {
		const rows = await run(db, outcomeMeasures());
		const keys = rows.map((r) => r.key);
		expect(keys.slice(0, 4)).toEqual([
			'wemwbs',
			'swemwbs',
			'ons4_life_satisfaction',
			'ons4_worthwhile'
		]);
		for (const key of ['wemwbs', 'swemwbs', 'ons4_anxiety', 'eq5d_index']) {
			const { aliases: _a, note: _n, source: _s, ...registry } = measureOf(key)!;
			expect(measureFromRow(rows.find((r) => r.key === key)!)).toEqual({
				...registry,
				aliases: [],
				short: registry.short,
				conversion: registry.conversion
			});
		}
	});

	it('GP appointments: a person once, by the earliest selected referral with both counts', async () => {
		// P1: R01 (6, 3) counts, R12 (4, 4) does not. P2: R02 lacks an after count, so R13 (3, 1)
		// counts. R06 and R15 lack a count. R16 has no person ID: a person of its own.
		expect(await run(db, gpCells(noFilters))).toEqual([
			{ before: 0, after: 1, people: 1 }, //  R10
			{ before: 1, after: 3, people: 1 }, //  R08
			{ before: 2, after: 2, people: 1 }, //  R04
			{ before: 3, after: 0, people: 1 }, //  R16
			{ before: 3, after: 1, people: 1 }, //  R13 (P2)
			{ before: 4, after: 2, people: 1 }, //  R09
			{ before: 6, after: 2, people: 1 }, //  R14
			{ before: 6, after: 3, people: 1 }, //  R01 (P1)
			{ before: 7, after: 4, people: 1 }, //  R05
			{ before: 8, after: 6, people: 1 }, //  R03
			{ before: 9, after: 9, people: 1 }, //  R11
			{ before: 10, after: 5, people: 1 } //  R07
		]);
		// South PCN selects R12 but not R01: P1 counts by R12 there.
		expect(await run(db, gpCells(makeFilters({ pcn: ['South PCN'] })))).toEqual([
			{ before: 2, after: 2, people: 1 }, //  R04
			{ before: 3, after: 1, people: 1 }, //  R13
			{ before: 4, after: 2, people: 1 }, //  R09
			{ before: 4, after: 4, people: 1 }, //  R12 (P1)
			{ before: 8, after: 6, people: 1 }, //  R03
			{ before: 9, after: 9, people: 1 } //   R11
		]);
		// A period that holds only P1's second referral and P2's R13 (July–October 2024).
		const later = makeFilters({ period: { kind: 'custom', from: '2024-07-01', to: '2024-10-31' } });
		expect(await run(db, gpCells(later))).toEqual([
			{ before: 3, after: 0, people: 1 }, //  R16
			{ before: 3, after: 1, people: 1 }, //  R13 (P2)
			{ before: 4, after: 4, people: 1 }, //  R12 (P1)
			{ before: 6, after: 2, people: 1 } //   R14
		]);
	});
});

describe('outcome imports under a profile: SWEMWBS form and declared measures', () => {
	const ctx = useNativeDb();
	const profile = (p: Partial<Profile>): Profile => ({ ...emptyProfile('Outcomes'), ...p });
	const swemwbs = () =>
		ctx.db.query(`SELECT _file AS file, referral_id AS id, score, value FROM outcomes
WHERE measure_key = 'swemwbs' ORDER BY _file, _row`);

	it('swemwbs: raw converts every file, so metric scores are not raw totals and are kept out', async () => {
		const { report } = await importPaths(
			ctx.db,
			['outcomes-referrals.csv', 'outcomes-metric.csv'].map(fixture),
			{ profile: profile({ swemwbs: 'raw' }) }
		);
		expect(report.measures.map((m) => [m.label, m.form, m.valid])).toEqual([['SWEMWBS', 'raw', 0]]);
		expect((await swemwbs()).every((r) => r.value === null)).toBe(true);
		const issues = await problemRows(ctx.db, 'import_issues');
		expect(issues.map((r) => r.row)).toEqual([2, 3, 4, 5, 6, 7]);
		expect(issues.every((r) => String(r.reason).startsWith('not a raw SWEMWBS total'))).toBe(true);
	});

	it('swemwbs: metric keeps whole numbers as they are (no conversion), and 36 is out of range', async () => {
		await importPaths(ctx.db, ['outcomes-referrals.csv', 'outcomes-scores.csv'].map(fixture), {
			profile: profile({ swemwbs: 'metric' })
		});
		expect((await swemwbs()).map((r) => [r.id, r.score, r.value])).toEqual([
			['R01', 20, 20],
			['R01', 25, 25],
			['R02', 22, 22],
			['R02', 24, 24],
			['R03', 21, 21],
			['R03', 36, null]
		]);
		const issues = await problemRows(ctx.db, 'import_issues');
		expect(issues.filter((r) => r.row === 25).map((r) => r.reason)).toEqual([
			expect.stringMatching(/^outside the range of Short Warwick-Edinburgh Mental Wellbeing Scale/)
		]);
	});

	it('a declared measure (PHQ-9) is read like a registry one and pairs', async () => {
		const declared = profile({
			measures: [
				{ name: 'PHQ-9', min: 0, max: 27, better: 'lower', meaningfulChange: 5, aliases: [] }
			]
		});
		const { report } = await importPaths(
			ctx.db,
			['outcomes-referrals.csv', 'outcomes-scores.csv'].map(fixture),
			{ profile: declared }
		);
		expect(report.measures.find((m) => m.label === 'PHQ-9')).toMatchObject({
			measure: 'phq_9',
			scores: 2,
			valid: 2
		});
		const issues = await problemRows(ctx.db, 'import_issues');
		expect(issues.filter((r) => r.column === 'Measure')).toEqual([]);
		const rows = await run(
			ctx.db,
			sql`SELECT * FROM (${pairsSql(noFilters)}) WHERE measure_key = 'phq_9'`
		);
		expect(rows).toEqual([{ referral_id: 'R08', measure_key: 'phq_9', baseline: 14, followup: 9 }]);
		const measures = (await run(ctx.db, outcomeMeasures())).map(measureFromRow);
		expect(measures.find((m) => m.key === 'phq_9')).toMatchObject({
			min: 0,
			max: 27,
			better: 'lower',
			meaningfulChange: 5,
			bands: []
		});
	});

	// METHODS.md and the import code: a label containing "metric" marks metric SWEMWBS scores
	// (so whole numbers under it are not converted); "SWEMWBS metric", "SWEMWBS metric score",
	// "Short WEMWBS metric" and "SWEMWBS raw" are aliases of SWEMWBS (src/lib/contract/measures.ts).
	it('labels such as "SWEMWBS metric" and "SWEMWBS raw" are SWEMWBS, in the form they name', async () => {
		const refs = await ctx.files.write(
			'm-referrals.csv',
			'Referral ID,Referral date\nM1,2024-04-01\nM2,2024-04-01\nM3,2024-04-01\nM4,2024-04-01\n'
		);
		const scores = await ctx.files.write(
			'm-scores.csv',
			[
				'Referral ID,Measure,Timepoint,Date assessed,Score',
				'M1,SWEMWBS metric,Baseline,2024-04-10,17.43',
				'M1,SWEMWBS metric,Follow-up,2024-08-10,20.73',
				'M2,Short WEMWBS metric,Baseline,2024-04-10,20',
				'M2,Short WEMWBS metric,Follow-up,2024-08-10,25',
				'M3,SWEMWBS raw,Baseline,2024-04-10,18',
				'M3,SWEMWBS raw,Follow-up,2024-08-10,24',
				'M4,SWEMWBS metric score,Baseline,2024-04-10,19.98',
				'M4,SWEMWBS metric score,Follow-up,2024-08-10,22.35',
				''
			].join('\n')
		);
		const { report } = await importPaths(ctx.db, [refs, scores]);
		expect(report.measures.map((m) => [m.label, m.measure, m.form, m.valid])).toEqual([
			['SWEMWBS metric', 'swemwbs', 'metric', 2],
			['SWEMWBS metric score', 'swemwbs', 'metric', 2],
			['SWEMWBS raw', 'swemwbs', 'raw', 2],
			['Short WEMWBS metric', 'swemwbs', 'metric', 2]
		]);
		expect(await problemRows(ctx.db, 'import_issues')).toEqual([]);
		const rows = await run(
			ctx.db,
			sql`SELECT * FROM (${pairsSql(noFilters)}) ORDER BY referral_id`
		);
		expect(rows.map((r) => [r.referral_id, r.baseline, r.followup])).toEqual([
			['M1', 17.43, 20.73], // metric as written
			['M2', 20, 25], // whole numbers, but the label says metric: not converted (20 is not 18.59)
			['M3', 17.43, 21.54], // raw 18 → 17.43 and 24 → 21.54 by METHODS.md's table
			['M4', 19.98, 22.35]
		]);
	});

	// A wide-form score is staged as the text of its cell, so its issue quotes the cell as written;
	// a long-form score is read as a number, so its issue prints that number (80, not 80.0).
	it('issue values: a wide cell as written, a long-form score as its number', async () => {
		const wide = await ctx.files.write(
			'v-wide.csv',
			'Referral ID,Referral date,WEMWBS baseline,WEMWBS follow-up\nV1,2024-04-01,40,75.50\nV2,2024-04-01,,\n'
		);
		const long = await ctx.files.write(
			'v-scores.csv',
			'Referral ID,Measure,Timepoint,Date assessed,Score\nV2,WEMWBS,Baseline,2024-04-10,80.0\nV2,WEMWBS,Follow-up,2024-08-10,75.50\n'
		);
		await importPaths(ctx.db, [wide, long]);
		const range =
			'outside the range of Warwick-Edinburgh Mental Wellbeing Scale (14–70); left out of the outcome figures';
		expect(
			(await problemRows(ctx.db, 'import_issues')).map((r) => [
				r.file,
				r.row,
				r.column,
				r.value,
				r.reason
			])
		).toEqual([
			['v-scores.csv', 2, 'Score', '80', range],
			['v-scores.csv', 3, 'Score', '75.5', range],
			['v-wide.csv', 2, 'WEMWBS follow-up', '75.50', range]
		]);
	});
});

// METHODS.md "Pairing": baseline = the earliest score labelled baseline, else the earliest score
// of any label; follow-up = the latest later score labelled followup or review, else the latest
// later score. A label containing "follow" ("Follow-up 2") or "review" is labelled so. Scores
// without a date (wide columns, blank dates) sort after dated ones and among themselves by label
// (src/lib/metrics/outcomes.ts): baseline < review 1, 2… < other labels < follow-up <
// follow-up 1, 2…
describe('numbered follow-up labels and the order of timepoints', () => {
	const ctx = useNativeDb();
	const pairsOf = async () =>
		Object.fromEntries(
			(await run(ctx.db, sql`SELECT * FROM (${pairsSql(noFilters)}) ORDER BY referral_id`)).map(
				(r) => [r.referral_id, [r.baseline, r.followup]]
			)
		);

	it('long form: "Follow-up 2" is a follow-up, later than a review; without a baseline label the earliest score is the baseline', async () => {
		const refs = await ctx.files.write(
			'f-referrals.csv',
			'Referral ID,Referral date\nF1,2024-04-01\nF2,2024-04-01\n'
		);
		// F1: Baseline April 30, Follow-up 1 July 42, Review August 45, Follow-up 2 October 52.
		// F2: Follow-up 1 July 41, Follow-up 2 October 51, and no baseline label: Follow-up 1, the
		// earliest score, is the baseline and Follow-up 2 the follow-up.
		const scores = await ctx.files.write(
			'f-scores.csv',
			[
				'Referral ID,Measure,Timepoint,Date assessed,Score',
				'F1,WEMWBS,Baseline,2024-04-10,30',
				'F1,WEMWBS,Follow-up 1,2024-07-10,42',
				'F1,WEMWBS,Review,2024-08-10,45',
				'F1,WEMWBS,Follow-up 2,2024-10-10,52',
				'F2,WEMWBS,Follow-up 1,2024-07-10,41',
				'F2,WEMWBS,Follow-up 2,2024-10-10,51',
				''
			].join('\n')
		);
		await importPaths(ctx.db, [refs, scores]);
		expect(await pairsOf()).toEqual({ F1: [30, 52], F2: [41, 51] });
	});

	it('long form, undated: baseline < review N < other labels < follow-up < follow-up N, whatever the row order', async () => {
		const refs = await ctx.files.write(
			'u-referrals.csv',
			'Referral ID,Referral date\nU1,2024-04-01\nU2,2024-04-01\nU3,2024-04-01\nU4,2024-04-01\nU5,2024-04-01\n'
		);
		const scores = await ctx.files.write(
			'u-scores.csv',
			[
				'Referral ID,Measure,Timepoint,Date assessed,Score',
				'U1,WEMWBS,Follow-up 2,,58',
				'U1,WEMWBS,Follow-up 1,,55',
				'U1,WEMWBS,Baseline,,30',
				'U2,WEMWBS,Follow-up 1,,55',
				'U2,WEMWBS,Follow-up,,50',
				'U2,WEMWBS,Baseline,,30',
				'U3,WEMWBS,Check,,45',
				'U3,WEMWBS,Review 2,,40',
				'U3,WEMWBS,Review 1,,38',
				'U4,WEMWBS,Check,,45',
				'U4,WEMWBS,Review 1,,38',
				'U5,WEMWBS,Follow-up,,50',
				'U5,WEMWBS,Check,,45',
				''
			].join('\n')
		);
		await importPaths(ctx.db, [refs, scores]);
		expect(await pairsOf()).toEqual({
			U1: [30, 58], // follow-up 2 is after follow-up 1
			U2: [30, 55], // follow-up 1 is after a plain follow-up
			U3: [38, 40], // no baseline label: review 1 is the earliest; review 2 is a later review,
			//               and a labelled later score wins over the later "Check"
			U4: [38, 45], // no later review or follow-up: the latest later score ("Check")
			U5: [45, 50] // "Check" comes before any follow-up, so it is the baseline
		});
	});

	// A referral whose only valid score is a follow-up has that score as its baseline and no
	// follow-up: discharged, it is eligible and not followed up (METHODS.md "Eligible").
	it('a referral with only a follow-up score is eligible and not followed up', async () => {
		const refs = await ctx.files.write(
			'd-referrals.csv',
			'Referral ID,Referral date,Discharge date\nD1,2024-04-01,2024-12-01\nD2,2024-04-01,2024-12-01\nD3,2024-04-01,\n'
		);
		const scores = await ctx.files.write(
			'd-scores.csv',
			[
				'Referral ID,Measure,Timepoint,Date assessed,Score',
				'D1,WEMWBS,Follow-up,2024-08-10,50',
				'D2,WEMWBS,Baseline,2024-04-10,40',
				'D2,WEMWBS,Follow-up,2024-08-10,46',
				'D3,WEMWBS,Follow-up,2024-08-10,44',
				''
			].join('\n')
		);
		await importPaths(ctx.db, [refs, scores]);
		expect(await pairsOf()).toEqual({ D1: [50, null], D2: [40, 46], D3: [44, null] });
		const cells = await run(ctx.db, outcomeCells(noFilters, '2025-03-31'));
		expect(cells).toEqual([
			cell('wemwbs', 40, 46, true), // D2
			cell('wemwbs', 44, null, false), // D3 open
			cell('wemwbs', 50, null, true) // D1
		]);
		const s = measureStatistics(measureOf('wemwbs')!, cells);
		// Eligible D1 and D2 (D3 is open); followed up D2.
		expect([s.pairs, s.eligible, s.followedUp, s.followupRate]).toEqual([1, 2, 1, 0.5]);
		expect(s.baselineFollowed).toMatchObject({ n: 1, mean: 40 });
		expect(s.baselineNotFollowed).toMatchObject({ n: 1, mean: 50 });
	});

	it('wide form: "WEMWBS follow-up 1" and "WEMWBS follow-up 2" are WEMWBS follow-ups', async () => {
		const wide = await ctx.files.write(
			'f-wide.csv',
			'Referral ID,Referral date,WEMWBS baseline,WEMWBS follow-up 1,WEMWBS follow-up 2\nN1,2024-04-01,30,40,55\n'
		);
		await importPaths(ctx.db, [wide]);
		expect(await pairsOf()).toEqual({ N1: [30, 55] });
	});

	it('wide form: "WEMWBS 6 month follow-up" is "follow-up 6 months", after "WEMWBS 3 month follow-up"', async () => {
		const wide = await ctx.files.write(
			'g-wide.csv',
			'Referral ID,Referral date,WEMWBS 6 month follow-up,WEMWBS baseline,WEMWBS 3 month follow-up\nN2,2024-04-01,52,30,44\n'
		);
		await importPaths(ctx.db, [wide]);
		const rows = await ctx.db.query(
			`SELECT timepoint, value FROM outcomes WHERE referral_id = 'N2' ORDER BY timepoint`
		);
		expect(rows.map((r) => [r.timepoint, r.value])).toEqual([
			['baseline', 30],
			['follow-up 3 months', 44],
			['follow-up 6 months', 52]
		]);
		expect(await pairsOf()).toEqual({ N2: [30, 52] });
	});

	// KNOWN SRC BUG (left failing on purpose): src/lib/ingest/mapping.ts keeps the number of
	// "12 week" and "6 month" but not the unit, so both read as "follow-up <n>" and the 12-week
	// score (follow-up 12) sorts after the 6-month one (follow-up 6). METHODS.md "Pairing": the
	// follow-up is the latest later score, and 6 months is later than 12 weeks.
	it('wide form: a "6 month follow-up" is later than a "12 week follow-up"', async () => {
		const wide = await ctx.files.write(
			'h-wide.csv',
			'Referral ID,Referral date,WEMWBS baseline,WEMWBS 6 month follow-up,WEMWBS 12 week follow-up\nN3,2024-04-01,30,52,44\n'
		);
		await importPaths(ctx.db, [wide]);
		expect(await pairsOf()).toEqual({ N3: [30, 52] });
	});
});

// The pairs carry their referral's columns (ingest/pairs-sql.ts), so the outcome figures read
// them without joining the referrals. Against the plain join they replaced, on both engines.
describe.each(bothEngines)('outcome pairs with their referral columns, %s', (_name, open) => {
	let db: Db & { close(): unknown };
	beforeAll(async () => {
		db = await open();
		await importPaths(db, files);
		// A score for a referral no file holds: its pair has no referral, and is in no figure.
		await db.exec(`INSERT INTO outcomes (referral_id, measure, timepoint, assessed_on, score, measure_key, value, _file, _row)
VALUES ('NOPE', 'WEMWBS', 'baseline', DATE '2024-05-01', 14, 'wemwbs', 14, 'x.csv', 1),
  ('NOPE', 'WEMWBS', 'follow-up', DATE '2024-08-01', 70, 'wemwbs', 70, 'x.csv', 2)`);
		await db.exec(pairsTableSql);
	});
	afterAll(() => db.close());

	// The queries as they were, joining the referrals on the referral's number.
	const plainCells = (filters: Filters) =>
		sql`SELECT measure, baseline, followup, discharged, count(*)::INTEGER AS n FROM (
  SELECT p.measure_key AS measure, p.baseline, p.followup,
    coalesce(r.discharge_date <= CAST(${asOf} AS DATE), false) AS discharged
  FROM outcome_pairs p JOIN referrals r ON r.referral_no = p.referral_no
  WHERE ${referralWhere(filters)})
GROUP BY ALL ORDER BY ALL`;
	// Per dimension of the forest, one plain GROUP BY over the join.
	const forestColumns = {
		service: 'service',
		pcn: 'pcn',
		age_band: 'age_band',
		sex: 'sex_group',
		imd: 'imd_decile'
	};
	const plainGroups = (filters: Filters, column: string) =>
		sql<{
			measure: string;
			group: string | null;
			n: number;
			mean: number;
			sd: number;
		}>`SELECT measure, ${raw(column)}::VARCHAR AS "group", count(*)::INTEGER AS n, avg(change) AS mean,
  coalesce(stddev_samp(change), 0) AS sd
FROM (SELECT p.measure_key AS measure, p.followup - p.baseline AS change, r.${raw(column)}
  FROM outcome_pairs p JOIN referrals r ON r.referral_no = p.referral_no
  WHERE p.followup IS NOT NULL AND ${referralWhere(filters)})
GROUP BY ALL ORDER BY ALL`;
	const filterSets = [
		noFilters,
		makeFilters({ pcn: ['North PCN'] }),
		makeFilters({ sex: ['Female', 'unknown'] }),
		makeFilters({ period: { kind: 'custom', from: '2024-06-01', to: '2024-12-31' } }),
		makeFilters({ age_band: ['65-74'], imd: ['1', '2', '3'] })
	];

	it('each pair holds its referral’s columns as they are; a pair of no referral holds none', async () => {
		const cols = pairReferralColumns;
		const [check] = await db.query<{
			pairs: number;
			matched: number;
			wrong: number;
			stray: number;
		}>(
			`SELECT count(*)::INTEGER AS pairs, count(r.referral_no)::INTEGER AS matched,
  count_if(r.referral_no IS NOT NULL AND (${cols.map((c) => `p.${c} IS DISTINCT FROM r.${c}`).join(' OR ')}))::INTEGER AS wrong,
  count_if(p.referral_no IS NULL AND (${cols.map((c) => `p.${c} IS NOT NULL`).join(' OR ')}))::INTEGER AS stray
FROM outcome_pairs p LEFT JOIN referrals r ON r.referral_no = p.referral_no`
		);
		expect(check.matched).toBeGreaterThan(20);
		expect(check.pairs).toBe(check.matched + 1);
		expect([check.wrong, check.stray]).toEqual([0, 0]);
	});

	it('per unit as lists, the cells are outcomeCells’ own, in its order', async () => {
		let units = 0;
		for (const f of filterSets)
			for (const by of ['service', 'pcn', 'practice', 'link_worker'] as const) {
				const rows = await run(db, outcomeCells(f, asOf, by));
				const lists = await run(db, outcomeCellLists(f, asOf, by));
				expect(cellsOfLists(lists), `${by} ${JSON.stringify(f)}`).toEqual(rows);
				units += new Set(rows.map((r) => r.unit)).size;
			}
		expect(units).toBeGreaterThan(10);
	});

	it('cells and the forest’s groups are those of the plain join, for every filter set', async () => {
		const differ = new Set<string>();
		for (const f of filterSets) {
			const cells = await run(db, outcomeCells(f, asOf));
			expect(cells).toEqual(await run(db, plainCells(f)));
			differ.add(JSON.stringify(cells));
			const groups = await run(db, outcomeGroups(f));
			for (const [dimension, column] of Object.entries(forestColumns)) {
				const key = (g: { measure: string; group: string | null }) =>
					`${g.measure}/${g.group ?? 'unknown'}`;
				const mine = new Map(
					groups.filter((g) => g.dimension === dimension).map((g) => [key(g), g])
				);
				const plain = await run(db, plainGroups(f, column));
				expect([...mine.keys()].sort(), dimension).toEqual(plain.map(key).sort());
				for (const p of plain) {
					const g = mine.get(key(p))!;
					expect(g.n, `${dimension} ${key(p)}`).toBe(p.n);
					expect(g.mean).toBeCloseTo(p.mean, 12);
					expect(g.sd).toBeCloseTo(p.sd, 12);
				}
			}
		}
		// Not vacuous: the filter sets select different pairs.
		expect(differ.size).toBe(filterSets.length);
		// The pair of no referral is in no figure: NOPE's 14 -> 70 (the scale's ends) is nowhere.
		const all = await run(db, outcomeCells(noFilters, asOf));
		expect(all.some((c) => c.measure === 'wemwbs' && c.baseline === 14 && c.followup === 70)).toBe(
			false
		);
	});
});

describe('cellsOfLists', () => {
	const row = (unit: string, cells: [number, number, number, number][]) => ({
		unit,
		measure: 'wemwbs',
		baseline: cells.map((c) => c[0]),
		followup: cells.map((c) => c[1]),
		discharged: cells.map((c) => c[2]),
		n: cells.map((c) => c[3])
	});
	const cellOf = (
		unit: string,
		baseline: number,
		followup: number | null,
		discharged: boolean,
		n: number
	) => ({
		unit,
		measure: 'wemwbs',
		baseline,
		followup,
		discharged,
		n
	});

	it('makes one cell per element: NaN is no follow-up, 1 is discharged', () => {
		expect(
			cellsOfLists([
				row('A', [
					[40, 46, 1, 2],
					[50, NaN, 0, 1]
				]),
				row('B', [[30, 31, 0, 5]])
			])
		).toEqual([
			cellOf('A', 40, 46, true, 2),
			cellOf('A', 50, null, false, 1),
			cellOf('B', 30, 31, false, 5)
		]);
	});

	it('merges rows of the same unit and measure in the cells’ order (no follow-up last)', () => {
		// A missing unit and one written "unknown" are both `unknown`: two rows, one unit.
		expect(
			cellsOfLists([
				row('unknown', [
					[40, 41, 0, 1],
					[40, NaN, 1, 1]
				]),
				row('unknown', [
					[38, 50, 1, 3],
					[40, 41, 0, 2],
					[40, 41, 1, 1]
				])
			])
		).toEqual([
			cellOf('unknown', 38, 50, true, 3),
			cellOf('unknown', 40, 41, false, 1),
			cellOf('unknown', 40, 41, false, 2),
			cellOf('unknown', 40, 41, true, 1),
			cellOf('unknown', 40, null, true, 1)
		]);
	});

	it('merges a unit of hundreds of thousands of cells (no spread onto the stack)', () => {
		const big = (from: number) => {
			const cells: [number, number, number, number][] = [];
			for (let i = 0; i < 200_000; i++) cells.push([from + (i % 50), i % 60, i % 2, 1 + (i % 7)]);
			return row('unknown', cells);
		};
		const cells = cellsOfLists([big(14), big(20)]);
		expect(cells.length).toBe(400_000);
		for (let i = 1; i < cells.length; i += 997)
			expect(cells[i - 1].baseline).toBeLessThanOrEqual(cells[i].baseline);
		expect(cells[0].baseline).toBe(14);
		expect(cells.at(-1)!.baseline).toBe(69);
	});

	it('gives nothing for no rows', () => {
		expect(cellsOfLists([])).toEqual([]);
	});
});
