// npx tsx test/bench/big.ts [--rows 1M,5M] [--runs 1] [--timeout-min 20]
// Issue 13's large rows in the built app in headless Chromium: a generated file of 1M and of 5M
// referrals, from the file chosen to the Reach page drawn (or to the failure, and what the page
// said); then whether the page stays interactive (a filter change redraws the Reach figures,
// another page opens), each timed; and memory after the import and after the change
// (test/bench/memory.ts says what each number counts). After a failure: whether a small file
// then loads in the same page, with no reload. A fresh browser per run, so peaks are the run's.
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Locator, Page } from 'playwright-core';
import { ensureChromium, openBrowser } from '../e2e/chromium.ts';
import { serveBuild } from '../e2e/server.ts';
import { watchMemory, type MemoryReport } from './memory.ts';
import { ensureSample } from './stats.ts';

/** A small file a user would load next, after a large one failed. */
const smallFile = 'data-samples/canonical/synthetic-referrals.csv';
const r = (ms: number) => Math.round(ms);

export interface BigRun {
	rows: string;
	file_mb: number;
	/** loaded, or how it ended: refused in words, tab crashed, or nothing after the time limit. */
	outcome: 'loaded' | 'refused' | 'crashed' | 'hung';
	/** Where it ended when it did not load: reading the file, loading it, or drawing Reach. */
	failed_at: 'reading' | 'loading' | 'drawing' | null;
	/** File chosen → Reach drawn (loaded), or → the failure shown. */
	ms: number;
	/** The app's own marks when loaded: reading + loading, then Reach's queries and drawing. */
	import_ms: number | null;
	reach_ms: number | null;
	/** What the page said when it failed, and the last progress step it showed. */
	message: string | null;
	last_step: string | null;
	referrals: number | null;
	/** One filter change (a financial year) redrawing the Reach figures, then Journeys opened. */
	filter_change_ms: number | null;
	other_page_ms: number | null;
	/** After a failure: a small file loaded in the same page without a reload. */
	recovered: boolean | null;
	page_errors: string[];
	/** The engine's own words, from the console (the page shows plain English instead). */
	console_errors: string[];
	memory: { after_import: MemoryReport; after_change: MemoryReport | null };
}

type Ending = 'done' | 'refused' | 'crashed' | 'hung';

/** Wait until `done` shows, the page shows an error, the tab crashes, or time runs out. */
async function outcome(page: Page, done: Locator, crashed: () => boolean, timeoutMs: number) {
	const errors = page.locator('.error-summary li');
	const until = Date.now() + timeoutMs;
	while (Date.now() < until) {
		if (crashed()) return 'crashed';
		if (await done.isVisible().catch(() => false)) return 'done';
		if ((await errors.count().catch(() => 0)) > 0) return 'refused';
		await page.waitForTimeout(250).catch(() => {});
	}
	return 'hung';
}

const drawnCount = `performance.getEntriesByName('sp:figures-drawn').length`;
const drawnSince = (n: number) => performance.getEntriesByName('sp:figures-drawn').length > n;

// In the page: choose the latest financial year, wait for the figures to be redrawn (data-drawn
// goes up), then two frames so the charts are on screen. A string: tsx would wrap a function.
const changeYear = `(async () => {
	const select = document.querySelector('[data-testid=period]');
	const year = [...select.options].map((o) => o.value).filter((v) => v.startsWith('year:')).at(-1);
	const drawn = () => document.querySelector('[data-testid=figures]')?.getAttribute('data-drawn');
	const before = drawn();
	const up = new Promise((done) => {
		const seen = new MutationObserver(() => drawn() !== before && (seen.disconnect(), done()));
		seen.observe(document.body, { subtree: true, childList: true, attributeFilter: ['data-drawn'] });
	});
	const t0 = performance.now();
	select.value = year;
	select.dispatchEvent(new Event('change', { bubbles: true }));
	await up;
	await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
	return performance.now() - t0;
})()`;

/** One size, in a fresh browser: load, then interact, with memory at each checkpoint. */
export async function bigRun(appUrl: string, rows: string, timeoutMs: number): Promise<BigRun> {
	const path = ensureSample(rows);
	const browser = await openBrowser(appUrl);
	const { page } = browser;
	let crashed = false;
	page.on('crash', () => (crashed = true));
	const pageErrors: string[] = [];
	page.on('pageerror', (e) => pageErrors.push(e.message.slice(0, 300)));
	const consoleErrors: string[] = [];
	page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text().slice(0, 300)));
	const memory = await watchMemory(page);
	try {
		await page.goto(`${appUrl}/`);
		await page.waitForSelector('html[data-db=ready]', { timeout: 120_000 });
		const t0 = Date.now();
		await page.locator('input[type=file]').first().setInputFiles(path);
		let ending: Ending = await outcome(page, page.getByTestId('load'), () => crashed, timeoutMs);
		let failedAt: BigRun['failed_at'] = ending === 'done' ? null : 'reading';
		if (ending === 'done') {
			await page.getByTestId('load').click();
			ending = await outcome(page, page.getByTestId('go-overview'), () => crashed, timeoutMs);
			if (ending !== 'done') failedAt = 'loading';
		}
		if (ending === 'done') {
			await page.getByTestId('go-overview').click();
			const drawn = page.locator('[data-testid=figures] figure svg').nth(2);
			ending = await outcome(page, drawn, () => crashed, timeoutMs);
			if (ending !== 'done') failedAt = 'drawing';
		}
		const ms = Date.now() - t0;
		const text = async (l: Locator) =>
			crashed ? null : (await l.allInnerTexts().catch(() => [])).join(' | ') || null;
		const message = await text(page.locator('.error-summary li'));
		const lastStep = await text(page.getByTestId('progress'));
		const afterImport = await memory.checkpoint();
		const base = {
			rows,
			file_mb: Math.round(statSync(path).size / 2 ** 20),
			failed_at: failedAt,
			ms,
			message,
			last_step: lastStep,
			page_errors: pageErrors,
			console_errors: consoleErrors
		};
		if (ending !== 'done') {
			const recovered = ending === 'crashed' ? false : await loadSmall(page, timeoutMs);
			return {
				...base,
				outcome: ending === 'refused' ? 'refused' : ending,
				import_ms: null,
				reach_ms: null,
				referrals: null,
				filter_change_ms: null,
				other_page_ms: null,
				recovered,
				memory: { after_import: afterImport, after_change: null }
			};
		}
		const marks = await page.evaluate<Record<string, number>>(`(() => {
			const at = (n) => performance.getEntriesByName(n)[0]?.startTime ?? NaN;
			return { start: at('sp:import-start'), loaded: at('sp:import-end'), drawn: at('sp:figures-drawn') };
		})()`);
		const referrals = Number(
			(await page.getByTestId('headline-referrals').textContent())?.replace(/,/g, '')
		);
		const filterMs = await page.evaluate<number>(changeYear);
		const afterChange = await memory.checkpoint();
		const before = await page.evaluate<number>(drawnCount);
		const t1 = Date.now();
		await page.getByRole('navigation').getByRole('link', { name: 'Journeys' }).click();
		await page.waitForFunction(drawnSince, before, { timeout: timeoutMs });
		const otherMs = Date.now() - t1;
		return {
			...base,
			outcome: 'loaded',
			import_ms: r(marks.loaded - marks.start),
			reach_ms: r(marks.drawn - marks.loaded),
			referrals,
			filter_change_ms: r(filterMs),
			other_page_ms: otherMs,
			recovered: null,
			memory: { after_import: afterImport, after_change: afterChange }
		};
	} finally {
		memory.stop();
		await browser.close();
	}
}

// What a user does next in the same page: remove what is listed, choose a small file, load it.
async function loadSmall(page: Page, timeoutMs: number): Promise<boolean> {
	const remove = page.getByTestId('file-review').getByRole('button', { name: 'Remove' });
	while ((await remove.count()) > 0) await remove.first().click();
	await page.locator('input[type=file]').first().setInputFiles(smallFile);
	await page.getByTestId('load').waitFor({ timeout: timeoutMs });
	await page.getByTestId('load').click();
	return page
		.getByTestId('go-overview')
		.waitFor({ timeout: timeoutMs })
		.then(() => true)
		.catch(() => false);
}

/** Every size in turn, `runs` times each; results also written to test/bench/out/big.json. */
export async function bigBench(appUrl: string, sizes: string[], runs: number, timeoutMs: number) {
	const out: BigRun[] = [];
	for (let i = 0; i < runs; i++) {
		for (const rows of sizes) {
			const run = await bigRun(appUrl, rows, timeoutMs);
			console.log(JSON.stringify(run));
			out.push(run);
		}
	}
	mkdirSync('test/bench/out', { recursive: true });
	writeFileSync('test/bench/out/big.json', JSON.stringify(out, null, 2));
	return out;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
	const { values } = parseArgs({
		options: {
			rows: { type: 'string', default: '1M,5M' },
			runs: { type: 'string', default: '1' },
			'timeout-min': { type: 'string', default: '20' }
		}
	});
	ensureChromium();
	const { url, server } = await serveBuild();
	try {
		const minutes = Number(values['timeout-min']) * 60_000;
		await bigBench(url, values.rows!.split(','), Number(values.runs), minutes);
	} finally {
		server.close();
	}
}
