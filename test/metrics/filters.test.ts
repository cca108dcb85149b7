import { describe, it, expect } from 'vitest';
import {
	describeFilters,
	filtersFromParams,
	filtersToParams,
	noFilters,
	periodRange,
	referralWhere,
	type Filters
} from '../../src/lib/metrics/filters.ts';

describe('filters in the URL', () => {
	it.each<{ name: string; input: Filters; query: string }>([
		{ name: 'no filters', input: noFilters, query: '' },
		{
			name: 'a financial year',
			input: { period: { kind: 'year', label: '2024/25' }, pcn: [], service: [] },
			query: 'fy=2024%2F25'
		},
		{
			name: 'a quarter',
			input: { period: { kind: 'quarter', label: '2024/25 Q3' }, pcn: [], service: [] },
			query: 'q=2024%2F25+Q3'
		},
		{
			name: 'custom dates, PCNs and services',
			input: {
				period: { kind: 'custom', from: '2024-04-01', to: '2024-06-30' },
				pcn: ['PCN A', 'Riverside & Co'],
				service: ['North']
			},
			query: 'from=2024-04-01&to=2024-06-30&pcn=PCN+A&pcn=Riverside+%26+Co&service=North'
		},
		{
			name: 'an open start',
			input: { period: { kind: 'custom', to: '2024-06-30' }, pcn: [], service: [] },
			query: 'to=2024-06-30'
		}
	])('round trip: $name', ({ input, query }) => {
		const params = filtersToParams(input);
		expect(params.toString()).toBe(query);
		const back = filtersFromParams(new URLSearchParams(params.toString()));
		// An open end is undefined both ways.
		expect(back).toEqual(
			input.period.kind === 'custom'
				? { ...input, period: { kind: 'custom', from: input.period.from, to: input.period.to } }
				: input
		);
	});

	it.each([
		{ name: 'year that is not one', input: 'fy=2024/26', expected: { kind: 'all' } },
		{ name: 'quarter 5', input: 'q=2024/25 Q5', expected: { kind: 'all' } },
		{ name: 'impossible date', input: 'from=2024-02-30', expected: { kind: 'all' } },
		{ name: 'UK date', input: 'from=01/04/2024', expected: { kind: 'all' } },
		{
			name: 'one good end kept',
			input: 'from=garbage&to=2024-06-30',
			expected: { kind: 'custom', from: undefined, to: '2024-06-30' }
		},
		{
			name: 'bad year falls to a good quarter',
			input: 'fy=x&q=2024/25 Q1',
			expected: { kind: 'quarter', label: '2024/25 Q1' }
		},
		{
			name: 'year wins over dates',
			input: 'fy=2024/25&from=2024-05-01',
			expected: { kind: 'year', label: '2024/25' }
		}
	])('malformed params are ignored: $name', ({ input, expected }) => {
		expect(filtersFromParams(new URLSearchParams(input)).period).toEqual(expected);
	});
});

describe('filters as SQL and words', () => {
	it.each([
		{
			name: 'year',
			input: { kind: 'year', label: '2024/25' },
			expected: { from: '2024-04-01', to: '2025-03-31' }
		},
		{
			name: 'quarter',
			input: { kind: 'quarter', label: '2024/25 Q2' },
			expected: { from: '2024-07-01', to: '2024-09-30' }
		},
		{ name: 'bad year', input: { kind: 'year', label: 'nonsense' }, expected: {} },
		{ name: 'all', input: { kind: 'all' }, expected: {} }
	] as const)('periodRange: $name', ({ input, expected }) => {
		expect(periodRange(input)).toEqual(expected);
	});

	it('values reach SQL as parameters, never as text', () => {
		const where = referralWhere({
			period: { kind: 'custom', from: '2024-04-01' },
			pcn: ["O'Brien PCN", 'B'],
			service: []
		});
		expect(where.text).toBe('r.referral_date >= CAST(? AS DATE) AND r.pcn IN (?, ?)');
		expect(where.params).toEqual(['2024-04-01', "O'Brien PCN", 'B']);
		expect(referralWhere(noFilters)).toEqual({ text: 'true', params: [] });
	});

	it('describeFilters reads as a scope line', () => {
		expect(
			describeFilters({
				period: { kind: 'custom', from: '2024-04-01' },
				pcn: ['A', 'B'],
				service: ['North']
			})
		).toBe('01/04/2024 to end · PCN: A, B · Service: North');
		expect(
			describeFilters({ period: { kind: 'year', label: '2024/25' }, pcn: [], service: [] })
		).toBe('2024/25');
	});
});
