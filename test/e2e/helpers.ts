import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { BrowserContext, Download, Locator, Page } from 'playwright-core';
import { afterEach, beforeEach, expect, inject } from 'vitest';
import { openBrowser } from './chromium.ts';

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
 * in that test's own browser; then the browser is closed.
 */
export function useBrowser(): Session {
	const session = {} as Session;
	let close: () => Promise<void> = async () => {};
	beforeEach(async () => {
		const appUrl = inject('appUrl');
		const opened = await openBrowser(appUrl);
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

/** Click "Try the sample data" and wait until it has loaded (import report, or the overview it returns to). */
export async function trySample(page: Page) {
	await page.getByTestId('try-sample').click();
	await expect
		.poll(() => page.getByTestId('import-report').or(page.getByTestId('headlines')).count(), slow)
		.toBeGreaterThan(0);
}

/** Drop one file on the drop zone, as the user would: a real drop event carrying a File built in the page. */
export async function dropFile(page: Page, path: string, type = 'text/csv') {
	const base64 = (await readFile(path)).toString('base64');
	const dataTransfer = await page.evaluateHandle(
		({ base64, name, type }) => {
			const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
			const transfer = new DataTransfer();
			transfer.items.add(new File([bytes], name, { type }));
			return transfer;
		},
		{ base64, name: basename(path), type }
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
	drawn: number;
}

/** The overview's headline figures, and how many times the figures have been drawn. */
export async function headline(page: Page): Promise<Headline> {
	const cards = page.getByTestId('headlines');
	await cards.waitFor(slow);
	return {
		referrals: count(await page.getByTestId('headline-referrals').textContent()),
		people: count(await page.getByTestId('headline-people').textContent()),
		open: count(await page.getByTestId('headline-open').textContent()),
		drawn: Number(await cards.getAttribute('data-drawn'))
	};
}

/** Do something that changes the filters, then wait until the figures are drawn again. */
export async function refilter(page: Page, change: () => Promise<unknown>): Promise<Headline> {
	const before = (await headline(page)).drawn;
	await change();
	await expect
		.poll(async () => Number(await page.getByTestId('headlines').getAttribute('data-drawn')), slow)
		.toBeGreaterThan(before);
	return headline(page);
}

/** A figure card by its title. */
export function figure(page: Page, title: string): Locator {
	return page
		.locator('figure.card')
		.filter({ has: page.getByRole('heading', { name: title, exact: true }) });
}

/** A figure's table view (opened, read, and closed again): its column labels and rows of cells. */
export async function figureTable(
	page: Page,
	title: string
): Promise<{ header: string[]; rows: string[][] }> {
	const card = figure(page, title);
	await card.getByRole('button', { name: 'Show table' }).click();
	const header = await card.locator('table thead th').allInnerTexts();
	const rows = await card
		.locator('table tbody tr')
		.evaluateAll((trs) =>
			trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? ''))
		);
	await card.getByRole('button', { name: 'Show chart' }).click();
	return { header, rows };
}

/** Wait until the overview has drawn its figures and charts. */
export async function overviewReady(page: Page) {
	await expect.poll(() => page.locator('figure.card svg').count(), slow).toBe(3);
	return headline(page);
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
