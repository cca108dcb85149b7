import type { Page } from 'playwright-core';

/** The built app in Chromium: choose the file, load it, open the Reach page; timed by the app's marks. */
export async function browserRun(page: Page, appUrl: string, path: string) {
	await page.goto(`${appUrl}/`);
	// DuckDB starts when the page opens, while a user would be choosing a file.
	await page.waitForSelector('html[data-db=ready]', { timeout: 120_000 });
	await page.locator('input[type=file]').first().setInputFiles(path);
	await page.getByTestId('load').waitFor({ state: 'visible', timeout: 600_000 });
	await page.getByTestId('load').click();
	await page.getByTestId('go-overview').waitFor({ timeout: 600_000 });
	await page.getByTestId('go-overview').click();
	await page.waitForFunction(
		() => performance.getEntriesByName('sp:figures-drawn').length > 0,
		null,
		{
			timeout: 600_000
		}
	);
	await page.locator('figure svg').nth(2).waitFor();
	// A string, not a function: tsx would wrap a function's inner helpers in its own __name().
	const marks: { start: number; prepared: number; clicked: number; loaded: number; drawn: number } =
		await page.evaluate(`(() => {
		const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
		return { start: at('sp:import-start'), prepared: at('sp:prepared'), clicked: at('sp:load-start'), loaded: at('sp:import-end'), drawn: at('sp:figures-drawn') };
	})()`);
	const referrals = Number(
		(await page.getByTestId('headline-referrals').textContent())?.replace(/,/g, '')
	);
	// Import is reading, checking and loading; the moment between review and the Load click is not counted.
	const importMs = marks.prepared - marks.start + (marks.loaded - marks.clicked);
	return { import: importMs, query: marks.drawn - marks.loaded, referrals };
}
