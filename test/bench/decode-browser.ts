// The page while a large Windows-1252 file is read (issue 15): the time until its review shows,
// the longest main-thread task (PerformanceObserver 'longtask') and the longest gap of a 20 ms
// timer. Measurement, not a test; run it against any build to compare (e.g. one made before the
// worker, kept in another folder).
//
//   npx tsx test/bench/decode-browser.ts [--build DIR] [--rows 1700000] [--regular]
//
// 1,700,000 rows make about 200 MB. --regular leaves out the quoted line break, so the file is
// plain (decoded and counted, then read by DuckDB) rather than split record by record.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { dropMadeFile, makeBigFile, watched } from '../e2e/big-text-file.ts';
import { ensureChromium, openBrowser } from '../e2e/chromium.ts';
import { serveBuild } from '../e2e/server.ts';

const { values } = parseArgs({
	options: {
		build: { type: 'string', default: 'build' },
		rows: { type: 'string', default: '1700000' },
		regular: { type: 'boolean', default: false }
	}
});
type Watch = { __long: number[]; __t0: number; __bigFile: File };

ensureChromium();
const { url, server } = await serveBuild(resolve(values.build!));
const { page, close } = await openBrowser(url);
try {
	await page.goto(url);
	await page.getByTestId('drop-zone').waitFor({ timeout: 90_000 });
	// tsx keeps function names with a helper the page does not have: give it one.
	await page.evaluate('window.__name = (f) => f');
	const name = 'referrals-200mb.csv';
	const rows = Number(values.rows);
	await makeBigFile(page, { name, encoding: 'windows-1252', rows, irregular: !values.regular });
	// Watch only from the drop: building the file is the test's own work.
	const bytes = await page.evaluate(() => {
		const w = window as unknown as Watch;
		w.__long = [];
		new PerformanceObserver((list) => {
			for (const e of list.getEntries()) w.__long.push(e.duration);
		}).observe({ type: 'longtask' });
		w.__t0 = performance.now();
		return w.__bigFile.size;
	});
	await dropMadeFile(page);
	await page
		.getByTestId('file-review')
		.or(page.locator('.error-summary'))
		.first()
		.waitFor({ timeout: 900_000 });
	const ms = await page.evaluate(() => performance.now() - (window as unknown as Watch).__t0);
	const seen = await watched(page);
	const long = await page.evaluate(() => (window as unknown as Watch).__long);
	const error = await page.locator('.error-summary').allInnerTexts();
	console.log(
		JSON.stringify({
			build: values.build,
			bytes,
			rows,
			plain: values.regular,
			seconds_to_review: Math.round(ms / 100) / 10,
			longest_task_ms: Math.round(Math.max(0, ...long)),
			long_tasks: long.length,
			long_tasks_total_ms: Math.round(long.reduce((a, b) => a + b, 0)),
			longest_timer_gap_ms: Math.round(seen.longestGapMs),
			percentages_shown: seen.percents.length,
			error
		})
	);
} finally {
	await close();
	server.close();
}
