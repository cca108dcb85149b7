import type { Page } from 'playwright-core';
import { browserRun } from './browser.ts';
import type { Step } from './filter-steps.ts';

/** One change in the page, in ms from the change: the app's marks, then the figures on screen. */
export interface BrowserStep {
	/** To the second animation frame after `data-drawn` went up: every chart is painted. */
	ms: number;
	/** To `sp:filters-changed`: the URL changed and the page started its queries. */
	changed: number;
	/** To `sp:figures-drawn`: the queries answered and the page updated (tick). */
	drawn: number;
	referrals: number;
	search: string;
}

// Run in the page, as a string (tsx would wrap a function's helpers in its own __name()): make
// the change in the filter bar, wait for `data-drawn` to go up, then two animation frames.
const inPage = (dom: Step['dom']) => `(async (dom) => {
	const drawn = () => document.querySelector('[data-testid=figures]')?.getAttribute('data-drawn');
	const before = drawn();
	const bar = document.querySelector('form[aria-label=Filters]');
	let target;
	if (dom.select) {
		target = bar.querySelector('[data-testid="' + dom.select + '"]');
		target.value = dom.value;
		if (target.value !== dom.value) throw new Error('no option ' + dom.value + ' in ' + dom.select);
	} else {
		target = [...bar.querySelectorAll('button')].find(
			(b) => b.getAttribute('aria-label') === dom.button || b.textContent.trim() === dom.button
		);
		if (!target) throw new Error('no button ' + dom.button);
	}
	const up = new Promise((done) => {
		const seen = new MutationObserver(() => drawn() !== before && (seen.disconnect(), done()));
		seen.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-drawn'] });
	});
	const t0 = performance.now();
	if (dom.select) target.dispatchEvent(new Event('change', { bubbles: true }));
	else target.click();
	await up;
	await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
	const t1 = performance.now();
	const at = (name) => (performance.getEntriesByName(name).at(-1)?.startTime ?? NaN) - t0;
	return {
		ms: t1 - t0,
		changed: at('sp:filters-changed'),
		drawn: at('sp:figures-drawn'),
		referrals: Number(document.querySelector('[data-testid=headline-referrals]').textContent.replace(/,/g, '')),
		search: location.search.slice(1)
	};
})(${JSON.stringify(dom)})`;

/** Load the file in a fresh page (its cache empty), then make each change and time it. */
export async function browserSteps(page: Page, appUrl: string, path: string, steps: Step[]) {
	const loaded = await browserRun(page, appUrl, path);
	await page.getByTestId('figures').waitFor();
	await page.waitForTimeout(1000); // let the opening view settle
	const out: BrowserStep[] = [];
	for (const step of steps) {
		const r: BrowserStep = await page.evaluate(inPage(step.dom));
		if (r.search !== step.search) throw new Error(`${step.label}: ?${r.search}, not ?${step.search}`);
		out.push(r);
		await page.waitForTimeout(300); // a user's pause between changes
	}
	return { import: loaded.import, steps: out };
}
