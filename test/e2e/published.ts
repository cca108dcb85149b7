import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { download, parseCsv } from './helpers.ts';
import { shownTable } from './figures.ts';

/**
 * What publication mode promises (METHODS.md "Small numbers and publication"), checked on what a
 * page shows: every count is 0, `*`, or a multiple of 5 of at least 10 (so never 1–7).
 */

/** Table and CSV columns that hold counts (shares, rates and labels are not counts). */
const countColumns = new Set([
	'Referrals',
	'People',
	'Count',
	'Total',
	'Signposts',
	'Attended',
	'Referrals mentioning it',
	'List size',
	// The Outcomes page: referrals with a baseline, pairs of scores, and GP appointment totals.
	// (Its scatter's 'Baseline' and 'Follow-up' columns are scores, not counts.)
	'Eligible',
	'Pairs',
	'Pairs at baseline',
	'Pairs at follow-up',
	'GP appointments',
	// The Compare page's funnels: each indicator's numerator and denominator.
	'Contacted within 14 days',
	'Supported',
	'Goals met',
	'Discharged',
	'Followed up',
	'Improved meaningfully',
	'People referred'
]);

/** Is this text a count as publication mode shows one? */
export function isPublished(text: string): boolean {
	if (text === '*') return true;
	if (!/^\d{1,3}(,\d{3})*$|^\d+$/.test(text)) return false;
	const n = Number(text.replace(/,/g, ''));
	return n === 0 || (n >= 10 && n % 5 === 0);
}

// Counts in a sentence: a number before "referrals" (not "referrals per"), "people",
// "signposts" or "onward …"; in parentheses; after "peaked at"; or after a colon before a share;
// both numbers of "40 of 55 discharged referrals"; a number before "GP appointments".
// Dates, quarters ("Q1"), deciles, age bands and numbers of groups ("of 4 PCNs") are not counts.
const countPatterns = [
	/(\d[\d,]*) (?=(?:onward )?(?:referrals?(?! per)|people|signposts?)\b)/g,
	/\((\d[\d,]*)\)/g,
	/peaked at (\d[\d,]*)/g,
	/: (\d[\d,]*) \(/g,
	/(\d[\d,]*) of (?=(?:\d[\d,]*|\*) (?:discharged )?referrals\b)/g,
	/(\d[\d,]*) (?=discharged referrals\b)/g,
	/(\d[\d,]*) (?=GP appointments\b)/g
];

/**
 * Counts of pairs of scores, for the Outcomes page only: "40 pairs", and Warwick's "there are
 * 13" (pairs). Elsewhere "pairs" can be pairs of reasons ("n = 6 pairs"), which are not counts.
 */
export const pairPatterns = [/(\d[\d,]*) (?=pairs\b)/g, /there are (\d[\d,]*)/g];

/** The counts a sentence states (with `extra` patterns, such as `pairPatterns`). */
export function countsIn(sentence: string, extra: RegExp[] = []): string[] {
	return [...countPatterns, ...extra].flatMap((p) => [...sentence.matchAll(p)].map((m) => m[1]));
}

/** Every count a sentence states is published (none is 1–7, each a multiple of 5 or 0). */
export function expectPublishedSentence(sentence: string, where: string, extra: RegExp[] = []) {
	for (const c of countsIn(sentence, extra))
		expect(isPublished(c), `${where}: "${c}" in "${sentence}"`).toBe(true);
}

/** Every count cell of a table (header + rows) is published; returns how many were `*`. */
export function expectPublishedTable(header: string[], rows: string[][], where: string): number {
	let stars = 0;
	header.forEach((h, j) => {
		if (!countColumns.has(h)) return;
		// "Attended" is also a column of labels (Attended, Did not attend) in "Referrals and signposts".
		if (rows.every((row) => !/^[\d*]/.test(row[j]))) return;
		for (const row of rows) {
			expect(isPublished(row[j]), `${where}, ${h}: "${row[j]}" in ${row.join(' | ')}`).toBe(true);
			if (row[j] === '*') stars++;
		}
	});
	return stars;
}

/**
 * Check one figure card in publication mode: its sentence and n, its table view, its chart's
 * text labels and its CSV download (`extra` sentence patterns, such as `pairPatterns`, apply to
 * the sentence, n and labels). Returns the table view and how many cells were `*`.
 */
export async function expectPublishedFigure(page: Page, card: Locator, extra: RegExp[] = []) {
	const title = (await card.locator('h3').innerText()).trim();
	expectPublishedSentence(
		await card.getByTestId('sentence').innerText(),
		`${title} sentence`,
		extra
	);
	expectPublishedSentence(await card.getByTestId('n').innerText(), `${title} n`, extra);
	// Counts written on the chart itself: a heatmap's cells, the funnel's "120 (54%)".
	// (Axis ticks a chart draws as a text mark are aria-hidden: they are scale values, not counts.)
	for (const label of await card
		.locator('svg g[data-mark="text"]:not([aria-hidden="true"]) text')
		.allTextContents())
		expectPublishedSentence(
			label.replace(/^(\d[\d,]*|\*)( |$)/, '($1)$2'),
			`${title} chart`,
			extra
		);

	// A table-only figure shows its table already.
	const toggle = card.getByRole('button', { name: 'Show table' });
	const chart = (await toggle.count()) > 0;
	if (chart) await toggle.click();
	const table = await shownTable(card);
	const stars = expectPublishedTable(table.header, table.rows, `${title} table`);
	if (chart) await card.getByRole('button', { name: 'Show chart' }).click();

	const csv = await download(page, () => card.getByRole('button', { name: 'CSV' }).click());
	expect(csv.download.suggestedFilename()).toMatch(/-publication\.csv$/);
	const [header, ...rest] = parseCsv(csv.text);
	rest.pop(); // the note naming the figure, its n and the rules
	expect(rest.length, `${title} CSV rows`).toBe(table.rows.length);
	expectPublishedTable(header, rest, `${title} CSV`);
	return { title, table, stars };
}
