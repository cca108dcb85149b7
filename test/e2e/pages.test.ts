import { describe, expect, it } from 'vitest';
import { measures } from '../../src/lib/contract/measures.ts';
import { minimumDataset } from '../../src/lib/contract/minimum-dataset.ts';
import { tableNames, tables } from '../../src/lib/contract/tables.ts';
import { download, open, parseCsv, useBrowser } from './helpers.ts';

// The figure downloads are tested in downloads.test.ts.

describe('the export format page', () => {
	const s = useBrowser();

	it('lists every canonical table and its columns, and downloads the referrals template', async () => {
		const { page } = s;
		await open(s, '/export-format');
		await page.getByRole('heading', { level: 1, name: 'Export format' }).waitFor();
		// Needs no data: it does not send the reader to the load page.
		expect(new URL(page.url()).pathname).toBe('/export-format');

		for (const name of tableNames) {
			const section = page.locator(`section#${name}`);
			expect(await section.getByRole('heading', { level: 2 }).innerText()).toContain(
				tables[name].label
			);
			expect(await section.getByRole('heading', { level: 2 }).innerText()).toContain(name);
			const listed = await section.locator('tbody tr td:first-child code').allInnerTexts();
			expect(listed, name).toEqual(tables[name].columns.map((c) => c.name));
			const link = page
				.getByRole('navigation', { name: 'Tables' })
				.getByRole('link', { name: tables[name].label, exact: true });
			expect(await link.getAttribute('href')).toBe(`#${name}`);
		}

		const section = page.locator('section#referrals');
		const template = await download(page, () =>
			section.getByRole('button', { name: /Download the referrals template/ }).click()
		);
		expect(template.download.suggestedFilename()).toBe('referrals-template.csv');
		const [header, example, ...rest] = parseCsv(template.text);
		expect(header).toEqual(tables.referrals.columns.map((c) => c.name));
		expect(example).toHaveLength(header.length);
		expect(rest).toEqual([]);

		// Every measure of the registry, with its range and the names it is recognised by.
		const registry = page.getByTestId('measure-registry');
		expect(await registry.locator('tbody tr td:first-child code').allInnerTexts()).toEqual(
			measures.map((m) => m.key)
		);
		const swemwbs = registry
			.locator('tbody tr')
			.nth(measures.findIndex((m) => m.key === 'swemwbs'));
		expect(await swemwbs.innerText()).toContain('Short WEMWBS');
		expect(await swemwbs.innerText()).toContain('7–35');

		// The national minimum dataset: each of its four parts with the columns that carry it, each
		// a link to its table above, and what is not covered.
		const mds = page.getByTestId('minimum-dataset');
		const parts = mds.locator('tbody tr');
		expect(await parts.count()).toBe(minimumDataset.length);
		for (const [i, part] of minimumDataset.entries()) {
			const row = parts.nth(i);
			expect(await row.locator('th').innerText()).toContain(part.name);
			expect(await row.locator('td').first().locator('code').allInnerTexts()).toEqual(
				part.columns.map((c) => c.column)
			);
			const links = await row
				.locator('td a')
				.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
			expect(links).toEqual(part.columns.map((c) => `#${c.table}`));
			expect(await row.locator('td').nth(1).innerText()).toContain(part.gaps[0].slice(0, 40));
		}
	});
});
