import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFilters } from '../../src/lib/metrics/filters.ts';
import { publishCount } from '../../src/lib/stats/small-numbers.ts';
import { formatCount } from '../../src/lib/util/format.ts';
import {
	canonicalFiles,
	expected,
	figureTexts,
	figuresReady,
	open,
	redraw,
	refilter,
	slow,
	trySample,
	useBrowser
} from './helpers.ts';
import { nativeData, type NativeData } from './native.ts';

const year = '2024/25';
const pcn = 'Riverside PCN';

/** What the view shows: its headline values as read, and every figure's words. */
async function shown(page: Page) {
	const headlines = await page
		.getByTestId('headlines')
		.locator('[data-testid^="headline-"]')
		.allInnerTexts();
	const sentence = await page.getByTestId('headline-sentence').innerText();
	return { sentence, headlines, figures: await figureTexts(page) };
}

describe('a reload', () => {
	const s = useBrowser();
	let want: Awaited<ReturnType<typeof expected>>;
	let native: NativeData;
	beforeAll(async () => {
		[want, native] = await Promise.all([expected(), nativeData(canonicalFiles)]);
	});
	afterAll(() => native?.close());

	it('keeps the view: the load page asks for the data, then the same URL, filters, publication mode and figures', async () => {
		const { page } = s;
		await open(s, '/?next=/reach');
		await trySample(page);
		await page.waitForURL((u) => u.pathname === '/reach');
		await figuresReady(page);
		const inYear = await refilter(page, () =>
			page.getByTestId('period').selectOption(`year:${year}`)
		);
		expect(inYear.referrals).toBe(want.canonical.by_financial_year[year]);
		const filtered = await refilter(page, () => page.getByTestId('filter-pcn').selectOption(pcn));
		const truth = await native.headline(
			makeFilters({ period: { kind: 'year', label: year }, pcn: [pcn] })
		);
		expect(filtered.referrals).toBe(truth.referrals);
		await redraw(page, () => page.getByTestId('publication-switch').check());
		const view = new URL(page.url());
		expect([...view.searchParams]).toEqual([
			['fy', year],
			['pcn', pcn],
			['publication', '1']
		]);
		const published = formatCount(publishCount(truth.referrals));
		expect(await page.getByTestId('headline-referrals').innerText()).toBe(published);
		const before = await shown(page);

		await page.reload();
		await page.waitForURL((u) => u.pathname === '/' && u.searchParams.has('next'), slow);
		const next = new URL(page.url()).searchParams.get('next')!;
		expect(next).toBe(view.pathname + view.search);

		await trySample(page);
		await page.waitForURL((u) => u.href === view.href, slow);
		await figuresReady(page);
		expect(page.url()).toBe(view.href);
		expect(await page.getByTestId('period').inputValue()).toBe(`year:${year}`);
		expect(await page.getByRole('button', { name: `Remove PCN ${pcn}` }).count()).toBe(1);
		expect(await page.getByTestId('publication-switch').isChecked()).toBe(true);
		expect(await page.getByTestId('publication-banner').isVisible()).toBe(true);
		expect(await page.locator('html').getAttribute('data-publication')).toBe('on');
		expect(await page.getByTestId('headline-referrals').innerText()).toBe(published);
		expect(await shown(page)).toEqual(before);
	});
});
