import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
	everyText,
	fileRow,
	load,
	figuresReady,
	open,
	review,
	slow,
	useBrowser
} from './helpers.ts';

const fixture = resolve('test/fixtures/e2e/referrals-with-nhs-numbers.csv');
const name = 'referrals-with-nhs-numbers.csv';

/*
 * The fixture's "Contact code" column holds six valid NHS numbers (in the 999 range kept for
 * test data), written 3-3-4 with spaces. Modulus 11: weights 10..2 on the first nine digits,
 * check digit = 11 − (sum mod 11), 11 → 0, 10 → no valid number.
 *   999 000 001: 9×10 + 9×9 + 9×8 + 0×7 + 0×6 + 0×5 + 0×4 + 0×3 + 1×2 = 90+81+72+2 = 245; 245 mod 11 = 3; 11−3 = 8 → 999 000 0018
 *   999 000 002: 90+81+72 + 2×2 = 247; mod 11 = 5; 11−5 = 6 → 999 000 0026
 *   999 000 003: 90+81+72 + 3×2 = 249; mod 11 = 7; 11−7 = 4 → 999 000 0034
 *   999 000 004: 90+81+72 + 4×2 = 251; mod 11 = 9; 11−9 = 2 → 999 000 0042
 *   999 000 005: 90+81+72 + 5×2 = 253; mod 11 = 0; 11−0 = 11 → 0 → 999 000 0050
 *   999 000 006: 90+81+72 + 6×2 = 255; mod 11 = 2; 11−2 = 9 → 999 000 0069
 */
const nhsNumbers = [
	'999 000 0018',
	'999 000 0026',
	'999 000 0034',
	'999 000 0042',
	'999 000 0050',
	'999 000 0069'
];

function modulus11(digits: string): boolean {
	const d = [...digits].map(Number);
	const check = (11 - (d.slice(0, 9).reduce((sum, x, i) => sum + x * (10 - i), 0) % 11)) % 11;
	return digits.length === 10 && check !== 10 && check === d[9];
}

/** Every form an NHS number could be shown in: as written, without spaces, with hyphens. */
const forms = nhsNumbers.flatMap((n) => [n, n.replace(/ /g, ''), n.replace(/ /g, '-')]);
/** The NHS numbers found in the page: in what it shows, or (`everywhere`) in the whole DOM and form values. */
async function leaked(page: Page, where: 'shown' | 'everywhere' = 'everywhere') {
	const text = where === 'shown' ? await page.locator('body').innerText() : await everyText(page);
	return forms.filter((f) => text.includes(f));
}

async function chooseFixture(page: Page) {
	await page.getByTestId('drop-zone').locator('input[type=file]').setInputFiles(fixture);
	const file = review(page, name);
	await file.getByTestId('identifier-refusal').waitFor(slow);
	return file;
}

describe('a file holding NHS numbers', () => {
	const s = useBrowser();

	it('the fixture really holds valid NHS numbers, in an innocently named column', async () => {
		for (const n of nhsNumbers) expect(modulus11(n.replace(/ /g, '')), n).toBe(true);
		const csv = await readFile(fixture, 'utf8');
		expect(csv.split(/\r?\n/)[0]).toContain('Contact code');
		for (const n of nhsNumbers) expect(csv).toContain(n);
	});

	it('is refused by name and column without showing a value, and loads once the column is dropped', async () => {
		const { page } = s;
		await open(s);
		const file = await chooseFixture(page);
		const refusal = file.getByTestId('identifier-refusal');
		const message = await refusal.innerText();
		expect(message).toContain(name);
		expect(message).toContain('"Contact code"');
		expect(message).toMatch(/6 values that look like NHS numbers/);
		expect(await page.getByTestId('load').isDisabled()).toBe(true);
		expect(forms.some((f) => message.includes(f))).toBe(false);
		expect(await leaked(page, 'shown'), 'NHS numbers shown before the drop').toEqual([]);

		await refusal.getByRole('button', { name: 'Drop 1 column(s) and continue' }).click();
		await expect.poll(() => refusal.count()).toBe(0);
		expect(await file.getByTestId('dropped-columns').innerText()).toContain('Contact code');
		expect(await file.getByLabel('Use Contact code as').isDisabled()).toBe(true);
		expect(await page.getByTestId('load').isEnabled()).toBe(true);
		// Not one NHS number anywhere in the page: text, closed panels, attributes or form values.
		expect(await leaked(page), 'NHS numbers in the page after the drop').toEqual([]);

		await load(page);
		const row = await fileRow(page, name);
		expect({ read: row.read, loaded: row.loaded, rejected: row.rejected }).toEqual({
			read: 6,
			loaded: 6,
			rejected: 0
		});
		const report = page.getByTestId('import-report');
		const completeness = report.locator('details').filter({ hasText: name });
		await completeness.locator('summary').click();
		expect(await completeness.innerText()).toContain(
			'Dropped for holding identifiers: Contact code'
		);
		expect(await leaked(page), 'NHS numbers in the import report').toEqual([]);

		await page.getByTestId('go-overview').click();
		await page.waitForURL((u) => u.pathname === '/reach', slow);
		expect((await figuresReady(page)).referrals).toBe(6);
		expect(await leaked(page), 'NHS numbers in the Reach page').toEqual([]);
	});

	// Regression: the "Column mapping" examples once listed a refused column's NHS numbers.
	it('shows no NHS number anywhere while the file is refused, even in the column mapping', async () => {
		const { page } = s;
		await open(s);
		const file = await chooseFixture(page);
		await file.locator('details summary').click();
		expect(await leaked(page, 'shown'), 'NHS numbers shown in the opened column mapping').toEqual(
			[]
		);
		expect(await leaked(page), 'NHS numbers in the DOM').toEqual([]);
	});
});
