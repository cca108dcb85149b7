import { beforeAll, describe, expect, it } from 'vitest';
import {
	canonicalFiles,
	cliSummary,
	expected,
	figuresReady,
	figureTexts,
	fileRow,
	open,
	trySample,
	useBrowser,
	type CliSummary
} from './helpers.ts';

const reachFigures = [
	'referrals-and-people-per-month',
	'referrals-and-people-per-quarter',
	'referrals-by-pcn',
	'referrals-by-service',
	'referrals-by-practice',
	'people-referred-per-1-000-patients-by-practice',
	'people-referred-per-1-000-patients-by-pcn',
	'people-by-imd-decile',
	'people-by-ethnicity',
	'people-by-age-and-sex',
	'from-referral-to-support'
];

describe('the sample data', () => {
	const s = useBrowser();
	let cli: CliSummary;
	let want: Awaited<ReturnType<typeof expected>>;
	beforeAll(async () => {
		[cli, want] = await Promise.all([cliSummary(canonicalFiles), expected()]);
	});

	it('loads from "Try the sample data", reports every file, and draws the Reach page', async () => {
		const { page } = s;
		await open(s);
		await page.getByRole('heading', { name: 'Load your case exports' }).waitFor();
		await trySample(page);

		// The import report: four files, every row read is loaded (the canonical files are clean).
		const report = page.getByTestId('import-report');
		await report.waitFor();
		await expect.poll(() => page.getByTestId('file-table').locator('tbody tr').count()).toBe(4);
		const c = want.canonical;
		const perFile: Record<string, number> = {
			'synthetic-referrals.csv': c.referrals,
			'synthetic-outcomes.csv': c.outcome_rows,
			'synthetic-onward-referrals.csv': c.onward_referral_rows,
			'synthetic-practices.csv': c.practices
		};
		for (const [file, rows] of Object.entries(perFile)) {
			const row = await fileRow(page, file);
			expect({ file, read: row.read, loaded: row.loaded, rejected: row.rejected }).toEqual({
				file,
				read: rows,
				loaded: rows,
				rejected: 0
			});
			// ...and the same as the command-line tool read from the same files.
			const fromCli = cli.import.files.find((f) => f.file === file)!;
			expect([row.read, row.loaded]).toEqual([fromCli.rows_read, fromCli.rows_loaded]);
		}
		const total = Object.values(perFile).reduce((a, b) => a + b, 0);
		await expect
			.poll(() => page.getByTestId('totals').innerText())
			.toContain(`${total.toLocaleString('en-GB')} rows read`);

		// Labelled synthetic before the figures are even open.
		await expect.poll(() => page.getByText('synthetic sample data').isVisible()).toBe(true);

		await page.getByTestId('go-overview').click();
		await page.waitForURL((u) => u.pathname === '/reach');
		const head = await figuresReady(page);
		expect({ referrals: head.referrals, people: head.people }).toEqual({
			referrals: c.referrals,
			people: c.people
		});
		expect({ referrals: head.referrals, people: head.people }).toEqual({
			referrals: cli.reach.referrals,
			people: cli.reach.people
		});
		expect(head.open).toBe(c.open_cases);
		expect(head.repeat).toBe(c.people_referred_more_than_once);

		// Every figure of the Reach page (the sample has list sizes, so the rates too), each an SVG
		// with marks, and every figure says it is synthetic.
		expect((await figureTexts(page)).map((f) => f.slug)).toEqual(reachFigures);
		const figures = page.locator('figure.card');
		for (let i = 0; i < reachFigures.length; i++) {
			const svg = figures.nth(i).locator('svg').first();
			expect(await svg.isVisible()).toBe(true);
			expect(await figures.nth(i).locator('svg rect, svg path').count()).toBeGreaterThan(0);
			expect(await figures.nth(i).locator('figcaption').innerText()).toContain('synthetic data');
		}
		expect(await page.locator('.synthetic-banner').innerText()).toMatch(/synthetic sample data/);
		expect(await page.locator('p.scope').innerText()).toContain('synthetic data');
	});
});
