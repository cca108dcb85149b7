// npx tsx test/bench/outcome-journey-pages.ts [--rows 1M|100k] [--runs 3]
// The Outcomes and Journeys pages' queries at scale, in duckdb-wasm (the browser's engine, here
// in Node) and native DuckDB, interleaved, with the TypeScript statistics they feed. The large
// files have no outcome scores, so two measures are added in SQL: a baseline for 70% of
// referrals, a follow-up for 40% (about 2.2M scores at 1M referrals).
import { pathToFileURL } from 'node:url';
import { measureOf } from '../../src/lib/contract/measures.ts';
import { createNodeDb } from '../../src/lib/db/node.ts';
import { pairsTableSql } from '../../src/lib/ingest/pairs-sql.ts';
import type { Sql } from '../../src/lib/db/sql.ts';
import type { Db, Row } from '../../src/lib/db/types.ts';
import { makeFilters, noFilters, type Filters } from '../../src/lib/metrics/filters.ts';
import { journeysQueries, outcomesQueries, type PageSetup } from '../../src/lib/metrics/pages.ts';
import { filterOptions, latestDate } from '../../src/lib/metrics/reach.ts';
import { run, type Results } from '../../src/lib/metrics/run.ts';
import { kaplanMeier, survivalQuantile } from '../../src/lib/stats/kaplan-meier.ts';
import { measureStatistics } from '../../src/lib/stats/outcomes.ts';
import { createWasmNodeDb } from '../db/wasm-node-db.ts';
import { importFile } from './filters-engine.ts';

const scoresSql = `INSERT INTO outcomes (referral_id, measure, timepoint, assessed_on, score, measure_key, value, _file, _row)
SELECT r.referral_id, m.label, t.tp, NULL, s, m.key, s, 'synthetic', r._row FROM referrals r,
  (VALUES ('WEMWBS', 'wemwbs', 14, 57), ('UCLA-3', 'ucla3', 3, 7)) m(label, key, lo, span),
  (VALUES ('baseline'), ('followup')) t(tp),
  LATERAL (SELECT (m.lo + hash(r.referral_id, m.key, t.tp) % m.span)::DOUBLE AS s)
WHERE hash(r.referral_id, m.key) % 10 < CASE t.tp WHEN 'baseline' THEN 7 ELSE 4 END`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const r = (x: number) => Math.round(x);

async function setupOf(db: Db): Promise<PageSetup> {
	const [o] = await run(db, filterOptions());
	const [{ as_of }] = await run(db, latestDate());
	return {
		asOf: String(as_of),
		firstReferral: String(o.first_referral),
		practicesWithListSize: Number(o.practices_with_list_size)
	};
}

// Queries one after another, as the page runs them, each timed into `times`.
async function timeQueries<Q extends Record<string, Sql | null>>(
	db: Db,
	queries: Q,
	times: Record<string, number>
): Promise<Results<Q>> {
	const results: Record<string, Row[]> = {};
	for (const [key, q] of Object.entries(queries)) {
		if (!q) continue;
		const t0 = performance.now();
		results[key] = await run<Row>(db, q);
		times[key] = performance.now() - t0;
	}
	// Each key holds the rows of its own query (a query not run is never read below).
	return results as Results<Q>;
}

// One page's queries, then its statistics.
async function timePage(db: Db, page: 'outcomes' | 'journeys', filters: Filters, s: PageSetup) {
	const times: Record<string, number> = {};
	let statistics: () => void;
	if (page === 'outcomes') {
		const { cells } = await timeQueries(db, outcomesQueries(filters, s), times);
		statistics = () => {
			for (const key of ['wemwbs', 'ucla3']) measureStatistics(measureOf(key)!, cells);
		};
	} else {
		const { discharge } = await timeQueries(db, journeysQueries(filters, s, 'service'), times);
		statistics = () => {
			const curve = kaplanMeier(
				discharge.map((x) => ({ time: x.days, events: x.events, censored: x.censored }))
			);
			survivalQuantile(curve, 0.5);
		};
	}
	const total = Object.values(times).reduce((a, b) => a + b, 0);
	const t0 = performance.now();
	statistics();
	times.statistics_ts = performance.now() - t0;
	return { total, times };
}

async function main(rows: string, runs: number) {
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
	const s = await setupOf(engines.native);
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
			for (const page of ['outcomes', 'journeys'] as const) {
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
	await main(arg('rows', '1M'), Number(arg('runs', '3')));
}
