import { describe, expect, it } from 'vitest';
import {
	isSmall,
	publishCells,
	publishCount,
	publishMean,
	publishRate,
	publishRows,
	publishShare,
	type PublishSpec
} from '../../src/lib/stats/small-numbers.ts';
import { formatCount, formatShare } from '../../src/lib/util/format.ts';

// Rules from METHODS.md "Small numbers and publication"; expected values worked by hand.

describe('publishCount for every value 0 to 20', () => {
	it.each<{ name: string; input: number; expected: number | null }>([
		{ name: 'zero stays zero', input: 0, expected: 0 },
		{ name: '1 is small', input: 1, expected: null },
		{ name: '2 is small', input: 2, expected: null },
		{ name: '3 is small', input: 3, expected: null },
		{ name: '4 is small', input: 4, expected: null },
		{ name: '5 is small', input: 5, expected: null },
		{ name: '6 is small', input: 6, expected: null },
		{ name: '7 is small', input: 7, expected: null },
		{ name: '8 rounds up', input: 8, expected: 10 },
		{ name: '9 rounds up', input: 9, expected: 10 },
		{ name: '10 stays', input: 10, expected: 10 },
		{ name: '11 rounds down', input: 11, expected: 10 },
		{ name: '12 rounds down', input: 12, expected: 10 },
		{ name: '13 rounds up', input: 13, expected: 15 },
		{ name: '14 rounds up', input: 14, expected: 15 },
		{ name: '15 stays', input: 15, expected: 15 },
		{ name: '16 rounds down', input: 16, expected: 15 },
		{ name: '17 rounds down', input: 17, expected: 15 },
		{ name: '18 rounds up', input: 18, expected: 20 },
		{ name: '19 rounds up', input: 19, expected: 20 },
		{ name: '20 stays', input: 20, expected: 20 }
	])('$name', ({ input, expected }) => {
		expect(publishCount(input)).toBe(expected);
		expect(isSmall(input)).toBe(expected === null);
	});
});

describe('publishCount rounds to the nearest 5', () => {
	it.each<{ name: string; input: number; expected: number }>([
		{ name: '22 down to 20', input: 22, expected: 20 },
		{ name: '23 up to 25', input: 23, expected: 25 },
		{ name: '99 up to 100', input: 99, expected: 100 },
		{ name: '1002 down to 1000', input: 1002, expected: 1000 },
		{ name: '1003 up to 1005', input: 1003, expected: 1005 },
		{ name: '1234 up to 1235', input: 1234, expected: 1235 },
		{ name: 'a million stays', input: 1_000_000, expected: 1_000_000 }
	])('$name', ({ input, expected }) => {
		expect(publishCount(input)).toBe(expected);
	});
});

describe('a count that is not a count is a programmer error', () => {
	it.each<{ name: string; input: number; expected: string }>([
		{ name: 'negative', input: -1, expected: 'invalid count: -1' },
		{ name: 'fractional', input: 2.5, expected: 'invalid count: 2.5' },
		{ name: 'not a number', input: NaN, expected: 'invalid count: NaN' }
	])('$name', ({ input, expected }) => {
		expect(() => publishCount(input)).toThrow(expected);
		expect(() => isSmall(input)).toThrow(expected);
		expect(() => publishCells([10, input])).toThrow(expected);
	});
});

describe('publishShare', () => {
	it.each<{ name: string; input: [number, number]; expected: number | null }>([
		{ name: '0 of 0 has no share', input: [0, 0], expected: null },
		{ name: '0 of 1: small denominator', input: [0, 1], expected: null },
		{ name: '0 of 7: small denominator', input: [0, 7], expected: null },
		{ name: '0 of 8 is shown', input: [0, 8], expected: 0 },
		{ name: '3 of 0: small numerator', input: [3, 0], expected: null },
		{ name: '3 of 1: both small', input: [3, 1], expected: null },
		{ name: '3 of 7: both small', input: [3, 7], expected: null },
		{ name: '3 of 8: small numerator', input: [3, 8], expected: null },
		{ name: '8 of 0 has no share', input: [8, 0], expected: null },
		{ name: '8 of 1: small denominator', input: [8, 1], expected: null },
		{ name: '8 of 7: small denominator', input: [8, 7], expected: null },
		{ name: '8 of 8 is shown', input: [8, 8], expected: 1 },
		{ name: '8 of 20 is shown', input: [8, 20], expected: 0.4 },
		{ name: 'unrounded counts: 13 of 52', input: [13, 52], expected: 0.25 }
	])('$name', ({ input, expected }) => {
		expect(publishShare(...input)).toBe(expected);
	});
});

describe('publishMean', () => {
	it.each<{ name: string; input: [number | null, number]; expected: number | null }>([
		{ name: 'no values, no mean', input: [null, 0], expected: null },
		{ name: 'on 5 values: suppressed', input: [12.5, 5], expected: null },
		{ name: 'on 8 values: shown', input: [12.5, 8], expected: 12.5 },
		{ name: 'on 8 values, mean missing', input: [null, 8], expected: null }
	])('$name', ({ input, expected }) => {
		expect(publishMean(...input)).toBe(expected);
	});
});

describe('publishCells: primary and secondary suppression', () => {
	it.each<{ name: string; input: number[]; expected: (number | null)[] }>([
		{ name: 'nothing small: rounding only', input: [8, 13, 1002], expected: [10, 15, 1000] },
		{
			name: 'one small cell among large ones: next smallest suppressed',
			input: [120, 3, 45, 60],
			expected: [120, null, null, 60]
		},
		{ name: 'one small cell and one other', input: [3, 100], expected: [null, null] },
		{
			name: 'two small cells: no extra suppression',
			input: [50, 2, 6, 30],
			expected: [50, null, null, 30]
		},
		{ name: 'single non-zero cell that is small', input: [0, 4, 0], expected: [0, null, 0] },
		{
			name: 'tie for next smallest: the first is suppressed',
			input: [40, 5, 12, 12],
			expected: [40, null, null, 10]
		},
		{
			name: 'next smallest by true count, not rounded count',
			input: [100, 2, 12, 11],
			expected: [100, null, 10, null]
		},
		{
			name: 'zeros never suppressed nor chosen as the secondary cell',
			input: [0, 3, 0, 25, 9],
			expected: [0, null, 0, 25, null]
		},
		{ name: 'all zeros', input: [0, 0, 0], expected: [0, 0, 0] },
		{ name: 'no cells', input: [], expected: [] }
	])('$name', ({ input, expected }) => {
		expect(publishCells(input)).toEqual(expected);
	});
});

describe('publishRows', () => {
	const rows = [
		{ pcn: 'North', referrals: 120, discharged: 60, people: 95, done: 0.5, reach: 0, days: 41.2 },
		{ pcn: 'South', referrals: 3, discharged: 2, people: 3, done: 0.67, reach: 0, days: 12 },
		{ pcn: 'East', referrals: 45, discharged: 0, people: 44, done: 0, reach: 0, days: null },
		{ pcn: 'West', referrals: 60, discharged: 15, people: 9, done: 0.25, reach: 0, days: 20 }
	];
	const spec: PublishSpec = {
		additive: ['referrals', 'discharged'],
		counts: ['people'],
		shares: [
			{ key: 'done', numerator: 'discharged', denominator: 'referrals' },
			{ key: 'reach', numerator: 'people', denominator: 1000 }
		],
		means: [{ key: 'days', n: 'discharged' }]
	};

	it.each<{ name: string; input: number; expected: Record<string, unknown> }>([
		{
			name: 'North: all shown, rounded',
			input: 0,
			expected: {
				pcn: 'North',
				referrals: 120,
				discharged: 60,
				people: 95,
				done: 0.5,
				reach: 0.095,
				days: 41.2
			}
		},
		{
			name: 'South: primary suppression throughout',
			input: 1,
			expected: {
				pcn: 'South',
				referrals: null,
				discharged: null,
				people: null,
				done: null,
				reach: null,
				days: null
			}
		},
		{
			name: 'East: referrals suppressed secondarily, so is its share; reach from true counts',
			input: 2,
			expected: {
				pcn: 'East',
				referrals: null,
				discharged: 0,
				people: 45,
				done: null,
				reach: 0.044,
				days: null
			}
		},
		{
			name: 'West: discharged suppressed secondarily, so its share is too; mean kept',
			input: 3,
			expected: {
				pcn: 'West',
				referrals: 60,
				discharged: null,
				people: 10,
				done: null,
				reach: 0.009,
				days: 20
			}
		}
	])('$name', ({ input, expected }) => {
		expect(publishRows(rows, spec)[input]).toEqual(expected);
	});

	it('does not mutate the input rows', () => {
		const before = structuredClone(rows);
		const out = publishRows(rows, spec);
		expect(rows).toEqual(before);
		expect(out[0]).not.toBe(rows[0]);
	});

	it('copies rows unchanged under an empty spec', () => {
		expect(publishRows(rows, {})).toEqual(rows);
	});

	it('throws on a count column that is not a count', () => {
		expect(() => publishRows([{ n: '12' }], { counts: ['n'] })).toThrow('invalid count: 12');
	});
});

describe('formatCount and formatShare', () => {
	it.each<{ name: string; input: number | null | undefined; expected: string }>([
		{ name: 'suppressed', input: null, expected: '*' },
		{ name: 'missing', input: undefined, expected: '*' },
		{ name: 'zero', input: 0, expected: '0' },
		{ name: 'small', input: 10, expected: '10' },
		{ name: 'thousands', input: 1235, expected: '1,235' },
		{ name: 'millions', input: 1_000_000, expected: '1,000,000' }
	])('formatCount: $name', ({ input, expected }) => {
		expect(formatCount(input)).toBe(expected);
	});

	it.each<{ name: string; input: number | null | undefined; expected: string }>([
		{ name: 'suppressed', input: null, expected: '*' },
		{ name: 'missing', input: undefined, expected: '*' },
		{ name: 'zero', input: 0, expected: '0%' },
		{ name: 'whole', input: 0.64, expected: '64%' },
		{ name: 'rounded down', input: 0.333, expected: '33%' },
		{ name: 'half rounds up', input: 0.125, expected: '13%' },
		{ name: 'all', input: 1, expected: '100%' }
	])('formatShare: $name', ({ input, expected }) => {
		expect(formatShare(input)).toBe(expected);
	});
});

describe('publishRate', () => {
	// A practice of 5,000 patients: 52 referrals a year is 10.4 per 1,000; published from the
	// rounded 50 it is 10.0, so rate × list size gives 50 back, not the true 52.
	it.each([
		{ name: '52 referrals → from 50', rate: 10.4, count: 52, expected: 10 },
		{ name: '5 referrals → hidden', rate: 1, count: 5, expected: null },
		{ name: '0 referrals → 0', rate: 0, count: 0, expected: 0 },
		{ name: '100 referrals → unchanged', rate: 20, count: 100, expected: 20 }
	])('$name', ({ rate, count, expected }) => {
		expect(publishRate(rate, count)).toBe(expected);
	});
});
