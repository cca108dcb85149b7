import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFilters } from '../../src/lib/metrics/filters.ts';
import { referralsBy } from '../../src/lib/metrics/reach.ts';
import {
	canonicalFiles,
	csvRecords,
	expected,
	figure,
	figureTexts,
	figuresReady,
	hoverBar,
	open,
	refilter,
	shownTable,
	trySample,
	useBrowser,
	type FigureText
} from './helpers.ts';
import { nativeData, type NativeData } from './native.ts';

const clicked = 'Northside PCN';
const keyed = 'Harbour PCN';
const fmt = (n: number) => n.toLocaleString('en-GB');
const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const pcnParams = (page: Page) => new URL(page.url()).searchParams.getAll('pcn');

describe('a click on a chart', () => {
	const s = useBrowser();
	let want: Awaited<ReturnType<typeof expected>>;
	let native: NativeData;
	let practicesOf: (pcn: string) => string[];
	let listedPractices: (pcn: string) => number;
	beforeAll(async () => {
		const [referralsCsv, practicesCsv] = await Promise.all(
			[canonicalFiles[0], canonicalFiles[3]].map((f) => readFile(f, 'utf8'))
		);
		const referrals = csvRecords(referralsCsv);
		const practices = csvRecords(practicesCsv);
		practicesOf = (pcn) =>
			[...new Set(referrals.filter((r) => r.pcn === pcn).map((r) => r.practice))].sort();
		listedPractices = (pcn) =>
			practices.filter((p) => p.pcn === pcn && Number(p.list_size) > 0).length;
		[want, native] = await Promise.all([expected(), nativeData(canonicalFiles)]);
	});
	afterAll(() => native?.close());

	/** Every figure of the Reach page counts the PCN's referrals or people now, not everyone's. */
	async function expectFiguresOf(page: Page, pcn: string, everyone: FigureText[]) {
		const f = makeFilters({ pcn: [pcn] });
		const head = await native.headline(f);
		expect(head.referrals).toBe(want.canonical.by_pcn[pcn]);
		const now = await figureTexts(page);
		expect(now.map((x) => x.slug)).toEqual(everyone.map((x) => x.slug));
		const wanted: Record<string, string> = {
			referrals: `${fmt(head.referrals)} referrals`,
			people: `${fmt(head.people)} people`,
			practices: `${listedPractices(pcn)} practices with list sizes`,
			PCN: '1 PCN with list sizes'
		};
		now.forEach((x, i) => {
			expect(x.n, x.slug).not.toBe(everyone[i].n);
			const unit = /^n = [\d,]+ (\w+)/.exec(x.n)?.[1] ?? '';
			expect(x.n.startsWith(`n = ${wanted[unit]}`), `${x.slug}: ${x.n}`).toBe(true);
		});
		const [top] = await native.run<{ key: string; referrals: number }>(referralsBy('practice', f));
		const sentence = (slug: string) => now.find((x) => x.slug === slug)!.sentence;
		expect(sentence('referrals-by-pcn')).toBe(
			`${pcn} had the most referrals: ${fmt(head.referrals)} (100%).`
		);
		expect(sentence('referrals-by-practice')).toMatch(
			new RegExp(
				`^${literal(top.key)} had the most referrals: ${fmt(top.referrals)} \\(\\d+%\\), of ${practicesOf(pcn).length} practices\\.$`
			)
		);
		// The practice figure lists that PCN's practices, and only those.
		const practices = figure(page, 'Referrals by practice');
		await practices.getByRole('button', { name: 'Show table' }).click();
		const { rows } = await shownTable(practices);
		expect(rows.map(([p]) => p).sort()).toEqual(practicesOf(pcn));
		await practices.getByRole('button', { name: 'Show chart' }).click();
		return head;
	}

	it('on a PCN bar filters every figure and the URL; the table’s "Filter" does the same from the keyboard', async () => {
		const { page } = s;
		await open(s, '/?next=/reach');
		await trySample(page);
		await page.waitForURL((u) => u.pathname === '/reach');
		const all = await figuresReady(page);
		expect(all.referrals).toBe(want.canonical.referrals);
		const everyone = await figureTexts(page);
		const pcns = figure(page, 'Referrals by PCN');

		// The mouse: hover the bar (Plot's tip names it), click it.
		const bar = await hoverBar(pcns, clicked);
		const one = await refilter(page, () => bar.click());
		expect(pcnParams(page)).toEqual([clicked]);
		expect(await page.getByRole('button', { name: `Remove PCN ${clicked}` }).count()).toBe(1);
		const head = await expectFiguresOf(page, clicked, everyone);
		expect({ ...one, drawn: 0 }).toEqual({ ...head, drawn: 0 });

		// A second click on the same bar takes the filter off again.
		const again = await hoverBar(pcns, clicked);
		const back = await refilter(page, () => again.click());
		expect(pcnParams(page)).toEqual([]);
		expect(back.referrals).toBe(want.canonical.referrals);
		expect(await figureTexts(page)).toEqual(everyone);

		// The keyboard: "Show table", then the row's "Filter" button.
		const show = pcns.getByRole('button', { name: 'Show table' });
		await show.focus();
		await page.keyboard.press('Enter');
		// Its name is "Filter: <PCN>" (Chromium reads it "Filter : <PCN>").
		const name = new RegExp(`^Filter ?: ${literal(keyed)}$`);
		const filter = pcns.getByRole('button', { name });
		await filter.focus();
		const other = await refilter(page, () => page.keyboard.press('Enter'));
		expect(pcnParams(page)).toEqual([keyed]);
		expect(other.referrals).toBe(want.canonical.by_pcn[keyed]);
		const table = await shownTable(pcns);
		expect(table.rows.map(([p, n]) => [p, n])).toEqual([[keyed, fmt(other.referrals)]]);
		await pcns.getByRole('button', { name: 'Show chart' }).click();
		await expectFiguresOf(page, keyed, everyone);
	});
});
