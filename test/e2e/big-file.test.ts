import { describe, expect, it } from 'vitest';
import { dropBigFile, watched } from './big-text-file.ts';
import {
	count,
	figureTable,
	figuresReady,
	headline,
	open,
	review,
	slow,
	useBrowser
} from './helpers.ts';

// Issue 15: a Windows-1252 file of tens of MB is decoded, scanned and split in a worker. While it
// is read the page shows how far it has got as a percentage and keeps responding (before, the
// decode and the split ran on the page's own thread and froze it for seconds); and its figures
// are those of the same data saved as UTF-8.

const rows = 400_000; // about 48 MB
const practices = ['St Mary’s Surgery', 'Café Road Practice', 'Hill – View Medical'];

describe('a large Windows-1252 file in the browser', () => {
	const s = useBrowser();

	async function loadBig(encoding: 'windows-1252' | 'utf-8') {
		const { page } = s;
		await open(s, '/?next=/reach');
		const name = `referrals-${encoding}.csv`;
		await page.getByTestId('drop-zone').waitFor(slow);
		await dropBigFile(page, { name, encoding, rows });
		await review(page, name).waitFor({ timeout: 180_000 });
		const seen = await watched(page);
		const facts = await review(page, name).locator('.facts').innerText();
		await page.getByTestId('load').click();
		await page.waitForURL((u) => u.pathname === '/reach', { timeout: 180_000 });
		await figuresReady(page);
		const { referrals, people } = await headline(page);
		const byPractice = (await figureTable(page, 'Referrals by practice')).rows.map(([label, n]) => [
			label,
			count(n)
		]);
		return { seen, facts, referrals, people, byPractice };
	}

	it('shows the percentage, keeps the page responding, and gives the UTF-8 file’s figures', async () => {
		const legacy = await loadBig('windows-1252');
		// (a) The percentage read, rising, shown while the file was read (12 slices of 4 MB).
		expect(legacy.seen.percents.length).toBeGreaterThanOrEqual(3);
		expect(legacy.seen.percents.some((p) => p > 0 && p < 100)).toBe(true);
		expect([...legacy.seen.percents].sort((a, b) => a - b)).toEqual(legacy.seen.percents);
		// (b) The page kept responding: a 20 ms timer never waited 2 s (the main-thread split of
		// this file alone held it for longer).
		expect(legacy.seen.ticks).toBeGreaterThan(10);
		expect(legacy.seen.longestGapMs).toBeLessThan(2000);
		expect(legacy.facts).toMatch(/Windows-1252/);
		expect(legacy.facts).toMatch(/400,000 rows/);
		// (c) The figures, by construction: 400,000 referrals of 50,000 people, a third per practice.
		expect([legacy.referrals, legacy.people]).toEqual([400_000, 50_000]);
		expect(Object.fromEntries(legacy.byPractice)).toEqual({
			[practices[0]]: 133_334,
			[practices[1]]: 133_333,
			[practices[2]]: 133_333
		});

		const utf8 = await loadBig('utf-8');
		expect(utf8.facts.replace('UTF-8', 'Windows-1252')).toBe(
			legacy.facts.replace(/windows-1252/g, 'utf-8')
		);
		expect([utf8.referrals, utf8.people, utf8.byPractice]).toEqual([
			legacy.referrals,
			legacy.people,
			legacy.byPractice
		]);
	}, 600_000);
});
