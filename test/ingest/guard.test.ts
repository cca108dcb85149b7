import { describe, it, expect } from 'vitest';
import { findingMessage, identifierByHeader } from '../../src/lib/ingest/guard.ts';
import { loadFiles } from '../../src/lib/ingest/load.ts';
import { dropIdentifierColumns } from '../../src/lib/ingest/prepare.ts';
import { prepare, useNativeDb } from '../helpers/import.ts';

describe('identifier guard', () => {
	const ctx = useNativeDb();

	// Modulus 11: weights 10..2 on the first nine digits; check = 11 − (sum mod 11);
	// 11 → 0; 10 → the number is invalid.
	it.each([
		// 9,4,3,4,7,6,5,9,1: 90+36+24+28+42+30+20+27+2 = 299; 299 mod 11 = 2; 11−2 = 9 ✓
		{ name: '943 476 5919', input: '9434765919', expected: true },
		// 9,4,3,4,7,6,5,8,7: 90+36+24+28+42+30+20+24+14 = 308; 308 mod 11 = 0; 11−0 = 11 → 0 ✓
		{ name: 'check 11 → 0', input: '9434765870', expected: true },
		// 4,0,1,0,2,3,2,1,3: 40+0+8+0+12+15+8+3+6 = 92; 92 mod 11 = 4; 11−4 = 7 ✓
		{ name: '401 023 2137', input: '4010232137', expected: true },
		// 4,8,5,7,7,7,3,4,5: 40+72+40+49+42+35+12+12+10 = 312; 312 mod 11 = 4; 11−4 = 7 ✓
		{ name: '485 777 3457', input: '4857773457', expected: true },
		{ name: 'wrong check digit (9 expected)', input: '9434765918', expected: false },
		{ name: 'wrong check digit (0 expected)', input: '9434765871', expected: false },
		// 1..9: 10+18+24+28+30+30+28+24+18 = 210; 210 mod 11 = 1; 11−1 = 10 → never valid
		{ name: 'check 10, last digit 0', input: '1234567890', expected: false },
		{ name: 'check 10, last digit 1', input: '1234567891', expected: false },
		{ name: 'check 10, last digit 9', input: '1234567899', expected: false },
		{ name: 'nine digits', input: '943476591', expected: false },
		{ name: 'eleven digits', input: '94347659190', expected: false }
	])('sp_nhs_valid: $name', async ({ input, expected }) => {
		const [row] = await ctx.db.query('SELECT sp_nhs_valid(?::VARCHAR) AS ok', [input]);
		expect(row.ok).toBe(expected);
	});

	it.each([
		{ input: 'NHS number', expected: 'nhs_number' },
		{ input: 'NHS No.', expected: 'nhs_number' },
		{ input: 'DOB', expected: 'date_of_birth' },
		{ input: 'Date of birth', expected: 'date_of_birth' },
		{ input: 'Surname', expected: 'name' },
		{ input: 'First name', expected: 'name' },
		{ input: 'Patient name', expected: 'name' },
		{ input: 'E-mail', expected: 'email' },
		{ input: 'Mobile no', expected: 'phone' },
		{ input: 'Practice name', expected: undefined },
		{ input: 'Service', expected: undefined },
		{ input: 'Service name', expected: undefined },
		{ input: 'Referral ID', expected: undefined }
	])('identifierByHeader("$input") → $expected', ({ input, expected }) => {
		expect(identifierByHeader(input)).toBe(expected);
	});

	const csv = [
		'Referral ID,Date of referral,Ref,Contact,Number,Home,Area,DOB,Surname,First name,Practice name,Service',
		'R1,01/04/2024,943 476 5919,jo.smith@example.org,07700 900123,LS6 1AB,LS6,01/01/1980,Smith,Jo,Hyde Park Surgery,Connect',
		'R2,02/04/2024,943 476 5870,,0113 496 0000,M1 1AE,M1,02/02/1970,Jones,Al,Hyde Park Surgery,Connect',
		'R3,03/04/2024,401 023 2137,al@example.co.uk,+44 7700 900456,SW1A 1AA,SW1A,03/03/1960,Khan,Sam,Leeds Road,Connect',
		'R4,04/04/2024,485 777 3457,,,ls6 2ab,LS6,04/04/1950,Ng,Lee,Leeds Road,Connect'
	].join('\n');
	// Values that must never reach a message or a loaded table.
	const secrets = [
		'5919',
		'5870',
		'2137',
		'3457',
		'example',
		'900123',
		'496 0000',
		'1AB',
		'1AE',
		'1AA',
		'2ab',
		'1980',
		'Smith',
		'Jones',
		'Khan'
	];

	it('finds each identifier column, by value or by header, and nothing else', async () => {
		const file = await prepare(ctx.db, await ctx.files.write('people.csv', csv));
		expect(file.identifiers).toEqual([
			// "Ref" looks innocent (and is an alias of referral_id); its values pass Modulus 11: 4 of 4.
			{ index: 2, header: 'Ref', kind: 'nhs_number', count: 4, byHeader: false },
			{ index: 3, header: 'Contact', kind: 'email', count: 2, byHeader: false },
			{ index: 4, header: 'Number', kind: 'phone', count: 3, byHeader: false },
			// Full postcodes in any case: LS6 1AB, M1 1AE, SW1A 1AA, ls6 2ab. "Area" (LS6, M1, SW1A) is not flagged.
			{ index: 5, header: 'Home', kind: 'postcode', count: 4, byHeader: false },
			{ index: 7, header: 'DOB', kind: 'date_of_birth', count: 0, byHeader: true },
			{ index: 8, header: 'Surname', kind: 'name', count: 0, byHeader: true },
			{ index: 9, header: 'First name', kind: 'name', count: 0, byHeader: true }
		]);
	});

	it('findingMessage names the file and column and never a value', async () => {
		const file = await prepare(ctx.db, await ctx.files.write('people.csv', csv));
		const messages = file.identifiers.map((f) => findingMessage('people.csv', f));
		expect(messages[0]).toBe('people.csv: column "Ref" holds 4 values that look like NHS numbers.');
		expect(messages[6]).toBe('people.csv: column "First name" is named as person names.');
		for (const m of messages) for (const s of secrets) expect(m).not.toContain(s);
		expect(
			findingMessage('a.csv', {
				index: 0,
				header: 'X',
				kind: 'email',
				count: 1234,
				byHeader: false
			})
		).toBe('a.csv: column "X" holds 1,234 values that look like email addresses.');
		expect(
			findingMessage('a.csv', { index: 0, header: 'X', kind: 'phone', count: 1, byHeader: false })
		).toBe('a.csv: column "X" holds 1 value that looks like phone numbers.');
	});

	it('a column of random 10-digit codes is not taken for NHS numbers', async () => {
		// Seeded codes, first digit 1-9 (a numeric code column saved from Excel has no leading zero).
		let seed = 20240401;
		const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
		const codes = Array.from(
			{ length: 40 },
			() => String(1 + Math.floor(next() * 9)) + String(Math.floor(next() * 1e9)).padStart(9, '0')
		);
		// An independent Modulus 11 in JS, to know how many codes pass by chance (about 1 in 11).
		const passes = (d: string) => {
			const sum = [...d.slice(0, 9)].reduce((s, c, i) => s + Number(c) * (10 - i), 0);
			const check = 11 - (sum % 11);
			return check !== 10 && (check === 11 ? 0 : check) === Number(d[9]);
		};
		const valid = codes.filter(passes).length;
		expect(valid).toBeGreaterThan(0); // some pass by chance, so the 50% rule is what is tested
		expect(valid).toBeLessThan(20);
		const rows = codes.map((c, i) => `R${i + 1},01/04/2024,${c}`);
		const file = await prepare(
			ctx.db,
			await ctx.files.write('codes.csv', ['Referral ID,Date of referral,Code', ...rows].join('\n'))
		);
		// The SQL macro agrees with the JS check on every code.
		const values = codes.map((c) => `('${c}')`).join(', '); // digits only
		const [checked] = await ctx.db.query(
			`SELECT count_if(sp_nhs_valid(d))::INTEGER AS nv FROM (VALUES ${values}) t(d)`
		);
		expect(checked.nv).toBe(valid);
		expect(file.identifiers).toEqual([]);
	});

	it('a 10-digit code starting with 0 is not a UK phone number (those have 0 and 10 digits)', async () => {
		// 0123456780, 0987654321: 0 then 9 digits, and neither passes Modulus 11 (sums 156 and 284
		// give check digits 9 and 2). 07700 900123 and 0113 496 0000: 0 then 10 digits.
		const text =
			'Referral ID,Date of referral,Code,Phone\nR1,01/04/2024,0123456780,07700 900123\nR2,01/04/2024,0987654321,0113 496 0000\n';
		const file = await prepare(ctx.db, await ctx.files.write('zero-codes.csv', text));
		// Only the Phone column, found by its values (so byHeader is false); Code is not flagged.
		expect(file.identifiers).toEqual([
			{ index: 3, header: 'Phone', kind: 'phone', count: 2, byHeader: false }
		]);
	});

	it('dropIdentifierColumns blanks the columns, and loading then works with no value left', async () => {
		const found = await prepare(ctx.db, await ctx.files.write('people.csv', csv));
		const file = await dropIdentifierColumns(ctx.db, found);
		expect(file.identifiers).toEqual([]);
		expect(file.dropped).toEqual(found.identifiers);
		expect(file.preview[0]).toEqual([
			'R1',
			'01/04/2024',
			'',
			'',
			'',
			'',
			'LS6',
			'',
			'',
			'',
			'Hyde Park Surgery',
			'Connect'
		]);
		expect(file.filled).toEqual([4, 4, 0, 0, 0, 0, 4, 0, 0, 0, 4, 4]);
		// The raw text itself is gone, not just hidden: c2..c5 and c7..c9 are NULL in every row.
		const [raw] = await ctx.db.query(
			`SELECT count(c2) + count(c3) + count(c4) + count(c5) + count(c7) + count(c8) + count(c9) AS n FROM raw_${file.index}`
		);
		expect(raw.n).toBe(0);
		const report = await loadFiles(ctx.db, [file]);
		expect(report.files[0]).toMatchObject({
			rows_read: 4,
			rows_loaded: 4,
			rows_rejected: 0,
			unmapped: ['Area']
		});
		expect(report.files[0].dropped.map((d) => d.header)).toEqual([
			'Ref',
			'Contact',
			'Number',
			'Home',
			'DOB',
			'Surname',
			'First name'
		]);
		expect(
			await ctx.db.query(
				'SELECT practice, count(*)::INTEGER AS n FROM referrals GROUP BY ALL ORDER BY practice'
			)
		).toEqual([
			{ practice: 'Hyde Park Surgery', n: 2 },
			{ practice: 'Leeds Road', n: 2 }
		]);
		const everything = JSON.stringify([
			await ctx.db.query('SELECT * FROM referrals'),
			await ctx.db.query('SELECT * FROM import_issues'),
			await ctx.db.query('SELECT * FROM import_rejects')
		]);
		for (const s of secrets) expect(everything).not.toContain(s);
	});
});
