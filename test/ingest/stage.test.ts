import { describe, it, expect } from 'vitest';
import { problemRows } from '../../src/lib/ingest/report.ts';
import { importPaths, useNativeDb } from '../helpers/import.ts';

// Reading raw rows (stage.ts): what the CSV reader cannot parse, blank rows and ragged rows.
describe('raw rows', () => {
	const ctx = useNativeDb();

	it.each([
		{
			name: 'on the last row',
			text: 'Referral ID,Date of referral,PCN\r\nR1,01/04/2024,A\r\nR2,02/04/2024,B\r\nR3,03/04/2024,"C\r\n',
			expected: { read: 3, loaded: 2, row: 4, value: 'R3,03/04/2024,"C' }
		},
		{
			// The quote is never closed: its line is one bad row, and the lines after it are read
			// on their own (they used to vanish into the bad row's value).
			name: 'mid-file',
			text: 'Referral ID,Date of referral,PCN\r\nR1,01/04/2024,A\r\nR2,02/04/2024,"B\r\nR3,03/04/2024,C\r\n',
			expected: { read: 3, loaded: 2, row: 3, value: 'R2,02/04/2024,"B' }
		}
	])('an unterminated quote $name is counted as read and rejected', async ({ text, expected }) => {
		const { report } = await importPaths(ctx.db, [await ctx.files.write('unterminated.csv', text)]);
		expect(report.files[0]).toMatchObject({
			rows_read: expected.read,
			rows_loaded: expected.loaded,
			rows_rejected: 1
		});
		expect(await problemRows(ctx.db, 'import_rejects')).toEqual([
			{
				file: 'unterminated.csv',
				row: expected.row,
				column: null,
				value: expected.value,
				reason: 'could not be read: a quoted value starts in this row and is never closed'
			}
		]);
	});

	it('blank lines and all-empty rows at the end are not rows', async () => {
		const text = 'Referral ID,Date of referral\nR1,01/04/2024\nR2,02/04/2024\n\n,\n , \n\n';
		const { report } = await importPaths(ctx.db, [await ctx.files.write('trailing.csv', text)]);
		expect(report.files[0]).toMatchObject({
			rows_read: 2,
			rows_loaded: 2,
			rows_rejected: 0,
			blank_rows: 2
		});
	});

	it('blank lines above the header are not rows, and the header is not read as data', async () => {
		const text = '\n \r\nReferral ID,Date of referral\nR1,01/04/2024\nR2,02/04/2024\n';
		const { report } = await importPaths(ctx.db, [await ctx.files.write('lead.csv', text)]);
		expect(report.files[0]).toMatchObject({ rows_read: 2, rows_loaded: 2, rows_rejected: 0 });
		expect(await ctx.db.query('SELECT referral_id FROM referrals ORDER BY referral_id')).toEqual([
			{ referral_id: 'R1' },
			{ referral_id: 'R2' }
		]);
	});

	it('a row with more fields than the header is rejected, with the counts in its reason', async () => {
		const text =
			"Referral ID,Date of referral,Service\nR1,01/04/2024,Men's Shed, Leeds\nR2,02/04/2024,Plain,\nR3,03/04/2024,Plain, \n";
		const { report } = await importPaths(ctx.db, [await ctx.files.write('ragged.csv', text)]);
		// Rows 3 and 4 end with an empty (or blank) extra field: harmless, so they load.
		expect(report.files[0]).toMatchObject({ rows_read: 3, rows_loaded: 2, rows_rejected: 1 });
		expect(await problemRows(ctx.db, 'import_rejects')).toEqual([
			{
				file: 'ragged.csv',
				row: 2,
				column: '',
				value: null,
				reason: 'has 4 fields but the header has 3 (a delimiter inside an unquoted value?)'
			}
		]);
	});
});
