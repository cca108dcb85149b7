// The command-line tool reads its figures from the catalogue, as the pages do: the same
// queries, the same published views. Each section of the summary maps views to its keys.
import type { Db } from '../db/types.ts';
import { catalogue, figure, figureInput } from '../figures/catalogue/index.ts';
import { runFigures } from '../figures/catalogue/run.ts';
import type { ViewSettings } from '../figures/catalogue/settings.ts';
import type { FigureInput, FigureSetup } from '../figures/catalogue/types.ts';
import { tableText, type FigureView } from '../figures/figure.ts';
import { publication as published, type Presenter, type Shown } from '../figures/presenter.ts';
import type { Filters } from '../metrics/filters.ts';
import { filterOptions, latestDate } from '../metrics/reach.ts';
import { run } from '../metrics/run.ts';

/** The as-of date asked for, or by default the latest date anywhere in the data. */
export async function asOfDate(db: Db, asked?: string): Promise<string> {
	return asked ?? String((await run(db, latestDate()))[0]?.as_of ?? '');
}

/** What the data says besides the filters, read once from the database. */
export async function figureSetup(db: Db, asOf: string): Promise<FigureSetup> {
	const [o] = await run(db, filterOptions());
	const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);
	return {
		asOf,
		firstReferral: o?.first_referral == null ? '' : String(o.first_referral),
		practicesWithListSize: Number(o?.practices_with_list_size ?? 0),
		values: { pcn: list(o?.pcn), practice: list(o?.practice), service: list(o?.service) }
	};
}

/** The views of the named catalogue figures, worked out on native DuckDB. */
export async function cliViews(
	db: Db,
	ids: string[],
	filters: Filters,
	asOf: string,
	p: Presenter,
	settings: Partial<ViewSettings> = {}
): Promise<{ views: Record<string, FigureView | null>; input: FigureInput }> {
	const input = figureInput(filters, await figureSetup(db, asOf), {
		settings,
		publication: p === published
	});
	const views = await runFigures((q) => run(db, q), ids.map(figure), input);
	return { views, input };
}

/** A published value as printed: null (suppressed) is `*` in publication mode. */
export function printed<T>(value: T | null, publication: boolean): T | '*' | null {
	return value === null ? (publication ? '*' : null) : value;
}

/** A view's rows as `{ key: value }`, suppressed values as `*`. */
export function keyedCells(
	view: FigureView | null,
	key: string,
	value: string,
	keep: (row: Record<string, unknown>) => boolean = () => true
): Record<string, Shown> {
	const rows = (view?.rows ?? []) as Record<string, unknown>[];
	return Object.fromEntries(
		rows.filter(keep).map((r) => [String(r[key]), r[value] === null ? '*' : (r[value] as number)])
	);
}

/**
 * Catalogue figures as the pages show them (`sp-impact figures`): title, sentence, n, caveat and
 * the table's cells as text; null for a figure with nothing to show in this view.
 */
export async function figuresJson(
	db: Db,
	filters: Filters,
	asOf: string,
	p: Presenter,
	settings: Partial<ViewSettings> = {},
	ids: string[] = Object.keys(catalogue)
) {
	const { views } = await cliViews(db, ids, filters, asOf, p, settings);
	return Object.fromEntries(
		ids.map((id) => {
			const v = views[id];
			const shown = v && {
				title: v.title,
				sentence: v.sentence,
				n: v.n,
				caveat: v.caveat ?? null,
				...tableText(v)
			};
			return [id, shown];
		})
	);
}
