import type { Page } from 'playwright-core';
import { browserRun } from './browser.ts';
import type { Step } from './filter-steps.ts';

/** One change in the page, in ms from the change. */
export interface BrowserStep {
	/** To the second animation frame after every chart was drawn: all of it on screen. */
	ms: number;
	/** To `sp:filters-changed`: the URL changed and the page started its queries. */
	changed: number;
	/** To `data-drawn` set: the queries answered and the page began to update. */
	answered: number;
	/** Each chart's drawing (Plot and DOM), by title; the first also counts the page's own update. */
	charts: Record<string, number>;
	referrals: number;
	search: string;
}

// Scripts run in the page as strings (tsx would wrap a function's helpers in its own __name()).
// Once per page: note when `data-drawn` is set and when each chart goes into its container.
const watch = `(() => {
	window.__bench = [];
	const { setAttribute, replaceChildren } = Element.prototype;
	Element.prototype.setAttribute = function (name, value) {
		if (name === 'data-drawn') window.__bench.push({ t: performance.now(), name: 'drawn' });
		return setAttribute.call(this, name, value);
	};
	Element.prototype.replaceChildren = function (...nodes) {
		const out = replaceChildren.apply(this, nodes);
		if (this.classList.contains('plot'))
			window.__bench.push({ t: performance.now(), name: this.closest('figure')?.querySelector('h3')?.textContent });
		return out;
	};
})()`;

// Per change: make it in the filter bar, wait for `data-drawn` to go up, then two frames.
const change = (dom: Step['dom']) => `(async (dom) => {
	const drawn = () => document.querySelector('[data-testid=figures]')?.getAttribute('data-drawn');
	const before = drawn();
	const bar = document.querySelector('form[aria-label=Filters]');
	const target = dom.select
		? bar.querySelector('[data-testid="' + dom.select + '"]')
		: [...bar.querySelectorAll('button')].find(
				(b) => b.getAttribute('aria-label') === dom.button || b.textContent.trim() === dom.button
			);
	if (dom.select) target.value = dom.value;
	if (!target || (dom.select && target.value !== dom.value)) throw new Error(JSON.stringify(dom));
	const up = new Promise((done) => {
		const seen = new MutationObserver(() => drawn() !== before && (seen.disconnect(), done()));
		seen.observe(document.body, { subtree: true, childList: true, attributeFilter: ['data-drawn'] });
	});
	window.__bench = [];
	const t0 = performance.now();
	if (dom.select) target.dispatchEvent(new Event('change', { bubbles: true }));
	else target.click();
	await up;
	await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
	const t1 = performance.now();
	const events = window.__bench;
	const start = events.find((e) => e.name === 'drawn')?.t ?? NaN;
	const charts = {};
	events.filter((e) => e.t >= start && e.name !== 'drawn')
		.forEach((e, i, all) => (charts[e.name] = e.t - (i ? all[i - 1].t : start)));
	const referrals = document.querySelector('[data-testid=headline-referrals]').textContent;
	return {
		ms: t1 - t0,
		changed: performance.getEntriesByName('sp:filters-changed').at(-1).startTime - t0,
		answered: start - t0,
		charts,
		referrals: Number(referrals.replace(/,/g, '')),
		search: location.search.slice(1)
	};
})(${JSON.stringify(dom)})`;

/** Load the file in a fresh page (its cache empty), then make each change and time it. */
export async function browserSteps(page: Page, appUrl: string, path: string, steps: Step[]) {
	const loaded = await browserRun(page, appUrl, path);
	await page.getByTestId('figures').waitFor();
	await page.evaluate(watch);
	await page.waitForTimeout(1000); // let the opening view settle
	const out: BrowserStep[] = [];
	for (const step of steps) {
		const r: BrowserStep = await page.evaluate(change(step.dom));
		if (r.search !== step.search) throw new Error(`${step.label}: ?${r.search}, not ?${step.search}`);
		out.push(r);
		await page.waitForTimeout(300); // a user's pause between changes
	}
	return { import: loaded.import, steps: out };
}
