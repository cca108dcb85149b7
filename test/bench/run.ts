import { mkdirSync, writeFileSync } from 'node:fs';
import { ensureChromium, openBrowser } from '../e2e/chromium.ts';
import { serveBuild } from '../e2e/server.ts';
import { bigBench } from './big.ts';
import { browserRun } from './browser.ts';
import { filtersBench } from './filters.ts';
import { nativeRun } from './native.ts';
import { allPages } from './page-queries.ts';
import { pagesBench } from './pages.ts';
import { plainJsRun } from './plain-js.ts';
import { ensureSample, median } from './stats.ts';

// npm run bench: import + overview figures at 100k and 1M rows, three ways, medians of several
// runs; then filter changes on the Reach page at 1M (test/bench/filters.ts, also run alone), and
// on every page of figures at 100k and 1M (the same, `--page`); then
// every page in the engines at 100k and 1M (test/bench/pages.ts, also run alone); last, 1M and
// 5M in the browser with memory (test/bench/big.ts, also run alone; a fresh browser each).
const sizes = [
	{ label: '100k', runs: 5 },
	{ label: '1M', runs: 3 }
];
type Timing = { import: number; query: number; referrals: number };
const summarise = (runs: Timing[]) => {
	const imp = median(runs.map((r) => r.import));
	const query = median(runs.map((r) => r.query));
	return {
		import_ms: Math.round(imp),
		query_ms: Math.round(query),
		total_ms: Math.round(median(runs.map((r) => r.import + r.query))),
		referrals: runs[0].referrals
	};
};

ensureChromium();
const { url, server } = await serveBuild();
const browser = await openBrowser(url);
const results: Record<string, unknown> = {};
try {
	for (const size of sizes) {
		const path = ensureSample(size.label);
		const runs = { browser: [] as Timing[], native: [] as Timing[], plain: [] as Timing[] };
		for (let i = 0; i < size.runs; i++) {
			// Interleaved, so the machine's noise falls on all three alike.
			runs.native.push(await nativeRun(path));
			runs.plain.push(await plainJsRun(path));
			runs.browser.push(await browserRun(browser.page, url, path));
			console.log(
				`${size.label} run ${i + 1}: browser ${Math.round(runs.browser[i].import + runs.browser[i].query)} ms, native ${Math.round(runs.native[i].import + runs.native[i].query)} ms, papaparse ${Math.round(runs.plain[i].import + runs.plain[i].query)} ms`
			);
		}
		const b = summarise(runs.browser);
		const n = summarise(runs.native);
		const p = summarise(runs.plain);
		results[size.label] = {
			runs: size.runs,
			browser: b,
			native: n,
			papaparse_js: p,
			browser_vs_native: +(b.total_ms / n.total_ms).toFixed(2),
			papaparse_vs_browser: +(p.total_ms / b.total_ms).toFixed(2)
		};
	}
	const { steps, ...filters } = await filtersBench(browser.page, url, ensureSample('1M'), 3);
	results['1M filter changes'] = filters;
	console.table(steps);
	mkdirSync('test/bench/out', { recursive: true });
	const save = () => writeFileSync('test/bench/out/results.json', JSON.stringify(results, null, 2));
	save(); // each part as it ends, so a long run's early parts are kept
	// Every page of figures, in the browser and the engines: 3 runs at 100k, 2 at 1M.
	for (const rows of ['100k', '1M']) {
		for (const name of allPages) {
			if (rows === '1M' && name === 'reach') continue; // above, with 3 runs
			const runs = rows === '1M' ? 2 : 3;
			const { steps: _, ...out } = await filtersBench(
				browser.page,
				url,
				ensureSample(rows),
				runs,
				name
			);
			results[`${rows} filter changes, ${name}`] = out;
			save();
		}
	}
	// Every page's opening view and 20 changes in the engines, the import step by step, memory.
	for (const rows of ['100k', '1M']) {
		results[`${rows} pages (engines)`] = await pagesBench(rows);
		save();
	}
	writeFileSync('test/bench/out/filters-1M.json', JSON.stringify({ ...filters, steps }, null, 2));
	results['1M and 5M in the browser'] = await bigBench(url, ['1M', '5M'], 1, 20 * 60_000);
} finally {
	await browser.close();
	server.close();
}
if (browser.foreign.length)
	throw new Error(`requests left the machine: ${browser.foreign.join(', ')}`);
writeFileSync('test/bench/out/results.json', JSON.stringify(results, null, 2));
console.log(JSON.stringify(results, null, 2));
