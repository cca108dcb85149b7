import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from './a11y.ts';
import { chartsDrawn, open, slow, trySample, useBrowser } from './helpers.ts';

/**
 * Every page of the app, by its link in the "Pages" navigation. Adding a page to the test is one
 * line here (`figures`: the page draws catalogue figure cards, one of which gets its table open).
 */
export const appPages: { link: string; path: string; figures: boolean }[] = [
	{ link: 'Load data', path: '/', figures: false },
	{ link: 'Reach', path: '/reach', figures: true },
	{ link: 'Referrals', path: '/referrals', figures: true },
	{ link: 'Outcomes', path: '/outcomes', figures: true },
	{ link: 'Journeys', path: '/journeys', figures: true },
	{ link: 'Compare', path: '/compare', figures: true },
	{ link: 'Export format', path: '/export-format', figures: false }
];

/** Go to a page by the navigation, as a user would (the data stays loaded), and wait for it. */
export async function visit(page: Page, target: (typeof appPages)[number]) {
	await page
		.getByRole('navigation', { name: 'Pages' })
		.getByRole('link', { name: target.link, exact: true })
		.click();
	await page.waitForURL((u) => u.pathname === target.path);
	if (target.figures) await chartsDrawn(page);
	else await page.getByRole('heading', { level: 1 }).first().waitFor(slow);
}

/** Hover the first bar of a chart, so Plot's pointer draws its tip (a mark added later). */
async function hoverOneBar(page: Page) {
	const bar = page.locator('figure.card [role="img"] g[data-mark="bar"] rect').first();
	if (await bar.count()) {
		await bar.hover();
		await page.locator('figure.card [role="img"] g[data-mark="tip"] text').first().waitFor();
	}
}

/** Open the table view of the page's first figure card that has a chart. */
async function openOneTable(page: Page) {
	const card = page.locator('figure.card:not([data-table-only])').first();
	await card.getByRole('button', { name: 'Show table' }).click();
	await card.locator('table').waitFor();
}

describe('accessibility: axe-core, WCAG 2.2 A and AA', () => {
	const s = useBrowser();

	it('finds no violation on any page, with the sample loaded, a table open, in publication mode and out', async () => {
		const { page } = s;
		const found: Record<string, unknown> = {};
		const check = async (where: string) => {
			const violations = await axeViolations(page);
			if (violations.length) found[where] = violations;
		};

		await open(s);
		await page.getByRole('heading', { name: 'Load your case exports' }).waitFor();
		await check('load page, no data');
		await trySample(page);
		await page.getByTestId('import-report').waitFor(slow);
		await check('load page, import report');

		for (const publication of [false, true]) {
			if (publication) await page.getByTestId('publication-switch').check();
			for (const target of appPages) {
				await visit(page, target);
				if (target.figures) {
					await hoverOneBar(page);
					await openOneTable(page);
					// Every chart is one image: nothing inside it carries a name of its own.
					const named = page.locator('figure.card [role="img"] [aria-label]');
					expect(await named.count(), `${target.path}: named marks`).toBe(0);
					const images = page.locator('figure.card [role="img"]');
					for (const label of await images.evaluateAll((els) =>
						els.map((e) => e.getAttribute('aria-label') ?? '')
					))
						expect(label, `${target.path}: a chart's text alternative`).toMatch(/\. .+ n = .+\.$/);
				}
				await check(`${target.path}${publication ? ', publication mode' : ''}`);
			}
		}
		expect(found).toEqual({});
	}, 900_000);
});
