// Referrals and support: the Referrals page's figures.
import { heatmapChart } from '../../charts/heatmap.ts';
import { referralsByGroupChart } from '../../charts/referrals-by-group.ts';
import { stackedBarsChart } from '../../charts/stacked-bars.ts';
import { referralsBy } from '../../metrics/reach.ts';
import {
	onwardBy,
	onwardKinds,
	reasonByCategory,
	reasonPairs,
	reasons,
	sourceLabels,
	sourcesByQuarter
} from '../../metrics/referrals.ts';
import { allGroupLabels } from '../figure.ts';
import { kindView, onwardView, reasonCategoryView } from '../onward.ts';
import { groupView } from '../reach.ts';
import {
	pairsView,
	reasonsView,
	sourceLabelView,
	sourceTrendView,
	sourceView
} from '../referrals.ts';
import { headQuery } from './shared.ts';
import { defineFigure } from './types.ts';

const sourceGroups = allGroupLabels('referral_source');
const categoryGroups = allGroupLabels('onward_category');
const sorted = (values: Iterable<string>) => [...new Set(values)].sort();

function onwardFigure(by: 'category' | 'organisation') {
	return defineFigure({
		id: `onward-by-${by}`,
		queries: ({ filters }) => ({ onward: onwardBy(by, filters) }),
		view: (r, { publication }) => onwardView(by, r.onward, { publication }),
		chart: (view, _input, width) =>
			referralsByGroupChart(view.chartRows, {
				width,
				value: 'total',
				xLabel: 'Onward referrals and signposts',
				allLabels: by === 'category' ? categoryGroups : []
			})
	});
}

/** Onward support by category and by organisation. */
export const onwardFigures = {
	category: onwardFigure('category'),
	organisation: onwardFigure('organisation')
};

/** The Referrals page's figures, in the page's order. */
export const referralsFigures = [
	defineFigure({
		id: 'referrals-by-source',
		queries: (input) => ({ head: headQuery(input), sources: referralsBy('source', input.filters) }),
		view: (r, { publication }) => sourceView(r.sources, r.head[0]?.referrals ?? 0, { publication }),
		chart: (view, _input, width) =>
			referralsByGroupChart(view.rows, { width, allLabels: sourceGroups }),
		selectLabel: 'Show labels',
		// A source shows the labels as given that make it up; a second click hides them.
		select: (row, { settings }) => ({
			kind: 'settings',
			settings: { source: settings.source === String(row.key) ? null : String(row.key) }
		})
	}),
	defineFigure({
		id: 'source-labels',
		queries: ({ filters }) => ({ labels: sourceLabels(filters) }),
		view: (r, { settings, publication }) =>
			settings.source ? sourceLabelView(r.labels, settings.source, { publication }) : null,
		chart: (view, _input, width) => referralsByGroupChart(view.rows, { width }),
		empty: () => ({
			title: 'Source labels as given',
			text: 'Choose a source (click its bar, or "Show labels" in its table) to see the labels your system used for it.'
		})
	}),
	defineFigure({
		id: 'referral-sources-by-quarter',
		queries: ({ filters }) => ({ trend: sourcesByQuarter(filters) }),
		view(r, { publication }) {
			const trend = sourceTrendView(r.trend, { publication });
			return { ...trend.view, quarters: trend.quarters };
		},
		chart: (view, _input, width) =>
			stackedBarsChart(view.rows, {
				width,
				x: view.quarters,
				groups: sourceGroups.filter((g) => view.rows.some((r) => r.group === g)),
				allLabels: sourceGroups,
				yLabel: 'Referrals'
			})
	}),
	defineFigure({
		id: 'referral-reasons',
		queries: ({ filters }) => ({ reasons: reasons(filters) }),
		view: (r, { publication }) => reasonsView(r.reasons, { publication }),
		chart: (view, _input, width) =>
			referralsByGroupChart(
				view.rows.map((x) => ({
					...x,
					pct: x.share == null ? null : Math.round(x.share * 1000) / 10
				})),
				{
					width,
					value: 'pct',
					xLabel: 'Share of referrals (%)',
					allLabels: [...allGroupLabels('referral_reason'), 'No reason recorded']
				}
			)
	}),
	defineFigure({
		id: 'referral-reason-pairs',
		queries: ({ filters }) => ({ pairs: reasonPairs(filters) }),
		view: (r, { publication }) => pairsView(r.pairs, { publication }),
		chart(view, _input, width) {
			// The pairs come once each (a < b); the chart shows both halves of the square.
			const mirrored = view.rows.flatMap((p) => [p, { ...p, row: p.column, column: p.row }]);
			const names = sorted(mirrored.map((p) => p.row));
			return heatmapChart(mirrored, {
				width,
				rows: names,
				columns: names,
				valueLabel: 'Referrals'
			});
		}
	}),
	onwardFigures.category,
	onwardFigures.organisation,
	defineFigure({
		id: 'onward-kinds',
		queries: ({ filters }) => ({ kinds: onwardKinds(filters) }),
		view(r, { publication }) {
			const kinds = kindView(r.kinds, { publication });
			return { ...kinds.view, groups: kinds.groups };
		},
		chart: (view, _input, width) =>
			stackedBarsChart(view.rows, {
				width,
				x: ['Referral', 'Signpost'],
				groups: view.groups,
				yLabel: 'Count'
			})
	}),
	defineFigure({
		id: 'support-by-reason',
		queries: ({ filters }) => ({ pairs: reasonByCategory(filters) }),
		view: (r, { publication }) => reasonCategoryView(r.pairs, { publication }),
		chart: (view, _input, width) =>
			heatmapChart(view.rows, {
				width,
				rows: sorted(view.rows.map((x) => x.row)),
				columns: sorted(view.rows.map((x) => x.column)),
				valueLabel: 'Referrals',
				rowLabel: 'Reason',
				columnLabel: 'Support category'
			})
	})
];

/** Referrals by source label as given, across every group: a table-only figure (the CLI's `by_source_label`). */
export const sourceLabelFigure = defineFigure({
	id: 'referrals-by-source-label',
	queries: (input) => ({
		head: headQuery(input),
		labels: referralsBy('source_label', input.filters)
	}),
	view: (r, { publication }) =>
		groupView('source_label', r.labels, r.head[0]?.referrals ?? 0, { publication })
});
