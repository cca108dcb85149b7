// The Report page (issue 12) in the real browser: the figures `sp-impact figures` prints, in
// publication mode by default; printed to A4 with Chromium's PDF output and read back with
// poppler; its HTML and Word downloads; stories screened by the identifier guard; and, on the
// small-numbers fixture, no count from 1 to 7 in the page, the PDF text or the Word file.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { printed, sample, smallNumbers, type Printed } from '../helpers/printed.ts';
import { expectSameTable, externalUrls, readDocx, readHtml } from '../report/read-back.ts';
import { ensureDebianTool } from './debian.ts';
import { download, dropAndLoad, goTo, open, slow, trySample, useBrowser } from './helpers.ts';
import {
	countsIn,
	expectPublishedSentence,
	expectPublishedTable,
	isPublished,
	pairPatterns
} from './published.ts';

const scratch = mkdtempSync(join(tmpdir(), 'sp-report-'));
const words = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The report as the page shows it, read back from its markup. */
async function shownReport(page: Page) {
	const host = page.getByTestId('report');
	await host.locator('.report').waitFor(slow);
	return readHtml(await host.innerHTML());
}

/** Print the page with Chromium's PDF output; its page count and text (poppler). */
async function printPdf(page: Page, name: string) {
	const path = join(scratch, `${name}.pdf`);
	await page.pdf({ path, preferCSSPageSize: true });
	const info = execFileSync('pdfinfo', [path]).toString();
	const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
	const text = execFileSync('pdftotext', ['-layout', path, '-']).toString();
	return { path, pages, text };
}

async function openReport(s: ReturnType<typeof useBrowser>) {
	await goTo(s.page, 'Report');
	await s.page.getByTestId('report').locator('.report').waitFor(slow);
}

beforeAll(() => ensureDebianTool('pdftotext', 'poppler-utils'));

describe('the Report page on the sample', () => {
	const s = useBrowser();
	let cliOn: Printed;
	let cliOff: Printed;
	beforeAll(async () => {
		cliOn = await printed(sample, true);
		cliOff = await printed(sample, false);
	}, 120_000);

	it('prints what the CLI prints, in publication mode by default, to A4 with every figure on a page', async () => {
		await open(s, '/');
		await trySample(s.page);
		await s.page.getByTestId('go-overview').click();
		await openReport(s);
		expect(await s.page.getByTestId('publication-switch').isChecked()).toBe(true);
		await expect.poll(() => s.page.getByTestId('publication-stamp').count()).toBe(1);

		const shown = await shownReport(s.page);
		expect(shown.figures.length).toBeGreaterThan(25);
		for (const f of shown.figures) {
			const c = cliOn[f.id]!;
			expect(f.title, f.id).toBe(c.title);
			expect(f.sentence, f.id).toBe(c.sentence);
			if (f.table) expectSameTable(f.table, c, f.id);
		}
		expect(shown.summary[0]).toBe(`Reach. ${cliOn.headline!.sentence} (n = ${cliOn.headline!.n})`);
		expect(shown.sections).toContain('Comparison');
		expect(shown.sections).toContain('Data quality');

		// Printed: A4 pages, a running footer, no navigation or controls, the headline figures.
		const pdf = await printPdf(s.page, 'sample');
		expect(pdf.pages).toBeGreaterThan(10);
		expect(pdf.pages).toBeLessThan(60);
		const text = words(pdf.text);
		expect(text).toContain(`Page 1 of ${pdf.pages}`);
		expect(text).toContain(`Page ${pdf.pages} of ${pdf.pages}`);
		expect(text).toContain('Social prescribing impact report · All dates · publication mode');
		expect(text).toContain(cliOn.headline!.sentence);
		expect(text).toContain(words(cliOn['engagement-funnel']!.sentence));
		expect(text).not.toContain('Your report');
		expect(text).not.toContain('Export format');
		expect(text).not.toContain('Print or save as PDF');

		// Every figure fits the A4 text area (182 × 264 mm at 96 dpi), so none is split or cut.
		await s.page.emulateMedia({ media: 'print' });
		await s.page.setViewportSize({ width: 688, height: 998 });
		const boxes = await s.page.locator('.report-figure').evaluateAll((els) =>
			els.map((e) => {
				const r = e.getBoundingClientRect();
				const inner = [...e.querySelectorAll('svg, table')].map((x) => x.getBoundingClientRect());
				return {
					id: e.getAttribute('data-figure'),
					width: r.width,
					height: r.height,
					overflow: inner.some((b) => b.right > r.right + 1 || b.left < r.left - 1)
				};
			})
		);
		expect(boxes.length).toBe(shown.figures.length);
		for (const b of boxes) {
			expect(b.width, `${b.id} width`).toBeLessThanOrEqual(688);
			expect(b.height, `${b.id} height`).toBeLessThanOrEqual(998);
			expect(b.overflow, `${b.id}: a chart or table wider than its figure`).toBe(false);
		}
		await s.page.emulateMedia({ media: 'screen' });
		await s.page.setViewportSize({ width: 1280, height: 900 });

		// The downloads: one HTML file that stands alone, and a Word file with the same words.
		const html = await download(s.page, () => s.page.getByTestId('download-html').click());
		expect(html.download.suggestedFilename()).toBe('social-prescribing-impact-report.html');
		expect(html.text).not.toMatch(/<script/i);
		expect(externalUrls(html.text)).toEqual([]);
		const saved = readHtml(html.text);
		expect(saved.figures.map((f) => f.sentence)).toEqual(shown.figures.map((f) => f.sentence));
		expect(saved.summary).toEqual(shown.summary);

		const docx = await download(s.page, () => s.page.getByTestId('download-docx').click());
		expect(docx.download.suggestedFilename()).toBe('social-prescribing-impact-report.docx');
		const word = readDocx(new Uint8Array(docx.bytes));
		for (const f of shown.figures) expect(word.paragraphs, f.id).toContain(f.sentence);
		expect(word.images).toBe(shown.figures.filter((f) => f.chart).length);
		expect(word.footer).toContain('publication mode');

		// Publication mode off, on this page only by choice: exact counts, said so on the report.
		await s.page.getByTestId('publication-switch').uncheck();
		await s.page.waitForURL((u) => u.searchParams.get('publication') === '0');
		await expect
			.poll(async () => (await shownReport(s.page)).summary[0])
			.toBe(`Reach. ${cliOff.headline!.sentence} (n = ${cliOff.headline!.n})`);
		expect((await shownReport(s.page)).text).toContain('Not in publication mode');
	});

	it('keeps the title, organisation and sections in the address, and screens stories', async () => {
		await open(s, '/');
		await trySample(s.page);
		await s.page.getByTestId('go-overview').click();
		await openReport(s);
		const page = s.page;

		await page.getByTestId('report-title').fill('Riverside board report, Q4');
		await page.getByTestId('report-title').press('Tab');
		await page.getByTestId('report-organisation').fill('Riverside <PCN>');
		await page.getByTestId('report-organisation').press('Tab');
		await page.getByTestId('section-comparison').uncheck();
		await page.waitForURL((u) => u.searchParams.get('sections')?.includes('methods') === true);
		const url = new URL(page.url());
		expect(url.searchParams.get('report_title')).toBe('Riverside board report, Q4');
		expect(url.searchParams.get('report_org')).toBe('Riverside <PCN>');
		expect(url.searchParams.get('sections')).not.toContain('comparison');
		await expect
			.poll(async () => (await shownReport(page)).sections.includes('Comparison'))
			.toBe(false);
		const report = await shownReport(page);
		expect(report.document.querySelector('h1')?.textContent).toBe('Riverside board report, Q4');
		expect(report.document.querySelector('.org')?.textContent).toBe('Riverside <PCN>');

		// A story with an NHS number, then one with a postcode: refused, the value never echoed.
		for (const [text, kind, value] of [
			['Seen with Mrs X, NHS 943 476 5919, at the surgery.', 'an NHS number', '5919'],
			['Lives alone near LS1 4AP and joined the choir.', 'a full postcode', 'LS1']
		]) {
			await page.getByTestId('story-title').fill('A story');
			await page.getByTestId('story-text').fill(text);
			await page.getByTestId('add-story').click();
			const problem = page.getByTestId('story-problem');
			await expect.poll(() => problem.textContent()).toContain(kind);
			expect(await problem.textContent()).not.toContain(value);
		}
		expect(await page.locator('.report .story').count()).toBe(0);

		await page.getByTestId('story-title').fill('A new start');
		await page
			.getByTestId('story-text')
			.fill('After six weeks of the choir, J said she felt part of something.');
		await page.getByTestId('add-story').click();
		await expect.poll(() => page.locator('.report .story h3').textContent()).toBe('A new start');
		expect(await page.locator('.report .reminder').textContent()).toContain(
			'Names have been changed'
		);

		// The report profile: saved with the story, and loaded back in a fresh session's page.
		const saved = await download(page, () => page.getByTestId('save-profile').click());
		const profile = JSON.parse(saved.text);
		expect(profile).toMatchObject({
			kind: 'sp-impact-report-profile',
			title: 'Riverside board report, Q4',
			organisation: 'Riverside <PCN>',
			stories: [{ title: 'A new start' }]
		});
		const changed = join(scratch, 'profile.json');
		writeFileSync(changed, JSON.stringify({ ...profile, title: 'Loaded from the profile' }));
		await page.getByTestId('load-profile').setInputFiles(changed);
		await expect
			.poll(async () => (await shownReport(page)).document.querySelector('h1')?.textContent)
			.toBe('Loaded from the profile');

		// A profile holding an identifier is refused whole.
		const bad = join(scratch, 'bad.json');
		writeFileSync(
			bad,
			JSON.stringify({ ...profile, stories: [{ title: 'Call me', text: 'Ring 07700 900123' }] })
		);
		await page.getByTestId('load-profile').setInputFiles(bad);
		await expect
			.poll(() => page.getByTestId('story-problem').textContent())
			.toContain('a phone number');
		expect(await page.getByTestId('story-problem').textContent()).not.toContain('900123');
		expect(await page.locator('.report .story h3').textContent()).toBe('A new start');
	});
});

describe('the Report page on the small-numbers fixture', () => {
	const s = useBrowser();

	it('shows no count from 1 to 7 on the page, in the PDF text or in the Word file', async () => {
		await open(s, '/');
		await dropAndLoad(s.page, smallNumbers);
		await s.page.getByTestId('go-overview').click();
		await openReport(s);

		const shown = await shownReport(s.page);
		const sentences = [...shown.summary, ...shown.figures.flatMap((f) => [f.sentence, f.meta])];
		expect(sentences.flatMap((t) => countsIn(t, pairPatterns)).length).toBeGreaterThan(10);
		for (const t of sentences) expectPublishedSentence(t, 'page', pairPatterns);
		let stars = 0;
		for (const t of shown.tables) stars += expectPublishedTable(t.header, t.rows, 'page');
		expect(stars, 'some counts are hidden').toBeGreaterThan(0);
		for (const td of shown.document.querySelectorAll('#report-quality td.num'))
			expect(isPublished(td.textContent ?? ''), td.textContent ?? '').toBe(true);

		const pdf = await printPdf(s.page, 'small-numbers');
		expectPublishedSentence(words(pdf.text), 'PDF', pairPatterns);
		expect(countsIn(words(pdf.text), pairPatterns).length).toBeGreaterThan(10);

		const docx = await download(s.page, () => s.page.getByTestId('download-docx').click());
		const word = readDocx(new Uint8Array(docx.bytes));
		for (const p of word.paragraphs) expectPublishedSentence(p, 'Word', pairPatterns);
		for (const t of word.tables) expectPublishedTable(t.header, t.rows, 'Word');
	});
});
