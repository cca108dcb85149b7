import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appPages } from './a11y.ts';
import { chartsDrawn, redraw, open, slow, useBrowser } from './helpers.ts';

/** The focused element as the test reads it, and whether its focus can be seen (WCAG 2.4.7). */
type Focus = { name: string; testid: string | null; visible: boolean; body: boolean };

async function focused(page: Page): Promise<Focus> {
	return page.evaluate(() => {
		const el = document.activeElement as HTMLElement | null;
		if (!el || el === document.body) return { name: '', testid: null, visible: true, body: true };
		const style = getComputedStyle(el);
		const box = el.getBoundingClientRect();
		const ring =
			(style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) ||
			style.boxShadow !== 'none';
		const name = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 60);
		return {
			name: name || el.tagName.toLowerCase(),
			testid: el.getAttribute('data-testid'),
			visible: el.matches(':focus-visible') && ring && box.width > 0 && box.height > 0,
			body: false
		};
	});
}

/**
 * Press Tab (or Shift+Tab) until the focused element is the one wanted, checking at every stop
 * that its focus is visible; fails after `max` presses (a trap, or no such element).
 */
async function tabTo(page: Page, wanted: (f: Focus) => boolean, back = false, max = 400) {
	const stops: string[] = [];
	for (let i = 0; i < max; i++) {
		await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
		const f = await focused(page);
		if (!f.body) expect(f.visible, `focus visible on "${f.name}"`).toBe(true);
		stops.push(f.name);
		if (wanted(f)) return f;
	}
	throw new Error(`never reached after ${max} presses: ${stops.slice(-10).join(' | ')}`);
}

const byTestid = (id: string) => (f: Focus) => f.testid === id;
const byName = (name: string) => (f: Focus) => f.name === name;

describe('keyboard only', () => {
	const s = useBrowser();

	it('loads the sample, filters, opens a table, downloads a CSV, switches publication mode and reaches every page, focus always visible, no trap', async () => {
		const { page } = s;
		await open(s);
		await page.getByRole('heading', { name: 'Load your case exports' }).waitFor();
		await page.waitForFunction(() => document.documentElement.dataset.db === 'ready', null, slow);

		// The skip link comes first.
		expect((await tabTo(page, () => true)).name).toBe('Skip to content');
		await tabTo(page, byTestid('try-sample'));
		await page.keyboard.press('Enter');
		await page.getByTestId('import-report').waitFor(slow);
		await tabTo(page, byTestid('go-overview'));
		await page.keyboard.press('Enter');
		await page.waitForURL((u) => u.pathname === '/reach');
		await chartsDrawn(page);

		// A filter: the period, by arrow key on the focused list.
		await tabTo(page, byTestid('period'));
		await redraw(page, () => page.keyboard.press('ArrowDown'));
		expect(new URL(page.url()).searchParams.get('fy')).toMatch(/^\d{4}\/\d{2}$/);

		// A table view, then its CSV.
		await tabTo(page, byName('Show table'));
		await page.keyboard.press('Enter');
		expect((await focused(page)).name).toBe('Show chart');
		await page.locator('figure.card table').first().waitFor();
		const f = await tabTo(page, byName('CSV'));
		expect(f.visible).toBe(true);
		const [csv] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
		expect(csv.suggestedFilename()).toMatch(/\.csv$/);

		// Publication mode: the switch in the header, back up the page, with the space bar.
		await tabTo(page, byTestid('publication-switch'), true);
		await redraw(page, () => page.keyboard.press('Space'));
		expect(new URL(page.url()).searchParams.get('publication')).toBe('1');

		// Every page by its link in the navigation: back up from the switch the first time, then
		// forward from the top of each new page (a navigation starts focus again at the top).
		for (const [i, target] of appPages.entries()) {
			await tabTo(page, (x) => x.name === target.link, i === 0);
			await page.keyboard.press('Enter');
			await page.waitForURL((u) => u.pathname === target.path);
			if (target.figures) await chartsDrawn(page);
		}

		// No trap: on a page of figures, Tab goes through everything and out of the page.
		await page
			.getByRole('navigation', { name: 'Pages' })
			.getByRole('link', { name: 'Reach' })
			.focus();
		await page.keyboard.press('Enter');
		await page.waitForURL((u) => u.pathname === '/reach');
		await chartsDrawn(page);
		let stops = 0;
		const out = await tabTo(
			page,
			(x) => {
				stops++;
				return x.body;
			},
			false,
			1000
		);
		expect(out.body).toBe(true);
		// Every card's buttons (4 each, 11 cards) and more: the whole page was passed through.
		expect(stops).toBeGreaterThan(44);
	}, 600_000);
});
