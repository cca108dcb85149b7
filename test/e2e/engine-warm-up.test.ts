import { describe, expect, it } from 'vitest';
import { figuresReady, open, slow, trySample, useBrowser } from './helpers.ts';

// DuckDB is warmed up on a tiny export when the page opens (src/lib/ingest/warm-up.ts), so the
// first import does not pay for compiling the engine's code. A file chosen before that is done
// stops it; nothing of it may show in the user's figures either way.
const sampleReferrals = 6014;

const mark = (name: string) => `performance.getEntriesByName(${JSON.stringify(name)}).length > 0`;

describe('the engine warm-up', () => {
	const s = useBrowser();

	it('finishes while the user chooses a file, leaving nothing in the figures', async () => {
		await open(s);
		await s.page.waitForSelector('html[data-db=ready]', slow);
		expect(await s.page.evaluate(mark('sp:warm-up-done'))).toBe(true);
		await trySample(s.page);
		await s.page.getByTestId('go-overview').click();
		const head = await figuresReady(s.page);
		expect(head.referrals).toBe(sampleReferrals);
		expect(s.consoleErrors.filter((e) => e.includes('warm-up'))).toEqual([]);
	});

	it('stops when a file is chosen first, and the file loads as on a fresh page', async () => {
		await open(s);
		// The sample is asked for as soon as the button shows, before the warm-up is done.
		await trySample(s.page);
		expect(await s.page.evaluate(mark('sp:warm-up-stopped'))).toBe(true);
		expect(await s.page.evaluate(mark('sp:warm-up-done'))).toBe(false);
		await s.page.getByTestId('go-overview').click();
		const head = await figuresReady(s.page);
		expect(head.referrals).toBe(sampleReferrals);
		expect(s.consoleErrors.filter((e) => e.includes('warm-up'))).toEqual([]);
	});
});
