import { describe, it, expect } from 'vitest';
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { problemRows } from '../../src/lib/ingest/report.ts';
import { fixture, importPaths, useNativeDb } from '../helpers/import.ts';

type Report = Awaited<ReturnType<typeof importPaths>>['report'];
const perFile = (report: Report) =>
	Object.fromEntries(
		report.files.map((f) => [
			f.file,
			[f.table, f.rows_read, f.rows_loaded, f.rows_rejected, f.issues]
		])
	);

describe('reconciliation across files', () => {
	const ctx = useNativeDb();

	// messy-referrals.csv: 7 read, R1 R2 R5 loaded (see normalise.test.ts).
	// more-referrals.csv: row 2 R1 (already used by messy row 2), row 3 R6, row 4 copy of row 3, row 5 R7.
	// messy-outcomes.csv: rows 2-3 R1 loaded, 4 copy of 3, 5 R9 and 6 R4 (no loaded referral),
	//   7 no id, 8 R2 loaded (date 31/02 is an issue), 9 R5 loaded (score "lots" is an issue).
	// messy-onward.csv: 2 R1, 3 copy of 2, 4 R2 (attended "maybe"), 5 R8 (no referral),
	//   6 R5 (label "Knitting circle"), 7 seven fields, 8 ",,,,," (blank, not a row).
	const all = [
		'messy-referrals.csv',
		'more-referrals.csv',
		'messy-outcomes.csv',
		'messy-onward.csv'
	];

	it('per file: rows read = rows loaded + rows rejected', async () => {
		const { report, files: prepared } = await importPaths(ctx.db, all.map(fixture));
		expect(prepared.map((f) => f.mapping.table)).toEqual([
			'referrals',
			'referrals',
			'outcomes',
			'onward_referrals'
		]);
		expect(perFile(report)).toEqual({
			'messy-referrals.csv': ['referrals', 7, 3, 4, 7],
			'more-referrals.csv': ['referrals', 4, 2, 2, 0],
			'messy-outcomes.csv': ['outcomes', 8, 4, 4, 2],
			'messy-onward.csv': ['onward_referrals', 6, 3, 3, 2]
		});
		for (const f of report.files) expect(f.rows_read).toBe(f.rows_loaded + f.rows_rejected);
		expect(report).toMatchObject({ rows_read: 25, rows_loaded: 12, rows_rejected: 13, issues: 11 });
		// outcomes: 5 wide-form scores from messy-referrals + 4 long-form rows.
		expect(report.tables).toEqual({ referrals: 5, practices: 0, outcomes: 9, onward_referrals: 3 });
		expect(report.files[3].blank_rows).toBe(1);
	});

	it('names each rejected row and its reason, across files', async () => {
		await importPaths(ctx.db, all.map(fixture));
		const rejects = (await problemRows(ctx.db, 'import_rejects')).filter(
			(r) => r.file !== 'messy-referrals.csv'
		);
		expect(rejects).toEqual([
			// An exact copy names no column: the whole row repeats.
			{ file: 'messy-onward.csv', row: 3, column: '', value: null, reason: 'duplicate of row 2' },
			{
				file: 'messy-onward.csv',
				row: 5,
				column: 'Referral ID',
				value: 'R8',
				reason: 'referral_id matches no loaded referral'
			},
			{
				file: 'messy-onward.csv',
				row: 7,
				column: '',
				value: null,
				reason: 'has 7 fields but the header has 6 (a delimiter inside an unquoted value?)'
			},
			{ file: 'messy-outcomes.csv', row: 4, column: '', value: null, reason: 'duplicate of row 3' },
			{
				file: 'messy-outcomes.csv',
				row: 5,
				column: 'Referral ID',
				value: 'R9',
				reason: 'referral_id matches no loaded referral'
			},
			{
				file: 'messy-outcomes.csv',
				row: 6,
				column: 'Referral ID',
				value: 'R4',
				reason: 'referral_id matches no loaded referral'
			},
			{
				file: 'messy-outcomes.csv',
				row: 7,
				column: 'Referral ID',
				value: null,
				reason: 'no referral_id'
			},
			{
				file: 'more-referrals.csv',
				row: 2,
				column: 'Referral ID',
				value: 'R1',
				reason: 'referral_id already used by row 2 of messy-referrals.csv'
			},
			{
				file: 'more-referrals.csv',
				row: 4,
				column: 'Referral ID',
				value: 'R6',
				reason: 'duplicate of row 3'
			}
		]);
		const issues = (await problemRows(ctx.db, 'import_issues')).filter(
			(r) => r.file !== 'messy-referrals.csv'
		);
		expect(issues).toEqual([
			{
				file: 'messy-onward.csv',
				row: 4,
				column: 'Attended',
				value: 'maybe',
				reason: 'not yes or no'
			},
			{
				file: 'messy-onward.csv',
				row: 6,
				column: 'Support category',
				value: 'Knitting circle',
				reason: 'label not in the standard list; counted as other'
			},
			{
				file: 'messy-outcomes.csv',
				row: 8,
				column: 'Date assessed',
				value: '31/02/2024',
				reason: 'not a valid date (use dd/mm/yyyy or yyyy-mm-dd)'
			},
			{ file: 'messy-outcomes.csv', row: 9, column: 'Score', value: 'lots', reason: 'not a number' }
		]);
	});

	it('loads long-form outcomes and onward referrals with their standard values', async () => {
		await importPaths(ctx.db, all.map(fixture));
		expect(
			await ctx.db
				.query(`SELECT referral_id, measure_key, timepoint, assessed_on, score FROM outcomes
WHERE _file = 'messy-outcomes.csv' ORDER BY _row`)
		).toEqual([
			{
				referral_id: 'R1',
				measure_key: 'wemwbs',
				timepoint: 'baseline',
				assessed_on: '2024-04-01',
				score: 40
			},
			{
				referral_id: 'R1',
				measure_key: 'wemwbs',
				timepoint: 'followup',
				assessed_on: '2024-06-30',
				score: 48
			},
			{
				referral_id: 'R2',
				measure_key: 'swemwbs',
				timepoint: 'review 1',
				assessed_on: null,
				score: 21
			},
			{
				referral_id: 'R5',
				measure_key: 'ucla3',
				timepoint: 'baseline',
				assessed_on: '2024-05-02',
				score: null
			}
		]);
		expect(
			await ctx.db.query(
				'SELECT referral_id, organisation, category, category_group, kind_group, attended FROM onward_referrals ORDER BY _row'
			)
		).toEqual([
			{
				referral_id: 'R1',
				organisation: 'Citizens Advice',
				category: 'Debt advice',
				category_group: 'financial_advice',
				kind_group: 'referral',
				attended: true
			},
			{
				referral_id: 'R2',
				organisation: 'Art Club',
				category: 'Arts',
				category_group: 'arts_creative',
				kind_group: 'signpost',
				attended: null
			},
			{
				referral_id: 'R5',
				organisation: 'Knit and Natter',
				category: 'Knitting circle',
				category_group: 'other',
				kind_group: 'signpost',
				attended: null
			}
		]);
	});

	it('the same export loaded twice counts each referral once', async () => {
		const copy = join(ctx.files.dir, 'messy-referrals-copy.csv');
		await copyFile(fixture('messy-referrals.csv'), copy);
		const { report } = await importPaths(ctx.db, [fixture('messy-referrals.csv'), copy]);
		expect(perFile(report)['messy-referrals-copy.csv']).toEqual(['referrals', 7, 0, 7, 0]);
		expect(report.tables.referrals).toBe(3);
		const rejects = (await problemRows(ctx.db, 'import_rejects')).filter(
			(r) => r.file === 'messy-referrals-copy.csv'
		);
		expect(rejects.map((r) => `${r.row}: ${r.reason}`)).toEqual([
			'2: duplicate of row 2 of messy-referrals.csv',
			'3: duplicate of row 3 of messy-referrals.csv',
			'4: no referral_id',
			'5: referral_date is not a valid date',
			'6: duplicate of row 3 of messy-referrals.csv',
			'7: referral_id already used by row 3 of messy-referrals.csv',
			'8: duplicate of row 8 of messy-referrals.csv'
		]);
	});
});
