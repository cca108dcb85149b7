// The notebooks' one door to the project: the same input (import, or an export), the same
// catalogue figures, metric SQL, statistics and Plot charts as the app and `sp-impact`, run
// under Deno's Jupyter kernel on native DuckDB. Nothing here computes a figure of its own.
import { parseHTML } from 'linkedom';
import { createNodeDb } from '../../src/lib/db/node.ts';
import type { Sql } from '../../src/lib/db/sql.ts';
import type { Db, Row } from '../../src/lib/db/types.ts';
import { loadInput, type LoadedInput } from '../../src/lib/cli/input.ts';
import { asOfDate, cliViews } from '../../src/lib/cli/figures.ts';
import type { ViewSettings } from '../../src/lib/figures/catalogue/settings.ts';
import { tableText, type FigureView } from '../../src/lib/figures/figure.ts';
import { plain, publication } from '../../src/lib/figures/presenter.ts';
import { makeFilters, type Filters } from '../../src/lib/metrics/filters.ts';
import { drawChart } from '../../src/lib/report/charts.ts';

const root = new URL('../../', import.meta.url).pathname;
const sample = (path: string) => `${root}data-samples/${path}`;

/**
 * The synthetic sample, when SP_IMPACT_FILES names no files: the four canonical tables, or the
 * same referrals shaped as two case systems export them (with their planted defects).
 */
export const sampleFiles = {
	canonical: ['referrals', 'outcomes', 'onward-referrals', 'practices'].map((t) =>
		sample(`canonical/synthetic-${t}.csv`)
	),
	exports: ['synthetic-casebook-export.csv', 'synthetic-spreadsheet-export.xlsx'].map((f) =>
		sample(`exports/${f}`)
	)
};

/** The files named in SP_IMPACT_FILES (space-separated), or the synthetic sample. */
export function notebookFiles(fallback: keyof typeof sampleFiles = 'canonical'): string[] {
	const named = (Deno.env.get('SP_IMPACT_FILES') ?? '').split(/\s+/).filter(Boolean);
	return named.length ? named : sampleFiles[fallback];
}

// Paths as the notebook prints them: inside the project, relative to it.
const shown = (path: string) => (path.startsWith(root) ? path.slice(root.length) : path);

type Displayable = { [key: symbol]: () => Record<string, string> };
const display = (html: string, text: string): Displayable => ({
	[Symbol.for('Jupyter.display')]: () => ({ 'text/html': html, 'text/plain': text })
});
const escape = (s: string) =>
	s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A figure's table as HTML, its cells as the pages and CSV downloads show them. */
export function tableHtml(columns: string[], rows: unknown[][]): string {
	const head = columns.map((c) => `<th>${escape(c)}</th>`).join('');
	const body = rows
		.map((r) => `<tr>${r.map((v) => `<td>${escape(String(v ?? ''))}</td>`).join('')}</tr>`)
		.join('');
	return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

/** An open notebook session: the data loaded once, figures worked out on demand. */
export interface Notebook {
	/** The database, for the import report's own functions (src/lib/ingest/report.ts). */
	db: Db;
	files: string[];
	loaded: LoadedInput;
	asOf: string;
	publication: boolean;
	/** Catalogue figures' views under these settings (and filters). */
	views(
		ids: string[],
		settings?: Partial<ViewSettings>,
		filters?: Filters
	): Promise<Record<string, FigureView | null>>;
	/** Run a metric query (from src/lib/metrics) and return its rows. */
	query<R extends Row>(q: Sql<R>): Promise<R[]>;
	/** Show a figure as a card: title, reading, n, caveat, the chart, then the table. */
	show(id: string, settings?: Partial<ViewSettings>): Promise<Displayable>;
	/** Print a number under the key `sp-impact` prints it, so the tests can check it. */
	check(command: string, path: string, value: unknown): void;
	close(): Promise<void>;
}

/** Load the files (or an export) as `sp-impact` does, and open a session over them. */
export async function openNotebook(
	options: { publication?: boolean; sample?: keyof typeof sampleFiles } = {}
): Promise<Notebook> {
	const files = notebookFiles(options.sample);
	const db = await createNodeDb();
	const loaded = await loadInput(db, { files });
	if ('error' in loaded) {
		await db.close();
		throw new Error(loaded.error.message);
	}
	const asOf = await asOfDate(db);
	// The tests read this line to run `sp-impact` on the same files.
	console.log(`Files: ${JSON.stringify(files.map(shown))}`);
	const { report } = loaded.value;
	console.log(
		`Read ${report.rows_read} rows (${report.rows_loaded} loaded, ${report.rows_rejected} rejected); figures as of ${asOf}${options.publication ? ', in publication mode' : ''}.`
	);
	const on = options.publication ?? false;
	const { document } = parseHTML('<!doctype html><html><body></body></html>');
	const nb: Notebook = {
		db,
		files,
		loaded: loaded.value,
		asOf,
		publication: on,
		async views(ids, settings = {}, filters = makeFilters()) {
			return (await cliViews(db, ids, filters, asOf, on ? publication : plain, settings)).views;
		},
		query: (q) => db.query(q.text, q.params),
		async show(id, settings = {}) {
			const filters = makeFilters();
			const { views, input } = await cliViews(
				db,
				[id],
				filters,
				asOf,
				on ? publication : plain,
				settings
			);
			const view = views[id];
			if (!view)
				return display(
					`<p><em>${escape(id)}: nothing to show in this view.</em></p>`,
					`${id}: nothing to show`
				);
			const chart = drawChart(id, view, input, document as unknown as Document);
			const { columns, rows } = tableText(view);
			const caveat = view.caveat ? `<p><em>${escape(view.caveat)}</em></p>` : '';
			const html = `<section><h3>${escape(view.title)}</h3><p>${escape(view.sentence)}</p><p>n: ${escape(view.n)}</p>${caveat}${chart?.html ?? ''}${tableHtml(columns, rows)}</section>`;
			return display(html, `${view.title}\n${view.sentence}\nn: ${view.n}`);
		},
		check(command, path, value) {
			console.log(`${command} → ${path} = ${JSON.stringify(value)}`);
		},
		close: () => db.close()
	};
	return nb;
}
