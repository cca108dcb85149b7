import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
	canonicalFiles,
	canonicalPeople,
	cliSummary,
	figureTable,
	figuresReady,
	open,
	refilter,
	slow,
	trySample,
	useBrowser,
	type CliSummary,
	type Headline
} from './helpers.ts';

const year = '2023/24';
const range = { from: '2023-04-01', to: '2024-03-31' }; // financial year 2023/24: April to March
const pcn = 'Northside PCN';

const params = (page: Page) => new URL(page.url()).searchParams;
/** Choose a PCN in the filter bar. */
const addPcn = (page: Page, name: string) => page.getByTestId('filter-pcn').selectOption(name);
/** The filter bar's chip for a PCN (there while the PCN is filtered on). */
const pcnChip = (page: Page, name: string) =>
	page.getByRole('button', { name: `Remove PCN ${name}`, exact: true });
/** The PCNs the filter bar still offers to add (not the placeholder or "Not recorded"). */
const pcnChoices = (page: Page) =>
	page
		.getByTestId('filter-pcn')
		.locator('option')
		.evaluateAll((os) =>
			os.map((o) => (o as HTMLOptionElement).value).filter((v) => v && v !== 'unknown')
		);
/** A figure's table view as { label: referrals } (the first two columns). */
async function referralsTable(page: Page, title: string) {
	const { header, rows } = await figureTable(page, title);
	expect(header.slice(0, 2)).toEqual(['PCN', 'Referrals']);
	return Object.fromEntries(rows.map(([label, referrals]) => [label, Number(referrals)]));
}

describe('filters', () => {
	const s = useBrowser();
	let all: CliSummary;
	let inYear: CliSummary;
	let pcnPeopleInYear: number;
	beforeAll(async () => {
		[all, inYear, pcnPeopleInYear] = await Promise.all([
			cliSummary(canonicalFiles),
			cliSummary(canonicalFiles, range),
			canonicalPeople({ pcn, ...range })
		]);
	});

	it('change the figures and the URL, match the command-line tool, and the back button undoes them', async () => {
		const { page } = s;
		await open(s);
		await trySample(page);
		await page.getByTestId('go-overview').click();
		await page.waitForURL((u) => u.pathname === '/reach');
		const everything = await figuresReady(page);
		expect([everything.referrals, everything.people]).toEqual([
			all.reach.referrals,
			all.reach.people
		]);
		expect(await page.getByTestId('period').inputValue()).toBe('all');

		// A financial year: the same referrals and people as `summary --from --to` for that year.
		const yearly = await refilter(page, () =>
			page.getByTestId('period').selectOption(`year:${year}`)
		);
		expect(params(page).get('fy')).toBe(year);
		expect([yearly.referrals, yearly.people]).toEqual([
			inYear.reach.referrals,
			inYear.reach.people
		]);
		expect(yearly.referrals).toBeLessThan(everything.referrals);
		expect(await referralsTable(page, 'Referrals by PCN')).toEqual(inYear.reach.by_pcn);

		// ...and one PCN: that PCN's referrals in that year.
		const onePcn = await refilter(page, () => addPcn(page, pcn));
		expect(params(page).get('fy')).toBe(year);
		expect(params(page).getAll('pcn')).toEqual([pcn]);
		expect(onePcn.referrals).toBe(inYear.reach.by_pcn[pcn]);
		expect(onePcn.people).toBe(pcnPeopleInYear);
		expect(await referralsTable(page, 'Referrals by PCN')).toEqual({
			[pcn]: inYear.reach.by_pcn[pcn]
		});
		expect(await page.getByTestId('headline-sentence').innerText()).toContain(pcn);

		// Back: the PCN filter goes, then the year; the figures follow.
		const back1 = await refilter(page, () => page.goBack());
		expect(params(page).getAll('pcn')).toEqual([]);
		expect(params(page).get('fy')).toBe(year);
		expect(await pcnChip(page, pcn).count()).toBe(0);
		expect([back1.referrals, back1.people]).toEqual([yearly.referrals, yearly.people]);
		const back2 = await refilter(page, () => page.goBack());
		expect(params(page).get('fy')).toBe(null);
		expect(await page.getByTestId('period').inputValue()).toBe('all');
		expect([back2.referrals, back2.people]).toEqual([everything.referrals, everything.people]);
		// ...and forward again.
		const forward = await refilter(page, () => page.goForward());
		expect(await page.getByTestId('period').inputValue()).toBe(`year:${year}`);
		expect(forward.referrals).toBe(yearly.referrals);
	});

	it('a shared link restores the view: load page first, then the same filters and figures', async () => {
		// An old Overview link: it now opens the Reach page, with its filters.
		const { page } = s;
		const link = `/overview?fy=${encodeURIComponent(year)}&pcn=${encodeURIComponent(pcn)}`;
		await open(s, link);
		await page.waitForURL((u) => u.pathname === '/' && u.searchParams.get('next') !== null);
		const next = new URL(params(page).get('next')!, s.appUrl);
		expect(next.pathname).toBe('/reach');
		expect([next.searchParams.get('fy'), next.searchParams.getAll('pcn')]).toEqual([year, [pcn]]);
		expect(
			await page
				.getByRole('status')
				.filter({ hasText: 'Load your data to open the view you were sent' })
				.count()
		).toBe(1);

		await trySample(page);
		await page.waitForURL((u) => u.pathname === '/reach', slow);
		expect(params(page).get('fy')).toBe(year);
		expect(params(page).getAll('pcn')).toEqual([pcn]);
		const restored: Headline = await figuresReady(page);
		expect(await page.getByTestId('period').inputValue()).toBe(`year:${year}`);
		expect(await pcnChip(page, pcn).count()).toBe(1);
		// One chip, and every other PCN still offered.
		expect(await page.getByRole('list', { name: 'Filters in use' }).locator('li').count()).toBe(1);
		expect((await pcnChoices(page)).sort()).toEqual(
			Object.keys(all.reach.by_pcn)
				.filter((p) => p !== pcn)
				.sort()
		);
		expect([restored.referrals, restored.people]).toEqual([
			inYear.reach.by_pcn[pcn],
			pcnPeopleInYear
		]);

		// The same figures as choosing those filters by hand: clear them, then pick them again.
		const cleared = await refilter(page, () =>
			page.getByRole('button', { name: 'Clear filters' }).click()
		);
		expect([cleared.referrals, cleared.people]).toEqual([all.reach.referrals, all.reach.people]);
		expect(new URL(page.url()).search).toBe('');
		await refilter(page, () => page.getByTestId('period').selectOption(`year:${year}`));
		const byHand = await refilter(page, () => addPcn(page, pcn));
		const strip = ({ referrals, people, open, repeat }: Headline) => ({
			referrals,
			people,
			open,
			repeat
		});
		expect(strip(byHand)).toEqual(strip(restored));
		expect([...params(page)]).toEqual([
			['fy', year],
			['pcn', pcn]
		]);
	});
});
