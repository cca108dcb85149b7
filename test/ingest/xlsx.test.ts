import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import writeExcelFile from 'write-excel-file/node';
import { fromPath } from '../../src/lib/ingest/node-input.ts';
import { isUnreadable, prepareFile } from '../../src/lib/ingest/prepare.ts';
import { readWorkbook } from '../../src/lib/ingest/xlsx.ts';
import { importPaths, nativeDb, scratchDir } from '../helpers/import.ts';

const date = (iso: string) => ({ value: new Date(`${iso}T00:00:00Z`), format: 'dd/mm/yyyy' });

// Sheet "Notes" first, so picking the referrals sheet is the importer's choice, not the order.
const notes = [
	['Note', 'Author'],
	['Exported from the case system', 'LW07']
];
const referrals = [
	['Referral ID', 'Date of referral', 'Service', 'No. of contacts', 'WEMWBS baseline'],
	['R1', date('2024-04-01'), 'Men\'s Shed, "North"\nLeeds', 6, 41],
	['R2', '15/04/2024', 'Connect', 2.5, null],
	[null, null, null, null, null],
	['R3', date('2024-05-31'), 'Connect', 0, 44],
	[null, null, null, null, null],
	[null, null, null, null, null]
];

describe('Excel workbooks (write-excel-file → importFiles)', () => {
	let db: Awaited<ReturnType<typeof nativeDb>>;
	let files: Awaited<ReturnType<typeof scratchDir>>;
	let path: string;
	beforeAll(async () => {
		db = await nativeDb();
		files = await scratchDir();
		path = `${files.dir}/export.xlsx`;
		await writeExcelFile([
			{ data: notes, sheet: 'Notes' },
			{ data: referrals, sheet: 'Referrals' }
		] as never).toFile(path);
	});
	afterAll(async () => {
		await db.close();
		await files.remove();
	});

	it('reads every sheet as text: dates as ISO, blank rows inside kept, trailing ones dropped', async () => {
		const sheets = await readWorkbook(await (await fromPath(path)).read());
		expect(sheets.map((s) => s.name)).toEqual(['Notes', 'Referrals']);
		expect(sheets[1].rows).toEqual([
			['Referral ID', 'Date of referral', 'Service', 'No. of contacts', 'WEMWBS baseline'],
			['R1', '2024-04-01', 'Men\'s Shed, "North"\nLeeds', '6', '41'],
			['R2', '15/04/2024', 'Connect', '2.5', ''],
			['', '', '', '', ''],
			['R3', '2024-05-31', 'Connect', '0', '44']
		]);
	});

	it('picks the sheet the contract recognises and loads it, row numbers as in the sheet', async () => {
		const {
			files: [file],
			report
		} = await importPaths(db, [path]);
		expect(file).toMatchObject({
			encoding: 'xlsx',
			delimiter: null,
			sheet: 'Referrals',
			sheets: ['Notes', 'Referrals']
		});
		expect(file).toMatchObject({ rows: 3, blank: 1, recognised: true });
		// Rows 2, 3, 5 read; row 4 blank; 2.5 contacts is kept out and listed.
		expect(report.files[0]).toMatchObject({
			rows_read: 3,
			rows_loaded: 3,
			rows_rejected: 0,
			issues: 1,
			blank_rows: 1
		});
		expect(
			await db.query(
				'SELECT referral_id, referral_date, service, contacts, _row FROM referrals ORDER BY _row'
			)
		).toEqual([
			{
				referral_id: 'R1',
				referral_date: '2024-04-01',
				service: 'Men\'s Shed, "North"\nLeeds',
				contacts: 6,
				_row: 2
			},
			{
				referral_id: 'R2',
				referral_date: '2024-04-15',
				service: 'Connect',
				contacts: null,
				_row: 3
			},
			{ referral_id: 'R3', referral_date: '2024-05-31', service: 'Connect', contacts: 0, _row: 5 }
		]);
		expect(await db.query('SELECT "row", "column", value FROM import_issues')).toEqual([
			{ row: 3, column: 'No. of contacts', value: '2.5' }
		]);
		expect(await db.query('SELECT referral_id, score FROM outcomes ORDER BY _row')).toEqual([
			{ referral_id: 'R1', score: 41 },
			{ referral_id: 'R3', score: 44 }
		]);
	});

	it('loads another sheet when asked, and names a missing one', async () => {
		const notesFile = await prepareFile(db, await fromPath(path), { sheet: 'Notes' });
		expect(notesFile).toMatchObject({
			sheet: 'Notes',
			headers: ['Note', 'Author'],
			recognised: false
		});
		expect(await prepareFile(db, await fromPath(path), { sheet: 'Sheet9' })).toEqual({
			name: 'export.xlsx',
			error: 'export.xlsx: no sheet named "Sheet9"'
		});
	});

	it('an .xlsx that is not a workbook is refused with a reason, not thrown', async () => {
		const bad = await files.write('broken.xlsx', 'Referral ID,Date\nR1,01/04/2024\n');
		const result = await prepareFile(db, await fromPath(bad));
		expect(isUnreadable(result)).toBe(true);
		expect((result as { error: string }).error).toBe(
			'broken.xlsx: is not an Excel workbook: it holds plain text (a CSV file renamed .xlsx?). Rename it to .csv'
		);
	});
});
