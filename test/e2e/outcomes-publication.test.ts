import { resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
	chartsDrawn,
	dropAndLoad,
	figure,
	figuresReady,
	figureTable,
	fileRow,
	goTo,
	open,
	redraw,
	shownTable,
	slow,
	useBrowser
} from './helpers.ts';
import {
	countsIn,
	expectPublishedFigure,
	expectPublishedSentence,
	isPublished,
	pairPatterns
} from './published.ts';

/*
 * The referrals and onward referrals of publication.test.ts (small-numbers-referrals.csv: 222
 * referrals, S0143, S0180, S0213 and S0215 still open; as of 18 May 2025), with
 * test/fixtures/e2e/small-numbers-outcomes.csv: 199 scores in long form (referral_id, measure,
 * timepoint baseline|followup, assessed_on, score), baselines on the first contact date and
 * follow-ups on the discharge date:
 *   WEMWBS        42 pairs: S0001–S0030 (North Links), S0121–S0129 (South Links), S0216–S0218
 *                 (West Links); 12 discharged without a follow-up (S0031–S0042); 2 open with a
 *                 baseline only (S0143, S0180), so not eligible. Eligible 54, follow-up rate 78%.
 *                 Changes −5 ×2, −2 ×3, 0 ×5, +1 ×4, +2 ×6, +3 ×8, +4 ×6, +5 ×4, +7 ×2, +9 ×2:
 *                 mean 44.2 → 46.6; 22 improved by 3 points or more, 2 got worse (a share of 1–7).
 *   SWEMWBS       13 pairs (S0043–S0055, raw totals): 10 or more pairs, so intervals are shown,
 *                 but under Warwick's 30 (its note states the number of pairs).
 *   ONS4 anxiety  25 pairs (S0056–S0080) and 5 without a follow-up (S0081–S0085): eligible 30.
 *                 Bands (very low, low, medium, high) at baseline 0, 4, 9, 12 (low is 1–7, so
 *                 medium goes too; zero stays zero) and at follow-up 8, 9, 5, 3. By sex 12, 11
 *                 and 2 not stated. The 5 not followed up have a mean baseline resting on 1–7.
 *   UCLA-3        5 pairs (S0086–S0090: 7→5, 8→6, 6→6, 7→4, 9→7; mean 7.4 → 5.6; lonely 5
 *                 at baseline, 3 at follow-up) and 10 without a follow-up (S0091–S0100):
 *                 eligible 15. Too few pairs for publication: no figure of its own, only a note.
 * No GP appointment counts: the GP section is a note.
 * Published (METHODS.md "Small numbers and publication"): 1–7 → *, the rest to the nearest 5;
 * shares and means on 1–7 suppressed; a lone * among cells that add up to a shown total takes
 * the next smallest with it.
 */
const fixtures = [
	'small-numbers-referrals.csv',
	'small-numbers-onward.csv',
	'small-numbers-outcomes.csv'
];
const paths = fixtures.map((f) => resolve('test/fixtures/e2e', f));

const summaryTitle = 'Outcome measures: the same people before and after';
const names: Record<string, string> = {
	wemwbs: 'Warwick-Edinburgh Mental Wellbeing Scale',
	swemwbs: 'Short Warwick-Edinburgh Mental Wellbeing Scale',
	ons4_anxiety: 'ONS4: anxiety yesterday',
	ucla3: 'UCLA 3-item loneliness scale'
};
const keys = Object.keys(names);
const tooFew = "Publication mode: too few pairs in this view to show this measure's figures.";

/** The summary table as { measure name: { column label: cell } }. */
async function summary(page: Page) {
	const { header, rows } = await figureTable(page, summaryTitle);
	return Object.fromEntries(
		rows.map((row) => [row[0], Object.fromEntries(header.map((h, j) => [h, row[j]]))])
	);
}

/** A card's table view as objects by column label (opened, read and closed again). */
async function tableOf(card: Locator) {
	await card.getByRole('button', { name: 'Show table' }).click();
	const { header, rows } = await shownTable(card);
	await card.getByRole('button', { name: 'Show chart' }).click();
	return rows.map((row) => Object.fromEntries(header.map((h, j) => [h, row[j]])));
}

/** Choose a measure with its button; the page draws again (the choice is in the URL). */
async function choose(page: Page, key: string) {
	await redraw(page, () => page.locator(`button[data-measure="${key}"]`).click());
	expect(await page.locator(`button[data-measure="${key}"]`).getAttribute('aria-pressed')).toBe(
		'true'
	);
	await chartsDrawn(page);
}

/**
 * Every figure card on the page in publication mode: sentence, n, chart labels, table and CSV
 * (expectPublishedFigure), and also the caveat under it (the attrition line, Warwick's note) and
 * the description screen readers are given. Returns the titles and how many cells were `*`.
 */
async function expectPublishedCards(page: Page) {
	const titles: string[] = [];
	let stars = 0;
	for (const card of await page.locator('figure.card').all()) {
		const { title, stars: s } = await expectPublishedFigure(page, card, pairPatterns);
		titles.push(title);
		stars += s;
		// Soft, so that one wrong caveat does not hide what the other figures show.
		const texts = {
			caveat: (await card.locator('.caveat').allInnerTexts()).join(' '),
			description: (await card.locator('[id$="-data"]').textContent()) ?? ''
		};
		for (const [where, text] of Object.entries(texts))
			for (const c of countsIn(text, pairPatterns))
				expect.soft(isPublished(c), `${title} ${where}: "${c}" in "${text}"`).toBe(true);
	}
	return { titles, stars };
}

/**
 * The forest plot's table in publication mode: a group of 1–7 pairs shows `*` for its pairs,
 * mean and interval; and, as everywhere else, a lone `*` among a dimension's groups (which add up
 * to the pairs shown) takes the next smallest group with it (soft, to see every measure).
 */
async function expectPublishedForest(page: Page, name: string) {
	const rows = await tableOf(figure(page, `${name}: mean change by group`));
	for (const row of rows)
		if (row.Pairs === '*')
			expect([row['Mean change'], row['95% CI']], `${name} ${row.By} ${row.Group}`).toEqual([
				'*',
				'*'
			]);
	const dimensions = [...new Set(rows.map((r) => r.By))];
	for (const by of dimensions) {
		const groups = rows.filter((r) => r.By === by);
		const stars = groups.filter((r) => r.Pairs === '*').length;
		if (groups.length > 1)
			expect
				.soft(
					stars,
					`${name} by ${by}: a lone * beside ${groups.map((g) => `${g.Group} ${g.Pairs}`).join(', ')}`
				)
				.not.toBe(1);
	}
}

describe('publication mode on the Outcomes page', () => {
	const s = useBrowser();

	it('leaves no count from 1 to 7 in any sentence, table, chart or CSV of any measure; the switch turns it off', async () => {
		const { page } = s;
		await open(s);
		await dropAndLoad(page, paths);
		expect((await fileRow(page, fixtures[0])).loaded).toBe(222);
		expect((await fileRow(page, fixtures[1])).loaded).toBe(80);
		expect((await fileRow(page, fixtures[2])).loaded).toBe(199);
		await page.getByTestId('go-overview').click();
		await page.waitForURL((u) => u.pathname === '/reach');
		await figuresReady(page);
		// The data lives in this tab's memory: move by the page link, never by a reload.
		await goTo(page, 'Outcomes');
		await page.getByRole('heading', { level: 1, name: 'Outcomes' }).waitFor();
		await figure(page, summaryTitle).waitFor(slow);
		await chartsDrawn(page);

		// Exact counts first, with publication off.
		const measureButtons = page.locator('button[data-measure]');
		expect(await measureButtons.evaluateAll((bs) => bs.map((b) => b.dataset.measure))).toEqual(
			keys
		);
		const exact = await summary(page);
		expect(Object.keys(exact)).toEqual(Object.values(names));
		const counts = (table: typeof exact) =>
			keys.map((k) => [table[names[k]].Eligible, table[names[k]].Pairs]);
		expect(counts(exact)).toEqual([
			['54', '42'],
			['13', '13'],
			['30', '25'],
			['15', '5']
		]);
		expect(exact[names.wemwbs]['Follow-up rate']).toBe('78%');
		expect(exact[names.ucla3]).toMatchObject({
			'Mean at baseline': '7.4',
			'Mean at follow-up': '5.6',
			'Mean change': '−1.8',
			'95% CI of change': '—'
		});
		expect(await page.getByTestId('measure-detail').getAttribute('data-measure')).toBe('wemwbs');

		// Publication on.
		const publicationSwitch = page.getByTestId('publication-switch');
		await redraw(page, () => publicationSwitch.check());
		await chartsDrawn(page);
		expect(new URL(page.url()).searchParams.get('publication')).toBe('1');
		expect(await page.getByTestId('publication-banner').isVisible()).toBe(true);
		const head = await Promise.all(
			['referrals', 'people', 'open', 'repeat'].map((id) =>
				page.getByTestId(`headline-${id}`).innerText()
			)
		);
		expect(head).toEqual(['220', '215', '*', '*']);
		for (const value of head) expect(isPublished(value)).toBe(true);
		expectPublishedSentence(await page.getByTestId('headline-sentence').innerText(), 'headline');

		// The summary: counts rounded; every mean, interval and share of UCLA-3's 5 pairs hidden.
		const published = await summary(page);
		expect(counts(published)).toEqual([
			['55', '40'],
			['15', '15'],
			['30', '25'],
			['15', '*']
		]);
		expect(published[names.wemwbs]).toMatchObject({
			'Follow-up rate': '78%',
			'Mean at baseline': '44.2',
			'Mean at follow-up': '46.6',
			'Mean change': '+2.4',
			'Got worse': '*'
		});
		expect(published[names.wemwbs]['95% CI of change']).toMatch(/^\+?\d.* to \+\d/);
		for (const column of [
			'Follow-up rate',
			'Mean at baseline',
			'Mean at follow-up',
			'Mean change',
			'95% CI of change',
			'p (paired t)',
			'Effect size dz',
			'Improved',
			'95% CI improved',
			'Got worse'
		])
			expect(published[names.ucla3][column], `UCLA-3 ${column}`).toBe('*');
		const summarySentence = await figure(page, summaryTitle).getByTestId('sentence').innerText();
		expect(summarySentence).toContain('For the 40 referrals with both scores');

		// The default measure (WEMWBS), then each measure by its button.
		const seen: Record<string, string[]> = {};
		let stars = 0;
		for (const key of keys) {
			if (key !== 'wemwbs') await choose(page, key);
			const name = names[key];
			if (key === 'ucla3') {
				// Five pairs: no figure of the measure at all, only the note saying why.
				const note = page.locator('section.card-note').filter({ hasText: tooFew });
				await note.waitFor(slow);
				expect(await note.getByRole('heading', { name }).count()).toBe(1);
				expect(await note.locator('p').innerText()).toBe(tooFew);
				expect(await page.getByTestId('measure-detail').count()).toBe(0);
			} else {
				await expect
					.poll(() => page.getByTestId('measure-detail').getAttribute('data-measure'), slow)
					.toBe(key);
				expect(await page.locator('section.card-note').filter({ hasText: tooFew }).count()).toBe(0);
			}
			const cards = await expectPublishedCards(page);
			seen[key] = cards.titles;
			stars += cards.stars;
			if (key !== 'ucla3') await expectPublishedForest(page, name);
		}
		expect(seen).toEqual({
			wemwbs: [
				summaryTitle,
				`${names.wemwbs}: each person's change`,
				`${names.wemwbs}: baseline against follow-up`,
				`${names.wemwbs}: mean change by group`
			],
			swemwbs: [
				summaryTitle,
				`${names.swemwbs}: each person's change`,
				`${names.swemwbs}: baseline against follow-up`,
				`${names.swemwbs}: mean change by group`
			],
			ons4_anxiety: [
				summaryTitle,
				`${names.ons4_anxiety}: each person's change`,
				`${names.ons4_anxiety}: baseline against follow-up`,
				`${names.ons4_anxiety}: bands before and after`,
				`${names.ons4_anxiety}: mean change by group`
			],
			ucla3: [summaryTitle]
		});
		expect(stars).toBeGreaterThan(0);

		// ONS4 anxiety's bands: low at baseline is 1–7, so medium goes too; zero stays zero.
		await choose(page, 'ons4_anxiety');
		const bands = await tableOf(figure(page, `${names.ons4_anxiety}: bands before and after`));
		expect(
			bands.map((b) => [
				b['Pairs at baseline'],
				b['Share at baseline'],
				b['Pairs at follow-up'],
				b['Share at follow-up']
			])
		).toEqual([
			['0', '0%', '10', '32%'],
			['*', '*', '10', '36%'],
			['*', '*', '*', '*'],
			['10', '48%', '*', '*']
		]);
		// The 5 not followed up: their mean baseline rests on 1–7 referrals.
		const anxietyCaveat = await figure(page, `${names.ons4_anxiety}: each person's change`)
			.locator('.caveat')
			.innerText();
		expect(anxietyCaveat).toContain('25 of 30 discharged referrals with a baseline');
		expect(anxietyCaveat).toContain('against * for those not followed up');

		// The GP section: a note without counts (the referrals carry no appointment counts).
		const noGp = page.getByTestId('no-gp');
		expect(await noGp.isVisible()).toBe(true);
		expect(await noGp.innerText()).not.toMatch(/\d/);
		expect(await page.getByTestId('gp').count()).toBe(0);

		// Off again: exact counts, and UCLA-3's own figures with its 5 pairs.
		await choose(page, 'ucla3');
		await redraw(page, () => publicationSwitch.uncheck());
		await chartsDrawn(page);
		expect(new URL(page.url()).searchParams.has('publication')).toBe(false);
		expect(await page.getByTestId('publication-banner').count()).toBe(0);
		expect(counts(await summary(page))).toEqual(counts(exact));
		await expect
			.poll(() => page.getByTestId('measure-detail').getAttribute('data-measure'), slow)
			.toBe('ucla3');
		expect(await page.locator('section.card-note').filter({ hasText: tooFew }).count()).toBe(0);
		const change = figure(page, `${names.ucla3}: each person's change`);
		expect(await change.getByTestId('n').innerText()).toBe('n = 5 pairs');
		expect(await change.locator('.caveat').innerText()).toContain(
			'5 of 15 discharged referrals with a baseline'
		);
		const ucla = await tableOf(figure(page, `${names.ucla3}: bands before and after`));
		expect(ucla.map((b) => [b.Band, b['Pairs at baseline'], b['Pairs at follow-up']])).toEqual([
			['Not lonely (3–5)', '0', '2'],
			['Lonely (6–9)', '5', '3']
		]);
	}, 240_000);
});
