// The figure catalogue: every figure the dashboard draws, defined once (its queries, its view
// with the publication rules applied, its chart and its click action), and the pages as lists of
// figure ids. Pages, the report, the command-line tool and the notebooks lay figures out from
// here; none of them rebuilds a figure. To add a figure, define it in its family's file and name
// its id in a page (or a report section, or a CLI key) below.
import { compareFunnels, compareRuns, unitsFigure } from './compare.ts';
import { journeysFigures } from './journeys.ts';
import { gpFigures, outcomeFigures } from './outcomes.ts';
import { headlineFigure, peopleByFigures, reachFigures } from './reach.ts';
import { referralsFigures, sourceLabelFigure } from './referrals.ts';
import { figureQueries } from './run.ts';
import { defaultSettings, type ViewSettings } from './settings.ts';
import type { AnyFigure, FigureInput, FigureSetup } from './types.ts';
import type { Filters } from '../../metrics/filters.ts';

const all: AnyFigure[] = [
	headlineFigure,
	...reachFigures,
	...peopleByFigures,
	...referralsFigures,
	sourceLabelFigure,
	...outcomeFigures,
	...gpFigures,
	...journeysFigures,
	...compareFunnels,
	...compareRuns,
	unitsFigure
];

/** Every figure, by its id. */
export const catalogue: Record<string, AnyFigure> = Object.fromEntries(all.map((f) => [f.id, f]));

for (const f of all) if (catalogue[f.id] !== f) throw new Error(`duplicate figure id: ${f.id}`);

/** The figure of an id; a programmer error when there is none. */
export function figure(id: string): AnyFigure {
	const f = catalogue[id];
	if (!f) throw new Error(`unknown figure: ${id}`);
	return f;
}

/** A page's layout: figure ids in order; `wide` ones span the page's two columns. */
export type Layout = { id: string; wide?: boolean }[];

/** The pages, each a list of figure ids and how wide each is drawn. */
export const pages = {
	reach: [
		{ id: 'referrals-by-month', wide: true },
		{ id: 'referrals-by-quarter', wide: true },
		{ id: 'referrals-by-pcn' },
		{ id: 'referrals-by-service' },
		{ id: 'referrals-by-practice', wide: true },
		{ id: 'referral-rate-by-practice' },
		{ id: 'referral-rate-by-pcn' },
		{ id: 'people-by-imd-decile' },
		{ id: 'people-by-ethnicity' },
		{ id: 'people-by-age-and-sex' },
		{ id: 'engagement-funnel' }
	],
	referrals: [
		{ id: 'referrals-by-source' },
		{ id: 'source-labels' },
		{ id: 'referral-sources-by-quarter', wide: true },
		{ id: 'referral-reasons' },
		{ id: 'referral-reason-pairs' },
		{ id: 'onward-by-category' },
		{ id: 'onward-by-organisation' },
		{ id: 'onward-kinds' },
		{ id: 'support-by-reason', wide: true }
	],
	outcomes: [
		{ id: 'outcome-summary', wide: true },
		{ id: 'outcome-change' },
		{ id: 'outcome-baseline-followup' },
		{ id: 'outcome-bands' },
		{ id: 'outcome-forest', wide: true },
		{ id: 'gp-appointments' },
		{ id: 'gp-appointment-change' }
	],
	journeys: [
		{ id: 'time-to-first-contact', wide: true },
		{ id: 'time-to-discharge', wide: true },
		{ id: 'episodes-left-out', wide: true },
		{ id: 'contacts-per-episode' },
		{ id: 're-referrals' },
		{ id: 'discharge-reasons' },
		{ id: 'discharge-reasons-by-service' },
		{ id: 'caseload-by-month', wide: true },
		{ id: 'caseload-per-link-worker', wide: true }
	],
	compare: [
		...compareFunnels.map((f) => ({ id: f.id })),
		...compareRuns.map((f) => ({ id: f.id, wide: true })),
		{ id: unitsFigure.id, wide: true }
	]
} satisfies Record<string, Layout>;

/** The input of figures: the filters and setup, with default settings unless given. */
export function figureInput(
	filters: Filters,
	setup: FigureSetup,
	options: { settings?: Partial<ViewSettings>; publication?: boolean } = {}
): FigureInput {
	return {
		filters,
		setup,
		settings: { ...defaultSettings, ...options.settings },
		publication: options.publication ?? false
	};
}

/** Every distinct query a layout's figures run (each once), by its key: what a page runs. */
export function layoutQueries(layout: Layout, input: FigureInput) {
	return figureQueries(
		layout.map(({ id }) => figure(id)),
		input
	).distinct;
}

export { defineFigure, type AnyFigure, type FigureDef, type FigureInput } from './types.ts';
