// Compare: units (services, PCNs, practices or link workers) side by side, fairly: funnel plots
// of each indicator with 95% and 99.8% limits, and XmR run charts per unit (METHODS.md
// "Comparing services and PCNs"). The Compare page's figures and `sp-impact compare`'s keys.
import { funnelPlotChart } from '../../charts/funnel-plot.ts';
import { runChart } from '../../charts/run-chart.ts';
import { measures, type Measure } from '../../contract/measures.ts';
import {
	compareFirstContactDays,
	type CompareFirstContactDaysRow,
	compareMonthly,
	type CompareMonthlyRow,
	compareOutcomeCells,
	type CompareOutcomeCellsRow,
	comparePeopleReferred,
	compareTimes,
	compareUnits,
	type CompareUnitsRow
} from '../../metrics/compare.ts';
import { cellsOfLists } from '../../metrics/outcomes.ts';
import { periodYears } from '../../metrics/rates.ts';
import { meanFunnel, proportionFunnel } from '../../stats/funnel.ts';
import { kaplanMeier, survivalQuantileEstimate } from '../../stats/kaplan-meier.ts';
import { changeRule, measureStatistics, type OutcomeCell } from '../../stats/outcomes.ts';
import { xmr, type Improvement } from '../../stats/spc.ts';
import { funnelView, runView, unitsView, type Scale } from '../compare.ts';
import { curvesOfLists, dayInputs } from '../time-to-event.ts';
import { defineFigure, type FigureInput } from './types.ts';
import { groupBy } from '../../util/group-by.ts';

const percent = (label: string): Scale => ({
	factor: 100,
	places: 1,
	label,
	keyFactor: 1,
	suffix: '%'
});
const caveatOf = (by: FigureInput['settings']['by']) =>
	by === 'link_worker'
		? 'Link workers carry different caseloads and kinds of referral: a difference may say more about the mix than the worker.'
		: '';

/** A funnel figure's chart: its points, limit curves and target, with its axes named. */
const funnelChart =
	(xLabel: string, yLabel: string) =>
	(view: ReturnType<typeof funnelView>, _input: FigureInput, width: number) =>
		funnelPlotChart(view.chart.points, view.chart.curve, {
			width,
			target: view.chart.target,
			xLabel,
			yLabel,
			places: view.chart.places
		});

const unitsQuery = ({ filters, setup, settings }: FigureInput) => ({
	units: compareUnits(settings.by, filters, setup.asOf)
});

/** A funnel of a proportion per unit from the per-unit counts. */
function unitFunnel(
	id: string,
	title: string,
	parts: (r: CompareUnitsRow) => [numerator: number, denominator: number],
	names: [numerator: string, denominator: string, value: string],
	caveat: string
) {
	return defineFigure({
		id,
		queries: unitsQuery,
		view(r, { settings, publication }) {
			const units = r.units.map((u) => {
				const [numerator, denominator] = parts(u);
				return { unit: u.unit, numerator, denominator };
			});
			if (!units.some((u) => u.denominator > 0)) return null;
			const funnel = proportionFunnel(units, { overdispersion: settings.overdispersion });
			return funnelView(
				funnel,
				{
					title,
					unit: settings.by,
					numerator: names[0],
					denominator: names[1],
					scale: percent(names[2]),
					caveat: `${caveat} ${caveatOf(settings.by)}`.trim()
				},
				{ publication }
			);
		},
		chart: funnelChart(names[1], names[2])
	});
}

const cellsQuery = ({ filters, setup, settings }: FigureInput) => ({
	cells: compareOutcomeCells(settings.by, filters, setup.asOf)
});

type UnitCell = OutcomeCell & { unit: string };

// The cells of every unit from the query's lists, by measure in their order, made once per result
// (a measure with no scores then costs nothing: 14 of the 16 in a load with two measures).
const cellsOf = new WeakMap<CompareOutcomeCellsRow[], Map<string, UnitCell[]>>();
function cellsByMeasure(rows: CompareOutcomeCellsRow[]) {
	let cells = cellsOf.get(rows);
	if (!cells) cellsOf.set(rows, (cells = groupBy(cellsOfLists(rows), (c) => c.measure)));
	return cells;
}

// Each unit's statistics of a measure, from every unit's cells of it.
function unitStatistics(cells: UnitCell[], m: Measure, points?: number) {
	const rule = changeRule(m, points);
	// Each unit's own cells, grouped in one pass (hundreds of units at 1M rows).
	const byUnit = groupBy(cells, (c) => c.unit);
	return {
		overall: measureStatistics(m, cells, rule),
		units: [...byUnit].map(([unit, own]) => ({ unit, s: measureStatistics(m, own, rule) }))
	};
}

// Worked out once per result, measure and threshold.
const perUnit = new WeakMap<object, Map<string, ReturnType<typeof unitStatistics>>>();
function statisticsOf(rows: CompareOutcomeCellsRow[], m: Measure, points?: number) {
	const byMeasure = cellsByMeasure(rows);
	const key = `${m.key}:${points ?? ''}`;
	let mine = perUnit.get(byMeasure);
	if (!mine) perUnit.set(byMeasure, (mine = new Map()));
	if (!mine.has(key)) mine.set(key, unitStatistics(byMeasure.get(m.key) ?? [], m, points));
	return mine.get(key)!;
}

/** Follow-up rate, improved meaningfully and (for a points measure) mean change, per unit. */
function measureFunnels(m: Measure) {
	const name = m.short ?? m.name;
	const proportion = (
		kind: 'followed_up' | 'improved',
		title: string,
		names: [string, string, string]
	) =>
		defineFigure({
			id: `compare-${kind === 'followed_up' ? 'followed-up' : 'improved'}-${m.key}`,
			queries: cellsQuery,
			view(r, { settings, publication }) {
				const st = statisticsOf(r.cells, m, settings.thresholds[m.key]);
				const units = st.units.map(({ unit, s }) => ({
					unit,
					numerator: kind === 'followed_up' ? s.followedUp : s.improved,
					denominator: kind === 'followed_up' ? s.eligible : s.pairs
				}));
				if (!units.some((u) => u.denominator > 0)) return null;
				const funnel = proportionFunnel(units, { overdispersion: settings.overdispersion });
				return funnelView(
					funnel,
					{
						title,
						unit: settings.by,
						numerator: names[0],
						denominator: names[1],
						scale: percent(names[2]),
						caveat:
							kind === 'followed_up'
								? 'Eligible: a baseline score and discharged by the as-of date (METHODS.md "Pairing").'
								: `Improved by at least the meaningful change (${st.overall.rule.kind === 'band' ? 'one band' : `${st.overall.rule.points} points`}).`
					},
					{ publication }
				);
			},
			chart: funnelChart(names[1], names[2])
		});
	const figures = [
		proportion('followed_up', `${name}: follow-up rate`, [
			'Followed up',
			'Eligible',
			'Followed up (%)'
		]),
		proportion('improved', `${name}: improved meaningfully`, [
			'Improved meaningfully',
			'Pairs',
			'Improved meaningfully (%)'
		])
	];
	if (m.meaningfulChange === null) return figures;
	return [
		...figures,
		defineFigure({
			id: `compare-mean-change-${m.key}`,
			queries: cellsQuery,
			view(r, { settings, publication }) {
				const st = statisticsOf(r.cells, m, settings.thresholds[m.key]);
				const units = st.units.map(({ unit, s }) => ({
					unit,
					n: s.pairs,
					mean: s.pairs > 0 ? s.change.mean : null
				}));
				if (!units.some((u) => u.n > 0)) return null;
				const c = st.overall.change;
				const funnel = meanFunnel(units, c.n > 1 ? { mean: c.mean, sd: c.sd } : null);
				return funnelView(
					funnel,
					{
						title: `${name}: mean change`,
						unit: settings.by,
						numerator: 'Mean change',
						denominator: 'Pairs',
						scale: {
							factor: 1,
							places: 2,
							label: 'Mean change (points)',
							keyFactor: 1,
							suffix: ' points'
						},
						caveat: 'Limits: the overall mean change ± z × the overall SD of change ÷ √pairs.',
						mean: true
					},
					{ publication }
				);
			},
			chart: funnelChart('Pairs', 'Mean change (points)')
		})
	];
}

/** People referred per registered patient (IIF PC-01), per 1,000 a year; practices and PCNs. */
const peoplePerList = defineFigure({
	id: 'compare-people-per-list',
	queries: ({ filters, setup, settings }: FigureInput) => ({
		people:
			(settings.by === 'practice' || settings.by === 'pcn') && setup.practicesWithListSize > 0
				? comparePeopleReferred(settings.by, filters)
				: null
	}),
	view(r, { filters, setup, settings, publication }) {
		const years = periodYears(filters, { from: setup.firstReferral, to: setup.asOf });
		if (!r.people.length || !(years > 0)) return null;
		const funnel = proportionFunnel(
			r.people.map((p) => ({ unit: p.unit, numerator: p.people, denominator: p.list_size })),
			{ overdispersion: settings.overdispersion }
		);
		return funnelView(
			funnel,
			{
				title: 'People referred per 1,000 registered patients a year',
				unit: settings.by,
				numerator: 'People referred',
				denominator: 'Registered patients',
				scale: {
					factor: 1000 / years,
					places: 1,
					label: 'Per 1,000 a year',
					keyFactor: 1000 / years,
					suffix: ' per 1,000 a year'
				},
				caveat: `Distinct people referred in the period ÷ list size (NHS England IIF PC-01 counts people, not referrals), over ${years.toFixed(2)} years.`
			},
			{ publication }
		);
	},
	chart: funnelChart('Registered patients', 'Per 1,000 a year')
});

/** The indicators' funnels, in the page's order: those of every measure in the registry too. */
export const compareFunnels = [
	unitFunnel(
		'compare-contacted-within-14-days',
		'Contacted within 14 days',
		(u) => [u.contact_x, u.contact_n],
		['Contacted within 14 days', 'Referrals', 'Contacted within 14 days (%)'],
		'Referrals made at least 14 days before the as-of date; contacted 0–14 days after referral.'
	),
	unitFunnel(
		'compare-supported',
		'Supported',
		(u) => [u.supported, u.referrals],
		['Supported', 'Referrals', 'Supported (%)'],
		'The funnel’s "supported" step as a share of referrals.'
	),
	unitFunnel(
		'compare-goals-met',
		'Goals met',
		(u) => [u.goals_met, u.discharged],
		['Goals met', 'Discharged', 'Goals met (%)'],
		'Episodes discharged by the as-of date whose reason was goals met.'
	),
	...measures.flatMap(measureFunnels),
	peoplePerList
];

/** The CLI's `funnels` key of a funnel figure: its id without `compare-`, in snake case. */
export function funnelKey(id: string): string {
	const key = id.replace(/^compare-/, '');
	if (key === 'people-per-list') return 'people_referred_per_list';
	// Measure keys keep their own spelling (`ons4_life_satisfaction`).
	const m = /^(followed-up|improved|mean-change)-(.+)$/.exec(key);
	return m ? `${m[1].replace('-', '_')}_${m[2]}` : key.replace(/-/g, '_');
}

/** Each run chart: its CLI key, title, how it reads, and its default improvement direction. */
const runs = {
	referrals: {
		id: 'compare-run-referrals',
		title: 'Referrals per month',
		yLabel: 'Referrals',
		places: 0,
		improvement: 'neutral' as Improvement
	},
	contacted_within_14_days: {
		id: 'compare-run-contacted-within-14-days',
		title: 'Contacted within 14 days, by month of referral',
		yLabel: 'Contacted within 14 days (%)',
		places: 1,
		improvement: 'increase' as Improvement
	},
	median_days_to_first_contact: {
		id: 'compare-run-median-days-to-first-contact',
		title: 'Median days to first contact, by month of referral',
		yLabel: 'Median days',
		places: 1,
		improvement: 'decrease' as Improvement
	}
};

export type RunKey = keyof typeof runs;

type Series = { unit: string; values: { period: string; value: number; n: number }[] };

function runFigure(key: RunKey) {
	const r = runs[key];
	return defineFigure({
		id: r.id,
		queries: ({ filters, setup, settings }: FigureInput) => ({
			monthly: compareMonthly(settings.by, filters, setup.asOf),
			days:
				key === 'median_days_to_first_contact'
					? compareFirstContactDays(settings.by, filters, setup.asOf)
					: null
		}),
		view(rows, { settings, publication }) {
			const series = seriesOf(key, rows.monthly, rows.days);
			if (!series.length) return null;
			const improvement = settings.improvement[key] ?? r.improvement;
			const rebase = settings.rebase[key];
			const charted = series.map((s) => ({
				unit: s.unit,
				counts: s.values.map((v) => v.n),
				chart: {
					...xmr(
						s.values.map((v) => ({ period: v.period, value: v.value })),
						{
							improvement,
							rules: settings.rules,
							target: settings.targets[key] ?? null,
							rebase: rebase ? [rebase] : []
						}
					),
					improvement
				}
			}));
			return runView(
				charted,
				{
					title: r.title,
					unit: settings.by,
					yLabel: r.yLabel,
					places: r.places,
					count: key === 'referrals',
					caveat: [
						'Complete calendar months up to the as-of date. Limits from 12 months or more (mean ± 2.66 × the average moving range).',
						key === 'median_days_to_first_contact'
							? 'A month whose median is not reached (fewer than half contacted yet) is left out.'
							: '',
						rebase ? `New mean and limits from ${rebase}.` : '',
						caveatOf(settings.by)
					]
						.filter(Boolean)
						.join(' ')
				},
				{ publication }
			);
		},
		chart: (view, _input, width) =>
			runChart(view.chart.points, {
				width,
				units: view.chart.units,
				yLabel: view.chart.yLabel,
				places: view.chart.places,
				icons: view.chart.icons
			})
	});
}

type MonthSums = { month: string; referrals: number; n: number; x: number };

// Each unit's referrals and contacts per month, for all units together first ('all'), in the
// months of the rows: made once per result and shared by the three run charts (a comparison by
// practice or PCN has hundreds of units over dozens of months).
const sumsOf = new WeakMap<CompareMonthlyRow[], Map<string, MonthSums[]>>();
function monthlySums(monthly: CompareMonthlyRow[]): Map<string, MonthSums[]> {
	const cached = sumsOf.get(monthly);
	if (cached) return cached;
	const months = [...new Set(monthly.map((m) => m.month))].sort();
	const at = new Map(months.map((m, i) => [m, i]));
	const empty = () => months.map((month) => ({ month, referrals: 0, n: 0, x: 0 }));
	// Units are keyed after a NUL, so that one named 'all' is not the total.
	const all = empty();
	const out = new Map<string, MonthSums[]>([['all', all]]);
	for (const row of monthly) {
		let mine = out.get(`\0${row.unit}`);
		if (!mine) out.set(`\0${row.unit}`, (mine = empty()));
		for (const sums of [all, mine]) {
			const s = sums[at.get(row.month)!];
			s.referrals += row.referrals;
			s.n += row.contact_n;
			s.x += row.contact_x;
		}
	}
	sumsOf.set(monthly, out);
	return out;
}

// Monthly series per unit, and for all units together first.
function seriesOf(
	key: RunKey,
	monthly: CompareMonthlyRow[],
	days: CompareFirstContactDaysRow[]
): Series[] {
	const daysBy = groupBy(days, (d) => `${d.group}\u0000${d.month}`);
	const daysAll = groupBy(days, (d) => d.month);
	const build = (overall: boolean, unit: string, per: MonthSums[]): Series => {
		if (key === 'referrals')
			return {
				unit,
				values: per.map((p) => ({ period: p.month, value: p.referrals, n: p.referrals }))
			};
		if (key === 'contacted_within_14_days')
			return {
				unit,
				values: per
					.filter((p) => p.n > 0)
					.map((p) => ({ period: p.month, value: (100 * p.x) / p.n, n: p.n }))
			};
		return {
			unit,
			values: per.flatMap((p) => {
				const rows = (overall ? daysAll.get(p.month) : daysBy.get(`${unit}\u0000${p.month}`)) ?? [];
				const curve = kaplanMeier(dayInputs(rows));
				const median = survivalQuantileEstimate(curve, 0.5);
				return median === null ? [] : [{ period: p.month, value: median, n: curve.n }];
			})
		};
	};
	return [...monthlySums(monthly)].map(([u, per], i) => build(i === 0, u.replace(/^\0/, ''), per));
}

/** The run charts, in the page's order. */
export const compareRuns = (Object.keys(runs) as RunKey[]).map(runFigure);

/** The CLI's `spc` key of each run chart figure. */
export function runKey(id: string): RunKey {
	return (Object.keys(runs) as RunKey[]).find((k) => runs[k].id === id)!;
}

/** Every unit side by side, sortable: the Compare page's table and the CLI's `units`. */
export const unitsFigure = defineFigure({
	id: 'compare-units',
	queries: ({ filters, setup, settings }: FigureInput) => {
		const times = compareTimes(settings.by, filters, setup.asOf);
		return {
			units: compareUnits(settings.by, filters, setup.asOf),
			firstContact: times.firstContact,
			discharge: times.discharge,
			cells: compareOutcomeCells(settings.by, filters, setup.asOf)
		};
	},
	view(r, { settings, publication }) {
		if (!r.units.length) return null;
		const contact = curvesOfLists(r.firstContact);
		const discharge = curvesOfLists(r.discharge);
		const present = measures.filter((m) => cellsByMeasure(r.cells).has(m.key));
		const stats = present.map((m) => ({
			m,
			byUnit: new Map(
				statisticsOf(r.cells, m, settings.thresholds[m.key]).units.map((x) => [x.unit, x.s])
			)
		}));
		return unitsView(
			r.units.map((u) => ({
				unit: u.unit,
				referrals: u.referrals,
				people: u.people,
				firstContact: contact.get(u.unit)?.median ?? null,
				discharge: discharge.get(u.unit)?.median ?? null,
				goalsMet: u.goals_met,
				discharged: u.discharged,
				measures: stats.flatMap(({ m, byUnit }) => {
					const s = byUnit.get(u.unit);
					return s
						? [
								{
									key: m.key,
									name: m.short ?? m.name,
									followedUp: s.followedUp,
									eligible: s.eligible,
									pairs: s.pairs,
									meanChange: s.pairs > 0 ? s.change.mean : null,
									ci95: s.ci95
								}
							]
						: [];
				})
			})),
			settings.by,
			{ publication }
		);
	}
});
