import { describe, expect, it } from 'vitest';
import { chartsDrawn, goTo, open, redraw, trySample, useBrowser } from './helpers.ts';

// The sample's latest date is 31 March 2025 (data-samples/canonical/expected.json, as_of).
describe('dates in the UK form in an en-US browser', () => {
	const s = useBrowser({ locale: 'en-US' });

	it('every date control reads and shows dd/mm/yyyy (months mm/yyyy), whatever the browser’s language', async () => {
		const { page } = s;
		await open(s);
		// The browser really is American: its own date input would show 03/31/2025.
		expect(await page.evaluate(() => navigator.language)).toBe('en-US');
		await trySample(page);
		await page.getByTestId('go-overview').click();
		await page.waitForURL((u) => u.pathname === '/reach');
		await chartsDrawn(page);

		// No control is the browser's own date or month input.
		const native = () => page.locator('input[type="date"], input[type="month"]').count();
		expect(await native()).toBe(0);

		// The as-of date shows the UK way, and a UK date typed in it is read the UK way.
		const asOf = page.getByTestId('as-of');
		expect(await asOf.inputValue()).toBe('31/03/2025');
		await redraw(page, async () => {
			await asOf.fill('01/03/2025');
			await asOf.press('Enter');
		});
		expect(new URL(page.url()).searchParams.get('asof')).toBe('2025-03-01');
		expect(await asOf.inputValue()).toBe('01/03/2025');
		expect(await page.locator('figure.card figcaption').first().innerText()).toContain(
			'as of 01/03/2025'
		);
		// Month first, as the browser's language would have it, is refused with a message.
		await asOf.fill('03/31/2025');
		await asOf.press('Enter');
		await expect
			.poll(() => page.getByRole('alert').first().innerText())
			.toBe('03/31/2025 is not a day of the calendar.');
		expect(await asOf.getAttribute('aria-invalid')).toBe('true');
		expect(new URL(page.url()).searchParams.get('asof')).toBe('2025-03-01');

		// Custom dates: typed and shown as dd/mm/yyyy, kept in the address as ISO.
		// Custom dates start where the data's first financial year does (2022/23).
		await redraw(page, () => page.getByTestId('period').selectOption('custom'));
		const from = page.getByTestId('filter-from');
		const to = page.getByTestId('filter-to');
		expect([await from.inputValue(), await to.inputValue()]).toEqual(['01/04/2022', '']);
		await redraw(page, async () => {
			await from.fill('1/4/2024');
			await from.press('Enter');
		});
		await redraw(page, async () => {
			await to.fill('30/06/2024');
			await to.press('Enter');
		});
		const params = new URL(page.url()).searchParams;
		expect([params.get('from'), params.get('to')]).toEqual(['2024-04-01', '2024-06-30']);
		expect([await from.inputValue(), await to.inputValue()]).toEqual(['01/04/2024', '30/06/2024']);
		expect(await page.locator('p.scope').innerText()).toContain('01/04/2024 to 30/06/2024');

		// Compare's "new limits from" month: mm/yyyy.
		await goTo(page, 'Compare');
		await chartsDrawn(page);
		const month = page.getByLabel('New limits from (mm/yyyy)').first();
		await redraw(page, async () => {
			await month.fill('05/2024');
			await month.press('Enter');
		});
		expect([...new URL(page.url()).searchParams.values()]).toContain('2024-05');
		expect(await month.inputValue()).toBe('05/2024');
		expect(await native()).toBe(0);
	});
});
