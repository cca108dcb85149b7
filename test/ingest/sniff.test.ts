import { describe, it, expect } from 'vitest';
import { cleanHeaders, detectDelimiter, parseHead } from '../../src/lib/ingest/sniff.ts';
import { importPaths, useNativeDb } from '../helpers/import.ts';

describe('detectDelimiter', () => {
	it.each([
		{
			name: 'comma',
			input: 'Referral ID,Date,PCN\nR1,01/04/2024,A\nR2,02/04/2024,B\n',
			expected: ','
		},
		{
			name: 'semicolon',
			input: 'Referral ID;Date;PCN\nR1;01/04/2024;A\nR2;02/04/2024;B\n',
			expected: ';'
		},
		{
			name: 'tab',
			input: 'Referral ID\tDate\tPCN\nR1\t01/04/2024\tA\nR2\t02/04/2024\tB\n',
			expected: '\t'
		},
		// Commas inside values (decimal commas, lists) must not beat a consistent semicolon.
		{
			name: 'semicolon with commas in values',
			input:
				'Referral ID;Reasons;Score\nR1;Loneliness, Debt;4,5\nR2;Debt;3\nR3;Housing, Debt, Money;2,0\n',
			expected: ';'
		},
		{
			name: 'comma with semicolons inside quotes',
			input: 'Referral ID,Reasons,PCN\nR1,"Loneliness; Debt",A\nR2,"Debt; Housing; Money",B\n',
			expected: ','
		},
		{ name: 'tab with spaces and commas', input: 'a b\tc,d\te\n1, 2\t3\t4\n', expected: '\t' },
		{ name: 'one column falls back to comma', input: 'Referral ID\nR1\nR2\n', expected: ',' }
	])('$name', ({ input, expected }) => {
		expect(detectDelimiter(input)).toBe(expected);
	});
});

describe('parseHead', () => {
	it('drops the last record of a partial read, which may be cut short', () => {
		const text = 'a,b\n1,2\n3,4\n5,';
		expect(parseHead(text, ',')).toEqual([
			['a', 'b'],
			['1', '2'],
			['3', '4']
		]);
		expect(parseHead(text, ',', true)).toEqual([
			['a', 'b'],
			['1', '2'],
			['3', '4'],
			['5', '']
		]);
	});

	it('reads quoted delimiters, doubled quotes and line breaks as one value; skips blank lines', () => {
		const text = 'a,b\r\n"x, y","say ""hi""\r\nthere"\r\n\r\n,\r\n';
		expect(parseHead(text, ',', true)).toEqual([
			['a', 'b'],
			['x, y', 'say "hi"\r\nthere']
		]);
	});
});

describe('cleanHeaders', () => {
	it.each([
		{
			name: 'trims and drops a BOM',
			input: ['\ufeff Referral ID ', 'PCN'],
			expected: ['Referral ID', 'PCN']
		},
		{
			name: 'names empty headers by position',
			input: ['a', '', ' '],
			expected: ['a', 'Column 2', 'Column 3']
		},
		{
			name: 'numbers repeats',
			input: ['Date', 'Date', 'x', 'Date'],
			expected: ['Date', 'Date (2)', 'x', 'Date (3)']
		}
	])('$name', ({ input, expected }) => {
		expect(cleanHeaders(input)).toEqual(expected);
	});
});

describe('delimited files through prepareFile and loadFiles (native DuckDB)', () => {
	const ctx = useNativeDb();

	const rows = [
		['Referral ID', 'Date of referral', 'Reason for referral', 'PCN'],
		['R1', '01/04/2024', 'Loneliness', 'PCN A'],
		['R2', '02/04/2024', 'Debt', 'PCN B']
	];
	it.each([
		{ name: 'comma.csv', delimiter: ',' },
		{ name: 'semicolon.csv', delimiter: ';' },
		{ name: 'tab.tsv', delimiter: '\t' },
		{ name: 'tab.txt', delimiter: '\t' }
	])('$name: delimiter detected and rows loaded', async ({ name, delimiter }) => {
		const text = rows.map((r) => r.join(delimiter)).join('\r\n') + '\r\n';
		const {
			files: [file],
			report
		} = await importPaths(ctx.db, [await ctx.files.write(name, text)]);
		expect(file.delimiter).toBe(delimiter);
		expect(report.files[0]).toMatchObject({ rows_read: 2, rows_loaded: 2, rows_rejected: 0 });
		expect(await ctx.db.query('SELECT referral_id, pcn FROM referrals ORDER BY _row')).toEqual([
			{ referral_id: 'R1', pcn: 'PCN A' },
			{ referral_id: 'R2', pcn: 'PCN B' }
		]);
	});

	it('quoted fields holding delimiters, quotes and CRLF line breaks load as one value', async () => {
		// R2's Service value spans physical lines 3-4 of the file; R3 is on line 5.
		const text = [
			'Referral ID,Date of referral,Service,PCN',
			'R1,01/04/2024,"Men\'s Shed, Leeds",PCN A',
			'R2,02/04/2024,"The ""Hub""\r\nNorth",PCN B',
			'R3,03/04/2024,Plain,"PCN C"',
			''
		].join('\r\n');
		const {
			files: [file],
			report
		} = await importPaths(ctx.db, [await ctx.files.write('quoted.csv', text)]);
		expect(file.delimiter).toBe(',');
		expect(report.files[0]).toMatchObject({
			rows_read: 3,
			rows_loaded: 3,
			rows_rejected: 0,
			issues: 0
		});
		expect(
			await ctx.db.query('SELECT referral_id, service, pcn, _row FROM referrals ORDER BY _row')
		).toEqual([
			{ referral_id: 'R1', service: "Men's Shed, Leeds", pcn: 'PCN A', _row: 2 },
			{ referral_id: 'R2', service: 'The "Hub"\r\nNorth', pcn: 'PCN B', _row: 3 },
			// Row numbers count records as a spreadsheet shows them, not physical lines.
			{ referral_id: 'R3', service: 'Plain', pcn: 'PCN C', _row: 4 }
		]);
	});

	it('semicolon file with decimal commas and quoted semicolons', async () => {
		const text =
			'Referral ID;Date of referral;Service;WEMWBS baseline\nR1;01/04/2024;"A; B";40,5\n';
		const {
			files: [file]
		} = await importPaths(ctx.db, [await ctx.files.write('semi-quoted.csv', text)]);
		expect(file.delimiter).toBe(';');
		expect(await ctx.db.query('SELECT referral_id, service FROM referrals')).toEqual([
			{ referral_id: 'R1', service: 'A; B' }
		]);
		// "40,5" is not a number DuckDB reads: kept out and listed, never guessed as 405 or 40.5.
		expect(await ctx.db.query('SELECT score FROM outcomes')).toEqual([{ score: null }]);
		expect(await ctx.db.query('SELECT "column", value, reason FROM import_issues')).toEqual([
			{ column: 'WEMWBS baseline', value: '40,5', reason: 'not a number' }
		]);
	});
});
