import { mkdirSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { createNodeDb } from '../../src/lib/db/node.ts';
import { createWasmNodeDb } from '../db/wasm-node-db.ts';
import { ensureChromium, openBrowser } from '../e2e/chromium.ts';
import { serveBuild } from '../e2e/server.ts';
import { filterSteps, type Step } from './filter-steps.ts';
import { browserSteps, type BrowserStep } from './filters-browser.ts';
import { engineSteps, importFile, type EngineStep } from './filters-engine.ts';
import { pageNamed, type PageName } from './page-queries.ts';
import { ensureSample, median, p95 } from './stats.ts';

/** Issue 13's target: from a filter change to every figure of the page redrawn, at 1M rows (set for Reach). */
const targetMs = 100;
const r = (ms: number) => Math.round(ms);
type Runs = { browser: BrowserStep[][]; wasm: EngineStep[][]; native: EngineStep[][] };
type Way = keyof Runs;
type Of<W extends Way> = Runs[W][number][number];

/** Each run's steps reduced by `f`, over the 20 new views (or the repeated ones). */
const over = <W extends Way, T>(
	runs: Runs,
	way: W,
	steps: Step[],
	f: (x: Of<W>) => T,
	repeat = false
) => (runs[way] as Of<W>[][]).map((run) => run.filter((_, j) => steps[j].repeat === repeat).map(f));

/** Medians of several values each (query or chart), sorted slowest first. */
function medians(rows: Record<string, number>[]) {
	const keys = [...new Set(rows.flatMap((x) => Object.keys(x)))];
	const out = keys.map((k) => [k, +median(rows.map((x) => x[k] ?? 0)).toFixed(1)] as const);
	return Object.fromEntries(out.sort((a, b) => b[1] - a[1]));
}

/** Where a change's time went in the browser (ms): see BrowserStep. */
function split(x: BrowserStep) {
	const charts = x.charts.reduce((sum, [, ms]) => sum + ms, 0);
	return {
		to_changed: x.changed,
		queries: x.answered - x.changed,
		in_worker: x.inWorker,
		update: x.updated - x.answered,
		charts,
		paint: x.ms - x.updated - charts
	};
}

function summarise(pageName: PageName, steps: Step[], runs: Runs) {
	const way = (w: Way) => {
		const perRun = over(runs, w, steps, (x) => x.ms);
		const all = perRun.flat();
		return {
			median_ms: r(median(perRun.map(median))),
			p95_ms: r(p95(all)),
			run_medians_ms: perRun.map((xs) => r(median(xs))),
			changes_ms: { min: r(Math.min(...all)), max: r(Math.max(...all)) },
			repeated_view_ms: r(median(over(runs, w, steps, (x) => x.ms, true).flat()))
		};
	};
	const [browser, wasm, native] = [way('browser'), way('wasm'), way('native')];
	const at = <W extends Way>(w: W, j: number) => (runs[w] as Of<W>[][]).map((run) => run[j]);
	const med = (xs: number[]) => r(median(xs));
	return {
		page: pageName,
		runs: runs.browser.length,
		target_ms: targetMs,
		met: browser.median_ms <= targetMs && browser.p95_ms <= 150,
		browser,
		wasm_node: wasm,
		native,
		browser_vs_wasm: +(browser.median_ms / wasm.median_ms).toFixed(2),
		browser_vs_native: +(browser.median_ms / native.median_ms).toFixed(2),
		browser_split_ms: {
			new_view: medians(over(runs, 'browser', steps, split).flat()),
			repeated_view: medians(over(runs, 'browser', steps, split, true).flat())
		},
		chart_ms: medians(over(runs, 'browser', steps, (x) => Object.fromEntries(x.charts)).flat()),
		query_ms: {
			wasm_node: medians(over(runs, 'wasm', steps, (x) => x.queries).flat()),
			native: medians(over(runs, 'native', steps, (x) => x.queries).flat())
		},
		steps: steps.map((s, j) => {
			const b = at('browser', j);
			const part = (k: keyof ReturnType<typeof split>) => med(b.map((x) => split(x)[k]));
			return {
				change: s.label,
				view: s.search ? `?${decodeURIComponent(s.search.replace(/\+/g, ' '))}` : '(none)',
				repeat: s.repeat,
				referrals: runs.native[0][j].referrals,
				browser: med(b.map((x) => x.ms)),
				each_run: b.map((x) => r(x.ms)).join(' '),
				to_changed: part('to_changed'),
				queries: part('queries'),
				in_worker: part('in_worker'),
				update: part('update'),
				charts: part('charts'),
				paint: part('paint'),
				early_charts: Math.max(...b.map((x) => x.early)),
				wasm: med(at('wasm', j).map((x) => x.ms)),
				native: med(at('native', j).map((x) => x.ms)),
				cached: runs.native[0][j].cached
			};
		})
	};
}

/**
 * Filter changes on a page of figures (Reach unless named), `runs` times: in the browser, from
 * the change to every chart on screen; then the same queries in duckdb-wasm in Node and in
 * native DuckDB.
 */
export async function filtersBench(
	page: Page,
	appUrl: string,
	path: string,
	runs: number,
	pageName: PageName = 'reach'
) {
	const native = await createNodeDb();
	const wasm = await createWasmNodeDb();
	try {
		await importFile(native, path);
		await importFile(wasm, path);
		const steps = await filterSteps(native);
		const out: Runs = { browser: [], wasm: [], native: [] };
		for (let i = 0; i < runs; i++) {
			// Interleaved, so the machine's noise falls on all three alike.
			out.native.push(await engineSteps(native, steps, pageName));
			out.wasm.push(await engineSteps(wasm, steps, pageName));
			out.browser.push((await browserSteps(page, appUrl, path, steps, pageName)).steps);
			steps.forEach((s, j) => {
				const n = [out.browser, out.wasm, out.native].map((w) => w[i][j].referrals);
				if (new Set(n).size > 1) throw new Error(`${s.label}: referrals ${n.join(' ≠ ')}`);
			});
			const m = (w: Way) => r(median(over(out, w, steps, (x) => x.ms)[i]));
			console.log(
				`${pageName} filters run ${i + 1}: median change browser ${m('browser')} ms, wasm ${m('wasm')} ms, native ${m('native')} ms`
			);
		}
		return summarise(pageName, steps, out);
	} finally {
		wasm.close();
		await native.close();
	}
}

// npx tsx test/bench/filters.ts [--rows 1M|100k] [--runs 3] [--page reach|referrals|outcomes|journeys|compare]:
// this part alone, on the last build.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const arg = (name: string, fallback: string) => {
		const i = process.argv.indexOf(`--${name}`);
		return i > 0 ? process.argv[i + 1] : fallback;
	};
	const rows = arg('rows', '1M');
	const path = ensureSample(rows);
	ensureChromium();
	const { url, server } = await serveBuild();
	const browser = await openBrowser(url);
	try {
		const pageName = pageNamed(arg('page', 'reach'));
		const result = await filtersBench(browser.page, url, path, Number(arg('runs', '3')), pageName);
		if (browser.foreign.length) throw new Error(`requests left: ${browser.foreign.join(', ')}`);
		mkdirSync('test/bench/out', { recursive: true });
		const name = pageName === 'reach' ? rows : `${pageName}-${rows}`;
		writeFileSync(`test/bench/out/filters-${name}.json`, JSON.stringify(result, null, 2));
		console.table(result.steps);
		console.log(JSON.stringify({ ...result, steps: undefined }, null, 2));
	} finally {
		await browser.close();
		server.close();
	}
}
