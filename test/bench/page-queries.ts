import { asOfDate, figureSetup } from '../../src/lib/cli/figures.ts';
import type { Sql } from '../../src/lib/db/sql.ts';
import type { Db, Row } from '../../src/lib/db/types.ts';
import {
	figure,
	figureInput,
	layoutQueries,
	pages,
	type Layout
} from '../../src/lib/figures/catalogue/index.ts';
import { queryKey } from '../../src/lib/figures/catalogue/run.ts';
import { headQuery } from '../../src/lib/figures/catalogue/shared.ts';
import type { FigureInput, FigureSetup } from '../../src/lib/figures/catalogue/types.ts';
import { previousPeriod, type Filters } from '../../src/lib/metrics/filters.ts';
import { totals } from '../../src/lib/metrics/reach.ts';
import { run } from '../../src/lib/metrics/run.ts';

/** A page of figures the benchmarks time. */
export type PageName = keyof typeof pages;

/** Every page of figures, in the site's order. */
export const allPages = Object.keys(pages) as PageName[];

/** A page named on the command line, or a message listing the pages there are. */
export function pageNamed(name: string): PageName {
	if (Object.hasOwn(pages, name)) return name as PageName;
	throw new Error(`no page of figures named ${name}: one of ${allPages.join(', ')}`);
}

/** What the pages know about a loaded database besides the filters, at its latest date. */
export async function benchSetup(db: Db): Promise<FigureSetup> {
	return figureSetup(db, await asOfDate(db));
}

/**
 * The queries a page runs for one view, in its order and each once (src/routes/PageFrame.svelte):
 * the frame's `head` and, for a period other than all dates, `previous`; then the distinct
 * queries of the layout's figures, each named `<figure id>.<query name>` after the first figure
 * that asks for it.
 */
export function pageQueries(layout: Layout, input: FigureInput): Map<string, Sql> {
	const { filters, setup } = input;
	const before = previousPeriod(filters.period, { from: setup.firstReferral, to: setup.asOf });
	const names = new Map<string, string>();
	const name = (q: Sql | null, as: string) => {
		if (q && !names.has(queryKey(q))) names.set(queryKey(q), as);
	};
	const frame = {
		head: headQuery(input),
		previous: before ? totals({ ...filters, period: before }) : null
	};
	for (const [as, q] of Object.entries(frame)) name(q, as);
	for (const { id } of layout) {
		const queries = figure(id).queries(input) as Record<string, Sql | null>;
		for (const [as, q] of Object.entries(queries)) name(q, `${id}.${as}`);
	}
	const out = new Map<string, Sql>();
	for (const q of [frame.head, frame.previous, ...layoutQueries(layout, input).values()]) {
		if (!q) continue;
		const as = names.get(queryKey(q));
		if (!as) throw new Error(`unnamed query: ${q.text.slice(0, 60)}`);
		out.set(as, q);
	}
	return out;
}

/** The queries the Reach page runs when it opens, one after another as the page runs them. */
export async function reachPageQueries(db: Db, filters: Filters) {
	const input = figureInput(filters, await benchSetup(db));
	let referrals = 0;
	for (const [as, q] of pageQueries(pages.reach, input)) {
		const rows = await run<Row>(db, q);
		if (as === 'head') referrals = Number(rows[0].referrals);
	}
	return { referrals };
}
