import { describe, it, expect } from 'vitest';
import {
	describeFilters,
	makeFilters,
	noFilters,
	periodRange,
	referralWhere,
	type Filters
} from '../../src/lib/metrics/filters.ts';

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
		const where = referralWhere(
			makeFilters({ period: { kind: 'custom', from: '2024-04-01' }, pcn: ["O'Brien PCN", 'B'] })
		);
		expect(where.text).toBe('r.referral_date >= CAST(? AS DATE) AND r.pcn IN (?, ?)');
		expect(where.params).toEqual(['2024-04-01', "O'Brien PCN", 'B']);
		expect(referralWhere(noFilters)).toEqual({ text: 'true', params: [] });
	});

	it.each<{ name: string; input: Partial<Filters>; text: string; params: unknown[] }>([
		{ name: 'unknown alone', input: { sex: ['unknown'] }, text: 'r.sex_group IS NULL', params: [] },
		{
			name: 'a value or unknown',
			input: { sex: ['female', 'unknown'] },
			text: '(r.sex_group = TRY_CAST(? AS sp_sex_group_t) OR r.sex_group IS NULL)',
			params: ['female']
		},
		{
			name: 'imd deciles are whole numbers, written in',
			input: { imd: ['1', '10'] },
			text: 'r.imd_decile IN (1, 10)',
			params: []
		},
		{
			name: 'imd that is not a whole number is dropped',
			input: { imd: ['2.5', '3', 'unknown'] },
			text: '(r.imd_decile IN (3) OR r.imd_decile IS NULL)',
			params: []
		},
		{ name: 'nothing left keeps nothing', input: { imd: ['x'] }, text: 'false', params: [] },
		{
			name: 'no text reaches the SQL through an imd value',
			input: { imd: ['1); DROP TABLE referrals; --', '1e3', '-0'] },
			text: 'r.imd_decile IN (1000, 0)',
			params: []
		},
		{
			name: 'worker, age band and ethnicity group columns',
			input: { link_worker: ['LW1'], age_band: ['85+'], ethnicity: ['asian'] },
			text: 'r.link_worker = TRY_CAST(? AS sp_link_worker_t) AND r.age_band = TRY_CAST(? AS sp_age_band_t) AND r.ethnicity_group = TRY_CAST(? AS sp_ethnicity_group_t)',
			params: ['LW1', '85+', 'asian']
		},
		{
			name: 'a year and a missing PCN',
			input: { period: { kind: 'year', label: '2024/25' }, pcn: ['unknown'] },
			text: 'r.referral_date >= CAST(? AS DATE) AND r.referral_date <= CAST(? AS DATE) AND r.pcn IS NULL',
			params: ['2024-04-01', '2025-03-31']
		}
	])('referralWhere: $name', ({ input, text, params }) => {
		expect(referralWhere(makeFilters(input))).toEqual({ text, params });
	});

	it.each<{ name: string; input: Partial<Filters>; expected: string }>([
		{
			name: 'open end, PCNs and a service',
			input: {
				period: { kind: 'custom', from: '2024-04-01' },
				pcn: ['A', 'B'],
				service: ['North']
			},
			expected: '01/04/2024 to end · PCN: A, B · Service: North'
		},
		{
			name: 'a year alone',
			input: { period: { kind: 'year', label: '2024/25' } },
			expected: '2024/25'
		},
		{
			name: 'open start',
			input: { period: { kind: 'custom', to: '2024-06-30' } },
			expected: 'start to 30/06/2024'
		},
		{
			name: 'the new dimensions, in filter-bar order',
			input: {
				imd: ['1', '2'],
				sex: ['female', 'unknown'],
				link_worker: ['LW1'],
				ethnicity: ['asian'],
				age_band: ['85+'],
				practice: ['Hill Top']
			},
			expected:
				'All dates · Practice: Hill Top · Link worker: LW1 · Age band: 85+ · Sex: female, unknown · Ethnicity: asian · IMD decile: 1, 2'
		}
	])('describeFilters: $name', ({ input, expected }) => {
		expect(describeFilters(makeFilters(input))).toBe(expected);
	});

	it('describeFilters words values with the labels given', () => {
		const label = (key: string, v: string) =>
			v === 'unknown' ? 'Not recorded' : key === 'sex' ? v[0].toUpperCase() + v.slice(1) : v;
		expect(describeFilters(makeFilters({ sex: ['female', 'unknown'] }), label)).toBe(
			'All dates · Sex: Female, Not recorded'
		);
	});
});
