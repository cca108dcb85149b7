// The Compare page on the sample, whose generator plants what it should find (data-samples/README.md
// "What Compare should find"): Millbrook PCN slower to first contact. That its figures equal
// `sp-impact figures` cell for cell is checked for every page in catalogue.test.ts.
import { describe, expect, it } from 'vitest';
import { expectPublishedFigure } from './published.ts';
import {
	chartsDrawn,
	figure,
	goTo,
	open,
	redraw,
	shownTable,
	trySample,
	useBrowser
} from './helpers.ts';

describe('the Compare page', () => {
	const s = useBrowser();

	it('draws every funnel and run chart, compares by PCN and adjusts for overdispersion, all kept in the URL', async () => {
		const { page } = s;
		await open(s);
		await trySample(page);
		await page.getByTestId('go-overview').click();
		await page.waitForURL((u) => u.pathname === '/reach');
		await goTo(page, 'Compare');
		await chartsDrawn(page);
		const titles = await page.locator('figure.card h3').allInnerTexts();
		for (const t of [
			'Contacted within 14 days',
			'Supported',
			'Goals met',
			'WEMWBS: follow-up rate',
			'WEMWBS: improved meaningfully',
			'WEMWBS: mean change',
			'Referrals per month',
			'Contacted within 14 days, by month of referral',
			'Median days to first contact, by month of referral',
			'Services side by side'
		])
			expect(titles, t).toContain(t);
		// Every card but the side-by-side table has its chart.
		expect(await page.locator('figure.card [role="img"]').count()).toBe(titles.length - 1);

		await redraw(page, () => page.getByTestId('compare-by').selectOption('pcn'));
		expect(new URL(page.url()).searchParams.get('by')).toBe('pcn');
		await chartsDrawn(page);
		const contact = figure(page, 'Contacted within 14 days');
		expect(await contact.getByTestId('sentence').innerText()).toMatch(
			/^Millbrook PCN is below the 99\.8% limits around the overall \d+\.\d%\.$/
		);
		await contact.getByRole('button', { name: 'Show table' }).click();
		const table = await shownTable(contact);
		expect(table.header).toEqual([
			'PCN',
			'Contacted within 14 days',
			'Referrals',
			'Contacted within 14 days (%)',
			'95% limits',
			'99.8% limits',
			'Signal'
		]);
		const millbrook = table.rows.find((r) => r[0] === 'Millbrook PCN')!;
		expect(millbrook[6]).toBe('Below 99.8%');
		expect(table.rows.filter((r) => r[6] === 'Below 99.8%' || r[6] === 'Above 99.8%')).toHaveLength(
			1
		);
		// People referred per registered patient: practices and PCNs only.
		expect(await figure(page, 'People referred per 1,000 registered patients a year').count()).toBe(
			1
		);

		const caveat = () => figure(page, 'Supported').locator('.caveat').innerText();
		expect(await caveat()).toContain('inverted Wilson');
		await redraw(page, () => page.getByTestId('overdispersion').check());
		expect(new URL(page.url()).searchParams.get('overdispersion')).toBe('1');
		expect(await caveat()).toMatch(/φ = \d/);

		// The side-by-side table sorts by a column (and says not to rank).
		const units = figure(page, 'PCNs side by side');
		expect(await units.locator('.caveat').innerText()).toContain('Do not rank');
		await units.getByRole('button', { name: 'Referrals', exact: true }).click();
		const sorted = await shownTable(units);
		const referrals = sorted.rows.map((r) => Number(r[1].replace(/,/g, '')));
		expect(referrals).toEqual([...referrals].sort((a, b) => a - b));
		expect(await units.locator('th[aria-sort="ascending"]').innerText()).toBe('Referrals');

		// Link workers come with a caution.
		await redraw(page, () => page.getByTestId('compare-by').selectOption('link_worker'));
		await page.getByTestId('link-worker-caution').waitFor();
	});

	it('in publication mode leaves no count from 1 to 7 in any sentence, table, chart or download', async () => {
		const { page } = s;
		await open(s);
		await trySample(page);
		await page.getByTestId('go-overview').click();
		await page.waitForURL((u) => u.pathname === '/reach');
		await goTo(page, 'Compare');
		await chartsDrawn(page);
		await redraw(page, () => page.getByTestId('compare-by').selectOption('practice'));
		await redraw(page, () => page.getByTestId('publication-switch').check());
		await chartsDrawn(page);
		const cards = page.locator('figure.card');
		// Funnels of 3 indicators, of each measure present and per list size, 3 run charts, the table.
		expect(await cards.count()).toBeGreaterThan(20);
		for (let i = 0; i < (await cards.count()); i++) await expectPublishedFigure(page, cards.nth(i));
	});
});
