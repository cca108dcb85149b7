import type { Page } from 'playwright-core';
import { browserRun } from './browser.ts';
import type { Step } from './filter-steps.ts';
import type { PageName } from './page-queries.ts';

/** One change in the page: when each thing happened, in ms from the change. */
export interface BrowserStep {
	/** The second animation frame after `data-drawn` went up and the charts were drawn. */
	ms: number;
	/** `sp:filters-changed`: the URL changed and the page started its queries. */
	changed: number;
	/** DuckDB's worker's last reply before the figures updated (the queries' answers). */
	answered: number;
	/**
	 * Of the time to the answers, how long a request to a worker was outstanding (sent, not yet
	 * answered): the worker's own time, with the message passing. The rest is this page's thread.
	 */
	inWorker: number;
	/** `data-drawn` set: the results were taken and the page's text and tables updated. */
	updated: number;
	/** Each chart's drawing after that, by title, in the order drawn (its own ms). */
	charts: [string, number][];
	/** Charts drawn again with the old figures between the change and the answers. */
	early: number;
	referrals: number;
	search: string;
}

// Scripts run in the page as strings (tsx would wrap a function's helpers in its own __name()).
// Once per page: note each message to a worker and each reply, `data-drawn` being set and each
// chart going in.
const watch = `(() => {
	window.__bench = [];
	const note = (name) => window.__bench.push({ t: performance.now(), name });
	const data = Object.getOwnPropertyDescriptor(MessageEvent.prototype, 'data');
	const replies = new WeakSet();
	const post = Worker.prototype.postMessage;
	Worker.prototype.postMessage = function (...args) {
		note('send');
		return post.apply(this, args);
	};
	Object.defineProperty(MessageEvent.prototype, 'data', { ...data, get() {
		if (this.target instanceof Worker && !replies.has(this)) replies.add(this), note('reply');
		return data.get.call(this);
	} });
	const { setAttribute, replaceChildren } = Element.prototype;
	Element.prototype.setAttribute = function (name, value) {
		if (name === 'data-drawn') note('drawn');
		return setAttribute.call(this, name, value);
	};
	Element.prototype.replaceChildren = function (...nodes) {
		const out = replaceChildren.apply(this, nodes);
		if (this.classList.contains('plot')) note(this.closest('figure')?.querySelector('h3')?.textContent);
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
	return {
		ms: performance.now() - t0,
		changed: performance.getEntriesByName('sp:filters-changed').at(-1).startTime - t0,
		events: window.__bench.map((e) => ({ t: e.t - t0, name: e.name })),
		plots: document.querySelectorAll('.plot').length,
		referrals: document.querySelector('[data-testid=headline-referrals]').textContent,
		search: location.search.slice(1)
	};
})(${JSON.stringify(dom)})`;

type Raw = Omit<
	BrowserStep,
	'answered' | 'inWorker' | 'updated' | 'charts' | 'early' | 'referrals'
> & {
	events: { t: number; name: string }[];
	plots: number;
	referrals: string;
};

function phases({ events, plots, referrals, ...raw }: Raw): BrowserStep {
	const i = events.findIndex((e) => e.name === 'drawn');
	const updated = events[i].t;
	const before = events.slice(0, i);
	const replies = before.filter((e) => e.name === 'reply');
	const after = events.slice(i + 1).filter((e) => e.name !== 'reply' && e.name !== 'send');
	// The time with at least one request outstanding: each request has one reply.
	let open = 0;
	let since = 0;
	let inWorker = 0;
	for (const e of before) {
		if (e.name === 'send' && open++ === 0) since = e.t;
		if (e.name === 'reply' && open > 0 && --open === 0) inWorker += e.t - since;
	}
	if (after.length !== plots) throw new Error(`${after.length} of ${plots} charts drawn in time`);
	return {
		...raw,
		answered: replies.length ? replies[replies.length - 1].t : raw.changed,
		inWorker,
		updated,
		charts: after.map((e, j) => [e.name, e.t - (j ? after[j - 1].t : updated)]),
		early: before.filter((e) => e.name !== 'reply' && e.name !== 'send').length,
		referrals: Number(referrals.replace(/,/g, ''))
	};
}

/** Make each change in the page already open (its `watch` set) and time it. */
export async function changeSteps(page: Page, steps: Step[]) {
	const out: BrowserStep[] = [];
	for (const step of steps) {
		const r = phases(await page.evaluate<Raw>(change(step.dom)));
		if (r.search !== step.search)
			throw new Error(`${step.label}: ?${r.search}, not ?${step.search}`);
		out.push(r);
		await page.waitForTimeout(300); // a user's pause between changes
	}
	return out;
}

/**
 * Load the file in a fresh page (its cache empty), open the page named (Reach unless named) from
 * the site's menu, as a user would, then make each change and time it.
 */
export async function browserSteps(
	page: Page,
	appUrl: string,
	path: string,
	steps: Step[],
	pageName: PageName = 'reach'
) {
	const loaded = await browserRun(page, appUrl, path);
	if (pageName !== 'reach') {
		await page.locator(`header nav a[href^="/${pageName}"]`).click();
		await page.waitForURL(new RegExp(`/${pageName}`));
	}
	// Drawn at least once, and not working on a view.
	await page
		.locator('[data-testid=figures][aria-busy=false]:not([data-drawn="0"])')
		.waitFor({ timeout: 600_000 });
	await page.evaluate(watch);
	await page.waitForTimeout(1000); // let the opening view settle
	return { import: loaded.import, steps: await changeSteps(page, steps) };
}
