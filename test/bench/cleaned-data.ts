// The import report's "Download the cleaned data" in the built app: time from the click to the
// download, the page's longest task while the zip is written (PerformanceObserver 'longtask': how
// long the page stops responding at worst), the main thread's JS heap (sampled), and the zip's
// size, for the Parquet zip and the CSV zip, on the generated referrals (100k and 1M rows).
// npx tsx test/bench/cleaned-data.ts [--rows 100k,1M] [--runs 2] [--formats parquet,csv]
// [--out FILE]: on the last build.
import { mkdirSync, writeFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { ensureChromium, openBrowser } from '../e2e/chromium.ts';
import { serveBuild } from '../e2e/server.ts';
import { ensureSample, median } from './stats.ts';

const buttons = {
	parquet: 'Download the cleaned data (Parquet, .zip)',
	csv: 'Cleaned data as CSV files (.zip)'
};
type Format = keyof typeof buttons;

/** Load a file on the load page and wait for its import report. */
async function loadFile(page: Page, appUrl: string, path: string) {
	await page.goto(`${appUrl}/`);
	await page.waitForSelector('html[data-db=ready]', { timeout: 120_000 });
	await page.locator('input[type=file]').first().setInputFiles(path);
	await page.getByTestId('load').waitFor({ state: 'visible', timeout: 600_000 });
	await page.getByTestId('load').click();
	await page.getByTestId('import-report').waitFor({ timeout: 600_000 });
	await page.getByRole('button', { name: buttons.parquet, exact: true }).waitFor();
}

/** One download: ms from click to the file, the heap at rest and at its sampled peak, the size. */
async function downloadOnce(page: Page, format: Format) {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('HeapProfiler.collectGarbage');
	const heap = async () => (await cdp.send('Runtime.getHeapUsage')).usedSize;
	const before = await heap();
	let peak = before;
	let sampling = true;
	// The writer yields between row groups, so the samples land while it works.
	const sampler = (async () => {
		while (sampling) {
			peak = Math.max(peak, await heap());
			await new Promise((r) => setTimeout(r, 20));
		}
	})();
	// Tasks over 50 ms on the page's main thread, from the click to the download.
	await page.evaluate(() => {
		const w = window as unknown as { longest: number; longtasks: PerformanceObserver };
		w.longest = 0;
		w.longtasks = new PerformanceObserver((list) => {
			for (const e of list.getEntries()) w.longest = Math.max(w.longest, e.duration);
		});
		w.longtasks.observe({ type: 'longtask' });
	});
	const start = performance.now();
	const [download] = await Promise.all([
		page.waitForEvent('download', { timeout: 600_000 }),
		page.getByRole('button', { name: buttons[format], exact: true }).click()
	]);
	const ms = performance.now() - start;
	sampling = false;
	await sampler;
	const longestTask = await page.evaluate(() => {
		const w = window as unknown as { longest: number; longtasks: PerformanceObserver };
		w.longtasks.disconnect();
		return Math.round(w.longest);
	});
	const { size } = await stat(await download.path());
	await cdp.detach();
	return { ms, longestTask, heapBefore: before, heapPeak: peak, bytes: size };
}

const mb = (bytes: number) => +(bytes / 1e6).toFixed(1);

const arg = (name: string, fallback: string) => {
	const i = process.argv.indexOf(`--${name}`);
	return i > 0 ? process.argv[i + 1] : fallback;
};
const runs = Number(arg('runs', '2'));
ensureChromium();
const { url, server } = await serveBuild();
const browser = await openBrowser(url);
const results: Record<string, unknown> = {};
try {
	for (const rows of arg('rows', '100k,1M').split(',')) {
		await loadFile(browser.page, url, ensureSample(rows));
		for (const format of arg('formats', 'parquet,csv').split(',') as Format[]) {
			const done = [];
			for (let i = 0; i < runs; i++) {
				done.push(await downloadOnce(browser.page, format));
				console.log(rows, format, JSON.stringify(done.at(-1)));
			}
			results[`${rows} ${format}`] = {
				runs,
				write_ms: Math.round(median(done.map((d) => d.ms))),
				longest_task_ms: Math.max(...done.map((d) => d.longestTask)),
				heap_before_mb: mb(median(done.map((d) => d.heapBefore))),
				heap_peak_mb: mb(Math.max(...done.map((d) => d.heapPeak))),
				zip_mb: mb(done[0].bytes)
			};
		}
	}
	if (browser.foreign.length) throw new Error(`requests left: ${browser.foreign.join(', ')}`);
	mkdirSync('test/bench/out', { recursive: true });
	writeFileSync(arg('out', 'test/bench/out/cleaned-data.json'), JSON.stringify(results, null, 2));
	console.table(results);
} finally {
	await browser.close();
	server.close();
}
