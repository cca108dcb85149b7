import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { BrowserContext, Download, Locator, Page } from 'playwright-core';
import { afterEach, beforeEach, expect, inject } from 'vitest';
import { openBrowser } from './chromium.ts';

export * from './figures.ts';
export * from './reference.ts';

/** The first duckdb-wasm start in a fresh profile is slow; every wait for data allows for it. */
export const slow = { timeout: 90_000 };

export interface Session {
	appUrl: string;
	context: BrowserContext;
	page: Page;
	/** Every request to a host other than the app's (must stay empty). */
	foreign: string[];
	/** Uncaught errors in any page of the context (must stay empty). */
	errors: string[];
	/** console.error messages, kept for diagnosis (not asserted). */
	consoleErrors: string[];
}

/**
 * A fresh Chromium per test. After each test: no request left 127.0.0.1 and no page error,
 * in that test's own browser; then the browser is closed. `locale`: the browser's language.
 */
export function useBrowser(options: { locale?: string } = {}): Session {
	const session = {} as Session;
	let close: () => Promise<void> = async () => {};
	beforeEach(async () => {
		const appUrl = inject('appUrl');
		const opened = await openBrowser(appUrl, options);
		const errors: string[] = [];
		const consoleErrors: string[] = [];
		const watch = (p: Page) => {
			p.on('pageerror', (e) => errors.push(`${p.url()}: ${e.message}`));
			p.on('console', (m) => {
				if (m.type() === 'error') consoleErrors.push(m.text());
			});
		};
		opened.context.pages().forEach(watch);
		opened.context.on('page', watch);
		close = opened.close;
		Object.assign(session, {
			appUrl,
			context: opened.context,
			page: opened.page,
			foreign: opened.foreign,
			errors,
			consoleErrors
		});
	});
	afterEach(async () => {
		if (session.consoleErrors.length)
			console.warn('console errors in the page:', session.consoleErrors);
		try {
			expect(session.foreign, 'requests that left 127.0.0.1').toEqual([]);
			expect(session.errors, 'uncaught page errors').toEqual([]);
		} finally {
			await close();
		}
	});
	return session;
}

/** "6,038" → 6038. */
export function count(text: string | null): number {
	const cleaned = (text ?? '').replace(/,/g, '').trim();
	if (!/^-?\d+$/.test(cleaned)) throw new Error(`not a whole number: "${text}"`);
	return Number(cleaned);
}

/** Open the load page (no data yet) at a path of the app. */
export async function open(s: Session, path = '/') {
	await s.page.goto(new URL(path, s.appUrl).href);
}

/** Click "Try the sample data" and wait until it has loaded (import report, or the page it returns to). */
export async function trySample(page: Page) {
	await page.getByTestId('try-sample').click();
	await expect
		.poll(() => page.getByTestId('import-report').or(page.getByTestId('headlines')).count(), slow)
		.toBeGreaterThan(0);
}

/** Drop one file on the drop zone, as the user would: a real drop event carrying a File built in the page. */
export async function dropFile(page: Page, path: string, type = 'text/csv') {
	await dropFiles(page, [path], type);
}

/** Drop several files on the drop zone at once. */
export async function dropFiles(page: Page, paths: string[], type = 'text/csv') {
	const files = await Promise.all(
		paths.map(async (path) => ({
			base64: (await readFile(path)).toString('base64'),
			name: basename(path)
		}))
	);
	const dataTransfer = await page.evaluateHandle(
		({ files, type }) => {
			const transfer = new DataTransfer();
			for (const { base64, name } of files) {
				const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
				transfer.items.add(new File([bytes], name, { type }));
			}
			return transfer;
		},
		{ files, type }
	);
	const zone = page.getByTestId('drop-zone');
	await zone.dispatchEvent('dragover', { dataTransfer });
	await zone.dispatchEvent('drop', { dataTransfer });
	await dataTransfer.dispose();
}

/** The file review for one file, once it has been read. */
export function review(page: Page, name: string): Locator {
	return page
		.getByTestId('file-review')
		.filter({ has: page.getByRole('heading', { name, exact: true }) });
}

/** Drop files on the drop zone, wait until each is reviewed, and load them (the import report). */
export async function dropAndLoad(page: Page, paths: string[]) {
	await dropFiles(page, paths);
	for (const path of paths) await review(page, basename(path)).waitFor(slow);
	await load(page);
}

/** Go to a figure page by the "Pages" navigation, as a user would (the data stays loaded). */
export async function goTo(page: Page, name: string) {
	await page
		.getByRole('navigation', { name: 'Pages' })
		.getByRole('link', { name, exact: true })
		.click();
	await page.waitForURL((u) => u.pathname === `/${name.toLowerCase()}`);
}

/** Click the Load button and wait for the import report. */
export async function load(page: Page) {
	await page.getByTestId('load').click();
	await page.getByTestId('import-report').waitFor(slow);
}

/** One file's row in the import report. */
export async function fileRow(page: Page, file: string) {
	const row = page.getByTestId('file-table').locator(`tr[data-file="${file}"]`);
	const cell = async (col: string) => count(await row.locator(`[data-col="${col}"]`).textContent());
	return {
		row,
		read: await cell('read'),
		loaded: await cell('loaded'),
		rejected: await cell('rejected'),
		issues: await cell('issues')
	};
}

/** Click something that downloads a file; resolve to the download and its text. */
export async function download(
	page: Page,
	click: () => Promise<void>
): Promise<{ download: Download; text: string; bytes: Buffer }> {
	const [d] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), click()]);
	const bytes = await readFile(await d.path());
	return { download: d, text: bytes.toString('utf8'), bytes };
}

export interface Headline {
	referrals: number;
	people: number;
	open: number;
	repeat: number;
	/** How many times the page has drawn new results (`data-drawn`). */
	drawn: number;
}

/** The figures block of a Reach or Referrals page (PageFrame.svelte). */
const figuresBlock = (page: Page) => page.getByTestId('figures');
const drawnCount = async (page: Page) =>
	Number(await figuresBlock(page).getAttribute('data-drawn'));

/** The page's headline figures (whole numbers: not for publication mode), and its draw count. */
export async function headline(page: Page): Promise<Headline> {
	await figuresBlock(page).waitFor(slow);
	const value = async (id: string) => count(await page.getByTestId(`headline-${id}`).textContent());
	return {
		referrals: await value('referrals'),
		people: await value('people'),
		open: await value('open'),
		repeat: await value('repeat'),
		drawn: await drawnCount(page)
	};
}

/**
 * Do something that changes the view (filters, publication), then wait until it is drawn again:
 * its figures, and every chart on show (a chart new to the page is drawn once the browser has
 * laid it out and told it its width, just after the figures; a card showing its table has none).
 */
export async function redraw(page: Page, change: () => Promise<unknown>): Promise<void> {
	await figuresBlock(page).waitFor(slow);
	const before = await drawnCount(page);
	await change();
	await expect.poll(() => drawnCount(page), slow).toBeGreaterThan(before);
	const plots = page.locator('.plot');
	await expect
		.poll(() => plots.evaluateAll((ps) => ps.filter((p) => !p.firstElementChild).length), slow)
		.toBe(0);
}

/** Change the filters, wait for the figures to be drawn again, and read the headline. */
export async function refilter(page: Page, change: () => Promise<unknown>): Promise<Headline> {
	await redraw(page, change);
	return headline(page);
}

/** Wait until a figure page has drawn its figures and charts; read the headline. */
export async function figuresReady(page: Page): Promise<Headline> {
	await chartsDrawn(page);
	return headline(page);
}

/** Wait until a figure page has drawn its figures and every card its chart (table-only cards have none). */
export async function chartsDrawn(page: Page): Promise<void> {
	await figuresBlock(page).waitFor(slow);
	const cards = page.locator('figure.card:not([data-table-only])');
	await expect.poll(() => cards.count(), slow).toBeGreaterThan(0);
	await expect
		.poll(() =>
			cards.evaluateAll((fs) => fs.filter((f) => !f.querySelector('[role="img"]')).length)
		)
		.toBe(0);
}

/** All the text in the page's DOM (including closed <details>), plus every attribute and form value. */
export async function everyText(page: Page): Promise<string> {
	return page.evaluate(() => {
		const parts = [document.documentElement.outerHTML, document.body.innerText, document.title];
		for (const el of document.querySelectorAll('input, select, textarea'))
			parts.push((el as HTMLInputElement).value);
		return parts.join('\n');
	});
}
