import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
	csvRecords,
	download,
	dropFiles,
	figure,
	fileRow,
	figuresReady,
	load,
	open,
	review,
	slow,
	useBrowser
} from './helpers.ts';
import { fixture, scratchDir } from '../helpers/import.ts';

// Issue 15 in the browser: hostile files from the committed corpus are refused in plain words or
// loaded with exact counts, and the page goes on working; labels made of markup stay text.
const expected = JSON.parse(readFileSync(fixture('hostile/expected.json'), 'utf8'));
const hostile = (name: string) => fixture(`hostile/${name}`);

describe('hostile files in the browser', () => {
	const s = useBrowser();

	it('refuses garbage in plain words, counts every line of the rest, and loads again after', async () => {
		const { page } = s;
		await open(s);
		const refused = ['binary-garbage.csv', 'header-only.csv'];
		// In file name order, as the rejected rows download lists them. The ragged file has no
		// quotes but rows wider than the header allows, so the scan sends it to be split.
		const loaded = [
			'every-line-ragged.csv',
			'mixed-line-endings.csv',
			'quote-then-unterminated.csv'
		];
		await dropFiles(page, [...refused.map(hostile), ...loaded.map(hostile)]);
		for (const name of loaded) await review(page, name).waitFor(slow);
		const errors = await page.locator('.error-summary li').allInnerTexts();
		expect(errors).toEqual(refused.map((name) => expected[name].refused));

		await load(page);
		for (const name of loaded) {
			const row = await fileRow(page, name);
			const want = expected[name];
			expect({ read: row.read, loaded: row.loaded, rejected: row.rejected }).toEqual({
				read: want.read,
				loaded: want.loaded,
				rejected: want.read - want.loaded
			});
		}
		const { text } = await download(page, () =>
			page.getByRole('button', { name: 'Download rejected rows (CSV)' }).click()
		);
		expect(csvRecords(text).map((r) => [r.file, Number(r.row), r.reason])).toEqual(
			loaded.flatMap((name) =>
				(expected[name].rejects as [number, string][]).map(([row, reason]) => [name, row, reason])
			)
		);

		// Without a reload: another file, its own counts (the dataset is replaced, not mixed).
		await page.getByRole('button', { name: 'Change the mapping' }).click();
		await dropFiles(page, [hostile('blank-lines-inside.csv')]);
		await review(page, 'blank-lines-inside.csv').waitFor(slow);
		await load(page);
		const again = await fileRow(page, 'blank-lines-inside.csv');
		expect([again.read, again.loaded, again.rejected]).toEqual([4, 2, 2]);
	}, 180_000);

	it('shows markup in labels as text: no script runs, no request is made, downloads escape it', async () => {
		const { page } = s;
		const dir = await scratchDir();
		const img = '<img src=x onerror="window.__pwned=1">';
		const svg = '"><svg onload="window.__pwned=2">';
		const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;
		const rows = ['Referral ID,Date of referral,PCN,GP Practice,Service'];
		for (let i = 1; i <= 12; i++) {
			const pcn = i % 2 ? img : svg;
			rows.push(`R${i},0${(i % 9) + 1}/04/2024,${quote(pcn)},${quote(svg)},${quote(img)}`);
		}
		const path = await dir.write('markup.csv', rows.join('\n') + '\n');
		const requests: string[] = [];
		page.on('request', (r) => requests.push(new URL(r.url()).pathname));
		const dialogs: string[] = [];
		page.on('dialog', (d) => {
			dialogs.push(d.message());
			void d.dismiss();
		});
		try {
			await open(s, '/?next=/reach');
			await dropFiles(page, [path]);
			await review(page, 'markup.csv').waitFor(slow);
			await page.getByTestId('load').click();
			await page.waitForURL((u) => u.pathname === '/reach', slow);
			await figuresReady(page);
			const card = figure(page, 'Referrals by PCN');
			// The labels are shown as the text they are, in the axis and in Plot's tip (which
			// breaks lines with zero-width spaces).
			const flat = (t: string | null) => (t ?? '').replace(/[\s\u200b]/g, '');
			const chart = card.locator('svg[role="img"]');
			const ticks = await chart.locator('g[data-mark="y-axis tick label"] text').allTextContents();
			expect(ticks.map(flat).sort()).toEqual([img, svg].map(flat).sort());
			for (let i = 0; i < 2; i++) {
				await chart.locator('g[data-mark="bar"] rect').nth(i).hover();
				await expect
					.poll(async () => flat(await chart.locator('g[data-mark="tip"]').textContent()))
					.toContain(flat(ticks[i]));
			}
			const { text } = await download(page, () =>
				card.getByRole('button', { name: 'SVG' }).click()
			);
			expect(text).toContain('&lt;img src=x onerror=');
			expect(text).not.toMatch(/<img|<svg onload/);
			const csv = await download(page, () => card.getByRole('button', { name: 'CSV' }).click());
			expect(csvRecords(csv.text).map((r) => Object.values(r)[0])).toEqual(
				expect.arrayContaining([img, svg])
			);

			expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
			expect(dialogs).toEqual([]);
			// Nothing fetched the image the label names (a same-origin request would be /x).
			expect(requests.filter((p) => /\/x$|onerror|onload/.test(p))).toEqual([]);
			expect(await page.locator('img[src="x"], svg[onload]').count()).toBe(0);
		} finally {
			await dir.remove();
		}
	}, 180_000);
});
