// The figure catalogue's shape: a figure is data plus pure functions, defined once and laid out
// by the pages, the report, the command-line tool and the notebooks (see catalogue/index.ts).
import type { PlotOptions } from '@observablehq/plot';
import type { Sql } from '../../db/sql.ts';
import type { Filters } from '../../metrics/filters.ts';
import type { Results } from '../../metrics/run.ts';
import type { FigureView } from '../figure.ts';
import type { ViewSettings } from './settings.ts';

/** What the figures need to know about the loaded data besides the filters (read once per load). */
export interface FigureSetup {
	/** The as-of date (ISO): the user's setting, or the latest date in the data. */
	asOf: string;
	/** The first referral date (ISO), for open-ended periods and the previous period. */
	firstReferral: string;
	/** Practices in the practices file with a list size (rates need at least one). */
	practicesWithListSize: number;
	/** Every value of the organisation dimensions, so colours stay put under filters. */
	values: { pcn: string[]; practice: string[]; service: string[] };
}

/** Everything a figure is worked out from. */
export interface FigureInput {
	filters: Filters;
	setup: FigureSetup;
	settings: ViewSettings;
	/** Publication mode: the small-number rules of METHODS.md apply to every number shown. */
	publication: boolean;
}

/** The named queries a figure needs; null where one is not needed in this view. */
export type Queries = Record<string, Sql | null>;

/** What a click on a mark or a table row's button does: change the filters or a view setting. */
export type Action =
	| { kind: 'filters'; filters: Filters }
	| { kind: 'settings'; settings: Record<string, string | null> };

/** A note shown in a figure's place when it has nothing to draw. */
export interface EmptyNote {
	title: string;
	text: string;
	/** A link after the text: "the export format page". */
	link?: { href: string; text: string };
	/** Span both columns of the page's grid. */
	wide?: boolean;
	testid?: string;
}

/** A figure: its queries, its published view, its chart and what a click on it does. */
export interface FigureDef<Q extends Queries = Queries, V extends FigureView = FigureView> {
	/** Stable id: pages, the report, the CLI and links name the figure by it. */
	id: string;
	/** The queries, one per name; shared ones (the headline) run once per view. */
	queries(input: FigureInput): Q;
	/** The figure as shown, publication rules applied; null when it has nothing to show. */
	view(rows: Results<Q>, input: FigureInput): V | null;
	/** Plot options for the chart (none: a table-only figure). */
	chart?(view: V, input: FigureInput, width: number): PlotOptions;
	/** What a click on a mark, or a row's button in the table, does. */
	select?(row: Record<string, unknown>, input: FigureInput): Action;
	/** The label of the table rows' button ("Filter" by default; '' for no button in the table). */
	selectLabel?: string;
	/** The values of the dimension the figure filters on that are selected now. */
	selected?(input: FigureInput): string[];
	/** Shown instead of the figure when its view is null. */
	empty?(input: FigureInput): EmptyNote | null;
}

/** Define a figure, keeping its query and view types tied together. */
export function defineFigure<Q extends Queries, V extends FigureView>(
	def: FigureDef<Q, V>
): FigureDef<Q, V> {
	return def;
}

/** A figure of any queries and view, as lists of figures hold them. */
// The view's row type varies per figure; a list of figures can only name the common shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyFigure = FigureDef<any, any>;

/** Toggle a value of a filter (a click on a bar): on when off, off when on. */
export function toggled(
	filters: Filters,
	key: Exclude<keyof Filters, 'period'>,
	value: string
): Action {
	const values = filters[key];
	const next = values.includes(value) ? values.filter((v) => v !== value) : [...values, value];
	return { kind: 'filters', filters: { ...filters, [key]: next } };
}
