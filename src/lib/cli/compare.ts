// `sp-impact compare`: the Compare page's figures as JSON, read from the same catalogue views.
import type { Db } from '../db/types.ts';
import {
	compareFunnels,
	compareRuns,
	funnelKey,
	runKey,
	unitsFigure
} from '../figures/catalogue/compare.ts';
import { viewOf } from '../figures/catalogue/run.ts';
import type { FigureView } from '../figures/figure.ts';
import type { ViewSettings } from '../figures/catalogue/settings.ts';
import type { Presenter } from '../figures/presenter.ts';
import type { Filters } from '../metrics/filters.ts';
import { cliViews } from './figures.ts';

/** The JSON `sp-impact compare` prints; every key is documented in the README. */
export async function compareJson(
	db: Db,
	filters: Filters,
	asOf: string,
	p: Presenter,
	settings: Partial<ViewSettings>
) {
	const figures = [...compareFunnels, ...compareRuns, unitsFigure];
	const { views, input } = await cliViews(
		db,
		figures.map((f) => f.id),
		filters,
		asOf,
		p,
		settings
	);
	// Every compare figure's view carries its CLI keys.
	const keyed = (list: { id: string }[], key: (id: string) => string) =>
		Object.fromEntries(
			list.flatMap((f) => {
				const view = views[f.id] as (FigureView & { keys: unknown }) | null;
				return view ? [[key(f.id), view.keys]] : [];
			})
		);
	return {
		as_of: asOf,
		by: input.settings.by,
		funnels: keyed(compareFunnels, funnelKey),
		spc: keyed(compareRuns, runKey),
		units: viewOf(views, unitsFigure)?.keys ?? [],
		...(input.publication ? { publication: true as const } : {})
	};
}
