// npx tsx test/bench/outcome-journey-pages.ts [--rows 1M|100k] [--runs 3] [--pages compare,...]
// The Outcomes, Journeys and Compare pages' queries at scale (the frame's and the catalogue layout's, as
// the pages run them), in duckdb-wasm (the browser's engine, here in Node) and native DuckDB,
// interleaved, with the figures' views they feed (the TypeScript statistics). The large
// files have no outcome scores, so two measures are added in SQL: a baseline for 70% of
// referrals, a follow-up for 40% (about 2.2M scores at 1M referrals).
import { pathToFileURL } from 'node:url';
import { createNodeDb } from '../../src/lib/db/node.ts';
import type { Db, Row } from '../../src/lib/db/types.ts';
import { figure, figureInput, pages } from '../../src/lib/figures/catalogue/index.ts';
import {
	figureQueries,
	figureViews,
	queryKey,
	type ResultsByKey
} from '../../src/lib/figures/catalogue/run.ts';
import type { FigureSetup } from '../../src/lib/figures/catalogue/types.ts';
import { pairsTableSql } from '../../src/lib/ingest/pairs-sql.ts';
import { makeFilters, noFilters, type Filters } from '../../src/lib/metrics/filters.ts';
import { run } from '../../src/lib/metrics/run.ts';
import { createWasmNodeDb } from '../db/wasm-node-db.ts';
import { importFile } from './filters-engine.ts';
import { benchSetup, pageQueries } from './page-queries.ts';

export const scoresSql = `INSERT INTO outcomes (referral_id, measure, timepoint, assessed_on, score, measure_key, value, _file, _row)
SELECT r.referral_id, m.label, t.tp, NULL, s, m.key, s, 'synthetic', r._row FROM referrals r,
  (VALUES ('WEMWBS', 'wemwbs', 14, 57), ('UCLA-3', 'ucla3', 3, 7)) m(label, key, lo, span),
  (VALUES ('baseline'), ('followup')) t(tp),
  LATERAL (SELECT (m.lo + hash(r.referral_id, m.key, t.tp) % m.span)::DOUBLE AS s)
WHERE hash(r.referral_id, m.key) % 10 < CASE t.tp WHEN 'baseline' THEN 7 ELSE 4 END`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const r = (x: number) => Math.round(x);

// One page's queries one after another, as the page runs them (see pageQueries), each timed
// under its name; then its figures' views, where the TypeScript statistics are worked out
// (Kaplan–Meier curves, the outcome measures' statistics, funnel limits and XmR), timed as
// `views_ts`. The Journeys page splits time to discharge by service, its costliest setting; the
// Compare page compares PCNs.
type Page = 'outcomes' | 'journeys' | 'compare';
async function timePage(db: Db, page: Page, filters: Filters, s: FigureSetup) {
	const settings =
		page === 'journeys'
			? { split: 'service' as const }
			: page === 'compare'
				? { by: 'pcn' as const }
				: {};
	const input = figureInput(filters, s, { settings });
	const times: Record<string, number> = {};
	const results: ResultsByKey = new Map();
	for (const [name, q] of pageQueries(pages[page], input)) {
		const t0 = performance.now();
		results.set(queryKey(q), await run<Row>(db, q));
		times[name] = performance.now() - t0;
	}
	const total = Object.values(times).reduce((a, b) => a + b, 0);
	const figures = pages[page].map(({ id }) => figure(id));
	const { byFigure } = figureQueries(figures, input);
	const t0 = performance.now();
	figureViews(figures, byFigure, results, input);
	times.views_ts = performance.now() - t0;
	return { total, times };
}

async function main(rows: string, runs: number, only: Page[]) {
	const path = `data-samples/generated/referrals-${rows}.csv`;
	const engines = { wasm: await createWasmNodeDb(), native: await createNodeDb() };
	for (const db of Object.values(engines)) {
		await importFile(db, path);
		await db.exec(scoresSql);
		const t0 = performance.now();
		await db.exec(pairsTableSql);
		console.log(`pairing at import: ${r(performance.now() - t0)} ms`);
	}
	const [{ n }] = await run(engines.native, {
		text: 'SELECT count(*)::INTEGER AS n FROM outcomes',
		params: []
	});
	console.log(`${rows} referrals, ${n} synthetic scores`);
	const s = await benchSetup(engines.native);
	const views: [string, Filters][] = [
		['all dates', noFilters],
		[
			'one PCN, 2024/25',
			makeFilters({ period: { kind: 'year', label: '2024/25' }, pcn: ['Riverside PCN 1'] })
		]
	];
	const out: Record<string, Record<string, number[]>> = {};
	for (let i = 0; i < runs; i++) {
		for (const [name, db] of Object.entries(engines)) {
			for (const page of only) {
				for (const [view, filters] of views) {
					const { total, times } = await timePage(db, page, filters, s);
					const key = `${name} ${page} (${view})`;
					out[key] ??= { total: [] };
					out[key].total.push(total);
					for (const [q, ms] of Object.entries(times)) (out[key][q] ??= []).push(ms);
				}
			}
		}
	}
	for (const [key, times] of Object.entries(out)) {
		const parts = Object.entries(times)
			.filter(([q]) => q !== 'total')
			.map(([q, ms]) => `${q} ${r(median(ms))}`)
			.join(', ');
		console.log(`${key}: median ${r(median(times.total))} ms over ${runs} runs [${parts}]`);
	}
	engines.wasm.close();
	await engines.native.close();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const arg = (name: string, fallback: string) => {
		const i = process.argv.indexOf(`--${name}`);
		return i === -1 ? fallback : process.argv[i + 1];
	};
	const only = arg('pages', 'outcomes,journeys,compare').split(',') as Page[];
	await main(arg('rows', '1M'), Number(arg('runs', '3')), only);
}
