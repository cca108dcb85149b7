import { describe, expect, it } from 'vitest';
import { parseUkDate, parseUkMonth, ukDateText } from '../../src/lib/util/uk-date.ts';

describe('dates typed the UK way', () => {
	it.each([
		{ text: '31/03/2025', expected: { value: '2025-03-31' } },
		{ text: ' 1/4/2024 ', expected: { value: '2024-04-01' } },
		{ text: '01.04.2024', expected: { value: '2024-04-01' } },
		{ text: '1-4-2024', expected: { value: '2024-04-01' } },
		{ text: '2024-04-01', expected: { value: '2024-04-01' } }, // ISO, as pasted from a file
		{ text: '29/02/2024', expected: { value: '2024-02-29' } },
		{ text: '', expected: { value: null } }
	])('parseUkDate("$text")', ({ text, expected }) => {
		expect(parseUkDate(text)).toEqual(expected);
	});

	it.each([
		// Month first, as an en-US browser writes it: 03/31/2025 has no month 31.
		{ text: '03/31/2025', error: '03/31/2025 is not a day of the calendar.' },
		{ text: '29/02/2025', error: '29/02/2025 is not a day of the calendar.' },
		{
			text: '31/3/25',
			error: '“31/3/25” is not a date: type it as dd/mm/yyyy, such as 31/03/2025.'
		},
		{
			text: 'tomorrow',
			error: '“tomorrow” is not a date: type it as dd/mm/yyyy, such as 31/03/2025.'
		}
	])('parseUkDate("$text") is an error', ({ text, error }) => {
		expect(parseUkDate(text)).toEqual({ error });
	});

	it.each([
		{ text: '04/2024', expected: { value: '2024-04' } },
		{ text: '4/2024', expected: { value: '2024-04' } },
		{ text: '2024-04', expected: { value: '2024-04' } },
		{ text: '', expected: { value: null } },
		{
			text: '13/2024',
			expected: { error: '“13/2024” is not a month: type it as mm/yyyy, such as 04/2024.' }
		},
		{
			text: 'April',
			expected: { error: '“April” is not a month: type it as mm/yyyy, such as 04/2024.' }
		}
	])('parseUkMonth("$text")', ({ text, expected }) => {
		expect(parseUkMonth(text)).toEqual(expected);
	});

	it('writes ISO dates and months the UK way', () => {
		expect(ukDateText('2025-03-31')).toBe('31/03/2025');
		expect(ukDateText('2024-04')).toBe('04/2024');
		expect(ukDateText(undefined)).toBe('');
	});
});
