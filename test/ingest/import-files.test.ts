import { describe, it, expect } from 'vitest';
import { importFiles } from '../../src/lib/ingest/import-files.ts';
import { fixture, nativeDb, useNativeDb } from '../helpers/import.ts';

const people =
	'Referral ID,Date of referral,Ref,Email\nR1,01/04/2024,943 476 5919,jo@example.org\nR2,02/04/2024,943 476 5870,\n';

describe('importFiles: files on disk into the canonical tables', () => {
	const ctx = useNativeDb();

	it('loads good files, and accounts for every row of each', async () => {
		const paths = ['messy-referrals.csv', 'messy-outcomes.csv', 'messy-onward.csv'].map(fixture);
		const imported = await importFiles(ctx.db, paths);
		if ('error' in imported) throw new Error(imported.error.message);
		const { files, report } = imported.value;
		expect(files.map((f) => [f.name, f.mapping.table])).toEqual([
			['messy-referrals.csv', 'referrals'],
			['messy-outcomes.csv', 'outcomes'],
			['messy-onward.csv', 'onward_referrals']
		]);
		for (const f of report.files) expect(f.rows_read).toBe(f.rows_loaded + f.rows_rejected);
		expect(report.files[0]).toMatchObject({ rows_read: 7, rows_loaded: 3, rows_rejected: 4 });
		const [{ n }] = await ctx.db.query('SELECT count(*)::INTEGER AS n FROM referrals');
		expect(n).toBe(3);
	});

	it('tells two files with one name apart', async () => {
		const copy = await ctx.files.write(
			'messy-referrals.csv',
			'Referral ID,Date of referral\nZ1,01/04/2024\n'
		);
		const imported = await importFiles(ctx.db, [fixture('messy-referrals.csv'), copy]);
		if ('error' in imported) throw new Error(imported.error.message);
		expect(imported.value.files.map((f) => f.name)).toEqual([
			'messy-referrals.csv',
			'messy-referrals.csv (2)'
		]);
	});

	it('reads a profile from its file, as from an object', async () => {
		const profile = await ctx.files.write(
			'profile.json',
			JSON.stringify({
				kind: 'sp-impact-mapping-profile',
				version: 1,
				name: 'Walk-in',
				categories: { referral_source: { 'walk in centre': 'secondary_care' } }
			})
		);
		const imported = await importFiles(ctx.db, [fixture('messy-referrals.csv')], { profile });
		if ('error' in imported) throw new Error(imported.error.message);
		// As test/ingest/normalise.test.ts with the same profile as an object.
		expect(imported.value.report.issues).toBe(6);
		expect(imported.value.report.unmapped_labels).toEqual([
			{ field: 'ethnicity', header: 'Ethnicity', label: 'Q', rows: 1 }
		]);
	});

	it.each([
		{
			name: 'a path that cannot be read',
			files: () => [ctx.files.dir + '/missing.csv'],
			message: /^cannot read .*missing\.csv: ENOENT/
		},
		{
			name: 'a file that is not CSV, TSV, TXT or XLSX',
			files: async () => [await ctx.files.write('notes.pdf', '%PDF-1.4')],
			message:
				/^notes\.pdf: is not a CSV, TSV, TXT or XLSX file\. Export the data as CSV or Excel \(\.xlsx\)\.$/
		},
		{
			name: 'an empty file',
			files: async () => [await ctx.files.write('empty.csv', '')],
			message:
				/^empty\.csv: is empty \(0 bytes\), so there is nothing to load\. Export the data again\.$/
		},
		{
			name: 'a profile that cannot be read',
			files: () => [fixture('messy-referrals.csv')],
			profile: () => ctx.files.dir + '/no-profile.json',
			message: /^cannot read profile .*no-profile\.json: ENOENT/
		},
		{
			name: 'a profile that is not valid',
			files: () => [fixture('messy-referrals.csv')],
			profile: () => ctx.files.write('bad.json', '{"kind": "other"}'),
			message: /^invalid profile .*bad\.json: kind: /
		},
		{
			name: 'a file with no column for a required field',
			files: async () => [await ctx.files.write('colours.csv', 'Colour,Size\nred,2\n')],
			message:
				/^colours\.csv: read as referrals but has no column for referral_id, referral_date \(map it with --profile\)$/
		},
		{
			name: 'no referrals file',
			files: () => [fixture('messy-outcomes.csv')],
			message: /^no referrals table: none of the files has referral_id and referral_date columns$/
		}
	])('refuses $name: exit code 1, the file and the reason', async (c) => {
		const profile = c.profile ? await c.profile() : undefined;
		const result = await importFiles(ctx.db, await c.files(), { profile });
		expect(result).toEqual({ error: { message: expect.stringMatching(c.message), code: 1 } });
	});

	it('refuses identifiers with exit code 2 and loads nothing; dropIdentifiers drops them', async () => {
		const db = await nativeDb();
		try {
			const path = await ctx.files.write('people.csv', people);
			const refused = await importFiles(db, [path]);
			expect(refused).toEqual({
				error: {
					code: 2,
					message: [
						'direct identifiers found; nothing was loaded.',
						'  people.csv: column "Ref" holds 2 values that look like NHS numbers.',
						'  people.csv: column "Email" holds 1 value that looks like email addresses.',
						'Remove those columns, or run again with --drop-identifiers to drop them.'
					].join('\n')
				}
			});
			const tables = await db.query("SELECT 1 FROM duckdb_tables() WHERE table_name = 'referrals'");
			expect(tables).toEqual([]);
			const dropped = await importFiles(db, [path], { dropIdentifiers: true });
			if ('error' in dropped) throw new Error(dropped.error.message);
			expect(dropped.value.report.files[0].dropped.map((d) => d.header)).toEqual(['Ref', 'Email']);
			expect(dropped.value.report).toMatchObject({ rows_read: 2, rows_loaded: 2 });
		} finally {
			await db.close();
		}
	});
});
