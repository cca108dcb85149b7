import { beforeAll, describe, expect, it } from 'vitest';
import {
	canonicalFiles,
	cliSummary,
	figure,
	figureTable,
	figuresReady,
	open,
	redraw,
	slow,
	trySample,
	useBrowser,
	type CliSummary
} from './helpers.ts';

const summaryTitle = 'Outcome measures: the same people before and after';
const pct = (share: unknown) => `${Math.round(Number(share) * 100)}%`;
// "+3.8", "−0.9" → numbers.
const number = (text: string) => Number(text.replace('−', '-').replace('+', ''));

// The page and the command-line tool work the statistics out from the same SQL cells.
describe('the Outcomes page on the sample data', () => {
	const s = useBrowser();
	let cli: CliSummary;
	let stricter: CliSummary;
	beforeAll(async () => {
		[cli, stricter] = await Promise.all([
			cliSummary(canonicalFiles),
			cliSummary(canonicalFiles, {}, ['--meaningful-change', 'wemwbs=5'])
		]);
	});

	it('shows every measure and GP appointments as the command-line tool does; settings and measure choice work', async () => {
		const { page } = s;
		await open(s);
		await trySample(page);
		await page.getByTestId('go-overview').click();
		await page.waitForURL((u) => u.pathname === '/reach');
		await figuresReady(page);
		await page.getByRole('link', { name: 'Outcomes', exact: true }).click();
		await page.waitForURL((u) => u.pathname === '/outcomes');
		await figuresReady(page);

		const table = await figureTable(page, summaryTitle);
		const col = (row: string[], label: string) => row[table.header.indexOf(label)];
		const names = Object.values(cli.outcomes).map((o) => String(o.name));
		expect(table.rows.map((r) => col(r, 'Measure'))).toEqual(names);
		for (const [key, o] of Object.entries(cli.outcomes)) {
			const row = table.rows.find((r) => col(r, 'Measure') === o.name)!;
			const ci = o.ci95 as [number, number];
			expect(
				{
					key,
					eligible: col(row, 'Eligible'),
					pairs: col(row, 'Pairs'),
					rate: col(row, 'Follow-up rate'),
					improved: col(row, 'Improved')
				},
				key
			).toEqual({
				key,
				eligible: Number(o.eligible).toLocaleString('en-GB'),
				pairs: Number(o.pairs).toLocaleString('en-GB'),
				rate: pct(o.followup_rate),
				improved: pct(o.improved_share)
			});
			// The page shows one place and the CLI two, so they differ by at most 0.05 + 0.005.
			const shown = [col(row, 'Mean change'), ...col(row, '95% CI of change').split(' to ')].map(
				number
			);
			const want = [Number(o.mean_change), ci[0], ci[1]];
			shown.forEach((x, i) => expect(Math.abs(x - want[i]), `${key} ${i}`).toBeLessThan(0.0551));
		}

		// GP appointments: the same people and totals as the CLI, with the caveat beside them.
		const gp = figure(page, 'GP appointments before and after referral');
		const sentence = await gp.getByTestId('sentence').innerText();
		const g = cli.gp_appointments;
		for (const n of [g.people, g.before, g.after])
			expect(sentence).toContain(Number(n).toLocaleString('en-GB'));
		expect(sentence).toContain(`${pct(g.fell_share)} had fewer appointments`);
		expect(await gp.innerText()).toContain('regression to the mean');
		expect(await gp.innerText()).toContain('6 months before and 6 after referral');

		// A threshold setting changes the improved share to the CLI's figure, and is kept in the URL.
		await page.getByText('Settings: meaningful change and GP window').click();
		await redraw(page, async () => {
			await page.getByTestId('threshold-wemwbs').fill('5');
			await page.getByTestId('threshold-wemwbs').dispatchEvent('change');
		});
		await expect.poll(() => new URL(page.url()).searchParams.get('change_wemwbs'), slow).toBe('5');
		const strict = await figureTable(page, summaryTitle);
		const at = (row: string[], label: string) => row[strict.header.indexOf(label)];
		const wem = strict.rows.find((r) => at(r, 'Measure') === stricter.outcomes.wemwbs.name)!;
		expect(at(wem, 'Meaningful change')).toBe('5 points');
		expect(at(wem, 'Improved')).toBe(pct(stricter.outcomes.wemwbs.improved_share));
		expect(stricter.outcomes.wemwbs.improved_share).not.toBe(cli.outcomes.wemwbs.improved_share);

		// Each measure opens its own figures, stating the pairs and the meaningful change.
		await page.locator('button[data-measure="swemwbs"]').click();
		await expect
			.poll(() => page.getByTestId('measure-detail').getAttribute('data-measure'), slow)
			.toBe('swemwbs');
		const o = cli.outcomes.swemwbs;
		const card = figure(page, `${o.name}: each person's change`);
		await card.waitFor(slow);
		expect(await card.getByTestId('n').innerText()).toContain(
			`${Number(o.pairs).toLocaleString('en-GB')} pairs`
		);
		expect(await card.innerText()).toContain('Meaningful change: 3 points');
		expect(await card.innerText()).toContain(`Follow-up rate ${pct(o.followup_rate)}`);
		for (const title of ['baseline against follow-up', 'mean change by group'])
			await figure(page, `${o.name}: ${title}`).waitFor(slow);
	}, 180_000);
});
