import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { nativeDb } from '../helpers/import.ts';

// sp_date (schema-sql.ts) run on DuckDB itself: ISO and UK day-first, with or without time.
describe('sp_date macro', () => {
	let db: Awaited<ReturnType<typeof nativeDb>>;
	beforeAll(async () => (db = await nativeDb()));
	afterAll(() => db.close());

	const spDate = async (input: string | null) => {
		const [row] = await db.query<{ d: string | null }>('SELECT sp_date(?::VARCHAR) AS d', [input]);
		return row.d;
	};

	it.each([
		{ name: 'ISO', input: '2024-05-14', expected: '2024-05-14' },
		{ name: 'ISO with time', input: '2024-05-14 10:30', expected: '2024-05-14' },
		{ name: 'ISO with seconds', input: '2024-05-14 10:30:15', expected: '2024-05-14' },
		{ name: 'ISO with T', input: '2024-05-14T10:30:15', expected: '2024-05-14' },
		{ name: 'ISO with fractions', input: '2024-05-14T10:30:15.250', expected: '2024-05-14' },
		{ name: 'ISO single-digit month and day', input: '2024-5-4', expected: '2024-05-04' },
		{ name: 'ISO with slashes', input: '2024/05/14', expected: '2024-05-14' },
		{ name: 'dd/mm/yyyy', input: '14/05/2024', expected: '2024-05-14' },
		{ name: 'day first, not month first', input: '03/04/2024', expected: '2024-04-03' },
		{ name: 'dd-mm-yyyy', input: '14-05-2024', expected: '2024-05-14' },
		{ name: 'dd.mm.yyyy', input: '14.05.2024', expected: '2024-05-14' },
		{ name: 'd/m/yyyy', input: '4/5/2024', expected: '2024-05-04' },
		{ name: 'd/m/yy', input: '2/5/24', expected: '2024-05-02' },
		{ name: 'dd/mm/yy', input: '31/12/23', expected: '2023-12-31' },
		{ name: 'dd/mm/yyyy with time', input: '14/05/2024 09:05', expected: '2024-05-14' },
		{ name: 'dd/mm/yyyy with seconds', input: '14/05/2024 09:05:59', expected: '2024-05-14' },
		{ name: 'dd-mm-yyyy with time', input: '14-05-2024 23:59', expected: '2024-05-14' },
		{ name: 'd/m/yy with time', input: '2/5/24 9:05', expected: '2024-05-02' },
		{ name: '29 February in a leap year', input: '29/02/2024', expected: '2024-02-29' },
		{ name: 'ISO 29 February in a leap year', input: '2024-02-29', expected: '2024-02-29' }
	])('$name: $input → $expected', async ({ input, expected }) => {
		expect(await spDate(input)).toBe(expected);
	});

	// Impossible dates are NULL, never rolled over to the next month.
	it.each([
		{ name: '31 February', input: '31/02/2024' },
		{ name: '29 February, not a leap year', input: '29/02/2023' },
		{ name: 'ISO 31 February', input: '2024-02-31' },
		{ name: 'ISO 29 February, not a leap year', input: '2023-02-29' },
		{ name: 'ISO 31 February with time', input: '2024-02-31 10:00' },
		{ name: '31 April with time', input: '31/04/2024 10:00' },
		{ name: 'month 13, day first', input: '01/13/2024' },
		{ name: 'month first (US) with day 25', input: '12/25/2024' },
		{ name: 'day 0', input: '00/05/2024' },
		{ name: 'hour 25', input: '14/05/2024 25:00' },
		{ name: 'words', input: 'last Tuesday' },
		{ name: 'month name', input: '14 May 2024' },
		{ name: 'empty', input: '' },
		{ name: 'garbage digits', input: '20240514' },
		{ name: 'NULL', input: null }
	])('$name: $input → NULL', async ({ input }) => {
		expect(await spDate(input)).toBeNull();
	});

	it('works column-wise on a table, as the normalising SQL uses it', async () => {
		const rows = await db.query<{ s: string; d: string | null }>(
			`SELECT s, sp_date(s) AS d FROM (VALUES ('01/04/2024'), ('31/02/2024'), ('2024-03-31')) t(s) ORDER BY s`
		);
		expect(rows).toEqual([
			{ s: '01/04/2024', d: '2024-04-01' },
			{ s: '2024-03-31', d: '2024-03-31' },
			{ s: '31/02/2024', d: null }
		]);
	});
});
