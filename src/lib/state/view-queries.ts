import { pages, figure, type Layout } from '$lib/figures/catalogue/index.ts';
import { figureQueries } from '$lib/figures/catalogue/run.ts';
import { headQuery } from '$lib/figures/catalogue/shared.ts';
import type { FigureInput } from '$lib/figures/catalogue/types.ts';
import { previousPeriod, type Filters } from '$lib/metrics/filters.ts';
import { totals } from '$lib/metrics/reach.ts';
import type { ViewSettings } from '$lib/figures/catalogue/settings.ts';
import { asOfIn, filtersFromParams, settingsFromParams } from './url.ts';
import { warm } from './figures.svelte.ts';
import { setup } from './setup.svelte.ts';

/** A view of a page of figures: its filters, its settings and the as-of date it asks for. */
export interface View {
	filters: Filters;
	settings: ViewSettings;
	/** The user's as-of date, if any; otherwise the latest date in the data. */
	asOf: string | undefined;
}

/**
 * What a page of figures runs for a view, in the order it runs them: the headline, the previous
 * period's totals, then each distinct figure query once. Reads the loaded data's setup, so call
 * it once `setup` has been read for the data on show.
 */
export function viewQueries(layout: Layout, view: View) {
	const asOf = view.asOf ?? setup.asOf;
	const input: FigureInput = {
		filters: view.filters,
		settings: view.settings,
		publication: false,
		setup: {
			asOf,
			firstReferral: setup.firstReferral,
			practicesWithListSize: setup.practicesWithListSize,
			values: {
				pcn: setup.values.pcn,
				practice: setup.values.practice,
				service: setup.values.service
			}
		}
	};
	const { byFigure, distinct } = figureQueries(
		layout.map(({ id }) => figure(id)),
		input
	);
	const before = previousPeriod(view.filters.period, { from: setup.firstReferral, to: asOf });
	const queries = {
		head: headQuery(input),
		previous: before ? totals({ ...view.filters, period: before }) : null,
		...Object.fromEntries(distinct)
	};
	return { input, byFigure, queries };
}

/**
 * Run the queries of the view a link opens (`/reach?…`) ahead of the user following it, so the
 * page draws from the results already there. Pages not in the catalogue are left alone.
 */
export async function warmView(href: string): Promise<void> {
	const url = new URL(href, 'http://localhost');
	const name = url.pathname.slice(1);
	if (!Object.hasOwn(pages, name)) return;
	await setup.ensure();
	const params = url.searchParams;
	const view = {
		filters: filtersFromParams(params),
		settings: settingsFromParams(params),
		asOf: asOfIn(params)
	};
	await warm(viewQueries(pages[name as keyof typeof pages], view).queries);
	performance.mark('sp:view-warmed');
}
