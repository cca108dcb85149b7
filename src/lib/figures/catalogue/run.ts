// Working figures out: the distinct queries of a set of figures, and their views from the rows.
import type { Sql } from '../../db/sql.ts';
import type { Row } from '../../db/types.ts';
import type { FigureView } from '../figure.ts';
import type { AnyFigure, FigureInput } from './types.ts';

/** A query's identity: two figures asking for the same SQL and parameters share one run. */
export const queryKey = (q: Sql) => `${q.text}\u0000${JSON.stringify(q.params)}`;

/** Each figure's queries by name, and the distinct queries among them (each to run once). */
export function figureQueries(figures: AnyFigure[], input: FigureInput) {
	const byFigure = new Map<string, Record<string, Sql | null>>();
	const distinct = new Map<string, Sql>();
	for (const f of figures) {
		const queries = f.queries(input) as Record<string, Sql | null>;
		byFigure.set(f.id, queries);
		for (const q of Object.values(queries)) if (q) distinct.set(queryKey(q), q);
	}
	return { byFigure, distinct };
}

/** Rows of each distinct query, by its key. */
export type ResultsByKey = Map<string, Row[]>;

/** Each figure's view from the rows of its queries (null: nothing to show). */
export function figureViews(
	figures: AnyFigure[],
	queries: Map<string, Record<string, Sql | null>>,
	results: ResultsByKey,
	input: FigureInput
): Record<string, FigureView | null> {
	const views: Record<string, FigureView | null> = {};
	for (const f of figures) {
		const named = queries.get(f.id) ?? {};
		const rows = Object.fromEntries(
			Object.entries(named).map(([name, q]) => [name, q ? (results.get(queryKey(q)) ?? []) : []])
		);
		views[f.id] = f.view(rows, input);
	}
	return views;
}

/**
 * `figureViews`, keeping each view: asked again for the same figure, queries (the SQL is the rows'
 * identity within one dataset) and input, in the same dataset `version`, it returns the view it
 * worked out before instead of working it out again. Going back to a view on Compare at 100k took
 * about 250 ms of the page's thread, most of it every unit's statistics. Holds at most 300 views.
 */
export function createViewKeeper() {
	const kept = new Map<string, FigureView | null>();
	let keptVersion: number | undefined;
	return function keptViews(
		version: number,
		figures: AnyFigure[],
		queries: Map<string, Record<string, Sql | null>>,
		results: ResultsByKey,
		input: FigureInput
	): Record<string, FigureView | null> {
		if (keptVersion !== version) {
			kept.clear();
			keptVersion = version;
		}
		const inputKey = JSON.stringify(input);
		const out: Record<string, FigureView | null> = {};
		for (const f of figures) {
			const named = Object.values(queries.get(f.id) ?? {});
			const key = [f.id, inputKey, ...named.map((q) => (q ? queryKey(q) : ''))].join('\u0001');
			let view = kept.get(key);
			if (view === undefined) {
				view = figureViews([f], queries, results, input)[f.id];
				if (kept.size >= 300) kept.clear();
				kept.set(key, view);
			}
			out[f.id] = view;
		}
		return out;
	};
}

/** Run figures' queries with `run` (each distinct query once) and work out their views. */
export async function runFigures(
	run: (q: Sql) => Promise<Row[]>,
	figures: AnyFigure[],
	input: FigureInput
): Promise<Record<string, FigureView | null>> {
	const { byFigure, distinct } = figureQueries(figures, input);
	const results: ResultsByKey = new Map();
	for (const [key, q] of distinct) results.set(key, await run(q));
	return figureViews(figures, byFigure, results, input);
}

/** A figure's view among a page's views, typed as the figure defines it. */
export function viewOf<V extends FigureView>(
	views: Record<string, FigureView | null>,
	figure: { id: string; view: (...args: never[]) => V | null }
): V | null {
	// Views are stored by id; the one under this figure's id was made by this figure's view().
	return (views[figure.id] as V | undefined) ?? null;
}
