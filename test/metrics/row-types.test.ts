import { describe, it, expect, expectTypeOf, beforeAll, afterAll } from 'vitest';
import type { Sql } from '../../src/lib/db/sql.ts';
import type { Db, Row } from '../../src/lib/db/types.ts';
import * as caseload from '../../src/lib/metrics/caseload.ts';
import * as compare from '../../src/lib/metrics/compare.ts';
import { makeFilters, noFilters, type Filters, type Unit } from '../../src/lib/metrics/filters.ts';
import * as gpUse from '../../src/lib/metrics/gp-use.ts';
import * as journeys from '../../src/lib/metrics/journeys.ts';
import * as outcomes from '../../src/lib/metrics/outcomes.ts';
import * as rates from '../../src/lib/metrics/rates.ts';
import * as reReferrals from '../../src/lib/metrics/re-referrals.ts';
import * as reach from '../../src/lib/metrics/reach.ts';
import * as referrals from '../../src/lib/metrics/referrals.ts';
import { run } from '../../src/lib/metrics/run.ts';
import type { Headline } from '../../src/lib/figures/headline.ts';
import type { GroupChange } from '../../src/lib/figures/outcome-detail.ts';
import type { GpCell } from '../../src/lib/stats/gp-change.ts';
import type { OutcomeCell } from '../../src/lib/stats/outcomes.ts';
import { bothEngines, fixture, importPaths } from '../helpers/import.ts';

// Each query builder's row type, checked against what DuckDB gives back through the project's
// value conversion, so the types cannot drift from the SQL. A shape names, per column, the JS
// kinds its value may have; the compiler holds each shape to its builder's row type (every
// column, and no kind the type does not allow), and the test holds the rows to the shape.

/** The JS kind of a value as the row type declares it. */
type Kind<T> = T extends null
	? 'null'
	: T extends boolean
		? 'boolean'
		: T extends number
			? 'number'
			: T extends string
				? 'string'
				: T extends string[]
					? 'string[]'
					: T extends number[]
						? 'number[]'
						: never;

/** Per column of `R`, the kinds its values may have. */
type Shape<R> = { [K in keyof R]-?: Kind<R[K]>[] };

function kindOf(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) {
		if (value.every((v) => typeof v === 'string')) return 'string[]';
		if (value.every((v) => typeof v === 'number')) return 'number[]';
		return 'mixed[]';
	}
	return typeof value;
}

interface Case {
	name: string;
	query: (filters: Filters, asOf: string) => Sql;
	shape: Record<string, string[]>;
}

// The shape is held to the query's row type (NoInfer: the type comes from the query alone).
const shaped = <R extends Row>(
	name: string,
	query: (filters: Filters, asOf: string) => Sql<R>,
	shape: NoInfer<Shape<R>>
): Case => ({ name, query, shape });

const counts = <K extends string>(...keys: K[]) =>
	Object.fromEntries(keys.map((k) => [k, ['number']])) as Record<K, 'number'[]>;
const text: 'string'[] = ['string'];
const textOrNull: ('string' | 'null')[] = ['string', 'null'];
const list: ('string[]' | 'null')[] = ['string[]', 'null'];

const headlineShape = {
	...counts('referrals', 'people', 'without_person_id', 'open_cases'),
	...counts('people_with_multiple_referrals'),
	first_referral: textOrNull,
	last_referral: textOrNull
};
const funnelShape = counts('referred', 'contacted', 'supported', 'goals_met');
const timeShape = { group: text, ...counts('days', 'events', 'censored') };
const numbers = ['number[]'] as 'number[]'[];
const listShape = { group: text, days: numbers, events: numbers, censored: numbers };
const monthShape = { ...listShape, month: text };
const cellShape = {
	measure: text,
	baseline: ['number'] as 'number'[],
	followup: ['number', 'null'] as ('number' | 'null')[],
	discharged: ['boolean'] as 'boolean'[],
	n: ['number'] as 'number'[]
};
const cellListShape = {
	unit: text,
	measure: text,
	baseline: numbers,
	followup: numbers,
	discharged: numbers,
	n: numbers
};
const onwardShape = {
	key: text,
	...counts('referrals', 'signposts', 'total', 'attended', 'not_attended'),
	...counts('attendance_not_recorded')
};

const units: Unit[] = ['service', 'pcn', 'practice', 'link_worker'];

const cases: Case[] = [
	shaped('caseloadByMonth', caseload.caseloadByMonth, {
		month_end: text,
		per_worker: numbers,
		...counts('open', 'link_workers')
	}),
	shaped('caseloadAt', caseload.caseloadAt, {
		link_worker: text,
		...counts('open', 'people_year')
	}),
	...units.flatMap((u) => [
		shaped(`compareUnits by ${u}`, (f: Filters, a: string) => compare.compareUnits(u, f, a), {
			unit: text,
			...counts('referrals', 'people', 'contact_n', 'contact_x', 'supported'),
			...counts('discharged', 'goals_met')
		}),
		shaped(`compareMonthly by ${u}`, (f: Filters, a: string) => compare.compareMonthly(u, f, a), {
			unit: text,
			month: text,
			...counts('referrals', 'contact_n', 'contact_x')
		}),
		shaped(
			`compareFirstContactDays by ${u}`,
			(f: Filters, a: string) => compare.compareFirstContactDays(u, f, a),
			monthShape
		),
		shaped(
			`compareTimes first contact by ${u}`,
			(f: Filters, a: string) => compare.compareTimes(u, f, a).firstContact,
			listShape
		),
		shaped(
			`compareTimes discharge by ${u}`,
			(f: Filters, a: string) => compare.compareTimes(u, f, a).discharge,
			listShape
		),
		shaped(
			`compareOutcomeCells by ${u}`,
			(f: Filters, a: string) => compare.compareOutcomeCells(u, f, a),
			cellListShape
		)
	]),
	...(['practice', 'pcn'] as const).map((u) =>
		shaped(`comparePeopleReferred by ${u}`, (f: Filters) => compare.comparePeopleReferred(u, f), {
			unit: text,
			...counts('people', 'list_size')
		})
	),
	shaped('gpCells', gpUse.gpCells, counts('before', 'after', 'people')),
	shaped('timeToDischarge', journeys.timeToDischarge, timeShape),
	shaped(
		'timeToDischarge by service',
		(f: Filters, a: string) => journeys.timeToDischarge(f, a, 'service'),
		timeShape
	),
	shaped(
		'timeToDischarge by PCN',
		(f: Filters, a: string) => journeys.timeToDischarge(f, a, 'pcn'),
		timeShape
	),
	shaped('timeToFirstContact', journeys.timeToFirstContact, timeShape),
	...units.flatMap((u) => [
		shaped(
			`timeToDischarge by ${u}`,
			(f: Filters, a: string) => journeys.timeToDischarge(f, a, u),
			timeShape
		),
		shaped(
			`timeToFirstContact by ${u}`,
			(f: Filters, a: string) => journeys.timeToFirstContact(f, a, u),
			timeShape
		),
		shaped(
			`dischargeDaysByGroup by ${u}`,
			(f: Filters, a: string) => journeys.dischargeDaysByGroup(f, a, u),
			listShape
		),
		shaped(
			`firstContactDaysByGroup by ${u}`,
			(f: Filters, a: string) => journeys.firstContactDaysByGroup(f, a, u),
			listShape
		),
		shaped(
			`firstContactDaysByMonth by ${u}`,
			(f: Filters, a: string) => journeys.firstContactDaysByMonth(f, a, u),
			monthShape
		)
	]),
	shaped('firstContactDaysByMonth', journeys.firstContactDaysByMonth, monthShape),
	shaped('journeyCounts', journeys.journeyCounts, {
		...counts('referrals', 'discharged', 'open', 'discharge_excluded', 'contacted'),
		...counts('never_contacted', 'waiting', 'contact_excluded', 'after_as_of'),
		as_of: text
	}),
	shaped('excludedEpisodes', journeys.excludedEpisodes, {
		referral_id: text,
		referral_date: text,
		first_contact_date: textOrNull,
		discharge_date: textOrNull,
		contacts: ['number', 'null'],
		discharge_excluded: ['boolean'],
		contact_excluded: ['boolean'],
		total: ['number']
	}),
	shaped('contactsDistribution', journeys.contactsDistribution, counts('contacts', 'episodes')),
	shaped('contactsSummary', journeys.contactsSummary, {
		...counts('episodes', 'typical', 'not_recorded'),
		median: ['number', 'null'],
		mean: ['number', 'null']
	}),
	shaped('dischargeReasons', journeys.dischargeReasons, {
		service: text,
		reason: text,
		episodes: ['number']
	}),
	shaped('outcomeCells', (f: Filters, a: string) => outcomes.outcomeCells(f, a), cellShape),
	...units.map((u) =>
		shaped(`outcomeCells by ${u}`, (f: Filters, a: string) => outcomes.outcomeCells(f, a, u), {
			...cellShape,
			unit: text
		})
	),
	...units.map((u) =>
		shaped(
			`outcomeCellLists by ${u}`,
			(f: Filters, a: string) => outcomes.outcomeCellLists(f, a, u),
			cellListShape
		)
	),
	shaped('outcomeGroups', outcomes.outcomeGroups, {
		measure: text,
		dimension: text,
		group: text,
		...counts('n', 'mean', 'sd')
	}),
	shaped('outcomeMeasures', outcomes.outcomeMeasures, {
		key: text,
		name: text,
		short: textOrNull,
		min: ['number'],
		max: ['number'],
		better: text,
		meaningful_change: ['number', 'null'],
		bands: textOrNull,
		conversion: textOrNull,
		advice: textOrNull
	}),
	shaped('referralRate by practice', (f: Filters) => rates.referralRate('practice', f, 1), {
		key: text,
		...counts('list_size', 'referrals', 'people', 'rate', 'people_rate')
	}),
	shaped('referralRate by PCN', (f: Filters) => rates.referralRate('pcn', f, 0.25), {
		key: text,
		...counts('list_size', 'referrals', 'people', 'rate', 'people_rate')
	}),
	shaped('practiceReferrals by PCN', (f: Filters) => rates.practiceReferrals('pcn', f), {
		key: text,
		...counts('list_size', 'referrals', 'people')
	}),
	shaped('unmatchedPractices', rates.unmatchedPractices, counts('referrals')),
	shaped(
		'repeatPeople',
		reReferrals.repeatPeople,
		counts('people', 'people_with_multiple', 'episodes', 'without_person_id')
	),
	shaped('reReferralGaps', reReferrals.reReferralGaps, counts('band', 'episodes')),
	shaped('latestDate', reach.latestDate, { as_of: textOrNull }),
	shaped('headline', (f: Filters, a: string) => reach.headline(f, a), headlineShape),
	shaped(
		'headline with the funnel',
		(f: Filters, a: string) => reach.headline(f, a, { funnel: true }),
		{
			...headlineShape,
			...funnelShape
		}
	),
	shaped('totals', reach.totals, counts('referrals', 'people')),
	shaped('referralsByPeriod by month', (f: Filters) => reach.referralsByPeriod('month', f), {
		period: text,
		...counts('referrals', 'people')
	}),
	shaped('referralsByPeriod by quarter', (f: Filters) => reach.referralsByPeriod('quarter', f), {
		period: text,
		...counts('referrals', 'people')
	}),
	shaped('referralsByMonth', reach.referralsByMonth, { month: text, referrals: ['number'] }),
	shaped(
		'referralCounts by month, quarter, PCN, service and practice',
		(f: Filters) => reach.referralCounts(['month', 'quarter', 'pcn', 'service', 'practice'], f),
		{ grouping: text, key: text, ...counts('referrals', 'people') }
	),
	...(['source', 'source_label', 'pcn', 'practice', 'service', 'link_worker'] as const).map((d) =>
		shaped(`referralsBy ${d}`, (f: Filters) => reach.referralsBy(d, f), {
			key: text,
			...counts('referrals', 'people')
		})
	),
	...(['imd', 'ethnicity', 'age_band', 'sex'] as const).map((a) =>
		shaped(`peopleBy ${a}`, (f: Filters) => reach.peopleBy(a, f), { key: text, people: ['number'] })
	),
	shaped('peopleProfile', reach.peopleProfile, {
		imd: text,
		ethnicity: text,
		age_band: text,
		sex: text,
		people: ['number']
	}),
	shaped('funnel', reach.funnel, funnelShape),
	shaped('filterOptions', reach.filterOptions, {
		pcn: list,
		practice: list,
		service: list,
		link_worker: list,
		age_band: list,
		sex: list,
		ethnicity: list,
		imd: ['number[]', 'null'],
		first_referral: textOrNull,
		last_referral: textOrNull,
		practices_with_list_size: ['number']
	}),
	shaped('sourceLabels', referrals.sourceLabels, { group: text, key: text, referrals: ['number'] }),
	shaped('sourcesByQuarter', referrals.sourcesByQuarter, {
		period: text,
		group: text,
		referrals: ['number']
	}),
	shaped('reasons', referrals.reasons, { key: text, ...counts('referrals', 'total') }),
	shaped('reasonPairs', referrals.reasonPairs, { a: text, b: text, referrals: ['number'] }),
	shaped('onwardBy category', (f: Filters) => referrals.onwardBy('category', f), onwardShape),
	shaped(
		'onwardBy organisation',
		(f: Filters) => referrals.onwardBy('organisation', f),
		onwardShape
	),
	shaped('onwardKinds', referrals.onwardKinds, { kind: text, attended: text, count: ['number'] }),
	shaped('reasonByCategory', referrals.reasonByCategory, {
		reason: text,
		category: text,
		referrals: ['number']
	})
];

// Exported functions of the query modules that build no query of their own.
const notQueries = new Set([
	'splitIn',
	'byAsOf',
	'closed',
	'peopleCountIf',
	'measureFromRow',
	'cellsOfLists',
	'periodYears',
	'parseRateThresholds',
	'practiceKey',
	'practiceLists'
]);

// The canonical sample, and the journeys fixture for episodes left out (the sample has none).
const sample = [
	...['referrals', 'onward-referrals', 'outcomes', 'practices'].map(
		(name) => `data-samples/canonical/synthetic-${name}.csv`
	),
	fixture('journeys-referrals.csv')
];

it('the cases cover every exported builder of the query modules', () => {
	const modules = [
		caseload,
		compare,
		gpUse,
		journeys,
		outcomes,
		rates,
		reReferrals,
		reach,
		referrals
	];
	const exported = modules.flatMap((m) =>
		Object.entries(m)
			.filter(([name, value]) => typeof value === 'function' && !notQueries.has(name))
			.map(([name]) => name)
	);
	const covered = new Set(cases.map((c) => c.name.split(' ')[0]));
	expect(exported.filter((name) => !covered.has(name))).toEqual([]);
});

// Every selected referral, and none (aggregates over nothing give their nulls).
const selections: Record<string, Filters> = {
	'all the sample': noFilters,
	'no referral': makeFilters({ pcn: ['No such PCN'] })
};

describe.each(bothEngines)(
	'every query builder gives the rows its type declares: %s',
	(_, open) => {
		let db: Db & { close(): unknown };
		let asOf: string;
		// Importing the sample into duckdb-wasm takes seconds, more than the default 10 on a busy machine.
		beforeAll(async () => {
			db = await open();
			const { report } = await importPaths(db, sample);
			expect(report.rows_loaded).toBeGreaterThan(0);
			asOf = String((await run(db, reach.latestDate()))[0].as_of);
		}, 60_000);
		afterAll(() => db.close());

		describe.each(Object.entries(selections))('%s', (selection, filters) => {
			it.each(cases)('$name', async ({ query, shape }) => {
				const rows = await run(db, query(filters, asOf));
				if (selection === 'all the sample') expect(rows.length).toBeGreaterThan(0);
				const columns = Object.keys(shape).sort();
				for (const row of rows) {
					expect(Object.keys(row).sort()).toEqual(columns);
					for (const column of columns) {
						const value = row[column];
						const allowed = shape[column];
						// An empty list reads as either kind of list.
						const ok =
							Array.isArray(value) && value.length === 0
								? allowed.some((k) => k.endsWith('[]'))
								: allowed.includes(kindOf(value));
						expect(ok, `${column}: ${JSON.stringify(value)}`).toBe(true);
					}
				}
			});
		});
	}
);

// Type-level: the statistics and figures that keep their own input types take these rows as they are.
describe('rows are what their consumers take', () => {
	it('outcome cells, GP cells, outcome groups and the headline', () => {
		expectTypeOf<outcomes.OutcomeCellsRow>().toExtend<OutcomeCell>();
		expectTypeOf<gpUse.GpCellsRow>().toExtend<GpCell>();
		expectTypeOf<outcomes.OutcomeGroupsRow>().toExtend<GroupChange>();
		expectTypeOf<reach.HeadlineRow & reach.FunnelRow>().toExtend<Headline>();
		expectTypeOf<ReturnType<typeof outcomes.cellsOfLists>[number]>().toExtend<OutcomeCell>();
	});
});
