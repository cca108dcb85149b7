import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { emptyProfile, type Profile } from '../../src/lib/contract/profile.ts';
import type { Db } from '../../src/lib/db/types.ts';
import { problemRows } from '../../src/lib/ingest/report.ts';
import { fixture, importPaths, nativeDb } from '../helpers/import.ts';

// test/fixtures/messy-referrals.csv, by file row (the header is row 1):
//  2 R1  loaded; reasons "Loneliness; Debt"; age 45; WEMWBS 40 → 46
//  3 R2  loaded; IMD 11 out of range (issue); age 82; WEMWBS baseline 35 only
//  4 —   rejected: no referral_id
//  5 R4  rejected: 31/02/2024 is not a date
//  6 R2  rejected: exact copy of row 3
//  7 R2  rejected: same id as row 3, different row
//  8 R5  loaded; 2/5/24; six issues (source label, discharge before referral, contacts "two",
//        age "30-34", ethnicity "Q", WEMWBS baseline "abc")
//  9-10  blank lines: not rows

/** Query rows as tuples, in the order the SQL names the columns. */
const tuples = async (db: Db, sql: string) => (await db.query(sql)).map((r) => Object.values(r));

describe('normalising messy-referrals.csv on DuckDB', () => {
	let db: Awaited<ReturnType<typeof nativeDb>>;
	beforeAll(async () => (db = await nativeDb()));
	afterAll(() => db.close());
	const load = (profile?: Profile) =>
		importPaths(db, [fixture('messy-referrals.csv')], { profile });

	it('accounts for every row: 7 read = 3 loaded + 4 rejected; blank lines are not rows', async () => {
		const { report } = await load();
		const counts = { rows_read: 7, rows_loaded: 3, rows_rejected: 4, issues: 7 };
		expect(report.files[0]).toMatchObject({ ...counts, blank_rows: 0 });
		expect(report).toMatchObject(counts);
		expect(report.tables).toEqual({ referrals: 3, practices: 0, outcomes: 5, onward_referrals: 0 });
	});

	it('rejects each uncountable row with its row number, column, value and reason', async () => {
		await load();
		const rejects = await problemRows(db, 'import_rejects');
		expect(rejects.every((r) => r.file === 'messy-referrals.csv')).toBe(true);
		expect(rejects.map((r) => [r.row, r.column, r.value, r.reason])).toEqual([
			[4, 'Referral ID', null, 'no referral_id'],
			[5, 'Date of referral', '31/02/2024', 'referral_date is not a valid date'],
			[6, 'Referral ID', 'R2', 'duplicate of row 3'],
			[7, 'Referral ID', 'R2', 'referral_id already used by row 3']
		]);
	});

	it('lists every kept-out value as an issue, naming the column as the file does', async () => {
		await load();
		const issues = await problemRows(db, 'import_issues');
		expect(issues.every((r) => r.file === 'messy-referrals.csv')).toBe(true);
		expect(issues.map((r) => [r.row, r.column, r.value, r.reason])).toEqual([
			[3, 'IMD decile', '11', 'outside the allowed range (1–10)'],
			[8, 'Age', '30-34', 'not an age or a standard age band (0-17, 18-24, ... 85+)'],
			[
				8,
				'Date discharged',
				'01/05/2024',
				'discharge before the referral date; episode left out of time to discharge'
			],
			[8, 'Ethnicity', 'Q', 'label not in the standard list; counted as not_stated'],
			[8, 'No. of contacts', 'two', 'not a whole number'],
			[8, 'Referred by', 'Walk-in centre', 'label not in the standard list; counted as other'],
			[8, 'WEMWBS baseline', 'abc', 'not a number']
		]);
	});

	it('types dates and numbers, bands whole ages, and keeps invalid values out', async () => {
		await load();
		const sql = `SELECT _row, referral_id, person_key, referral_date, discharge_date, contacts, age_band,
  imd_decile FROM referrals ORDER BY _row`;
		expect(await tuples(db, sql)).toEqual([
			[2, 'R1', 'P1', '2024-04-01', '2024-06-30', 5, '45-54', 2],
			[3, 'R2', 'P2', '2024-04-15', null, 3, '75-84', null],
			// A discharge before the referral stays in the row (and is listed as an issue).
			[8, 'R5', 'P1', '2024-05-02', '2024-05-01', null, null, 3]
		]);
	});

	it('keeps each category label as given beside its standard group', async () => {
		await load();
		const sql = `SELECT referral_source, referral_source_group, sex, sex_group, ethnicity, ethnicity_group
FROM referrals ORDER BY _row`;
		expect(await tuples(db, sql)).toEqual([
			['GP', 'gp', 'F', 'female', 'White British', 'white'],
			['Practice Nurse', 'practice_nurse', 'M', 'male', 'A', 'white'],
			['Walk-in centre', 'other', 'Female', 'female', 'Q', 'not_stated']
		]);
		expect(await tuples(db, 'SELECT * FROM referral_reasons ORDER BY referral_id, reason')).toEqual(
			[
				['R1', 'Debt', 'financial'],
				['R1', 'Loneliness', 'loneliness'],
				['R2', 'Low mood', 'mental_health'],
				['R5', 'Housing', 'housing']
			]
		);
		const [r1] = await db.query(`SELECT referral_reasons FROM referrals WHERE referral_id = 'R1'`);
		expect(r1.referral_reasons).toEqual(['Loneliness', 'Debt']);
	});

	it('unpivots wide WEMWBS columns into outcomes; blank scores are not rows', async () => {
		await load();
		const sql = `SELECT _row, referral_id, measure, measure_key, timepoint, score FROM outcomes
ORDER BY _row, timepoint`;
		expect(await tuples(db, sql)).toEqual([
			[2, 'R1', 'WEMWBS', 'wemwbs', 'baseline', 40],
			[2, 'R1', 'WEMWBS', 'wemwbs', 'followup', 46],
			[3, 'R2', 'WEMWBS', 'wemwbs', 'baseline', 35],
			// "abc" is kept out of the score (and listed); rejected rows 4-7 give no scores.
			[8, 'R5', 'WEMWBS', 'wemwbs', 'baseline', null],
			[8, 'R5', 'WEMWBS', 'wemwbs', 'followup', 50]
		]);
	});

	it('lists unmapped category labels for the user to assign', async () => {
		const { report } = await load();
		expect(report.unmapped_labels).toEqual([
			{ field: 'ethnicity', header: 'Ethnicity', label: 'Q', rows: 1 },
			{ field: 'referral_source', header: 'Referred by', label: 'Walk-in centre', rows: 1 }
		]);
	});

	it('a profile assignment moves an unmapped label into a group; no longer an issue', async () => {
		const profile = emptyProfile();
		// Matched as labels are (case, spaces and punctuation ignored).
		profile.categories = { referral_source: { 'walk in centre': 'secondary_care' } };
		const { report } = await load(profile);
		const sql = `SELECT referral_source, referral_source_group FROM referrals WHERE referral_id = 'R5'`;
		expect(await tuples(db, sql)).toEqual([['Walk-in centre', 'secondary_care']]);
		expect(report.issues).toBe(6);
		expect(report.unmapped_labels).toEqual([
			{ field: 'ethnicity', header: 'Ethnicity', label: 'Q', rows: 1 }
		]);
	});
});
