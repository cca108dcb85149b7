import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
	canonicalFiles,
	chartsDrawn,
	cliSummary,
	figure,
	figureTable,
	open,
	redraw,
	trySample,
	useBrowser
} from './helpers.ts';

const byPcn = 'People referred per 1,000 patients by PCN';

/** The reference lines' labels drawn on a figure's chart. */
const lineLabels = (page: Page, title: string) =>
	figure(page, title).locator('[role="img"] g[data-mark="text"] text').allTextContents();

describe('people referred per 1,000 registered patients (the former IIF PC-01 measure)', () => {
	const s = useBrowser();

	it('shows people per 1,000 by PCN as the CLI counts them, in 2024/25 over its 365 days, against reference lines the user sets', async () => {
		const { page } = s;
		await open(s);
		await trySample(page);
		await page.getByTestId('go-overview').click();
		await page.waitForURL((u) => u.pathname === '/reach');
		await chartsDrawn(page);
		// A whole financial year counts 365 days, not the days from its first referral.
		await redraw(page, () => page.getByTestId('period').selectOption('year:2024/25'));
		const cli = await cliSummary(canonicalFiles, { from: '2024-04-01', to: '2025-03-31' });
		const people = cli.reach.people_referred_per_1000!.pcns;
		const referrals = cli.reach.referral_rate_per_1000!.pcns;

		const table = await figureTable(page, byPcn);
		expect(table.header).toEqual([
			'PCN',
			'People per 1,000 a year',
			'People referred',
			'Referrals per 1,000 a year',
			'Referrals',
			'List size'
		]);
		expect(table.rows.length).toBe(Object.keys(people).length);
		// The page shows 1 decimal of the exact rate, the CLI 2: within 0.05 + 0.005 of each other.
		for (const [pcn, perPeople, , perReferrals] of table.rows) {
			expect(Math.abs(Number(perPeople) - people[pcn]), pcn).toBeLessThanOrEqual(0.0551);
			expect(Math.abs(Number(perReferrals) - referrals[pcn]), pcn).toBeLessThanOrEqual(0.0551);
		}
		// People are fewer than referrals (the sample refers some people twice).
		for (const pcn of Object.keys(people)) expect(people[pcn]).toBeLessThan(referrals[pcn]);
		// Highest people rate first.
		const rates = table.rows.map((r) => Number(r[1]));
		expect(rates).toEqual([...rates].sort((a, b) => b - a));

		// The default lines, labelled and stated.
		expect(await lineLabels(page, byPcn)).toEqual(
			expect.arrayContaining(['Former IIF lower 12', 'Former IIF upper 16'])
		);
		const caveat = () => figure(page, byPcn).locator('.caveat').innerText();
		expect(await caveat()).toContain(
			'Reference lines at 12 and 16 people per 1,000 a year: the former IIF PC-01 thresholds'
		);

		// Other lines: kept in the address, drawn and stated on both figures.
		const input = page.getByTestId('rate-thresholds');
		await redraw(page, async () => {
			await input.fill('20, 8');
			await input.press('Enter');
		});
		expect(new URL(page.url()).searchParams.get('rate_thresholds')).toBe('8,20');
		await chartsDrawn(page);
		expect(await lineLabels(page, byPcn)).toEqual(
			expect.arrayContaining(['Former IIF lower 8', 'Former IIF upper 20'])
		);
		expect(await caveat()).toContain('Reference lines at 8 and 20 people per 1,000 a year');
		const sentence = await figure(page, byPcn).getByTestId('sentence').innerText();
		expect(sentence).toMatch(/ referred at least 8 people per 1,000 registered patients a year/);

		// Text that is not a list of numbers is refused, with a message; the lines stay.
		await input.fill('12, x');
		await input.press('Enter');
		await expect
			.poll(() => page.getByRole('alert').innerText())
			.toContain('is not a list of up to four numbers');
		expect(await input.getAttribute('aria-invalid')).toBe('true');
		expect(new URL(page.url()).searchParams.get('rate_thresholds')).toBe('8,20');

		// Back to the default: the address no longer carries it.
		await redraw(page, () => page.getByRole('button', { name: 'Use 12 and 16' }).click());
		expect(new URL(page.url()).searchParams.has('rate_thresholds')).toBe(false);
	});
});
