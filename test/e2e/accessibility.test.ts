import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appPages, axeViolations, visit } from './a11y.ts';
import { open, slow, trySample, useBrowser } from './helpers.ts';

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
