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
 * `figureViews`, keeping each view: asked again for the same figure and input with the very same
 * rows (the arrays the page's result cache holds, by identity), it returns the view it worked out
 * before instead of working it out again. Rows answered anew (another dataset, or a query run
 * again) are other arrays, so their views are worked out anew. Going back to a view on Compare
 * over all dates took 0.1 s of the page's thread at 100k and about 1 s at 1M. Holds at most 300
 * views.
 */
export function createViewKeeper() {
	const kept = new Map<string, FigureView | null>();
	const ids = new WeakMap<Row[], number>();
	let lastId = 0;
	const idOf = (rows: Row[]) => {
		let id = ids.get(rows);
		if (id === undefined) ids.set(rows, (id = ++lastId));
		return id;
	};
	return function keptViews(
		figures: AnyFigure[],
		queries: Map<string, Record<string, Sql | null>>,
		results: ResultsByKey,
		input: FigureInput
	): Record<string, FigureView | null> {
		// The setup's lists of values (thousands of practices at 1M) belong to the rows' dataset, so
		// the rows' identity stands for them: left out of the key, which would be long.
		const inputKey = JSON.stringify({ ...input, setup: { ...input.setup, values: null } });
		const out: Record<string, FigureView | null> = {};
		for (const f of figures) {
			const named = Object.values(queries.get(f.id) ?? {});
			const rows = named.map((q) => (q ? results.get(queryKey(q)) : undefined));
			// Kept only when every query's rows are to hand, and there is at least one: a view with
			// no rows (a figure without a query now) is cheap, and nothing ties it to a dataset.
			const known = rows.some(Boolean) && named.every((q, i) => !q || rows[i]);
			const key = `${f.id} ${rows.map((r) => (r ? idOf(r) : 0)).join(' ')} ${inputKey}`;
			let view = known ? kept.get(key) : undefined;
			if (view === undefined) {
				view = figureViews([f], queries, results, input)[f.id];
				if (kept.size >= 300) kept.clear();
				if (known) kept.set(key, view);
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
