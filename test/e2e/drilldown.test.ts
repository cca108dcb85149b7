import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFilters } from '../../src/lib/metrics/filters.ts';
import { sourceLabels } from '../../src/lib/metrics/referrals.ts';
import {
	canonicalFiles,
	count,
	expected,
	figure,
	figuresReady,
	hoverBar,
	open,
	shownTable,
	trySample,
	useBrowser
} from './helpers.ts';
import { nativeData, type NativeData } from './native.ts';

const fmt = (n: number) => n.toLocaleString('en-GB');

describe('the Referrals page’s source drill-down', () => {
	const s = useBrowser();
	let want: Awaited<ReturnType<typeof expected>>;
	let native: NativeData;
	/** The labels as given within one source group, from the metric SQL on native DuckDB. */
	let labelsOf: (group: string) => Record<string, number>;
	beforeAll(async () => {
		[want, native] = await Promise.all([expected(), nativeData(canonicalFiles)]);
		const rows = await native.run<{ group: string; key: string; referrals: number }>(
			sourceLabels(makeFilters())
		);
		labelsOf = (group) =>
			Object.fromEntries(
				rows
					.filter((r) => r.group === group)
					.map((r) => [r.key === 'unknown' ? 'Not recorded' : r.key, Number(r.referrals)])
			);
	});
	afterAll(() => native?.close());

	/** The labels figure of a group: its labels and counts as its table shows them, and its n. */
	async function labelsFigure(page: Page, name: string) {
		const card = figure(page, `Source labels: ${name}`);
		await card.waitFor();
		await card.getByRole('button', { name: 'Show table' }).click();
		const { header, rows } = await shownTable(card);
		await card.getByRole('button', { name: 'Show chart' }).click();
		expect(header).toEqual(['Label as given', 'Referrals']);
		return {
			labels: Object.fromEntries(rows.map(([label, n]) => [label, count(n)])),
			n: await card.getByTestId('n').innerText(),
			sentence: await card.getByTestId('sentence').innerText()
		};
	}

	it('"Show labels" for GP, or a click on a source’s bar, shows the labels as given in that group', async () => {
		const { page } = s;
		const bySource = want.canonical.by_referral_source_group;
		await open(s, '/?next=/referrals');
		await trySample(page);
		await page.waitForURL((u) => u.pathname === '/referrals');
		await figuresReady(page);
		const placeholder = page.getByRole('heading', { name: 'Source labels as given' });
		expect(await placeholder.count()).toBe(1);

		const sources = figure(page, 'Referrals by source');
		await sources.getByRole('button', { name: 'Show table' }).click();
		await sources.getByRole('button', { name: /^Show labels ?: GP$/ }).click();
		const gp = await labelsFigure(page, 'GP');
		expect(gp.labels).toEqual(labelsOf('gp'));
		// The sample's GPs write one label, "GP"; Self-referral has two (below).
		expect(Object.values(gp.labels).reduce((a, b) => a + b, 0)).toBe(bySource.gp);
		expect(gp.n).toBe(`n = ${fmt(bySource.gp)} referrals`);
		const [top, most] = Object.entries(labelsOf('gp'))[0];
		expect(gp.sentence).toMatch(/ makes? up GP; /);
		expect(gp.sentence).toContain(`the most used is "${top}" (${fmt(most)}).`);
		expect(await placeholder.count()).toBe(0);

		// The chart does the same: a click on Self-referral's bar swaps the drill-down...
		await sources.getByRole('button', { name: 'Show chart' }).click();
		const self = await hoverBar(sources, 'Self-referral');
		await self.click();
		const selfLabels = await labelsFigure(page, 'Self-referral');
		expect(selfLabels.labels).toEqual(labelsOf('self'));
		expect(Object.keys(selfLabels.labels).length).toBeGreaterThan(1);
		expect(selfLabels.n).toBe(`n = ${fmt(bySource.self)} referrals`);
		expect(await figure(page, 'Source labels: GP').count()).toBe(0);
		// ...and a second click closes it.
		await (await hoverBar(sources, 'Self-referral')).click();
		await placeholder.waitFor();
		expect(await figure(page, 'Source labels: Self-referral').count()).toBe(0);
	});
});
