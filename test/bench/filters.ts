import { mkdirSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { createNodeDb } from '../../src/lib/db/node.ts';
import { createWasmNodeDb } from '../db/wasm-node-db.ts';
import { ensureChromium, openBrowser } from '../e2e/chromium.ts';
import { serveBuild } from '../e2e/server.ts';
import { filterSteps } from './filter-steps.ts';
import { browserSteps, type BrowserStep } from './filters-browser.ts';
import { engineSteps, importFile, type EngineStep } from './filters-engine.ts';
import { ensureSample, median } from './stats.ts';

/** The target: a filter change to every Reach figure redrawn, at 1M rows. */
const targetMs = 200;
const r = (ms: number) => Math.round(ms);
const spread = (xs: number[]) => ({ min: r(Math.min(...xs)), max: r(Math.max(...xs)) });

/**
 * Filter changes on the Reach page: the browser (from the change to every chart painted) and
 * the same queries in duckdb-wasm in Node and native DuckDB, in turn, `runs` times.
 */
export async function filtersBench(page: Page, appUrl: string, path: string, runs: number) {
	const native = await createNodeDb();
	const wasm = await createWasmNodeDb();
	try {
		const imports = { native: await importFile(native, path), wasm: await importFile(wasm, path) };
		const steps = await filterSteps(native);
		const fresh = steps.filter((s) => !s.repeat);
		if (fresh.length !== 20) throw new Error(`${fresh.length} distinct views, not 20`);
		const all = { browser: [] as BrowserStep[][], wasm: [] as EngineStep[][], native: [] as EngineStep[][] };
		for (let i = 0; i < runs; i++) {
			all.native.push(await engineSteps(native, steps));
			all.wasm.push(await engineSteps(wasm, steps));
			all.browser.push((await browserSteps(page, appUrl, path, steps)).steps);
			steps.forEach((s, j) => {
				const counts = [all.browser[i][j].referrals, all.wasm[i][j].referrals, all.native[i][j].referrals];
				if (new Set(counts).size > 1) throw new Error(`${s.label}: referrals ${counts.join(' ≠ ')}`);
			});
			const m = (k: keyof typeof all) => r(median(all[k][i].filter((_, j) => !steps[j].repeat).map((x) => x.ms)));
			console.log(`filters run ${i + 1}: browser ${m('browser')} ms, wasm ${m('wasm')} ms, native ${m('native')} ms (medians of 20)`);
		}
		// Per run, the median over the 20 distinct changes; then the median of those.
		const fresh_ = (k: keyof typeof all, i: number) => all[k][i].filter((_, j) => !steps[j].repeat).map((x) => x.ms);
		const runMedians = (k: keyof typeof all) => all[k].map((_, i) => median(fresh_(k, i)));
		const summary = (k: keyof typeof all) => ({
			median_ms: r(median(runMedians(k))),
			run_medians_ms: runMedians(k).map(r),
			changes_ms: spread(all[k].flatMap((_, i) => fresh_(k, i)))
		});
		const perStep = steps.map((s, j) => {
			const at = <T>(k: keyof typeof all, f: (x: BrowserStep & EngineStep) => T) =>
				all[k].map((run) => f(run[j] as BrowserStep & EngineStep));
			return {
				change: s.label,
				view: s.search ? `?${s.search}` : '(no filters)',
				repeat: s.repeat,
				referrals: all.native[0][j].referrals,
				browser_ms: r(median(at('browser', (x) => x.ms))),
				browser_runs_ms: at('browser', (x) => r(x.ms)),
				to_changed_ms: r(median(at('browser', (x) => x.changed))),
				to_figures_drawn_ms: r(median(at('browser', (x) => x.drawn))),
				wasm_ms: r(median(at('wasm', (x) => x.ms))),
				native_ms: r(median(at('native', (x) => x.ms))),
				cached_queries: all.native[0][j].cached
			};
		});
		// Which queries take the time: each query's median over the 20 changes and the runs.
		const keys = Object.keys(all.wasm[0][0].queries);
		const queryMs = (k: 'wasm' | 'native') =>
			Object.fromEntries(
				keys
					.map((q) => [q, median(all[k].flatMap((run) => run.filter((_, j) => !steps[j].repeat).map((x) => x.queries[q] ?? 0)))])
					.sort((a, b) => Number(b[1]) - Number(a[1]))
					.map(([q, ms]) => [q, +Number(ms).toFixed(1)])
			);
		const b = summary('browser');
		const w = summary('wasm');
		const n = summary('native');
		const repeated = (k: keyof typeof all) => r(median(all[k].flatMap((run) => run.filter((_, j) => steps[j].repeat).map((x) => x.ms))));
		return {
			runs,
			target_ms: targetMs,
			met: b.median_ms < targetMs,
			browser: b,
			wasm_node: w,
			native: n,
			browser_vs_wasm: +(b.median_ms / w.median_ms).toFixed(2),
			browser_vs_native: +(b.median_ms / n.median_ms).toFixed(2),
			repeated_view_ms: { browser: repeated('browser'), wasm_node: repeated('wasm'), native: repeated('native') },
			engine_import_ms: { wasm_node: r(imports.wasm), native: r(imports.native) },
			query_ms: { wasm_node: queryMs('wasm'), native: queryMs('native') },
			steps: perStep
		};
	} finally {
		wasm.close();
		await native.close();
	}
}

// npx tsx test/bench/filters.ts [--rows 1M|100k] [--runs 3]: this part of `npm run bench` alone
// (on the last `vite build`).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const arg = (name: string, fallback: string) => {
		const i = process.argv.indexOf(`--${name}`);
		return i > 0 ? process.argv[i + 1] : fallback;
	};
	const label = arg('rows', '1M');
	const path = ensureSample(label);
	ensureChromium();
	const { url, server } = await serveBuild();
	const browser = await openBrowser(url);
	let result;
	try {
		result = await filtersBench(browser.page, url, path, Number(arg('runs', '3')));
	} finally {
		await browser.close();
		server.close();
	}
	if (browser.foreign.length) throw new Error(`requests left the machine: ${browser.foreign.join(', ')}`);
	mkdirSync('test/bench/out', { recursive: true });
	writeFileSync(`test/bench/out/filters-${label}.json`, JSON.stringify(result, null, 2));
	console.table(result.steps);
	console.log(JSON.stringify({ ...result, steps: undefined }, null, 2));
}
