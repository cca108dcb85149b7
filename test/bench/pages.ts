// npx tsx test/bench/pages.ts [--rows 100k,1M] [--runs 1] [--pages reach,referrals,outcomes,journeys,compare]
// Issue 13's engine rows: for each page, the opening view (all dates) and 20 filter changes
// (test/bench/filter-steps.ts), each change timed as the sum of the page's queries as the page
// runs them (no result cache), in duckdb-wasm (the browser's engine, in Node) and native DuckDB,
// interleaved; median and p95 over the changes. Also the import, step by step (every statement
// timed by its first words), the engine floor (one pass over a million integers) and memory.
import { mkdirSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { createNodeDb } from '../../src/lib/db/node.ts';
import type { Db, Row } from '../../src/lib/db/types.ts';
import { figureInput, pages } from '../../src/lib/figures/catalogue/index.ts';
import { noFilters, type Filters } from '../../src/lib/metrics/filters.ts';
import { run } from '../../src/lib/metrics/run.ts';
import { createWasmNodeDb } from '../db/wasm-node-db.ts';
import { filterSteps } from './filter-steps.ts';
import { importFile } from './filters-engine.ts';
import { scoresSql } from './outcome-journey-pages.ts';
import { allPages, benchSetup, pageNamed, pageQueries, type PageName } from './page-queries.ts';
import { ensureSample, median, p95 } from './stats.ts';

const r = (x: number) => Math.round(x);

// Every statement's time, grouped by what it does (its first words, tables named).
function timed(db: Db, steps: Map<string, number>): Db {
	const label = (text: string) =>
		text
			.trim()
			.replace(/\s+/g, ' ')
			.match(
				/^(?:--[^\n]*\s)*((?:CREATE (?:OR REPLACE )?(?:TEMP )?(?:TABLE|TYPE|MACRO) \S+|INSERT INTO \S+|UPDATE \S+|DELETE FROM \S+|DROP \S+|ALTER TABLE \S+|SELECT))/i
			)?.[1]
			?.replace(/"/g, '') ?? text.slice(0, 30);
	const add = (text: string, ms: number) => {
		const k = label(text).replace(/_\d+\b/g, '_N');
		steps.set(k, (steps.get(k) ?? 0) + ms);
	};
	return {
		...db,
		engine: db.engine,
		async query<T extends Row = Row>(text: string, params?: unknown[]) {
			const t0 = performance.now();
			try {
				return await db.query<T>(text, params);
			} finally {
				add(text, performance.now() - t0);
			}
		},
		async exec(text: string) {
			const t0 = performance.now();
			try {
				await db.exec(text);
			} finally {
				add(text, performance.now() - t0);
			}
		},
		registerFile: db.registerFile.bind(db),
		registerBytes: db.registerBytes.bind(db),
		unregister: db.unregister.bind(db)
	};
}

const settingsOf = (page: PageName) =>
	page === 'compare' ? { by: 'pcn' as const } : ({} as Record<string, never>);

async function viewMs(
	db: Db,
	page: PageName,
	filters: Filters,
	setup: Awaited<ReturnType<typeof benchSetup>>
) {
	const input = figureInput(filters, setup, { settings: settingsOf(page) });
	const t0 = performance.now();
	const c0 = process.cpuUsage();
	for (const q of pageQueries(pages[page], input).values()) await run<Row>(db, q);
	const c = process.cpuUsage(c0);
	// Process CPU time as well as the clock: steadier on a shared machine.
	return { ms: performance.now() - t0, cpu: (c.user + c.system) / 1000 };
}

async function floorMs(db: Db) {
	await db.exec(
		'CREATE OR REPLACE TABLE bench_ints AS SELECT range::INTEGER AS i FROM range(1000000)'
	);
	const ms: number[] = [];
	for (let i = 0; i < 5; i++) {
		const t0 = performance.now();
		await db.query('SELECT sum(i) AS s FROM bench_ints WHERE i % 7 <> 3');
		ms.push(performance.now() - t0);
	}
	await db.exec('DROP TABLE bench_ints');
	return +median(ms).toFixed(1);
}

const mb = (n: number) => Math.round(n / 1048576);

/** The engine rows of one file size (see the top of this file). */
export async function pagesBench(rows: string, only: PageName[] = allPages) {
	const path = ensureSample(rows);
	const out: Record<string, unknown> = {};
	for (const engine of ['wasm', 'native'] as const) {
		const db = engine === 'wasm' ? await createWasmNodeDb() : await createNodeDb();
		try {
			const steps = new Map<string, number>();
			const importMs = await importFile(timed(db, steps), path);
			const memory = process.memoryUsage();
			await db.exec(scoresSql);
			await db.exec((await import('../../src/lib/ingest/pairs-sql.ts')).pairsTableSql);
			const setup = await benchSetup(db);
			const changes = (await filterSteps(db)).filter((s) => !s.repeat);
			const perPage: Record<string, unknown> = {};
			for (const page of only) {
				const opening = await viewMs(db, page, noFilters, setup);
				const views = [];
				for (const s of changes) views.push(await viewMs(db, page, s.filters, setup));
				const ms = views.map((v) => v.ms);
				const cpu = views.map((v) => v.cpu);
				perPage[page] = {
					opening_ms: r(opening.ms),
					change_median_ms: r(median(ms)),
					change_p95_ms: r(p95(ms)),
					opening_cpu_ms: r(opening.cpu),
					change_median_cpu_ms: r(median(cpu)),
					change_p95_cpu_ms: r(p95(cpu)),
					changes: ms.length
				};
				console.log(`${rows} ${engine} ${page}: ${JSON.stringify(perPage[page])}`);
			}
			const top = [...steps].sort((a, b) => b[1] - a[1]);
			out[engine] = {
				import_ms: r(importMs),
				import_steps_ms: Object.fromEntries(top.slice(0, 12).map(([k, v]) => [k, r(v)])),
				floor_pass_1M_ints_ms: await floorMs(db),
				memory_after_import_mb: {
					rss: mb(memory.rss),
					js_heap: mb(memory.heapUsed),
					external: mb(memory.external),
					array_buffers: mb(memory.arrayBuffers)
				},
				pages: perPage
			};
			console.log(`${rows} ${engine}: import ${r(importMs)} ms`);
		} finally {
			if ('close' in db) await db.close();
		}
	}
	return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const arg = (name: string, fallback: string) => {
		const i = process.argv.indexOf(`--${name}`);
		return i === -1 ? fallback : process.argv[i + 1];
	};
	const only = arg('pages', 'reach,referrals,outcomes,journeys,compare').split(',').map(pageNamed);
	const results: Record<string, unknown> = {};
	for (const rows of arg('rows', '100k,1M').split(','))
		results[rows] = await pagesBench(rows, only);
	mkdirSync('test/bench/out', { recursive: true });
	writeFileSync(`test/bench/out/pages-${arg('out', 'run')}.json`, JSON.stringify(results, null, 2));
	console.log(JSON.stringify(results, null, 2));
}
