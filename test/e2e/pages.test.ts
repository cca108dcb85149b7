import { beforeAll, describe, expect, it } from 'vitest';
import { tableNames, tables } from '../../src/lib/contract/tables.ts';
import {
	csvRecords,
	download,
	expected,
	figure,
	figureTable,
	open,
	overviewReady,
	parseCsv,
	trySample,
	useBrowser
} from './helpers.ts';

describe('figure downloads', () => {
	const s = useBrowser();
	let want: Awaited<ReturnType<typeof expected>>;
	beforeAll(async () => {
		want = await expected();
	});

	it('the CSV of "Referrals by PCN" holds the numbers of its table view; SVG and PNG download too', async () => {
		const { page } = s;
		await open(s, '/?next=/overview');
		await trySample(page);
		await page.waitForURL((u) => u.pathname === '/overview');
		await overviewReady(page);
		const card = figure(page, 'Referrals by PCN');

		const csv = await download(page, () => card.getByRole('button', { name: 'CSV' }).click());
		expect(csv.download.suggestedFilename()).toBe('referrals-by-pcn.csv');
		const records = csvRecords(csv.text);
		const header = parseCsv(csv.text)[0];

		const { header: labels, rows: shown } = await figureTable(page, 'Referrals by PCN');
		expect(labels.slice(0, 2)).toEqual(['PCN', 'Referrals']);
		expect(header).toEqual(labels);
		expect(shown.length).toBe(Object.keys(want.canonical.by_pcn).length);
		// Row for row, cell for cell, the download is the table view.
		expect(records.map((r) => header.map((h) => r[h]))).toEqual(shown);
		// ...and the numbers are the sample's.
		expect(Object.fromEntries(shown.map(([pcn, referrals]) => [pcn, Number(referrals)]))).toEqual(
			want.canonical.by_pcn
		);
		expect(shown.reduce((sum, [, r]) => sum + Number(r), 0)).toBe(want.canonical.referrals);

		// The chart downloads work from the chart view.
		await card.locator('svg').first().waitFor();
		const svg = await download(page, () => card.getByRole('button', { name: 'SVG' }).click());
		expect(svg.download.suggestedFilename()).toBe('referrals-by-pcn.svg');
		expect(svg.text).toMatch(/^<svg[^>]+xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
		for (const pcn of Object.keys(want.canonical.by_pcn)) expect(svg.text).toContain(pcn);
		const png = await download(page, () => card.getByRole('button', { name: 'PNG' }).click());
		expect(png.download.suggestedFilename()).toBe('referrals-by-pcn.png');
		expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
		expect(png.bytes.length).toBeGreaterThan(1000);
	});
});

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
	});
});
