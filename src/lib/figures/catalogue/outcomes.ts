// Outcomes: paired change per measure and GP appointments, the Outcomes page's figures.
import { baselineFollowupChart } from '../../charts/baseline-followup.ts';
import { beforeAfterChart } from '../../charts/before-after.ts';
import {
	changeClasses,
	changeColours,
	changeDistributionChart
} from '../../charts/change-distribution.ts';
import { forestPlotChart } from '../../charts/forest-plot.ts';
import { histogramChart } from '../../charts/histogram.ts';
import { stackedBarsChart } from '../../charts/stacked-bars.ts';
import type { Measure } from '../../contract/measures.ts';
import { gpCells } from '../../metrics/gp-use.ts';
import {
	measureFromRow,
	outcomeCells,
	outcomeGroups,
	outcomeMeasures,
	type OutcomeMeasureRow
} from '../../metrics/outcomes.ts';
import { gpChange, gpChangeCounts } from '../../stats/gp-change.ts';
import {
	changeRule,
	measureStatistics,
	type MeasureStatistics,
	type OutcomeCell
} from '../../stats/outcomes.ts';
import { isSmall } from '../../stats/small-numbers.ts';
import { gpChangeView, gpTotalsView } from '../gp-use.ts';
import {
	bandView,
	changeView,
	forestView,
	scatterView,
	type GroupChange
} from '../outcome-detail.ts';
import { gpKeys, measureKeys } from '../outcome-keys.ts';
import { movementRows, ruleText, summaryView } from '../outcomes.ts';
import { plain, publication as published } from '../presenter.ts';
import { defineFigure, type FigureInput } from './types.ts';
import type { ViewSettings } from './settings.ts';

/** The measures present in the view, each with its paired statistics, and the one chosen. */
interface OutcomeModel {
	present: { m: Measure; s: MeasureStatistics }[];
	chosen: { m: Measure; s: MeasureStatistics } | undefined;
	/** Publication mode with 1–7 pairs of the chosen measure: its detail figures are not shown. */
	hidden: boolean;
}

// The statistics are worked out once per result and settings, however many figures read them.
const models = new WeakMap<object, Map<string, OutcomeModel>>();

/** The measures present and their statistics under the view's thresholds. */
function outcomeModel(
	r: { measures: OutcomeMeasureRow[]; cells: OutcomeCell[] },
	settings: ViewSettings,
	publication: boolean
): OutcomeModel {
	const key = JSON.stringify([settings.thresholds, settings.measure, publication]);
	const cached = models.get(r.cells)?.get(key);
	if (cached) return cached;
	const present = r.measures
		.map(measureFromRow)
		.filter((m) => r.cells.some((c) => c.measure === m.key))
		.map((m) => ({
			m,
			s: measureStatistics(m, r.cells, changeRule(m, settings.thresholds[m.key]))
		}));
	const chosen =
		present.find((x) => x.m.key === settings.measure) ??
		present.find((x) => x.s.pairs > 0) ??
		present[0];
	const model = { present, chosen, hidden: !!chosen && publication && isSmall(chosen.s.pairs) };
	if (!models.has(r.cells)) models.set(r.cells, new Map());
	models.get(r.cells)!.set(key, model);
	return model;
}

const cellQueries = ({ filters, setup }: FigureInput) => ({
	measures: outcomeMeasures(),
	cells: outcomeCells(filters, setup.asOf)
});

// A detail figure of the chosen measure: none when no measure is present or its pairs are hidden.
function detailFigure<
	R extends { measures: OutcomeMeasureRow[]; cells: OutcomeCell[] },
	V extends object
>(id: string, make: (m: Measure, s: MeasureStatistics, r: R, publication: boolean) => V | null) {
	return {
		id,
		view(r: R, { settings, publication }: FigureInput) {
			const { chosen, hidden } = outcomeModel(r, settings, publication);
			if (!chosen || hidden) return null;
			const view = make(chosen.m, chosen.s, r, publication);
			return view && { ...view, measure: chosen.m, statistics: chosen.s };
		}
	};
}

type RowsOfForest = { measures: OutcomeMeasureRow[]; cells: OutcomeCell[]; groups: GroupChange[] };
const pointsOf = (s: MeasureStatistics) => (s.rule.kind === 'points' ? s.rule.points : null);

/** Every measure present: paired statistics, follow-up and who improved; the CLI's `outcomes`. */
export const outcomeSummaryFigure = defineFigure({
	id: 'outcome-summary',
	queries: cellQueries,
	view(r, { settings, publication }) {
		const model = outcomeModel(r, settings, publication);
		if (!model.present.length) return null;
		const p = publication ? published : plain;
		return {
			...summaryView(model.present, { publication }),
			movement: movementRows(model.present, { publication }),
			model,
			keys: Object.fromEntries(
				model.present.map(({ m, s }) => [m.key, measureKeys(m, s.rule, s, p)])
			)
		};
	},
	chart: (view, _input, width) =>
		stackedBarsChart(view.movement, {
			width,
			x: view.model.present.map((x) => x.m.short ?? x.m.name),
			groups: [...changeClasses],
			colours: changeColours,
			yLabel: 'Pairs',
			labelEvery: true
		}),
	empty: () => ({
		testid: 'no-outcomes',
		title: 'No outcome scores in this view',
		text: 'Load an outcomes file (one row per score) or a referrals file with score columns such as "WEMWBS baseline" and "WEMWBS follow-up" to see paired change here.'
	})
});

/** The Outcomes page's measure figures: the summary of every measure, then the chosen one's detail. */
export const outcomeFigures = [
	outcomeSummaryFigure,
	defineFigure({
		queries: cellQueries,
		...detailFigure('outcome-change', (m, s, r, publication) => {
			const fig = changeView(m, s, r.cells, { publication });
			return { ...fig.view, step: fig.step };
		}),
		chart: (view, _input, width) =>
			changeDistributionChart(view.rows, {
				width,
				meaningfulChange: pointsOf(view.statistics),
				step: view.step,
				xLabel: `Change in ${view.measure.name} (follow-up − baseline; meaningful: ${ruleText(view.measure, view.statistics.rule)})`
			})
	}),
	defineFigure({
		queries: cellQueries,
		...detailFigure('outcome-baseline-followup', (m, s, r, publication) =>
			scatterView(m, s, r.cells, { publication })
		),
		chart: (view, _input, width) =>
			baselineFollowupChart(view.rows, {
				width,
				min: view.measure.min,
				max: view.measure.max,
				better: view.measure.better,
				label: view.measure.name
			})
	}),
	defineFigure({
		queries: cellQueries,
		...detailFigure('outcome-bands', (m, s, r, publication) =>
			m.bands.length > 1 ? bandView(m, s, r.cells, { publication }) : null
		),
		chart: (view, _input, width) =>
			stackedBarsChart(
				view.rows.flatMap((b) => [
					{ x: 'Baseline', group: b.band, value: b.baseline },
					{ x: 'Follow-up', group: b.band, value: b.followup }
				]),
				{
					width,
					x: ['Baseline', 'Follow-up'],
					groups: view.rows.map((b) => b.band),
					yLabel: 'Pairs'
				}
			)
	}),
	defineFigure({
		queries: (input: FigureInput) => ({
			...cellQueries(input),
			groups: outcomeGroups(input.filters)
		}),
		...detailFigure('outcome-forest', (m, s, r: RowsOfForest, publication) =>
			forestView(m, s, r.groups, { publication })
		),
		chart: (view, _input, width) => {
			const s = view.statistics;
			return forestPlotChart(view.rows, {
				width,
				xLabel: `Mean change in ${view.measure.name}`,
				meaningfulChange: pointsOf(s),
				overall:
					s.pairs > 0
						? { mean: s.change.mean, low: s.ci95?.low ?? null, high: s.ci95?.high ?? null }
						: null
			});
		}
	})
];

const gpQueries = ({ filters }: FigureInput) => ({ gp: gpCells(filters) });

/** GP appointments before and after referral: totals, and the CLI's `gp_appointments`. */
export const gpTotalsFigure = defineFigure({
	id: 'gp-appointments',
	queries: gpQueries,
	view(r, { settings, publication }) {
		const g = gpChange(r.gp);
		if (g.people === 0) return null;
		const p = publication ? published : plain;
		return {
			...gpTotalsView(g, settings.gpMonths, { publication }),
			keys: gpKeys(g, settings.gpMonths, p)
		};
	},
	chart: (view, _input, width) => beforeAfterChart(view.rows, { width, yLabel: 'GP appointments' }),
	empty: () => ({
		testid: 'no-gp',
		title: 'No GP appointment counts in this view',
		text: 'Add "GP appointments before" and "GP appointments after" columns to the referrals file (counts over equal windows before and after referral) to see them here.'
	})
});

/** GP appointments: each person's change, after − before. */
export const gpChangeFigure = defineFigure({
	id: 'gp-appointment-change',
	queries: gpQueries,
	view(r, { settings, publication }) {
		const g = gpChange(r.gp);
		if (g.people === 0) return null;
		return gpChangeView(g, gpChangeCounts(r.gp), settings.gpMonths, { publication });
	},
	chart: (view, _input, width) =>
		histogramChart(
			view.rows.map((r) => ({ label: r.label, value: r.people, highlight: r.change < 0 })),
			{
				width,
				xLabel: 'Change in GP appointments (after − before)',
				yLabel: 'People',
				highlightLabel: 'Fewer appointments',
				otherLabel: 'Same or more'
			}
		)
});

/** The Outcomes page's GP figures. */
export const gpFigures = [gpTotalsFigure, gpChangeFigure];
