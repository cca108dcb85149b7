import { describe, it, expect } from 'vitest';
import { previousPeriod, type Period } from '../../src/lib/metrics/filters.ts';
import {
	daysBetween,
	financialQuarter,
	financialQuarterRange,
	financialYear,
	financialYearRange,
	financialYearsBetween,
	isIsoDate,
	previousLabel,
	previousRange,
	ukDate
} from '../../src/lib/metrics/periods.ts';

// METHODS.md "Periods": financial year 1 April to 31 March, labelled 2024/25; Q1 April-June.
describe('financialYear and financialQuarter at the boundaries', () => {
	it.each([
		{ input: '2024-03-31', year: '2023/24', quarter: '2023/24 Q4' },
		{ input: '2024-04-01', year: '2024/25', quarter: '2024/25 Q1' },
		{ input: '2024-06-30', year: '2024/25', quarter: '2024/25 Q1' },
		{ input: '2024-07-01', year: '2024/25', quarter: '2024/25 Q2' },
		{ input: '2024-09-30', year: '2024/25', quarter: '2024/25 Q2' },
		{ input: '2024-10-01', year: '2024/25', quarter: '2024/25 Q3' },
		{ input: '2024-12-31', year: '2024/25', quarter: '2024/25 Q3' },
		{ input: '2025-01-01', year: '2024/25', quarter: '2024/25 Q4' },
		{ input: '2025-03-31', year: '2024/25', quarter: '2024/25 Q4' },
		// The century turns inside 1999/00.
		{ input: '2000-02-29', year: '1999/00', quarter: '1999/00 Q4' },
		{ input: '2009-04-01', year: '2009/10', quarter: '2009/10 Q1' },
		// Timestamps as the database formats them.
		{ input: '2024-04-01 00:00:00', year: '2024/25', quarter: '2024/25 Q1' }
	])('$input → $year, $quarter', ({ input, year, quarter }) => {
		expect(financialYear(input)).toBe(year);
		expect(financialQuarter(input)).toBe(quarter);
	});
});

describe('financial period ranges', () => {
	it.each([
		{ input: '2024/25', expected: { from: '2024-04-01', to: '2025-03-31' } },
		{ input: '1999/00', expected: { from: '1999-04-01', to: '2000-03-31' } },
		{ input: '2024/26', expected: undefined },
		{ input: '2024-25', expected: undefined },
		{ input: '24/25', expected: undefined },
		{ input: '', expected: undefined }
	])('financialYearRange("$input")', ({ input, expected }) => {
		expect(financialYearRange(input)).toEqual(expected);
	});

	it.each([
		{ input: '2024/25 Q1', expected: { from: '2024-04-01', to: '2024-06-30' } },
		{ input: '2024/25 Q2', expected: { from: '2024-07-01', to: '2024-09-30' } },
		{ input: '2024/25 Q3', expected: { from: '2024-10-01', to: '2024-12-31' } },
		// Q4 is in the next calendar year; 2024 is a leap year, 2025 is not.
		{ input: '2024/25 Q4', expected: { from: '2025-01-01', to: '2025-03-31' } },
		{ input: '2023/24 Q4', expected: { from: '2024-01-01', to: '2024-03-31' } },
		{ input: '2024/25 Q5', expected: undefined },
		{ input: '2024/25 Q0', expected: undefined },
		{ input: '2024/26 Q1', expected: undefined },
		{ input: '2024/25Q1', expected: undefined }
	])('financialQuarterRange("$input")', ({ input, expected }) => {
		expect(financialQuarterRange(input)).toEqual(expected);
	});

	it('each quarter of a year starts the day after the last one ends', () => {
		const quarters = [1, 2, 3, 4].map((q) => financialQuarterRange(`2024/25 Q${q}`)!);
		expect(quarters[0].from).toBe(financialYearRange('2024/25')!.from);
		expect(quarters[3].to).toBe(financialYearRange('2024/25')!.to);
		for (let q = 1; q < 4; q++) {
			const dayAfter = new Date(Date.parse(`${quarters[q - 1].to}T00:00:00Z`) + 86_400_000);
			expect(quarters[q].from).toBe(dayAfter.toISOString().slice(0, 10));
		}
	});

	it('financialYearsBetween lists every year, oldest first', () => {
		expect(financialYearsBetween('2023-03-31', '2025-04-01')).toEqual([
			'2022/23',
			'2023/24',
			'2024/25',
			'2025/26'
		]);
		expect(financialYearsBetween('2024-04-01', '2025-03-31')).toEqual(['2024/25']);
	});
});

describe('dates', () => {
	it.each([
		{ input: '2024-02-29', expected: true },
		{ input: '2023-02-29', expected: false },
		{ input: '2024-04-31', expected: false },
		{ input: '2024-4-1', expected: false },
		{ input: '01/04/2024', expected: false },
		{ input: '2024-04-01T00:00', expected: false }
	])('isIsoDate("$input") → $expected', ({ input, expected }) => {
		expect(isIsoDate(input)).toBe(expected);
	});

	it('ukDate writes day first', () => {
		expect(ukDate('2025-03-31')).toBe('31/03/2025');
	});
});

describe('daysBetween counts both ends', () => {
	it.each([
		{ from: '2024-04-01', to: '2024-04-30', expected: 30 },
		{ from: '2024-04-01', to: '2024-04-01', expected: 1 },
		// 2024 is a leap year; the clocks go forward on 2024-03-31 (dates are UTC, so no effect).
		{ from: '2024-02-28', to: '2024-03-01', expected: 3 },
		{ from: '2023-02-28', to: '2023-03-01', expected: 2 },
		{ from: '2024-03-30', to: '2024-04-01', expected: 3 },
		{ from: '2024-04-01', to: '2025-03-31', expected: 365 },
		{ from: '2023-04-01', to: '2024-03-31', expected: 366 },
		{ from: '2024-04-02', to: '2024-04-01', expected: 0 }
	])('$from to $to → $expected', ({ from, to, expected }) => {
		expect(daysBetween(from, to)).toBe(expected);
	});
});

describe('the period before', () => {
	it.each([
		{ input: '2024/25', expected: '2023/24' },
		{ input: '2000/01', expected: '1999/00' },
		{ input: '2024/25 Q1', expected: '2023/24 Q4' },
		{ input: '2024/25 Q2', expected: '2024/25 Q1' },
		{ input: '2024/25 Q4', expected: '2024/25 Q3' },
		{ input: '2024/26', expected: undefined },
		{ input: 'Q1', expected: undefined }
	])('previousLabel("$input") → $expected', ({ input, expected }) => {
		expect(previousLabel(input)).toBe(expected);
	});

	it.each([
		{
			input: { from: '2024-04-01', to: '2024-04-30' },
			expected: { from: '2024-03-02', to: '2024-03-31' }
		},
		{
			// 366 days (2023/24) ending 2023-03-31.
			input: { from: '2023-04-01', to: '2024-03-31' },
			expected: { from: '2022-03-31', to: '2023-03-31' }
		}
	])('previousRange($input.from, $input.to)', ({ input, expected }) => {
		expect(previousRange(input)).toEqual(expected);
		expect(daysBetween(expected.from, expected.to)).toBe(daysBetween(input.from, input.to));
	});
});

describe('previousPeriod', () => {
	const span = { from: '2024-03-31', to: '2025-04-01' };
	it.each<{ name: string; input: Period; span?: typeof span; expected: unknown }>([
		{
			name: 'year → the year before',
			input: { kind: 'year', label: '2024/25' },
			expected: { kind: 'year', label: '2023/24' }
		},
		{
			name: 'the century turns',
			input: { kind: 'year', label: '2000/01' },
			expected: { kind: 'year', label: '1999/00' }
		},
		{
			name: 'Q1 → Q4 of the year before',
			input: { kind: 'quarter', label: '2024/25 Q1' },
			expected: { kind: 'quarter', label: '2023/24 Q4' }
		},
		{
			name: 'Q4 → Q3 of the same year',
			input: { kind: 'quarter', label: '2024/25 Q4' },
			expected: { kind: 'quarter', label: '2024/25 Q3' }
		},
		{ name: 'a label that is not one', input: { kind: 'year', label: 'x' }, expected: undefined },
		{
			name: 'custom April (30 days) → the 30 days before',
			input: { kind: 'custom', from: '2024-04-01', to: '2024-04-30' },
			expected: { kind: 'custom', from: '2024-03-02', to: '2024-03-31' }
		},
		{
			name: 'one day → the day before',
			input: { kind: 'custom', from: '2024-03-01', to: '2024-03-01' },
			expected: { kind: 'custom', from: '2024-02-29', to: '2024-02-29' }
		},
		{
			// 2024-05-01 to 2025-04-01 is 336 days; 336 days ending 2024-04-30 start 2023-05-31.
			name: 'open end filled from the span',
			input: { kind: 'custom', from: '2024-05-01' },
			expected: { kind: 'custom', from: '2023-05-31', to: '2024-04-30' }
		},
		{
			name: 'open start filled from the span',
			input: { kind: 'custom', to: '2024-06-30' },
			span: { from: '2024-06-01', to: '2025-04-01' },
			expected: { kind: 'custom', from: '2024-05-02', to: '2024-05-31' }
		},
		{
			name: 'no span for an open end',
			input: { kind: 'custom', from: '2024-05-01' },
			span: { from: '', to: '' },
			expected: undefined
		},
		{
			name: 'from after to',
			input: { kind: 'custom', from: '2024-05-01', to: '2024-04-01' },
			expected: undefined
		},
		{ name: 'all dates', input: { kind: 'all' }, expected: undefined }
	])('$name', ({ input, span: s, expected }) => {
		expect(previousPeriod(input, s ?? span)).toEqual(expected);
	});
});
