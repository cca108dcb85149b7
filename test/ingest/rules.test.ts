import { describe, it, expect } from 'vitest';
import { problemRows } from '../../src/lib/ingest/report.ts';
import { importPaths, useNativeDb } from '../helpers/import.ts';

// How each canonical type is read from text (rules.ts parseExpr, issueChecks), run on DuckDB.
describe('reading typed values', () => {
	const ctx = useNativeDb();

	it('bands ages and reads band labels as exports write them', async () => {
		const ages = [
			'17',
			'18',
			'24.5',
			'25',
			'84',
			'85',
			'102',
			'121',
			'-1',
			'45 to 54',
			'85 and over',
			'Under 18',
			'85+',
			'18-24 years'
		];
		const text = [
			'Referral ID,Date of referral,Age',
			...ages.map((a, i) => `R${i},01/04/2024,${a}`)
		].join('\n');
		await importPaths(ctx.db, [await ctx.files.write('ages.csv', text)]);
		const rows = await ctx.db.query<{ age_band: string | null }>(
			'SELECT age_band FROM referrals ORDER BY _row'
		);
		expect(rows.map((r) => r.age_band)).toEqual([
			'0-17',
			'18-24',
			'18-24',
			'25-34',
			'75-84',
			'85+',
			'85+',
			null,
			null,
			'45-54',
			'85+',
			'0-17',
			'85+',
			'18-24'
		]);
		// 121 and -1 are not ages a person has: kept out and listed.
		expect((await problemRows(ctx.db, 'import_issues')).map((r) => [r.row, r.value])).toEqual([
			[9, '121'],
			[10, '-1']
		]);
	});

	it('reads booleans and integers strictly, listing what it cannot read', async () => {
		const text = [
			'Referral ID,Date of referral,Carer,No. of contacts,GP appointments before',
			'R1,01/04/2024,Yes,6,0',
			'R2,01/04/2024,n,6.0,-2',
			'R3,01/04/2024,sometimes,6.5,3',
			// Spaces around a number are allowed; a cell of spaces is empty, not an issue; 1e1 is 10.
			'R4,01/04/2024,no, 7 ,   ',
			'R5,01/04/2024,,1e1,2.0'
		].join('\n');
		await importPaths(ctx.db, [await ctx.files.write('types.csv', text)]);
		expect(
			await ctx.db.query(
				'SELECT carer, contacts, gp_appointments_before AS gp FROM referrals ORDER BY _row'
			)
		).toEqual([
			{ carer: true, contacts: 6, gp: 0 },
			{ carer: false, contacts: 6, gp: null },
			{ carer: null, contacts: null, gp: 3 },
			{ carer: false, contacts: 7, gp: null },
			{ carer: null, contacts: 10, gp: 2 }
		]);
		expect(
			(await problemRows(ctx.db, 'import_issues')).map((r) => `${r.row} ${r.column}: ${r.reason}`)
		).toEqual([
			'3 GP appointments before: outside the allowed range (0 or more)',
			'4 Carer: not yes or no',
			'4 No. of contacts: not a whole number'
		]);
	});

	it('groups each reason once per label, and lists every use of an unknown label', async () => {
		const text = [
			'Referral ID,Date of referral,Reason for referral',
			'R1,01/04/2024,Loneliness; Debt',
			'R2,01/04/2024,Knitting; Low mood',
			'R3,01/04/2024,Knitting'
		].join('\n');
		await importPaths(ctx.db, [await ctx.files.write('reasons.csv', text)]);
		expect(
			await ctx.db.query(
				'SELECT referral_id, reason, reason_group FROM referral_reasons ORDER BY referral_id, reason'
			)
		).toEqual([
			{ referral_id: 'R1', reason: 'Debt', reason_group: 'financial' },
			{ referral_id: 'R1', reason: 'Loneliness', reason_group: 'loneliness' },
			{ referral_id: 'R2', reason: 'Knitting', reason_group: 'other' },
			{ referral_id: 'R2', reason: 'Low mood', reason_group: 'mental_health' },
			{ referral_id: 'R3', reason: 'Knitting', reason_group: 'other' }
		]);
		expect(
			(await problemRows(ctx.db, 'import_issues')).map((r) => `${r.row} ${r.column} ${r.value}`)
		).toEqual(['3 Reason for referral Knitting', '4 Reason for referral Knitting']);
	});

	it('warns when a column of dates looks month-first, and not when the dates are day-first', async () => {
		// 01/13/2024 and 12/25/2023 cannot be day-first; 03/04/2024 loads as 3 April, perhaps wrongly.
		const us = ['Referral ID,Date of referral', 'R1,01/13/2024', 'R2,03/04/2024', 'R3,12/25/2023'];
		const { report } = await importPaths(ctx.db, [await ctx.files.write('us.csv', us.join('\n'))]);
		expect(report.warnings).toEqual([
			'us.csv: 2 dates in "Date of referral" look month-first (such as 01/13/2024). Dates are read day-first, so other dates in that column may have day and month swapped: export them as dd/mm/yyyy or yyyy-mm-dd.'
		]);
		// 31/02/2024 is an impossible date, but day-first: no warning.
		const uk = ['Referral ID,Date of referral', 'R1,13/01/2024', 'R2,31/02/2024'];
		const again = await importPaths(ctx.db, [await ctx.files.write('uk.csv', uk.join('\n'))]);
		expect(again.report.warnings).toEqual([]);
	});

	it('tells a reused referral ID from an exact copy, even when only a number differs', async () => {
		// Rows 2-3 differ only in contacts (5, 6): a reuse. Rows 4-5 are the same: a copy.
		const text = [
			'Referral ID,Date of referral,No. of contacts',
			'R1,01/04/2024,5',
			'R1,01/04/2024,6',
			'R2,02/04/2024,5',
			'R2,02/04/2024,5'
		].join('\n');
		await importPaths(ctx.db, [await ctx.files.write('reuse.csv', text)]);
		expect(
			(await problemRows(ctx.db, 'import_rejects')).map((r) => `${r.row} ${r.reason}`)
		).toEqual(['3 referral_id already used by row 2', '5 duplicate of row 4']);
	});
});
