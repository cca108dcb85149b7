// One published answer (issue 10): for every figure the pages lay out from the catalogue, the
// table the page shows in the browser (DuckDB-wasm) is the table `sp-impact figures` prints from
// native DuckDB, cell for cell, with its title and sentence; on the sample and on the
// small-numbers fixture, in publication mode and out of it. The headline cards agree with the
// `headline` figure, and every figure the pages do not draw is one the CLI prints on purpose.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { catalogue, pages } from '../../src/lib/figures/catalogue/index.ts';
import { printed, sample, smallNumbers, type Printed } from '../helpers/printed.ts';
import {
	chartsDrawn,
	dropAndLoad,
	goTo,
	open,
	redraw,
	shownTable,
	trySample,
	useBrowser
} from './helpers.ts';

/** Figures no page draws: the CLI prints them (its `reach` keys), each read from one figure. */
const cliOnly = ['headline', 'people-by-age-band', 'people-by-sex', 'referrals-by-source-label'];

/** What the CLI prints for every catalogue figure, out of publication mode and in it. */
const printedBoth = async (paths: string[]) => ({
	off: await printed(paths, false),
	on: await printed(paths, true)
});

/** Every figure of every page, as the page shows it, against what the CLI printed. */
async function expectPagesAgree(page: Page, cli: Printed, mode: string) {
	for (const [name, layout] of Object.entries(pages)) {
		await goTo(page, title(name));
		await chartsDrawn(page);
		for (const { id } of layout) {
			const card = page.getByTestId('figures').getByTestId(id).locator('figure.card');
			const want = cli[id];
			const where = `${mode}: ${name} / ${id}`;
			if (!want) {
				expect(await card.count(), `${where}: the CLI has no figure, nor should the page`).toBe(0);
				continue;
			}
			expect(await card.count(), `${where}: drawn on the page`).toBe(1);
			const toggle = card.getByRole('button', { name: 'Show table' });
			if (await toggle.count()) await toggle.click();
			const table = await shownTable(card);
			const shown = {
				title: (await card.locator('h3').innerText()).trim(),
				sentence: (await card.getByTestId('sentence').innerText()).trim(),
				n: (await card.getByTestId('n').innerText()).replace(/^n = /, ''),
				columns: table.header,
				rows: table.rows
			};
			const { title: t, sentence, n, columns, rows } = want;
			expect(shown, where).toEqual({ title: t, sentence, n, columns, rows });
		}
	}
	// The headline cards are the `headline` figure's counts.
	const head = cli.headline!.rows;
	await goTo(page, 'Reach');
	await chartsDrawn(page);
	expect(
		[
			await page.getByTestId('headline-referrals').innerText(),
			await page.getByTestId('headline-people').innerText(),
			await page.getByTestId('headline-repeat').innerText()
		],
		`${mode}: headline cards`
	).toEqual(head.map((r) => r[1]));
}

const title = (name: string) => name[0].toUpperCase() + name.slice(1);

describe('the figure catalogue', () => {
	it('names every figure on a page or as one the CLI prints on purpose', () => {
		const onPages = Object.values(pages).flatMap((l) => l.map((f) => f.id));
		expect(new Set(onPages).size).toBe(onPages.length);
		expect([...onPages, ...cliOnly].sort()).toEqual(Object.keys(catalogue).sort());
	});
});

describe('the pages and the command-line tool give one published answer', () => {
	const s = useBrowser();
	const cli: Record<string, { off: Printed; on: Printed }> = {};
	beforeAll(async () => {
		cli.sample = await printedBoth(sample);
		cli.small = await printedBoth(smallNumbers);
	}, 120_000);

	async function expectBothModes(page: Page, data: { off: Printed; on: Printed }) {
		await expectPagesAgree(page, data.off, 'publication off');
		await redraw(page, () => page.getByTestId('publication-switch').check());
		await expectPagesAgree(page, data.on, 'publication on');
	}

	it('on the sample: every figure table, title and sentence', async () => {
		const { page } = s;
		await open(s);
		await trySample(page);
		await page.getByTestId('go-overview').click();
		await page.waitForURL((u) => u.pathname === '/reach');
		await expectBothModes(page, cli.sample);
	}, 300_000);

	it('on the small-numbers fixture: every figure table, title and sentence', async () => {
		const { page } = s;
		await open(s);
		await dropAndLoad(page, smallNumbers);
		await page.getByTestId('go-overview').click();
		await page.waitForURL((u) => u.pathname === '/reach');
		await expectBothModes(page, cli.small);
	}, 300_000);
});
