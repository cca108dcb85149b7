import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupLabel } from '../../src/lib/figures/figure.ts';
import { makeFilters } from '../../src/lib/metrics/filters.ts';
import { funnel } from '../../src/lib/metrics/reach.ts';
import {
	canonicalFiles,
	count,
	download,
	expected,
	figure,
	figuresReady,
	goTo,
	open,
	parseCsv,
	shownTable,
	trySample,
	useBrowser
} from './helpers.ts';
import { nativeData, type NativeData } from './native.ts';

const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

// A table cell against the CSV's: counts without thousands separators, shares as percentages to
// one place where the table shows whole ones, `*` for a suppressed value in both.
function sameCell(shown: string, csv: string, share: boolean): boolean {
	if (shown === '*' || csv === '*') return shown === csv;
	if (share)
		return shown.endsWith('%') && Math.abs(Number(csv) - Number(shown.slice(0, -1))) <= 0.5;
	if (/^-?[\d,]+(\.\d+)?$/.test(shown)) return Number(shown.replace(/,/g, '')) === Number(csv);
	return shown === csv;
}

/**
 * Download a figure's CSV, SVG and PNG and check each against what the card shows: the CSV is
 * the table view cell for cell (then a note naming the figure and its n), the SVG holds the
 * chart's labels, the PNG is the chart at twice its size. Returns the table view.
 */
async function checkDownloads(page: Page, title: string, labels: string[]) {
	const card = figure(page, title);
	const slug = await card.getAttribute('data-figure');
	const csv = await download(page, () => card.getByRole('button', { name: 'CSV' }).click());
	expect(csv.download.suggestedFilename()).toBe(`${slug}.csv`);
	const [header, ...rest] = parseCsv(csv.text);
	const note = rest.pop()!;
	const n = await card.getByTestId('n').innerText();

	await card.getByRole('button', { name: 'Show table' }).click();
	const table = await shownTable(card);
	await card.getByRole('button', { name: 'Show chart' }).click();

	const shares = header.map((h) => h.endsWith(' (%)'));
	expect(header.map((h) => h.replace(/ \(%\)$/, ''))).toEqual(table.header);
	expect(rest.length, `${title}: CSV rows`).toBe(table.rows.length);
	table.rows.forEach((row, i) =>
		row.forEach((cell, j) =>
			expect(
				sameCell(cell, rest[i][j], shares[j]),
				`${title}, row ${i + 1}, ${header[j]}: table "${cell}", CSV "${rest[i][j]}"`
			).toBe(true)
		)
	);
	expect(note).toHaveLength(1);
	expect(note[0].startsWith(`${title}. ${n}. `), note[0]).toBe(true);

	const chart = card.locator('svg[role="img"]');
	await chart.waitFor();
	const svg = await download(page, () => card.getByRole('button', { name: 'SVG' }).click());
	expect(svg.download.suggestedFilename()).toBe(`${slug}.svg`);
	expect(svg.text).toMatch(/^<svg[^>]+xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
	for (const label of labels) expect(svg.text, `${title}: SVG label`).toContain(xmlText(label));

	const png = await download(page, () => card.getByRole('button', { name: 'PNG' }).click());
	expect(png.download.suggestedFilename()).toBe(`${slug}.png`);
	expect([...png.bytes.subarray(0, 8)]).toEqual(pngSignature);
	expect(png.bytes.length).toBeGreaterThan(1000);
	// IHDR: width and height, twice the chart's size on the page.
	const size = await chart.evaluate((e) => e.getBoundingClientRect());
	expect([png.bytes.readUInt32BE(16), png.bytes.readUInt32BE(20)]).toEqual([
		Math.ceil(size.width * 2),
		Math.ceil(size.height * 2)
	]);
	return table;
}

describe('figure downloads', () => {
	const s = useBrowser();
	let want: Awaited<ReturnType<typeof expected>>;
	let native: NativeData;
	beforeAll(async () => {
		[want, native] = await Promise.all([expected(), nativeData(canonicalFiles)]);
	});
	afterAll(() => native?.close());

	it('CSV, SVG and PNG of "Referrals by PCN", the funnel and "Referrals by source" hold what the figure shows', async () => {
		const { page } = s;
		const c = want.canonical;
		await open(s, '/?next=/reach');
		await trySample(page);
		await page.waitForURL((u) => u.pathname === '/reach');
		await figuresReady(page);

		const pcns = await checkDownloads(page, 'Referrals by PCN', Object.keys(c.by_pcn));
		expect(pcns.header.slice(0, 2)).toEqual(['PCN', 'Referrals']);
		const byPcn = Object.fromEntries(pcns.rows.map(([pcn, n]) => [pcn, count(n)]));
		expect(byPcn).toEqual(c.by_pcn);
		expect(pcns.rows.reduce((sum, [, n]) => sum + count(n), 0)).toBe(c.referrals);

		const steps = ['Referred', 'Contacted', 'Supported', 'Discharged with goals met'];
		const funnelTable = await checkDownloads(page, 'From referral to support', steps);
		const [f] = await native.run(funnel(makeFilters()));
		expect(funnelTable.rows.map(([step, n]) => [step, count(n)])).toEqual([
			['Referred', c.referrals],
			['Contacted', f.contacted],
			['Supported', f.supported],
			['Discharged with goals met', f.goals_met]
		]);
		expect(f.referred).toBe(c.referrals);

		await goTo(page, 'Referrals');
		// The Reach page's figures are gone once the Referrals page has its heading.
		await page.getByRole('heading', { level: 1, name: 'Referrals' }).waitFor();
		await figuresReady(page);
		const bySource = Object.fromEntries(
			Object.entries(c.by_referral_source_group as Record<string, number>).map(([k, n]) => [
				groupLabel('referral_source', k),
				n
			])
		);
		const sources = await checkDownloads(page, 'Referrals by source', Object.keys(bySource));
		expect(Object.fromEntries(sources.rows.map(([label, n]) => [label, count(n)]))).toEqual(
			bySource
		);
	});
});
