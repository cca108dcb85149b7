import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dropAndLoad, figuresReady, figureTable, open, slow, useBrowser } from './helpers.ts';

// test/fixtures/outcomes-scores.csv gives R08 two PHQ-9 scores (14 at baseline, 9 at follow-up),
// a measure the registry lacks: the import lists it, and the user declares it.
const files = ['outcomes-referrals.csv', 'outcomes-scores.csv'];
const paths = files.map((f) => resolve('test/fixtures', f));

describe('outcome measures in the import report', () => {
	const s = useBrowser();

	it('says how each label was read, and a declared measure joins the figures', async () => {
		const { page } = s;
		await open(s);
		await dropAndLoad(page, paths);
		const found = page.getByTestId('measures-found');
		const row = (label: string) => found.locator(`tr[data-label="${label}"]`);
		expect(await row('SWEMWBS').innerText()).toContain('raw totals, converted to metric scores');
		expect(await row('Short WEMWBS').innerText()).toContain(
			'Short Warwick-Edinburgh Mental Wellbeing Scale'
		);
		expect(await row('PHQ-9').innerText()).toContain('Not recognised');

		// Declare PHQ-9: 0–27, lower is better, 5 points meaningful. The import runs again.
		const form = page.getByTestId('declare-measure');
		await form.getByLabel('Label').selectOption('PHQ-9');
		await form.getByLabel('Lowest score').fill('0');
		await form.getByLabel('Highest score').fill('27');
		await form.getByLabel('Better is').selectOption('lower');
		await form.getByLabel('Meaningful change').fill('5');
		await form.getByRole('button', { name: 'Declare and load again' }).click();
		await expect.poll(() => row('PHQ-9').innerText(), slow).toContain('PHQ-9');
		expect(await row('PHQ-9').innerText()).not.toContain('Not recognised');

		await page.getByTestId('go-overview').click();
		await page.waitForURL((u) => u.pathname === '/reach');
		await figuresReady(page);
		await page.getByRole('link', { name: 'Outcomes', exact: true }).click();
		await page.waitForURL((u) => u.pathname === '/outcomes');
		await figuresReady(page);
		const table = await figureTable(page, 'Outcome measures: the same people before and after');
		const col = (r: string[], label: string) => r[table.header.indexOf(label)];
		const phq = table.rows.find((r) => col(r, 'Measure') === 'PHQ-9');
		expect(phq && [col(phq, 'Pairs'), col(phq, 'Better'), col(phq, 'Meaningful change')]).toEqual([
			'1',
			'Lower',
			'5 points'
		]);
	}, 180_000);
});
