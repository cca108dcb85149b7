import { describe, expect, it } from 'vitest';
import { figuresReady, open, slow, trySample, useBrowser } from './helpers.ts';

// After a load, the page "See the figures" opens is made ready while the import report is read
// (routes/+page.svelte, state/view-queries.ts): its queries are the very ones the page runs, so
// it draws without asking DuckDB anything.
describe('the view after a load', () => {
	const s = useBrowser();

	it('is worked out while the report is read, and drawn from those answers', async () => {
		await open(s);
		await trySample(s.page);
		await s.page.waitForFunction(
			() => performance.getEntriesByName('sp:view-warmed').length > 0,
			null,
			slow
		);
		// From here on, count every message the page sends to a worker (DuckDB's is the only one left).
		await s.page.evaluate(`(() => {
			globalThis.__posted = 0;
			const post = Worker.prototype.postMessage;
			Worker.prototype.postMessage = function (...args) {
				globalThis.__posted++;
				return post.apply(this, args);
			};
		})()`);
		await s.page.getByTestId('go-overview').click();
		const head = await figuresReady(s.page);
		expect(head.referrals).toBeGreaterThan(0);
		expect(await s.page.evaluate('globalThis.__posted')).toBe(0);
	});
});
