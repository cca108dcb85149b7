import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** Reading and driving figure cards (src/lib/components/FigureCard.svelte) as a user would. */

/** A figure card by its title. */
export function figure(page: Page, title: string): Locator {
	return page
		.locator('figure.card')
		.filter({ has: page.getByRole('heading', { name: title, exact: true }) });
}

/** What a figure card says about its numbers, in words. */
export interface FigureText {
	slug: string;
	title: string;
	sentence: string;
	n: string;
}

/** Every figure card on the page: its slug, title, sentence and `n = …`, in page order. */
export async function figureTexts(page: Page): Promise<FigureText[]> {
	return page.locator('figure.card').evaluateAll((cards) =>
		cards.map((card) => ({
			slug: card.getAttribute('data-figure') ?? '',
			title: card.querySelector('h3')?.textContent?.trim() ?? '',
			sentence: card.querySelector('[data-testid="sentence"]')?.textContent?.trim() ?? '',
			n: card.querySelector('[data-testid="n"]')?.textContent?.trim() ?? ''
		}))
	);
}

/** The table a card shows now: its column labels and rows of cells (without the action column). */
export async function shownTable(card: Locator): Promise<{ header: string[]; rows: string[][] }> {
	const table = card.locator('table');
	await table.waitFor();
	const [header, rows] = await table.evaluate((t) => {
		const data = [...t.querySelectorAll('thead th')].filter(
			(th) => !th.querySelector('.visually-hidden')
		);
		const width = data.length;
		const cells = (tr: Element) =>
			[...tr.querySelectorAll('td')].slice(0, width).map((td) => td.textContent ?? '');
		return [data.map((th) => th.textContent ?? ''), [...t.querySelectorAll('tbody tr')].map(cells)];
	});
	return { header, rows };
}

/** A figure's table view (opened, read, and closed again): its column labels and rows of cells. */
export async function figureTable(
	page: Page,
	title: string
): Promise<{ header: string[]; rows: string[][] }> {
	const card = figure(page, title);
	await card.getByRole('button', { name: 'Show table' }).click();
	const table = await shownTable(card);
	await card.getByRole('button', { name: 'Show chart' }).click();
	return table;
}

/**
 * The bar of one label in a horizontal bar chart (referralsByGroupChart): bars are drawn in the
 * order of the y-axis labels. Hovering it must bring up Plot's tip naming that label.
 */
export async function hoverBar(card: Locator, label: string): Promise<Locator> {
	const chart = card.locator('svg[role="img"]');
	const labels = await chart.locator('g[data-mark="y-axis tick label"] text').allTextContents();
	const i = labels.indexOf(label);
	expect(i, `a bar labelled ${label} among ${labels.join(', ')}`).toBeGreaterThanOrEqual(0);
	const bar = chart.locator('g[data-mark="bar"] rect').nth(i);
	await bar.hover();
	// The pointer picks the datum the click passes on: it must be this bar's.
	await expect.poll(() => chart.locator('g[data-mark="tip"]').textContent()).toContain(label);
	return bar;
}
