import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fixture, scratchDir } from '../helpers/import.ts';
import { cli } from './run-cli.ts';

// messy-referrals.csv, hand-worked in test/ingest/normalise.test.ts: R1 R2 R5 load.
const messySummary = {
	as_of: '2024-06-30', // R1's discharge date is the latest date in the file
	import: {
		rows_read: 7,
		rows_loaded: 3,
		rows_rejected: 4,
		issues: 7,
		warnings: [], // its one impossible date, 31/02/2024, is day-first
		dropped_columns: [],
		files: [
			{
				file: 'messy-referrals.csv',
				table: 'referrals',
				encoding: 'utf-8',
				rows_read: 7,
				rows_loaded: 3,
				rows_rejected: 4,
				issues: 7
			}
		]
	},
	reach: {
		referrals: 3,
		people: 2, // R1 and R5 are both P1
		by_source: { gp: 1, other: 1, practice_nurse: 1 },
		by_pcn: { 'PCN A': 2, 'PCN B': 1 },
		by_practice: { 'Practice 1': 1, 'Practice 2': 1, 'Practice 3': 1 },
		by_service: { North: 3 },
		people_with_multiple_referrals: 1, // P1
		// Contacted: R1 (5 contacts), R2 (3); R5's "two" is no number. None discharged with a reason.
		funnel: { referred: 3, contacted: 2, supported: 0, goals_met: 0 },
		by_month: { '2024-04': 2, '2024-05': 1 },
		by_quarter: { '2024/25 Q1': 3 },
		// P1 by their latest referral that records each value: R5 (2024-05-02) gives sex Female,
		// ethnicity "Q" (not a category: not_stated) and IMD 3; its age "30-34" is no band, so R1's
		// 45 (45-54) stands. P2 (R2): 82, M, A (white), IMD 11 (out of range: unknown).
		by_age_band: { '45-54': 1, '75-84': 1 },
		by_sex: { female: 1, male: 1 },
		by_ethnicity: { not_stated: 1, white: 1 },
		by_imd_decile: { 1: 0, 2: 0, 3: 1, 4: 0, 5: 0, 6: 0, 7: 0, 8: 0, 9: 0, 10: 0, unknown: 1 },
		core20_share: 0, // 0 of the 1 person with a known decile
		referral_rate_per_1000: null, // no practices file
		people_referred_per_1000: null,
		rate_thresholds: [12, 16]
	},
	referrals: {
		by_source: { gp: 1, other: 1, practice_nurse: 1 },
		by_source_label: { GP: 1, 'Practice Nurse': 1, 'Walk-in centre': 1 },
		// R1 gives two reasons (Loneliness; Debt), R2 and R5 one each.
		by_reason: { financial: 1, housing: 1, loneliness: 1, mental_health: 1, not_recorded: 0 },
		onward: { referrals: 0, signposts: 0, by_category: {}, by_organisation: {} }
	},
	// R1 2024-04-01 → 2024-06-30: 90 days, discharged. R2 (2024-04-15, open) is censored at the
	// as-of date after 76 days, so at day 90 R1 is the only one at risk: S falls to 0 and the
	// limits are not defined (R's survfit gives NA). R5's discharge (01/05/2024) is before its
	// referral (2/5/24): excluded.
	time_to_discharge: {
		referrals: 3,
		events: 1,
		censored: 1,
		excluded: 1,
		median_days: 90,
		ci95: [null, null],
		quartiles: [90, 90, 90]
	},
	// No first-contact column: R1 and R2 record contacts with no date, R5's discharge is before its
	// referral; all three are left out.
	time_to_first_contact: {
		referrals: 3,
		events: 0,
		censored: 0,
		excluded: 3,
		median_days: null,
		ci95: [null, null],
		quartiles: [null, null, null],
		within_7_days_share: null,
		within_14_days_share: null
	},
	contacts: { median: 5, mean: 5 }, // R1 is the one closed episode with a count ("two" is none)
	discharge_reasons: { not_recorded: 2 }, // R1 and R5 closed with no reason
	// P1 has R1 and R5; R5 starts before R1's discharge, so it is no re-referral.
	re_referrals: { people_with_multiple: 1, within_365_days: 0 },
	caseload: { unknown: 1 }, // R2, open, has no link worker
	// Wide WEMWBS columns: R1 40 → 46 is the one pair. R2 (35, open) has a baseline but is not
	// discharged, so not eligible. R5's baseline "abc" is no number, so its earliest valid score,
	// the follow-up 50, is its baseline (METHODS.md "Pairing"), with nothing later: eligible (it
	// was discharged), not followed up. Under 10 pairs: counts only, no interval or test.
	outcomes: {
		wemwbs: {
			name: 'Warwick-Edinburgh Mental Wellbeing Scale',
			meaningful_change: 3,
			eligible: 2,
			pairs: 1,
			followup_rate: 0.5,
			baseline_mean_followed_up: 40,
			baseline_mean_not_followed_up: 50,
			baseline_mean: 40,
			followup_mean: 46,
			mean_change: 6,
			sd_change: null,
			ci95: null,
			p_value: null,
			effect_size_dz: null,
			improved_meaningfully: 1,
			deteriorated_meaningfully: 0,
			improved_share: 1,
			improved_share_ci95: null
		}
	},
	// No GP appointment columns in the file.
	gp_appointments: {
		window_months: 6,
		people: 0,
		before: 0,
		after: 0,
		percent_change: null,
		mean_change: null,
		ci95: null,
		fell: 0,
		fell_share: null
	}
};

describe('sp-impact summary', () => {
	let files: Awaited<ReturnType<typeof scratchDir>>;
	let people: string;
	beforeAll(async () => {
		files = await scratchDir();
		people = await files.write(
			'people.csv',
			'Referral ID,Date of referral,Ref,Email\nR1,01/04/2024,943 476 5919,jo@example.org\nR2,02/04/2024,943 476 5870,\n'
		);
	});
	afterAll(() => files.remove());

	it('prints the import and reach figures as JSON', async () => {
		const { code, stdout, stderr } = await cli('summary', fixture('messy-referrals.csv'));
		expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
		expect(JSON.parse(stdout)).toEqual(messySummary);
	});

	it('regression: a file read past --memory-limit was blamed on the file ("could not be read as a CSV")', async () => {
		// 1MB is far below what DuckDB needs to read any file: it says so, and names the option.
		const { code, stdout, stderr } = await cli(
			'summary',
			'--memory-limit',
			'1MB',
			'--temp-directory',
			files.dir,
			fixture('messy-referrals.csv')
		);
		expect({ code, stdout, stderr }).toEqual({
			code: 1,
			stdout: '',
			stderr:
				'sp-impact: ran out of memory: DuckDB reached its memory limit (--memory-limit 1MB) while loading the files or working out the figures. Run again with a higher --memory-limit (and --temp-directory on a disk with room), or load once with `sp-impact export` and run summary on the export.\n'
		});
	});

	it('refuses a file with identifiers: exit 2, naming file and column, never a value', async () => {
		const { code, stdout, stderr } = await cli('summary', fixture('messy-referrals.csv'), people);
		expect(code).toBe(2);
		expect(stdout).toBe('');
		expect(stderr).toBe(
			[
				'sp-impact: direct identifiers found; nothing was loaded.',
				'  people.csv: column "Ref" holds 2 values that look like NHS numbers.',
				'  people.csv: column "Email" holds 1 value that looks like email addresses.',
				'Remove those columns, or run again with --drop-identifiers to drop them.',
				''
			].join('\n')
		);
		for (const value of ['5919', '5870', 'jo@']) expect(stderr).not.toContain(value);
	});

	it('--drop-identifiers drops those columns, lists them, and goes on', async () => {
		const { code, stdout } = await cli('summary', '--drop-identifiers', people);
		expect(code).toBe(0);
		const json = JSON.parse(stdout);
		expect(json.import.dropped_columns).toEqual([
			{ file: 'people.csv', column: 'Ref', found: 'nhs_number' },
			{ file: 'people.csv', column: 'Email', found: 'email' }
		]);
		expect(json.import).toMatchObject({ rows_read: 2, rows_loaded: 2, rows_rejected: 0 });
		expect(stdout).not.toContain('5919');
	});

	it('--from and --to filter the reach figures (financial year 2024/25)', async () => {
		const { code, stdout } = await cli(
			'summary',
			'--from',
			'2024-04-01',
			'--to',
			'2025-03-31',
			'--as-of',
			'2025-03-31',
			fixture('reach-referrals.csv')
		);
		expect(code).toBe(0);
		const json = JSON.parse(stdout);
		expect(json.as_of).toBe('2025-03-31');
		// All 10 rows load; A2-A9 fall in the year (see test/metrics/reach.test.ts).
		expect(json.import).toMatchObject({ rows_read: 10, rows_loaded: 10 });
		expect(json.reach).toMatchObject({
			referrals: 8,
			people: 6,
			by_source: { gp: 3, other: 2, arrs_role: 1, practice_nurse: 1, self: 1 },
			by_pcn: { 'PCN A': 3, 'PCN B': 3, unknown: 2 },
			by_practice: { 'Practice 3': 4, 'Practice 2': 2, 'Practice 1': 1, unknown: 1 },
			by_service: { North: 4, South: 4 },
			people_with_multiple_referrals: 2, // P2 (A3, A7) and P4 (A8, A9); P1 has only A2 in the year
			by_month: {
				'2024-04': 2, // A2 (1 April), A3
				'2024-05': 1,
				'2024-06': 1,
				'2024-07': 1,
				'2024-09': 1,
				'2024-12': 1,
				'2025-01': 1
			},
			by_quarter: { '2024/25 Q1': 4, '2024/25 Q2': 2, '2024/25 Q3': 1, '2024/25 Q4': 1 },
			// The file records no contacts, discharge reasons, ages or deciles; A10's signpost is later.
			funnel: { referred: 8, contacted: 0, supported: 0, goals_met: 0 },
			by_age_band: { unknown: 6 },
			core20_share: null
		});
	});

	it('--pcn unknown keeps referrals with no PCN, and combines with --service', async () => {
		// A5 (South, Practice 3) and A8 (North, no practice) have no PCN.
		const run = async (...args: string[]) =>
			JSON.parse((await cli('summary', ...args, fixture('reach-referrals.csv'))).stdout).reach;
		expect(await run('--pcn', 'unknown')).toMatchObject({
			referrals: 2,
			by_pcn: { unknown: 2 },
			by_practice: { 'Practice 3': 1, unknown: 1 }
		});
		expect(await run('--pcn', 'unknown', '--service', 'South')).toMatchObject({
			referrals: 1,
			by_service: { South: 1 }
		});
	});

	it.each([
		{ name: 'no command', argv: [], message: 'sp-impact: no command\nusage: sp-impact summary' },
		{
			name: 'unknown command',
			argv: ['publish', 'a.csv'],
			message: 'sp-impact: unknown command: publish\n'
		},
		{ name: 'no files', argv: ['summary'], message: 'sp-impact: no files given\n' },
		{
			name: 'bad date',
			argv: ['summary', '--from', '01/04/2024', 'a.csv'],
			message: 'sp-impact: invalid --from: 01/04/2024 (use YYYY-MM-DD)'
		},
		{
			name: 'empty filter',
			argv: ['summary', '--pcn', ' ', 'a.csv'],
			message: 'sp-impact: invalid --pcn: empty name'
		},
		{
			name: 'a filter with no value',
			argv: ['summary', 'a.csv', '--service'],
			message: "Option '--service <value>' argument missing"
		},
		{
			name: 'unknown option',
			argv: ['summary', '--colour', 'a.csv'],
			message: "Unknown option '--colour'"
		}
	])('usage error, exit 1: $name', async ({ argv, message }) => {
		const { code, stdout, stderr } = await cli(...argv);
		expect({ code, stdout }).toEqual({ code: 1, stdout: '' });
		expect(stderr).toContain(message);
	});

	it.each([
		{
			name: 'a missing file',
			file: () => join(files.dir, 'missing.csv'),
			message: /^sp-impact: cannot read .*missing\.csv: ENOENT/
		},
		{
			name: 'an unsupported file',
			file: () => files.write('notes.pdf', '%PDF-1.4'),
			message:
				/^sp-impact: notes\.pdf: is not a CSV, TSV, TXT or XLSX file\. Export the data as CSV or Excel \(\.xlsx\)\.\n$/
		},
		{
			name: 'an empty file',
			file: () => files.write('empty.csv', ''),
			message:
				/^sp-impact: empty\.csv: is empty \(0 bytes\), so there is nothing to load\. Export the data again\.\n$/
		},
		{
			name: 'an unreadable workbook',
			file: () => files.write('broken.xlsx', 'not a zip'),
			message: /^sp-impact: broken\.xlsx: is not an Excel workbook: it holds plain text/
		},
		{
			name: 'a file with no referral columns',
			file: () => files.write('colours.csv', 'Colour,Size\nred,2\n'),
			message:
				/^sp-impact: colours\.csv: read as referrals but has no column for referral_id, referral_date/
		},
		{
			name: 'no referrals table',
			file: () => fixture('messy-outcomes.csv'),
			message:
				/^sp-impact: no referrals table: none of the files has referral_id and referral_date columns\n$/
		}
	])('bad input, exit 1 with a clear message: $name', async ({ file, message }) => {
		const { code, stdout, stderr } = await cli('summary', await file());
		expect({ code, stdout }).toEqual({ code: 1, stdout: '' });
		expect(stderr).toMatch(message);
	});

	it('a profile that is not valid is refused by name', async () => {
		const profile = await files.write('profile.json', '{"kind": "other"}');
		const { code, stderr } = await cli(
			'summary',
			'--profile',
			profile,
			fixture('messy-referrals.csv')
		);
		expect(code).toBe(1);
		expect(stderr).toMatch(/^sp-impact: invalid profile .*profile\.json: kind: /);
	});

	it('two files with one name are told apart', async () => {
		const { code, stdout } = await cli(
			'summary',
			fixture('messy-referrals.csv'),
			fixture('messy-referrals.csv')
		);
		expect(code).toBe(0);
		const json = JSON.parse(stdout);
		expect(
			json.import.files.map((f: { file: string; rows_loaded: number }) => [f.file, f.rows_loaded])
		).toEqual([
			['messy-referrals.csv', 3],
			['messy-referrals.csv (2)', 0]
		]);
		expect(json.reach.referrals).toBe(3);
	});

	it('runs as a command: node bin/sp-impact.js', async () => {
		const run = promisify(execFile);
		const root = join(import.meta.dirname, '..', '..');
		const { stdout, stderr } = await run(
			'node',
			['bin/sp-impact.js', 'summary', fixture('messy-referrals.csv')],
			{ cwd: root }
		);
		expect(stderr).toBe('');
		expect(JSON.parse(stdout)).toEqual(messySummary);
		const failed = await run('node', ['bin/sp-impact.js', 'summary', people], { cwd: root }).catch(
			(e) => e
		);
		expect(failed.code).toBe(2);
		expect(failed.stderr).toContain(
			'people.csv: column "Ref" holds 2 values that look like NHS numbers.'
		);
	});
});
