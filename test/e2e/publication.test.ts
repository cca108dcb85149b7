import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
	chartsDrawn,
	dropAndLoad,
	figure,
	figuresReady,
	fileRow,
	goTo,
	open,
	redraw,
	useBrowser
} from './helpers.ts';
import { expectPublishedFigure, expectPublishedSentence, isPublished } from './published.ts';

/*
 * test/fixtures/e2e/small-numbers-referrals.csv: 222 referrals of 216 people (six referred
 * twice), 4 still open, 2023-04-01 to 2025-03-19, with these counts set by hand:
 *   PCN       Northgate 120 (Northgate Surgery 70, Elm Surgery 50) · Southbank 95 (Southbank
 *             Health Centre 60, Quay Practice 35) · Westmoor 5 · Fenby 2
 *   service   North Links 120 · South Links 95 · West Links 7 (Westmoor and Fenby)
 *   source    GP 150 · Self-referral 44 · Practice nurse 25 · Social worker 3 (social care)
 *   also      months of 3 and 6 referrals, age band 0-17 2, sex not stated 7, Caribbean 4,
 *             ethnicity not stated 3, IMD decile 10 6, bereavement 5, moved away 3
 * small-numbers-onward.csv: 80 onward referrals and signposts: Gardening 40, Walking group 25,
 * Art group 12, Debt advice 3.
 * Published (METHODS.md): 1–7 → *, the rest to the nearest 5; a lone * in a column that adds
 * up to a shown total takes the next smallest cell with it (South Links, Practice nurse).
 */
const fixtures = ['small-numbers-referrals.csv', 'small-numbers-onward.csv'];
const paths = fixtures.map((f) => resolve('test/fixtures/e2e', f));

/** A breakdown's table as { label: [referrals, share] }. */
async function breakdown(page: Page, title: string) {
	const card = figure(page, title);
	await card.getByRole('button', { name: 'Show table' }).click();
	const rows = await card
		.locator('table tbody tr')
		.evaluateAll((trs) =>
			trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? ''))
		);
	await card.getByRole('button', { name: 'Show chart' }).click();
	return Object.fromEntries(rows.map(([label, referrals, share]) => [label, [referrals, share]]));
}

/** Check the headlines and every figure of the page; returns how many table cells were `*`. */
async function expectPublishedPage(page: Page) {
	const ids = ['referrals', 'people', 'open', 'repeat'];
	for (const id of ids) {
		const value = await page.getByTestId(`headline-${id}`).innerText();
		expect(isPublished(value), `headline ${id}: "${value}"`).toBe(true);
	}
	expectPublishedSentence(await page.getByTestId('headline-sentence').innerText(), 'headline');
	for (const note of await page.locator('[data-testid^="change-"]').allInnerTexts())
		expectPublishedSentence(note, 'headline change');
	let stars = 0;
	const cards = page.locator('figure.card');
	for (let i = 0; i < (await cards.count()); i++)
		stars += (await expectPublishedFigure(page, cards.nth(i))).stars;
	return stars;
}

describe('publication mode', () => {
	const s = useBrowser();

	it('leaves no count from 1 to 7 in any headline, sentence, table or CSV of Reach and Referrals; the switch turns it off', async () => {
		const { page } = s;
		await open(s);
		await dropAndLoad(page, paths);
		expect((await fileRow(page, fixtures[0])).loaded).toBe(222);
		expect((await fileRow(page, fixtures[1])).loaded).toBe(80);
		await page.getByTestId('go-overview').click();
		await page.waitForURL((u) => u.pathname === '/reach');
		const exact = await figuresReady(page);
		expect(exact).toMatchObject({ referrals: 222, people: 216, open: 4, repeat: 6 });

		const publicationSwitch = page.getByTestId('publication-switch');
		await redraw(page, () => publicationSwitch.check());
		expect(new URL(page.url()).searchParams.get('publication')).toBe('1');
		expect(await page.getByTestId('publication-banner').isVisible()).toBe(true);
		expect(await page.locator('html').getAttribute('data-publication')).toBe('on');
		const head = await Promise.all(
			['referrals', 'people', 'open', 'repeat'].map((id) =>
				page.getByTestId(`headline-${id}`).innerText()
			)
		);
		expect(head).toEqual(['220', '215', '*', '*']);

		// Reach: suppressed PCNs, and South Links hidden too so West Links cannot be worked out.
		expect(await expectPublishedPage(page)).toBeGreaterThan(0);
		expect(await breakdown(page, 'Referrals by PCN')).toEqual({
			'Northgate PCN': ['120', '54%'],
			'Southbank PCN': ['95', '43%'],
			'Westmoor PCN': ['*', '*'],
			'Fenby PCN': ['*', '*']
		});
		expect(await breakdown(page, 'Referrals by service')).toEqual({
			'North Links': ['120', '54%'],
			'South Links': ['*', '*'],
			'West Links': ['*', '*']
		});

		// Referrals: the page link keeps publication mode on.
		await goTo(page, 'Referrals');
		// The Reach page's figures are gone once the Referrals page has its heading.
		await page.getByRole('heading', { level: 1, name: 'Referrals' }).waitFor();
		await chartsDrawn(page);
		expect(new URL(page.url()).searchParams.get('publication')).toBe('1');
		expect(await page.getByTestId('publication-banner').isVisible()).toBe(true);
		expect(await expectPublishedPage(page)).toBeGreaterThan(0);
		expect(await breakdown(page, 'Referrals by source')).toEqual({
			GP: ['150', '68%'],
			'Self-referral': ['45', '20%'],
			'Practice nurse': ['*', '*'],
			'Social care': ['*', '*']
		});

		// A financial year: the headline changes on the year before are published too.
		await redraw(page, () => page.getByTestId('period').selectOption('year:2024/25'));
		const changes = await page.locator('[data-testid^="change-"]').allInnerTexts();
		expect(changes.join(' ')).toMatch(/on 2023\/24/);
		for (const note of changes) expectPublishedSentence(note, 'headline change');
		for (const card of await page.locator('figure.card').all()) {
			expectPublishedSentence(await card.getByTestId('sentence').innerText(), '2024/25 sentence');
			expectPublishedSentence(await card.getByTestId('n').innerText(), '2024/25 n');
		}
		await redraw(page, () => page.getByRole('button', { name: 'Clear filters' }).click());
		expect(new URL(page.url()).searchParams.get('publication')).toBe('1');

		// Off again: exact counts, no banner, nothing in the URL.
		await redraw(page, () => publicationSwitch.uncheck());
		expect(new URL(page.url()).searchParams.has('publication')).toBe(false);
		expect(await page.getByTestId('publication-banner').count()).toBe(0);
		expect(await page.locator('html').getAttribute('data-publication')).toBe('off');
		expect(
			await Promise.all(
				['referrals', 'people', 'open', 'repeat'].map((id) =>
					page.getByTestId(`headline-${id}`).innerText()
				)
			)
		).toEqual(['222', '216', '4', '6']);
		expect((await breakdown(page, 'Referrals by source'))['Social care']).toEqual(['3', '1%']);
	});
});
