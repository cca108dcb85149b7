import { describe, it, expect } from 'vitest';
import { makeFilters, noFilters, type Filters } from '../../src/lib/metrics/filters.ts';
import {
	filtersFromParams,
	filtersToParams,
	publicationIn,
	settingsFromParams,
	withPublication
} from '../../src/lib/state/url.ts';
import { defaultSettings } from '../../src/lib/figures/catalogue/settings.ts';

describe('filters in the URL', () => {
	it.each<{ name: string; input: Filters; query: string }>([
		{ name: 'no filters', input: noFilters, query: '' },
		{
			name: 'a financial year',
			input: makeFilters({ period: { kind: 'year', label: '2024/25' } }),
			query: 'fy=2024%2F25'
		},
		{
			name: 'a quarter',
			input: makeFilters({ period: { kind: 'quarter', label: '2024/25 Q3' } }),
			query: 'q=2024%2F25+Q3'
		},
		{
			name: 'custom dates, PCNs and services',
			input: makeFilters({
				period: { kind: 'custom', from: '2024-04-01', to: '2024-06-30' },
				pcn: ['PCN A', 'Riverside & Co'],
				service: ['North']
			}),
			query: 'from=2024-04-01&to=2024-06-30&pcn=PCN+A&pcn=Riverside+%26+Co&service=North'
		},
		{
			name: 'an open start',
			input: makeFilters({ period: { kind: 'custom', to: '2024-06-30' } }),
			query: 'to=2024-06-30'
		},
		{
			name: 'worker, age, sex, ethnicity and imd (unknown is a value like any other)',
			input: makeFilters({
				link_worker: ['LW 1', 'LW2'],
				age_band: ['85+', '0-17'],
				sex: ['female', 'unknown'],
				ethnicity: ['not_stated'],
				imd: ['1', '10']
			}),
			query:
				'worker=LW+1&worker=LW2&age=85%2B&age=0-17&sex=female&sex=unknown&ethnicity=not_stated&imd=1&imd=10'
		},
		{
			name: 'a practice with a curly apostrophe, with a quarter',
			input: makeFilters({
				period: { kind: 'quarter', label: '2024/25 Q1' },
				practice: ['St Mary’s Surgery'],
				imd: ['unknown']
			}),
			query: 'q=2024%2F25+Q1&practice=St+Mary%E2%80%99s+Surgery&imd=unknown'
		}
	])('round trip: $name', ({ input, query }) => {
		const params = filtersToParams(input);
		expect(params.toString()).toBe(query);
		// An open end is undefined both ways (toEqual ignores undefined properties).
		expect(filtersFromParams(new URLSearchParams(params.toString()))).toEqual(input);
	});

	it('repeated values are read once; dimensions not in the URL are empty', () => {
		expect(filtersFromParams(new URLSearchParams('imd=2&imd=2&sex=male&worker=LW1'))).toEqual(
			makeFilters({ imd: ['2'], sex: ['male'], link_worker: ['LW1'] })
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

describe('publication mode in the URL', () => {
	it.each([
		{ search: '', on: true, expected: '?publication=1' },
		{ search: '?fy=2024%2F25&publication=1', on: false, expected: '?fy=2024%2F25' },
		{
			search: '?next=%2Freach%3Fpcn%3DA',
			on: true,
			expected: '?next=%2Freach%3Fpcn%3DA%26publication%3D1&publication=1'
		}
	])('withPublication($search, $on)', ({ search, on, expected }) => {
		expect(withPublication(search, on)).toBe(expected);
		expect(publicationIn(expected)).toBe(on);
	});

	it('the load page reads the setting of the view it returns to', () => {
		expect(publicationIn('?next=%2Freach%3Fpublication%3D1')).toBe(true);
		expect(publicationIn('?next=%2Freach')).toBe(false);
	});
});

describe('view settings in the URL', () => {
	it('reads the split, measure, thresholds, GP window and source drill-down', () => {
		const params = new URLSearchParams(
			'split=pcn&measure=ucla3&change_wemwbs=4&change_swemwbs=2.5&gp_months=12&source=gp' +
				'&by=link_worker&overdispersion=1&rules=mdc&target_referrals=40&target_median_days_to_first_contact=7.5' +
				'&improve_referrals=increase&rebase_referrals=2024-01&rate_thresholds=16,8'
		);
		expect(settingsFromParams(params)).toEqual({
			split: 'pcn',
			measure: 'ucla3',
			thresholds: { wemwbs: 4, swemwbs: 2.5 },
			gpMonths: 12,
			source: 'gp',
			by: 'link_worker',
			overdispersion: true,
			rules: 'mdc',
			targets: { referrals: 40, median_days_to_first_contact: 7.5 },
			improvement: { referrals: 'increase' },
			rebase: { referrals: '2024-01' },
			rateThresholds: [8, 16] // sorted
		});
	});

	it('falls back to the defaults for what is missing or unreadable', () => {
		const params = new URLSearchParams(
			'split=practice&change_wemwbs=-1&change_ucla3=x&gp_months=0&rate_thresholds=12,x'
		);
		expect(settingsFromParams(params)).toEqual({ ...defaultSettings, gpMonths: 6 });
		expect(settingsFromParams(new URLSearchParams())).toEqual(defaultSettings);
		expect(settingsFromParams(new URLSearchParams('gp_months=2.6')).gpMonths).toBe(3);
		expect(defaultSettings.rateThresholds).toEqual([12, 16]); // the former IIF PC-01 (METHODS.md)
	});
});
