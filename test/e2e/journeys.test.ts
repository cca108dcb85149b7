import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journeysSummary } from '../../src/lib/cli/journeys-summary.ts';
import { plain } from '../../src/lib/figures/presenter.ts';
import { curvesByGroup, formatDays } from '../../src/lib/figures/time-to-event.ts';
import { noFilters } from '../../src/lib/metrics/filters.ts';
import { timeToDischarge } from '../../src/lib/metrics/journeys.ts';
import { latestDate } from '../../src/lib/metrics/reach.ts';
import { run } from '../../src/lib/metrics/run.ts';
import { importPaths, nativeDb } from '../helpers/import.ts';
import {
	canonicalFiles,
	chartsDrawn,
	dropAndLoad,
	figure,
	goTo,
	open,
	redraw,
	shownTable,
	slow,
	trySample,
	useBrowser
} from './helpers.ts';
import { expectPublishedFigure, expectPublishedSentence } from './published.ts';

/** "73 days" → 73; "not reached" and "*" as they are. */
const daysOf = (text: string) => (/^\d/.test(text) ? Number(text.replace(/ days$/, '')) : text);

/** The page's key figures: the two medians (days) and the share contacted within 14 days. */
async function keyFigures(page: Page) {
	const text = (id: string) => page.getByTestId(id).innerText();
	return {
		firstContact: daysOf(await text('median-first-contact')),
		discharge: daysOf(await text('median-discharge')),
		within14: await text('within-14-days')
	};
}

/** The time-to-discharge table as { group: [median, 95% CI] }. */
async function dischargeTable(page: Page) {
	const card = figure(page, 'Time to discharge');
	await card.getByRole('button', { name: 'Show table' }).click();
	const { header, rows } = await shownTable(card);
	await card.getByRole('button', { name: 'Show chart' }).click();
	const [median, ci] = [header.indexOf('Median days'), header.indexOf('95% CI')];
	return Object.fromEntries(rows.map((r) => [r[0], [r[median], r[ci]]]));
}

const ci = (c: unknown) => {
	const [lo, hi] = c as (number | null)[];
	return `${formatDays(lo)} to ${formatDays(hi)}`;
};

describe('the Journeys page', () => {
	const s = useBrowser();
	const native = {} as {
		db: Awaited<ReturnType<typeof nativeDb>>;
		asOf: string;
	};
	beforeAll(async () => {
		native.db = await nativeDb();
		await importPaths(native.db, canonicalFiles);
		native.asOf = String((await run(native.db, latestDate()))[0].as_of);
	});
	afterAll(() => native.db?.close());

	it("shows the command-line tool's medians on the sample, split by service and at an earlier as-of date", async () => {
		const { page } = s;
		const cli = await journeysSummary(native.db, noFilters, native.asOf, plain);
		const early = await journeysSummary(native.db, noFilters, '2024-03-31', plain);
		const rows = await run(native.db, timeToDischarge(noFilters, native.asOf, 'service'));
		const services = Object.fromEntries(
			[...curvesByGroup(rows)].map(([group, c]) => [
				group,
				[
					formatDays(c.median.estimate),
					`${formatDays(c.median.lower)} to ${formatDays(c.median.upper)}`
				]
			])
		);

		// Opened by its address with no data: the load page, and back here once the sample is in.
		await open(s, '/journeys');
		await trySample(page);
		await page.waitForURL((u) => u.pathname === '/journeys', slow);
		await chartsDrawn(page);
		const { time_to_discharge: discharge, time_to_first_contact: contact } = cli;
		expect(await keyFigures(page)).toEqual({
			firstContact: contact.median_days,
			discharge: discharge.median_days,
			within14: `${Math.round(Number(contact.within_14_days_share) * 100)}%`
		});
		expect((await dischargeTable(page))['All referrals']).toEqual([
			formatDays(discharge.median_days as number),
			ci(discharge.ci95)
		]);
		const contactCard = figure(page, 'Time to first contact');
		const followed = Number(contact.events) + Number(contact.censored);
		expect(await contactCard.getByTestId('n').innerText()).toBe(
			`n = ${followed.toLocaleString('en-GB')} referrals`
		);

		// Split by service: the choice is kept in the address, one row (and curve) per service.
		await redraw(page, () => page.getByTestId('split-service').check());
		expect(new URL(page.url()).searchParams.get('split')).toBe('service');
		const table = await dischargeTable(page);
		expect(Object.keys(table)).toEqual(['All referrals', ...Object.keys(services)]);
		for (const [service, want] of Object.entries(services))
			expect(table[service], service).toEqual(want);
		const swatches = figure(page, 'Time to discharge').locator('span[class$="-swatch"]');
		expect((await swatches.allInnerTexts()).map((t) => t.trim())).toEqual(Object.keys(services));

		// An earlier as-of date: cases discharged after it are open, censored at it.
		await redraw(page, async () => {
			await page.getByTestId('as-of').fill('31/03/2024');
			await page.getByTestId('as-of').press('Enter');
		});
		expect(new URL(page.url()).searchParams.get('split')).toBe('service');
		expect(await keyFigures(page)).toEqual({
			firstContact: early.time_to_first_contact.median_days,
			discharge: early.time_to_discharge.median_days,
			within14: `${Math.round(Number(early.time_to_first_contact.within_14_days_share) * 100)}%`
		});
		expect((await dischargeTable(page))['All referrals']).toEqual([
			formatDays(early.time_to_discharge.median_days as number),
			ci(early.time_to_discharge.ci95)
		]);
	});

	it('leaves no count from 1 to 7 in any figure in publication mode', async () => {
		const { page } = s;
		const fixtures = ['small-numbers-referrals.csv', 'small-numbers-onward.csv'];
		await open(s);
		await dropAndLoad(
			page,
			fixtures.map((f) => resolve('test/fixtures/e2e', f))
		);
		await goTo(page, 'Journeys');
		await chartsDrawn(page);
		await redraw(page, () => page.getByTestId('publication-switch').check());
		await chartsDrawn(page);
		const cards = page.locator('figure.card');
		const titles: string[] = [];
		for (let i = 0; i < (await cards.count()); i++)
			titles.push((await expectPublishedFigure(page, cards.nth(i))).title);
		expect(titles).toContain('Caseload per link worker');
		// Days are not counts; the key figures are medians and a share.
		for (const id of ['median-first-contact', 'median-discharge', 'within-14-days'])
			expectPublishedSentence(await page.getByTestId(id).innerText(), id);
		// The counts this page adds beyond the shared ones, read from their tables.
		const card = figure(page, 'Time to first contact');
		await card.getByRole('button', { name: 'Show table' }).click();
		const { rows } = await shownTable(card);
		for (const [label, value] of rows.slice(5))
			expect(value === '*' || value === '0' || Number(value.replace(/,/g, '')) >= 10, label).toBe(
				true
			);
	});
});
