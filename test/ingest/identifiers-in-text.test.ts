import { describe, it, expect } from 'vitest';
import writeExcelFile from 'write-excel-file/node';
import { importFiles } from '../../src/lib/ingest/import-files.ts';
import { useNativeDb } from '../helpers/import.ts';

// Issue 15: identifiers inside longer free text (a notes column) are found in every table and
// in .xlsx sheets; the refusal names the file and column, never a value.
// 943 476 5919 passes Modulus 11 (NHS Digital's example); 123 456 7890 and 1234567891-3 do not.

const message = (lines: string[]) =>
	`direct identifiers found; nothing was loaded.\n  ${lines.join('\n  ')}\nRemove those columns, or run again with --drop-identifiers to drop them.`;

describe('identifiers inside free text', () => {
	const ctx = useNativeDb();

	it.each([
		['an NHS number', 'Seen with Mrs X, NHS 943 476 5919', 'NHS numbers'],
		['a mobile number', 'Called her on 07700 900123 twice', 'phone numbers'],
		['a postcode', 'Lives near the park, LS1 4AB, with her son', 'full postcodes'],
		['an email address', 'Wrote to jo.bloggs@example.org about the group', 'email addresses']
	])('%s in a notes column of a referrals file', async (_, note, what) => {
		const path = await ctx.files.write(
			'notes.csv',
			`Referral ID,Date of referral,Notes\nR1,01/04/2024,"${note}"\nR2,02/04/2024,Came to the garden club\n`
		);
		expect(await importFiles(ctx.db, [path])).toEqual({
			error: {
				code: 2,
				message: message([`notes.csv: column "Notes" holds 1 value that looks like ${what}.`])
			}
		});
	});

	it('regression: only the first 10-digit number of a value was checked', async () => {
		// The first number fails Modulus 11; the second, not labelled, passes it.
		const path = await ctx.files.write(
			'second.csv',
			'Referral ID,Date of referral,Notes\nR1,01/04/2024,"ref 1234567890, then 943 476 5919"\n'
		);
		expect(await importFiles(ctx.db, [path])).toEqual({
			error: {
				code: 2,
				message: message(['second.csv: column "Notes" holds 1 value that looks like NHS numbers.'])
			}
		});
	});

	it.each([
		['a slash', '1234567890/943 476 5919'],
		['a comma', '123 456 7890,9434765919'],
		['a hyphen', '1234567890-943-476-5919']
	])(
		'regression: a number one character (%s) after another was not a candidate',
		async (_, note) => {
			// The first number fails Modulus 11 and its pattern ate the one character between them, so
			// the second, a valid NHS number with no label, was never checked.
			const path = await ctx.files.write(
				'joined.csv',
				`Referral ID,Date of referral,Notes\nR1,01/04/2024,"${note}"\n`
			);
			expect(await importFiles(ctx.db, [path])).toEqual({
				error: {
					code: 2,
					message: message([
						'joined.csv: column "Notes" holds 1 value that looks like NHS numbers.'
					])
				}
			});
		}
	);

	it('an 11-digit number, or two numbers run together, is still not an NHS number', async () => {
		// 94347659190 and 9434765919123 hold NHS Digital's example inside a longer run of digits.
		const path = await ctx.files.write(
			'long.csv',
			'Referral ID,Date of referral,Notes\nR1,01/04/2024,order 94347659190\nR2,02/04/2024,ref 9434765919123\n'
		);
		const result = await importFiles(ctx.db, [path]);
		expect('error' in result ? result.error.message : 'loaded').toBe('loaded');
	});

	it('a number the text calls an NHS number is refused even among other 10-digit codes', async () => {
		const codes = [1, 2, 3, 4, 5].map((i) => `R${i},01/04/2024,code 123456789${i}`);
		const path = await ctx.files.write(
			'labelled.csv',
			['Referral ID,Date of referral,Notes', ...codes, 'R9,01/04/2024,NHS no: 123 456 7890'].join(
				'\n'
			) + '\n'
		);
		const result = await importFiles(ctx.db, [path]);
		expect(result).toEqual({
			error: {
				code: 2,
				message: message([
					'labelled.csv: column "Notes" holds 1 value that looks like NHS numbers.'
				])
			}
		});
	});

	it('in an outcomes file and in an .xlsx sheet too; the message names file and column only', async () => {
		const referrals = await ctx.files.write(
			'referrals.csv',
			'Referral ID,Date of referral\nR1,01/04/2024\n'
		);
		const outcomes = await ctx.files.write(
			'outcomes.csv',
			'Referral ID,Measure,Score,Date,Comment\nR1,WEMWBS,40,01/04/2024,"Mum (NHS 943-476-5919) came too"\n'
		);
		const workbook = `${ctx.files.dir}/onward.xlsx`;
		await writeExcelFile([
			{
				data: [
					['Referral ID', 'Organisation', 'Date', 'Free text'],
					['R1', 'Food bank', '02/04/2024', 'Her daughter: 07700 900123, LS1 4AB']
				],
				sheet: 'Onward'
			}
		] as never).toFile(workbook);
		const result = await importFiles(ctx.db, [referrals, outcomes, workbook]);
		expect(result).toEqual({
			error: {
				code: 2,
				message: message([
					'outcomes.csv: column "Comment" holds 1 value that looks like NHS numbers.',
					'onward.xlsx: column "Free text" holds 1 value that looks like phone numbers.',
					'onward.xlsx: column "Free text" holds 1 value that looks like full postcodes.'
				])
			}
		});
		// Never a value, or any part of one.
		expect(JSON.stringify(result)).not.toMatch(/943|5919|07700|LS1|Mum|daughter/);
	});
});
