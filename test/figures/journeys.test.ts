import { describe, expect, it } from 'vitest';
import { caseloadTrendView, caseloadWorkersView, median } from '../../src/lib/figures/caseload.ts';
import { contactsView, reasonsByServiceView, reasonsView } from '../../src/lib/figures/episodes.ts';
import { gapLabels, reReferralsView } from '../../src/lib/figures/re-referrals.ts';
import type { FigureView } from '../../src/lib/figures/figure.ts';
import { contactView, excludedView } from '../../src/lib/figures/first-contact.ts';
import { curveLimit, dischargeView } from '../../src/lib/figures/journeys.ts';
import { kaplanMeier } from '../../src/lib/stats/kaplan-meier.ts';
import { groupBy } from '../../src/lib/util/group-by.ts';
import {
	curvesByGroup,
	dayInputs,
	formatDays,
	type DayLists,
	type DayRow,
	type JourneyCounts
} from '../../src/lib/figures/time-to-event.ts';

// The query rows of test/fixtures/journeys-referrals.csv at 30/06/2024, as worked by hand in
// test/metrics/journeys.test.ts (which checks the SQL gives exactly these).
const day =
	(group: string) =>
	(days: number, events: number, censored: number): DayRow => ({
		group,
		days,
		events,
		censored
	});
const all = day('all');
const discharge = [
	all(10, 0, 1),
	all(29, 0, 2),
	all(30, 3, 1),
	all(31, 0, 1),
	all(60, 4, 0),
	all(76, 0, 1),
	all(90, 1, 0),
	all(150, 3, 1)
];
const [north, south, none] = [day('North PCN'), day('South PCN'), day('unknown')];
const byPcn = [
	north(29, 0, 1),
	north(30, 2, 0),
	north(60, 4, 0),
	south(29, 0, 1),
	south(30, 1, 1),
	south(31, 0, 1),
	south(76, 0, 1),
	south(90, 1, 0),
	south(150, 3, 1),
	none(10, 0, 1)
];
// Day rows as a split's query gives them: one row of lists per group, in the rows' order.
const lists = (rows: DayRow[]): DayLists[] =>
	[...groupBy(rows, (r) => r.group)].map(([group, mine]) => ({
		group,
		days: mine.map((r) => r.days),
		events: mine.map((r) => r.events),
		censored: mine.map((r) => r.censored)
	}));

const contact = [
	all(0, 1, 0),
	all(2, 2, 0),
	all(3, 4, 0),
	all(4, 1, 0),
	all(7, 2, 0),
	all(10, 0, 1),
	all(14, 1, 0),
	all(15, 1, 0),
	all(29, 0, 1),
	all(30, 0, 2),
	all(31, 0, 1)
];
const counts: JourneyCounts = {
	referrals: 19,
	discharged: 11,
	open: 7,
	discharge_excluded: 1,
	contacted: 12,
	never_contacted: 1,
	waiting: 4,
	contact_excluded: 2,
	after_as_of: 1,
	as_of: '2024-06-30'
};
const options = { asOf: '2024-06-30' };
const plain = { publication: false };
const pub = { publication: true };

// Every count a view shows: its count cells and the numbers in its n (dates aside).
function shownCounts(view: FigureView): number[] {
	const cells = view.columns
		.filter((c) => c.kind === 'count')
		.flatMap((c) => view.rows.map((r) => r[c.key]))
		.filter((v): v is number => typeof v === 'number');
	const noDates = view.n.replace(/\d\d\/\d\d\/\d{4}/g, '');
	const inN = (noDates.match(/\d[\d,]*/g) ?? []).map((t) => Number(t.replace(/,/g, '')));
	return [...cells, ...inN];
}
const small = (v: number) => v >= 1 && v <= 7;

describe('time to discharge', () => {
	it('reads the median, its interval and the quartiles from the Kaplan–Meier curve', () => {
		const { view, median, chart } = dischargeView(
			{ by: 'none', rows: discharge },
			counts,
			plain,
			options
		);
		// S: 0.8 at 30, 0.48 at 60, 0.384 at 90, 0.096 at 150; the upper limit stays above 0.5.
		expect(median).toEqual({ estimate: 60, lower: 60, upper: null });
		expect(view.sentence).toBe(
			'Half of referrals were discharged within 60 days (95% CI 60 to not reached); a quarter within 60 and three quarters within 150.'
		);
		expect(view.n).toBe('18 referrals (7 open at 30/06/2024)');
		expect(view.rows).toEqual([
			{
				label: 'All referrals',
				referrals: 18,
				events: 11,
				censored: 7,
				median: '60',
				interval: '60 to not reached',
				// R 4.2.2, survival 3.5-3: quantile(survfit(Surv(time, status) ~ 1), c(.25, .75)) on
				// these rows gives 60 (30 to 150) and 150 (90 to NA).
				p25: '60',
				p25_interval: '30 to 150',
				p75: '150',
				p75_interval: '90 to not reached'
			}
		]);
		expect(view.caveat).toContain('censored at the as-of date (30/06/2024)');
		expect(view.caveat).toContain(
			'1 episode with a discharge dated before the referral is left out'
		);
		expect(chart[0]).toEqual({ group: 'All referrals', time: 0, survival: 1, lower: 1, upper: 1 });
		expect(chart.map((r) => r.time)).toEqual([0, 10, 29, 30, 31, 60, 76, 90, 150]);
	});

	it('split by PCN: a row and a curve per PCN, and the range of the medians', () => {
		const { view, chart } = dischargeView(
			{ by: 'pcn', rows: lists(byPcn) },
			counts,
			plain,
			options
		);
		expect(view.rows.map((r) => [r.label, r.referrals, r.median])).toEqual([
			['All referrals', 18, '60'],
			['North PCN', 7, '60'],
			['South PCN', 10, '150'],
			['Not recorded', 1, 'not reached']
		]);
		expect([...new Set(chart.map((r) => r.group))]).toEqual([
			'North PCN',
			'South PCN',
			'Not recorded'
		]);
		expect(view.sentence).toContain(
			'By PCN, medians ranged from 60 days (North PCN) to 150 (South PCN).'
		);
		expect(view.columns[0].label).toBe('PCN');
	});

	it('in publication mode hides the curves and days of groups of 1–7, and no count 1–7 shows', () => {
		const { view, chart, suppressed } = dischargeView(
			{ by: 'pcn', rows: lists(byPcn) },
			counts,
			pub,
			options
		);
		// North PCN 7 and no PCN 1 are suppressed; South PCN's 10 is published.
		expect(suppressed).toEqual(['North PCN', 'Not recorded']);
		expect([...new Set(chart.map((r) => r.group))]).toEqual(['South PCN']);
		expect(view.rows[1]).toMatchObject({ referrals: null, median: '*', interval: '*' });
		expect(view.rows[2]).toMatchObject({ referrals: 10, median: '150' });
		expect(shownCounts(view).filter(small)).toEqual([]);
		// The singular would give a hidden 1 away.
		expect(view.caveat).toContain(
			'* episodes with a discharge dated before the referral are left out'
		);
		expect(view.n).toBe('20 referrals (* open at 30/06/2024)');
	});

	it('gives the same overall curve from the split’s lists as from the unsplit rows', () => {
		// byPcn summed by day is discharge: the page runs only the split's query.
		for (const ctx of [plain, pub]) {
			const fromSplit = dischargeView({ by: 'pcn', rows: lists(byPcn) }, counts, ctx, options);
			const unsplit = dischargeView({ by: 'none', rows: discharge }, counts, ctx, options);
			expect(fromSplit.curve).toEqual(unsplit.curve);
			expect(fromSplit.median).toEqual(unsplit.median);
			expect(fromSplit.view.rows[0]).toEqual(unsplit.view.rows[0]);
			expect(fromSplit.view.rows[0]).toMatchObject({ label: 'All referrals', median: '60' });
		}
	});

	it('sums groups’ lists by day, in day order, whole days or not', () => {
		// Whole days are summed in arrays indexed by day; the same day in two groups is one row.
		const a = { group: 'A', days: [3, 10], events: [1, 2], censored: [0, 1] };
		const b = { group: 'B', days: [0, 10, 12], events: [0, 1, 1], censored: [1, 0, 0] };
		expect(dayInputs([a, b])).toEqual([
			{ time: 0, events: 0, censored: 1 },
			{ time: 3, events: 1, censored: 0 },
			{ time: 10, events: 3, censored: 1 },
			{ time: 12, events: 1, censored: 0 }
		]);
		// Anything else (a part day here) is left to kaplanMeier's own summing: the same curve.
		const c = { group: 'C', days: [2.5, 10], events: [1, 1], censored: [0, 0] };
		const flat = [a, b, c].flatMap((l) =>
			l.days.map((time, i) => ({ time, events: l.events[i], censored: l.censored[i] }))
		);
		const curve = kaplanMeier(dayInputs([a, b, c]));
		expect(curve).toEqual(kaplanMeier(flat));
		expect(curve.n).toBe(9);
		expect([...curve.steps.time]).toEqual([0, 2.5, 3, 10, 12]);
	});

	it('draws the curves of the largest groups only; the table has every group', () => {
		// Group G01 has 1 referral, G02 2, ... G12 12: the chart draws G03 to G12.
		const many = Array.from({ length: 12 }, (_, i) =>
			day(`G${String(i + 1).padStart(2, '0')}`)(10, i + 1, 0)
		);
		const split = { by: 'service' as const, rows: lists(many) };
		const { view, chart } = dischargeView(split, counts, plain, options);
		expect(view.rows).toHaveLength(13);
		const drawn = [...new Set(chart.map((r) => r.group))];
		expect(drawn).toHaveLength(curveLimit);
		expect(drawn[0]).toBe('G03');
		expect(view.caveat).toContain(
			'The chart shows the 10 with most referrals; the table has all 12.'
		);
	});

	it('says when the median is not reached, and when there is nothing to follow', () => {
		const few = [all(10, 1, 0), all(20, 0, 4)];
		expect(dischargeView({ by: 'none', rows: few }, counts, plain, options).view.sentence).toBe(
			'Fewer than half of referrals had been discharged 20 days after referral, so the median is not reached.'
		);
		expect(dischargeView({ by: 'none', rows: [] }, counts, plain, options).view.sentence).toBe(
			'No referrals to follow in this selection.'
		);
		const tiny = dischargeView({ by: 'none', rows: few }, counts, pub, options);
		expect(tiny.view.sentence).toBe(
			'Too few referrals to publish how long people stay (fewer than 8).'
		);
		expect(tiny.chart).toEqual([]);
		expect(tiny.median).toBeNull();
	});

	it('formats days: whole, halves (R takes midpoints), not reached', () => {
		expect([formatDays(60), formatDays(60.5), formatDays(null)]).toEqual([
			'60',
			'60.5',
			'not reached'
		]);
		expect(curvesByGroup(discharge).get('all')!.curve.n).toBe(18);
	});
});

describe('time to first contact', () => {
	it('reads the median wait, the shares within 7 and 14 days, and who was never contacted', () => {
		const { view, median, within } = contactView(contact, counts, plain, options);
		expect(median).toEqual({ estimate: 7, lower: 3, upper: null });
		// S(7) = 7/17, S(14) = 35/102.
		expect(within[0]!.share).toBeCloseTo(10 / 17, 12);
		expect(within[1]!.share).toBeCloseTo(67 / 102, 12);
		expect(view.sentence).toBe(
			'Half of referrals had a first contact within 7 days; 59% within 7 days and 66% within 14. 1 was discharged without ever being contacted.'
		);
		expect(view.n).toBe('17 referrals');
		expect(view.rows.map((r) => [r.label, r.value])).toEqual([
			['Median wait (days)', '7'],
			['25% contacted by day', '3'],
			['75% contacted by day', 'not reached'],
			['Contacted within 7 days', '59%'],
			['Contacted within 14 days', '66%'],
			['Contacted', '12'],
			['Discharged without a contact (never contacted)', '1'],
			['Open, not yet contacted', '4'],
			['Left out (listed below)', '2']
		]);
		expect(view.rows[0].interval).toBe('3 to not reached');
	});

	it('in publication mode shows no count 1–7 and hides a share resting on fewer than 8', () => {
		const { view } = contactView(contact, counts, pub, options);
		expect(view.rows.slice(5).map((r) => r.value)).toEqual(['10', '*', '*', '*']);
		expect(view.sentence).toContain(' * were discharged without ever being contacted.');
		// 10 contacted by day 7 and 11 by day 14: both shares stand.
		expect(view.rows[3].value).toBe('59%');
		const early = contactView([all(1, 3, 0), all(20, 5, 2)], counts, pub, options);
		expect(early.within[0]).toBeNull();
		expect(early.view.rows[3]).toMatchObject({ value: '*', interval: '*' });
	});

	it('in publication mode the four counts that make up the referrals hide one another', () => {
		// Never contacted (3) is hidden; the next smallest (left out, 15) goes with it, or the
		// total less the others would give it back.
		const more = {
			...counts,
			contacted: 40,
			never_contacted: 3,
			waiting: 20,
			contact_excluded: 15
		};
		const { view } = contactView(contact, more, pub, options);
		expect(view.rows.slice(5).map((r) => r.value)).toEqual(['40', '*', '20', '*']);
	});
});

describe('episodes left out', () => {
	const rows = [
		{
			referral_id: 'J17',
			referral_date: '2024-02-10',
			first_contact_date: null,
			discharge_date: '2024-04-10',
			contacts: 3,
			discharge_excluded: false,
			contact_excluded: true,
			total: 3
		},
		{
			referral_id: 'J18',
			referral_date: '2024-02-20',
			first_contact_date: '2024-02-18',
			discharge_date: '2024-05-20',
			contacts: 5,
			discharge_excluded: false,
			contact_excluded: true,
			total: 3
		},
		{
			referral_id: 'J06',
			referral_date: '2024-03-01',
			first_contact_date: '2024-03-05',
			discharge_date: '2024-02-20',
			contacts: 2,
			discharge_excluded: true,
			contact_excluded: false,
			total: 3
		}
	];

	it('lists each with its dates and why it is left out', () => {
		const view = excludedView(rows, counts, plain);
		expect(view.rows.map((r) => r.reason)).toEqual([
			'time to first contact: contacts recorded, no first contact date',
			'time to first contact: first contact before the referral',
			'time to discharge: discharge before the referral'
		]);
		expect(view.rows[2]).toMatchObject({
			referral_date: '01/03/2024',
			discharge_date: '20/02/2024'
		});
		expect(view.sentence).toBe(
			'1 left out of time to discharge and 2 of time to first contact, because their dates are out of order or missing.'
		);
		expect(view.n).toBe('3 episodes');
	});

	it('counts every episode left out, though the list stops at its limit', () => {
		const many = excludedView([{ ...rows[0], total: 1234 }], counts, plain);
		expect(many.n).toBe('1,234 episodes');
	});

	it('lists none in publication mode', () => {
		const view = excludedView(rows, counts, pub);
		expect(view.rows).toEqual([]);
		expect(view.sentence).toBe(
			'* left out of time to discharge and * of time to first contact, because their dates are out of order or missing. The list is not shown in publication mode.'
		);
		expect(view.n).toBe('* episodes');
	});
});

describe('contacts, discharge reasons and re-referrals', () => {
	const distribution = [
		[0, 1],
		[2, 1],
		[3, 1],
		[5, 2],
		[6, 2],
		[7, 1],
		[8, 1],
		[10, 2],
		[12, 1]
	].map(([contacts, episodes]) => ({ contacts, episodes }));
	const summary = { episodes: 12, median: 6, mean: 74 / 12, typical: 7, not_recorded: 0 };

	it('contacts: every value from 0, the median and mean, against the 6–12 typically reported', () => {
		const { view, chart } = contactsView(distribution, summary, plain);
		expect(view.sentence).toBe(
			'Closed episodes had a median of 6 contacts (mean 6.2); 58% had 6–12, the range typically reported.'
		);
		expect(chart.map((r) => r.label)).toEqual(Array.from({ length: 13 }, (_, i) => String(i)));
		expect(chart.filter((r) => r.highlight).map((r) => r.label)).toEqual([
			'6',
			'7',
			'8',
			'9',
			'10',
			'11',
			'12'
		]);
		expect(chart[1].value).toBe(0);
		expect(view.caveat).toContain('typically report 6–12 contacts');
	});

	it('contacts in publication mode: small columns and the share of 7 hidden', () => {
		const { view } = contactsView(distribution, summary, pub);
		expect(view.sentence).toBe(
			'Closed episodes had a median of 6 contacts (mean 6.2); * had 6–12, the range typically reported.'
		);
		expect(shownCounts(view).filter(small)).toEqual([]);
		const few = contactsView(distribution.slice(0, 2), { ...summary, episodes: 2 }, pub);
		expect(few.median).toBeNull();
	});

	const reasons = [
		{ service: 'North SP', reason: 'goals_met', episodes: 5 },
		{ service: 'North SP', reason: 'referred_on', episodes: 1 },
		{ service: 'South SP', reason: 'disengaged', episodes: 2 },
		{ service: 'South SP', reason: 'goals_met', episodes: 2 },
		{ service: 'South SP', reason: 'not_contactable', episodes: 1 },
		{ service: 'South SP', reason: 'other', episodes: 1 }
	];

	it('discharge reasons overall, most first', () => {
		const view = reasonsView(reasons, plain);
		expect(view.rows.map((r) => [r.label, r.episodes])).toEqual([
			['Goals met', 7],
			['Disengaged', 2],
			['Not contactable', 1],
			['Other', 1],
			['Referred on', 1]
		]);
		expect(view.sentence).toBe('Goals met was the most common reason: 58% of closed episodes (7).');
		expect(shownCounts(reasonsView(reasons, pub)).filter(small)).toEqual([]);
	});

	it('discharge reasons by service, as shares of each service', () => {
		const { view, chart, services } = reasonsByServiceView(reasons, plain);
		expect(services).toEqual(['North SP', 'South SP']);
		expect(view.sentence).toBe(
			'Goals met ranged from 33% of closed episodes (South SP) to 83% (North SP).'
		);
		expect(chart[0]).toEqual({ y: 'North SP', group: 'Goals met', value: (5 / 6) * 100 });
		const published = reasonsByServiceView(reasons, pub);
		expect(published.chart.every((r) => r.value === null)).toBe(true);
		expect(shownCounts(published.view).filter(small)).toEqual([]);
	});

	it('re-referrals: 364 and 365 days are within the year, 366 is not', () => {
		const repeat = { people: 13, people_with_multiple: 6, episodes: 19, without_person_id: 0 };
		const gaps = [
			{ band: 1, episodes: 1 },
			{ band: 4, episodes: 2 },
			{ band: 5, episodes: 1 }
		];
		const { view, within } = reReferralsView(repeat, gaps, plain);
		expect(gapLabels).toEqual(['0–90', '91–180', '181–270', '271–365', 'Over 365']);
		expect(within).toBe(3);
		expect(view.rows.map((r) => r.episodes)).toEqual([1, 0, 0, 2, 1]);
		expect(view.sentence).toBe(
			"3 referrals (16%) came within 365 days of the same person's earlier discharge; 6 of 13 people had more than one episode."
		);
		const published = reReferralsView(repeat, gaps, pub);
		expect(published.view.sentence).toBe(
			"* referrals (*) came within 365 days of the same person's earlier discharge; * of 15 people had more than one episode."
		);
		expect(shownCounts(published.view).filter(small)).toEqual([]);
	});
});

describe('caseload', () => {
	// LW1 and LW2 hold 1 and 3 open cases at 30/04, none is open at 31/05, and at 30/06 they hold
	// 1 and 5, with 1 more open case with no link worker.
	const months = [
		{ month_end: '2024-04-30', open: 4, per_worker: [1, 3], link_workers: 2 },
		{ month_end: '2024-05-31', open: 0, per_worker: [], link_workers: 2 },
		{ month_end: '2024-06-30', open: 7, per_worker: [1, 5], link_workers: 2 }
	];

	it('per month end: open cases, link workers holding any, median and mean per worker', () => {
		const { view } = caseloadTrendView(months, plain);
		expect(
			view.rows.map((r) => [r.label, r.open, r.workers, r.median, r.mean, r.min, r.max])
		).toEqual([
			['30/04/2024', 4, 2, 2, 2, 1, 3],
			['31/05/2024', 0, 0, null, null, null, null],
			['30/06/2024', 7, 2, 3, 3, 1, 5]
		]);
		expect(view.sentence).toBe(
			'At 30/06/2024, link workers held a median of 3.0 open cases each (2 link workers with open cases; fewest 1, most 5). Over the 3 month ends the median ranged from 2.0 to 3.0.'
		);
		expect(view.n).toBe('2 link workers');
	});

	it('in publication mode hides the median on 1–7 link workers', () => {
		const { view } = caseloadTrendView(months, pub);
		expect(view.rows.every((r) => r.median === null && r.mean === null)).toBe(true);
		expect(view.sentence).toBe(
			'At 30/06/2024, too few link workers or open cases to show a median.'
		);
		expect(shownCounts(view).filter(small)).toEqual([]);
	});

	it('per link worker at the as-of date, against the guidance', () => {
		const rows = [
			{ link_worker: 'LW1', open: 1, people_year: 6 },
			{ link_worker: 'LW2', open: 5, people_year: 7 },
			{ link_worker: 'unknown', open: 1, people_year: 1 }
		];
		const { view, medianOpen } = caseloadWorkersView(rows, '2024-06-30', plain);
		expect(medianOpen).toBe(3);
		expect(view.sentence).toBe(
			'At 30/06/2024 the median link worker held 3 open cases and had 6.5 people referred in the year before; 0 of 2 reached the 200–250 a year guidance for a full-time link worker.'
		);
		expect(view.rows.map((r) => r.label)).toEqual(['LW1', 'LW2', 'Not recorded']);
		const published = caseloadWorkersView(rows, '2024-06-30', pub);
		expect(published.medianOpen).toBeNull();
		expect(published.view.sentence).toContain('too few link workers to publish a median');
		expect(shownCounts(published.view).filter(small)).toEqual([]);
	});

	it('charts at most 20 link workers and 20 services; the tables have them all', () => {
		const workers = Array.from({ length: 25 }, (_, i) => ({
			link_worker: `W${String(i + 1).padStart(2, '0')}`,
			open: 10,
			people_year: 100 + i
		}));
		const w = caseloadWorkersView(workers, '2024-06-30', plain);
		expect(w.view.rows).toHaveLength(25);
		expect(w.chart.map((r) => r.label)).toEqual(workers.slice(5).map((r) => r.link_worker));
		expect(w.view.caveat).toContain('The chart shows the 20 link workers');
		const reasons = workers.map((r, i) => ({
			service: r.link_worker,
			reason: 'goals_met',
			episodes: i + 1
		}));
		const byService = reasonsByServiceView(reasons, plain);
		expect(byService.view.rows).toHaveLength(25);
		expect(byService.services).toEqual(workers.slice(5).map((r) => r.link_worker));
	});

	it('median: the middle value, or the mean of the middle two', () => {
		expect([median([]), median([3, 1, 2]), median([4, 1, 3, 2])]).toEqual([null, 2, 2.5]);
	});
});
