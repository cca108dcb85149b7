import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
	count,
	csvRecords,
	download,
	dropFile,
	expected,
	exportsDir,
	figureTable,
	fileRow,
	load,
	figuresReady,
	open,
	review,
	slow,
	useBrowser
} from './helpers.ts';

const casebook = resolve(exportsDir, 'synthetic-casebook-export.csv');
const workbook = resolve(exportsDir, 'synthetic-spreadsheet-export.xlsx');
const casebookName = 'synthetic-casebook-export.csv';
const workbookName = 'synthetic-spreadsheet-export.xlsx';

// The planted defects of data-samples/exports/README.md: row (header = row 1), column, value, and
// what the rejection reason must say.
const rejected = [
	{ row: 132, column: 'Referral ID', value: '', reason: /empty|missing|no referral.?id/i },
	{
		row: 590,
		column: 'Date of referral',
		value: '31/02/2024',
		reason: /not a valid date|does not exist/i
	},
	{ row: 653, column: 'Referral ID', value: 'R003322', reason: /(copy|duplicate) of row 652/i },
	{
		row: 895,
		column: 'Referral ID',
		value: 'R003911',
		reason: /already used by (an earlier|row \d+)/i
	}
];

describe('importing messy exports', () => {
	const s = useBrowser();
	let want: Awaited<ReturnType<typeof expected>>;
	beforeAll(async () => {
		want = await expected();
	});

	it('reads a dropped Windows-1252 CSV, rejects exactly the 4 documented rows and lets them be downloaded', async () => {
		const { page } = s;
		await open(s);
		await dropFile(page, casebook);
		const file = review(page, casebookName);
		await file.waitFor(slow);
		const facts = await file.locator('.facts').innerText();
		expect(facts).toContain('Windows-1252');
		expect(facts).toContain('1,626 rows');

		// The decoded text is right where it is shown: the mapping's examples of the practice column.
		await file.locator('summary').click();
		const practiceRow = file
			.locator('tbody tr')
			.filter({ has: page.getByRole('cell', { name: 'GP Practice', exact: true }) });
		const examples = await practiceRow.locator('.examples').innerText();
		expect(examples).toContain('St Mary’s Surgery'); // 0x92, a right single quote in Windows-1252
		expect(examples).not.toMatch(/\uFFFD|Ã|â€/); // no replacement characters or mojibake

		await load(page);
		const row = await fileRow(page, casebookName);
		expect({ read: row.read, loaded: row.loaded, rejected: row.rejected }).toEqual({
			read: want.casebook_export.rows_written,
			loaded: want.casebook_export.rows_loaded,
			rejected: want.casebook_export.rows_rejected
		});
		expect({ read: row.read, loaded: row.loaded, rejected: row.rejected }).toEqual({
			read: 1626,
			loaded: 1622,
			rejected: 4
		});
		expect(await row.row.innerText()).toContain('Windows-1252');

		// The rejects table names each reason.
		const rejects = page.getByTestId('rejects');
		const reasons = await rejects.locator('tbody tr').allInnerTexts();
		expect(reasons.length).toBeGreaterThan(0);
		const rejectedRows = reasons
			.map((r) => Number(r.split('\t').at(-2)!.replace(/,/g, '')))
			.reduce((a, b) => a + b, 0);
		expect(rejectedRows).toBe(4);
		for (const r of rejected)
			expect(
				reasons.some((text) => r.reason.test(text)),
				`a reason like ${r.reason}`
			).toBe(true);

		// The downloaded CSV: exactly the 4 rows, with their row numbers, columns and reasons.
		const { download: d, text } = await download(page, () =>
			page.getByRole('button', { name: 'Download rejected rows (CSV)' }).click()
		);
		expect(d.suggestedFilename()).toBe('rejected-rows.csv');
		const records = csvRecords(text);
		expect(Object.keys(records[0])).toEqual(['file', 'row', 'column', 'value', 'reason']);
		expect(records.map((r) => Number(r.row))).toEqual(rejected.map((r) => r.row));
		records.forEach((record, i) => {
			const r = rejected[i];
			expect(record.file).toBe(casebookName);
			expect(record.reason, `row ${r.row}`).toMatch(r.reason);
			if (record.column) expect(record.column, `row ${r.row}`).toBe(r.column);
			if (r.value) expect(record.value, `row ${r.row}`).toBe(r.value);
		});

		// The documented issues: kept in the figures' rows, listed with their row numbers.
		const issues = csvRecords(
			(
				await download(page, () =>
					page.getByRole('button', { name: 'Download issues (CSV)' }).click()
				)
			).text
		);
		expect(issues.length).toBe(row.issues);
		const issueRows = issues.map((r) => Number(r.row));
		for (const n of [1058, 1220, 1383]) expect(issueRows, `issue at row ${n}`).toContain(n);
		expect(issues.find((r) => Number(r.row) === 1383)?.value).toBe('Walk-in centre');
		expect(issues.find((r) => Number(r.row) === 1220)?.value).toBe('11');
		expect(issues.find((r) => Number(r.row) === 1058)?.value).toBe('14/10/2023');
		// The column the contract does not know is listed as unmapped.
		expect(await page.getByTestId('import-report').textContent()).toMatch(
			/Listed and ignored \(no matching column\): Notes flag/
		);
		// ...and the report shows how each header was read, wide score columns included.
		const mapping = await page.getByTestId('report-mapping').textContent();
		expect(mapping).toContain('Date of referral → referral_date');
		expect(mapping).toContain('WEMWBS baseline → WEMWBS score (baseline)');
	});

	it('shows St Mary’s decoded from Windows-1252, in the figures, in the practice breakdown', async () => {
		// The Reach page breaks referrals down by practice: the practice names, decoded and loaded
		// through DuckDB, are the rows of "Referrals by practice".
		const { page } = s;
		await open(s, '/?next=/reach');
		await dropFile(page, casebook);
		await review(page, casebookName).waitFor(slow);
		await page.getByTestId('load').click();
		await page.waitForURL((u) => u.pathname === '/reach', slow);
		await figuresReady(page);
		const { header, rows } = await figureTable(page, 'Referrals by practice');
		expect(header.slice(0, 2)).toEqual(['Practice', 'Referrals']);
		const byPractice = Object.fromEntries(
			rows.map(([label, referrals]) => [label, count(referrals)])
		);
		expect(byPractice['St Mary’s Surgery']).toBe(327);
		expect(byPractice).toEqual(want.casebook_export.by_practice);
	});

	it('picks the Referrals sheet of an .xlsx chosen with the file picker, and loads the documented counts', async () => {
		const { page } = s;
		await open(s);
		await page.getByTestId('drop-zone').locator('input[type=file]').setInputFiles(workbook);
		const file = review(page, workbookName);
		await file.waitFor(slow);
		expect(await file.locator('.facts').innerText()).toMatch(/1,169 rows · Excel workbook/);
		const sheet = file.getByLabel('Sheet');
		expect(await sheet.locator('option').allInnerTexts()).toEqual(['Read me', 'Referrals']);
		expect(await sheet.inputValue()).toBe('Referrals');
		expect(await file.getByTestId('table-select').inputValue()).toBe('referrals');

		// The other sheet is not a referrals file; choosing Referrals again restores it.
		await sheet.selectOption('Read me');
		await expect
			.poll(() => review(page, workbookName).locator('.facts').innerText(), slow)
			.not.toMatch(/1,169 rows/);
		expect(await page.getByTestId('load').isDisabled()).toBe(true);
		await review(page, workbookName).getByLabel('Sheet').selectOption('Referrals');
		await expect
			.poll(() => review(page, workbookName).locator('.facts').innerText(), slow)
			.toMatch(/1,169 rows/);

		await load(page);
		const row = await fileRow(page, workbookName);
		expect({ read: row.read, loaded: row.loaded, rejected: row.rejected }).toEqual({
			read: want.spreadsheet_export.rows_written,
			loaded: want.spreadsheet_export.rows_loaded,
			rejected: want.spreadsheet_export.rows_rejected
		});
		expect(await row.row.innerText()).toContain('(sheet Referrals)');
		const rejects = await page.getByTestId('rejects').locator('tbody tr').allInnerTexts();
		expect(rejects.join('\n')).toMatch(/Referral received/);
		expect(rejects.join('\n')).toMatch(/\b352\b/);
	});
});
