import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appPages, axeViolations, visit } from './a11y.ts';
import { figure, open, trySample, useBrowser } from './helpers.ts';

const artifacts = resolve('test/e2e/artifacts');

/**
 * WCAG 1.4.10 Reflow: content at 320 CSS pixels wide without scrolling in two directions. 320 px
 * is a 1280 px window at 400%; 640 px is the same window at 200% zoom (zoom scales CSS pixels, so
 * the layout is the one a 640 px viewport gets).
 */
const widths = [
	{ name: '320px', width: 320, height: 720 },
	{ name: 'zoom-200', width: 640, height: 450 }
];

/** What overflows the viewport sideways: the page's own scroll, and any card or chart too wide. */
async function overflow(page: Page) {
	return page.evaluate(() => {
		const width = document.documentElement.clientWidth;
		const out: string[] = [];
		if (document.documentElement.scrollWidth > width)
			out.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${width}`);
		for (const card of document.querySelectorAll<HTMLElement>('figure.card, .card-note')) {
			const box = card.getBoundingClientRect();
			const name = card.querySelector('h3')?.textContent ?? '?';
			if (box.right > width + 0.5) out.push(`card "${name}" ends at ${box.right} > ${width}`);
			for (const svg of card.querySelectorAll('[role="img"] svg, svg[role="img"]')) {
				const s = svg.getBoundingClientRect();
				if (s.right > box.right + 0.5 || s.left < box.left - 0.5)
					out.push(
						`chart of "${name}" (${s.left}–${s.right}) leaves its card (${box.left}–${box.right})`
					);
			}
		}
		return out;
	});
}

describe('reflow: 320 px wide and 200% zoom (WCAG 1.4.10), and axe-core at both', () => {
	const s = useBrowser();

	it('no page scrolls sideways, filters wrap, every chart fits its card, no axe violation; screenshots kept', async () => {
		const { page } = s;
		mkdirSync(artifacts, { recursive: true });
		await open(s);
		await trySample(page);
		const found: Record<string, string[]> = {};
		for (const size of widths) {
			await page.setViewportSize({ width: size.width, height: size.height });
			for (const target of appPages) {
				await visit(page, target);
				// Charts redraw to their container's width after a resize.
				await page.waitForTimeout(300);
				const problems = await overflow(page);
				// At this size too, axe-core finds nothing (colour contrast of what wraps, say).
				const axe = (await axeViolations(page)).map((v) => `${v.rule}: ${v.nodes.join('; ')}`);
				if (problems.length || axe.length)
					found[`${target.path} at ${size.name}`] = [...problems, ...axe];
				const name = target.path === '/' ? 'load' : target.path.slice(1);
				await page.screenshot({
					path: resolve(artifacts, `reflow-${size.name}-${name}.png`),
					fullPage: true
				});
				// The top of the page as the screen shows it, and the first chart card, to look at.
				await page.evaluate(() => window.scrollTo(0, 0));
				await page.screenshot({ path: resolve(artifacts, `reflow-${size.name}-${name}-top.png`) });
				const card = page.locator('figure.card:not([data-table-only])').first();
				if (target.figures && (await card.count()))
					await card.screenshot({
						path: resolve(artifacts, `reflow-${size.name}-${name}-card.png`)
					});
				if (target.path === '/reach')
					await figure(page, 'People referred per 1,000 patients by practice').screenshot({
						path: resolve(artifacts, `reflow-${size.name}-reach-rates.png`)
					});
			}
		}
		expect(found).toEqual({});
	}, 600_000);
});
