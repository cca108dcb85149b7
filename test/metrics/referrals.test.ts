import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { makeFilters, noFilters } from '../../src/lib/metrics/filters.ts';
import {
	onwardBy,
	onwardKinds,
	reasonByCategory,
	reasonPairs,
	reasons,
	sourceLabels,
	sourcesByQuarter
} from '../../src/lib/metrics/referrals.ts';
import { run } from '../../src/lib/metrics/run.ts';
import { fixture, importPaths, nativeDb } from '../helpers/import.ts';

// test/fixtures/reach2-referrals.csv and reach2-onward.csv, worked by hand (— = blank):
//  id   date        source (group)                reasons → groups
//  R01  2024-03-31  GP (gp)                       Loneliness; Debt → loneliness, financial
//  R02  2024-04-01  GP                            Low mood; Anxiety → mental_health (once)
//  R03  2024-06-30  Self-referral (self)          Loneliness
//  R04  2024-07-01  Self referral (self)          Debt | Housing → financial, housing
//  R05  2024-10-15  GP                            Loneliness; Debt; Low mood → three groups
//  R06  2024-12-31  Nurse (practice_nurse)        —
//  R07  2025-01-01  Police (other)                Knitting → other (not a known label)
//  R08  2024-05-10  GP                            "Social isolation, Money worries" → loneliness, financial
//  R09  2024-11-20  — (unknown)                   —
//  R10  2024-08-05  Pharmacist (arrs_role)        Bereavement
//  R11  2025-03-31  GP                            Anxiety → mental_health
//  R12  2025-04-01  Community Pharmacist (other)  Loneliness; Debt
// Onward support:
//  R01  Citizens Advice, Debt advice (financial_advice), referral, attended yes
//  R01  Lunch Club, Lunch club (social_groups_befriending), signpost, —
//  R04  Citizens Advice, Money advice (financial_advice), referral, no
//  R04  Shelter, Housing (housing), signpost, yes
//  R05  Befriending Scheme, Befriending (social_groups_befriending), signpost, yes
//  R05  Citizens Advice, Debt advice (financial_advice), referral, yes
//  R05  StepChange, Debt advice (financial_advice), referral, —
//  R08  Knit & Natter, Knitting (other), kind —, —
//  R10  Cruse, category —, referral, no
//  R12  Citizens Advice, Debt advice (financial_advice), signpost, yes
// 2024/25 is R02–R11: it leaves out R01 and R12 and their onward support.
describe('referral sources, reasons and onward support on DuckDB', () => {
	let db: Awaited<ReturnType<typeof nativeDb>>;
	beforeAll(async () => {
		db = await nativeDb();
		await importPaths(db, [fixture('reach2-referrals.csv'), fixture('reach2-onward.csv')]);
	});
	afterAll(() => db.close());

	const fy = makeFilters({ period: { kind: 'year', label: '2024/25' } });

	it('source labels as written, each with its group; most first', async () => {
		expect(await run(db, sourceLabels(noFilters))).toEqual([
			{ group: 'gp', key: 'GP', referrals: 5 }, // R01 R02 R05 R08 R11
			{ group: 'other', key: 'Community Pharmacist', referrals: 1 },
			{ group: 'practice_nurse', key: 'Nurse', referrals: 1 },
			{ group: 'arrs_role', key: 'Pharmacist', referrals: 1 },
			{ group: 'other', key: 'Police', referrals: 1 },
			{ group: 'self', key: 'Self referral', referrals: 1 },
			{ group: 'self', key: 'Self-referral', referrals: 1 },
			{ group: 'unknown', key: 'unknown', referrals: 1 } // R09
		]);
	});

	it('source groups by quarter (its first day), across the year boundaries', async () => {
		expect(await run(db, sourcesByQuarter(noFilters))).toEqual([
			{ period: '2024-01-01', group: 'gp', referrals: 1 }, // R01 (31 March)
			{ period: '2024-04-01', group: 'gp', referrals: 2 }, // R02 (1 April) R08
			{ period: '2024-04-01', group: 'self', referrals: 1 }, // R03 (30 June)
			{ period: '2024-07-01', group: 'arrs_role', referrals: 1 }, // R10
			{ period: '2024-07-01', group: 'self', referrals: 1 }, // R04 (1 July)
			{ period: '2024-10-01', group: 'gp', referrals: 1 }, // R05
			{ period: '2024-10-01', group: 'practice_nurse', referrals: 1 }, // R06 (31 December)
			{ period: '2024-10-01', group: 'unknown', referrals: 1 }, // R09
			{ period: '2025-01-01', group: 'gp', referrals: 1 }, // R11
			{ period: '2025-01-01', group: 'other', referrals: 1 }, // R07 (1 January)
			{ period: '2025-04-01', group: 'other', referrals: 1 } // R12 (1 April)
		]);
	});

	it('reasons: referrals mentioning each group, so shares add up to more than 100%', async () => {
		const rows = await run(db, reasons(noFilters));
		expect(rows).toEqual([
			{ key: 'financial', referrals: 5, total: 12 }, // R01 R04 R05 R08 R12
			{ key: 'loneliness', referrals: 5, total: 12 }, // R01 R03 R05 R08 R12
			{ key: 'mental_health', referrals: 3, total: 12 }, // R02 (two labels, once) R05 R11
			{ key: 'bereavement', referrals: 1, total: 12 },
			{ key: 'housing', referrals: 1, total: 12 },
			{ key: 'other', referrals: 1, total: 12 }, // R07 "Knitting"
			{ key: 'not_recorded', referrals: 2, total: 12 } // R06 R09, always last
		]);
		// Loneliness: 5 of 12 referrals = 41.7%; the shares sum to 18 / 12 = 150%.
		expect(Number(rows[1].referrals) / Number(rows[1].total)).toBeCloseTo(0.4167, 4);
		expect(rows.reduce((n, r) => n + Number(r.referrals), 0)).toBe(18);
	});

	it('reasons in 2024/25 and for an empty selection', async () => {
		expect(await run(db, reasons(fy))).toEqual([
			{ key: 'financial', referrals: 3, total: 10 }, // R04 R05 R08
			{ key: 'loneliness', referrals: 3, total: 10 }, // R03 R05 R08
			{ key: 'mental_health', referrals: 3, total: 10 }, // R02 R05 R11
			{ key: 'bereavement', referrals: 1, total: 10 },
			{ key: 'housing', referrals: 1, total: 10 },
			{ key: 'other', referrals: 1, total: 10 },
			{ key: 'not_recorded', referrals: 2, total: 10 }
		]);
		const none = makeFilters({ period: { kind: 'year', label: '2020/21' } });
		expect(await run(db, reasons(none))).toEqual([{ key: 'not_recorded', referrals: 0, total: 0 }]);
	});

	it('reason pairs: each pair once per referral; two labels of one group make no pair', async () => {
		expect(await run(db, reasonPairs(noFilters))).toEqual([
			{ a: 'financial', b: 'loneliness', referrals: 4 }, // R01 R05 R08 R12
			{ a: 'financial', b: 'housing', referrals: 1 }, // R04
			{ a: 'financial', b: 'mental_health', referrals: 1 }, // R05
			{ a: 'loneliness', b: 'mental_health', referrals: 1 } // R05
		]);
		expect(await run(db, reasonPairs(fy))).toEqual([
			{ a: 'financial', b: 'loneliness', referrals: 2 }, // R05 R08
			{ a: 'financial', b: 'housing', referrals: 1 },
			{ a: 'financial', b: 'mental_health', referrals: 1 },
			{ a: 'loneliness', b: 'mental_health', referrals: 1 }
		]);
	});

	const onwardRow = (key: string, ...n: number[]) => {
		const [referrals, signposts, total, attended, not_attended, attendance_not_recorded] = n;
		return { key, referrals, signposts, total, attended, not_attended, attendance_not_recorded };
	};

	it('onward support by category: referrals, signposts and attendance', async () => {
		// R08's row has no kind: in the total, neither a referral nor a signpost. Its category
		// ("other") is checked below, where a bug gives null counts.
		const known = (rows: Record<string, unknown>[]) => rows.filter((r) => r.key !== 'other');
		const all = await run(db, onwardBy('category', noFilters));
		expect(all.map((r) => r.key)).toEqual([
			'financial_advice',
			'social_groups_befriending',
			'housing',
			'other',
			'unknown'
		]);
		expect(known(all)).toEqual([
			onwardRow('financial_advice', 4, 1, 5, 3, 1, 1),
			onwardRow('social_groups_befriending', 0, 2, 2, 1, 0, 1),
			onwardRow('housing', 0, 1, 1, 1, 0, 0),
			onwardRow('unknown', 1, 0, 1, 0, 1, 0) // R10's Cruse, no category
		]);
		const year = await run(db, onwardBy('category', fy));
		expect(year.map((r) => r.key)).toEqual([
			'financial_advice',
			'housing',
			'other',
			'social_groups_befriending',
			'unknown'
		]);
		expect(known(year)).toEqual([
			onwardRow('financial_advice', 3, 0, 3, 1, 1, 1), // R04 R05 R05
			onwardRow('housing', 0, 1, 1, 1, 0, 0),
			onwardRow('social_groups_befriending', 0, 1, 1, 1, 0, 0), // R05
			onwardRow('unknown', 1, 0, 1, 0, 1, 0)
		]);
	});

	// DuckDB's count_if() is null, not 0, when every value it sees is null (as sum() is). The
	// "other" category holds only R08's row, with no kind and no attendance, so its referrals,
	// signposts, attended and not_attended come back null. Flip to `it` once they are counted
	// with count(*) FILTER (WHERE ...) or coalesced.
	it('regression: a category whose rows have no kind or attendance counts 0, not null', async () => {
		const rows = await run(db, onwardBy('category', noFilters));
		expect(rows.find((r) => r.key === 'other')).toEqual(onwardRow('other', 0, 0, 1, 0, 0, 1));
	});

	it('onward support by organisation', async () => {
		const rows = await run(db, onwardBy('organisation', noFilters));
		expect(rows[0]).toEqual(onwardRow('Citizens Advice', 3, 1, 4, 3, 1, 0));
		expect(rows.map((r) => r.key)).toEqual([
			'Citizens Advice',
			'Befriending Scheme',
			'Cruse',
			'Knit & Natter',
			'Lunch Club',
			'Shelter',
			'StepChange'
		]);
	});

	it('onward kinds by attendance', async () => {
		expect(await run(db, onwardKinds(noFilters))).toEqual([
			{ kind: 'referral', attended: 'attended', count: 2 }, // R01 R05
			{ kind: 'referral', attended: 'did_not_attend', count: 2 }, // R04 R10
			{ kind: 'referral', attended: 'not_recorded', count: 1 }, // R05 StepChange
			{ kind: 'signpost', attended: 'attended', count: 3 }, // R04 R05 R12
			{ kind: 'signpost', attended: 'not_recorded', count: 1 }, // R01 Lunch Club
			{ kind: 'unknown', attended: 'not_recorded', count: 1 } // R08
		]);
	});

	it('reason by onward category: each referral once per pair of reason and category', async () => {
		// R05 has two financial_advice rows but counts once in each of its reasons' cells.
		expect(await run(db, reasonByCategory(noFilters))).toEqual([
			{ reason: 'bereavement', category: 'unknown', referrals: 1 }, // R10
			{ reason: 'financial', category: 'financial_advice', referrals: 4 }, // R01 R04 R05 R12
			{ reason: 'financial', category: 'housing', referrals: 1 }, // R04
			{ reason: 'financial', category: 'other', referrals: 1 }, // R08
			{ reason: 'financial', category: 'social_groups_befriending', referrals: 2 }, // R01 R05
			{ reason: 'housing', category: 'financial_advice', referrals: 1 }, // R04
			{ reason: 'housing', category: 'housing', referrals: 1 }, // R04
			{ reason: 'loneliness', category: 'financial_advice', referrals: 3 }, // R01 R05 R12
			{ reason: 'loneliness', category: 'other', referrals: 1 }, // R08
			{ reason: 'loneliness', category: 'social_groups_befriending', referrals: 2 }, // R01 R05
			{ reason: 'mental_health', category: 'financial_advice', referrals: 1 }, // R05
			{ reason: 'mental_health', category: 'social_groups_befriending', referrals: 1 } // R05
		]);
	});
});
