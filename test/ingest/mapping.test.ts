import { describe, it, expect } from 'vitest';
import { columnForHeader, tables } from '../../src/lib/contract/tables.ts';
import { emptyProfile } from '../../src/lib/contract/profile.ts';
import {
	detectTable,
	formatTarget,
	mapHeaders,
	missingRequired,
	parseTarget,
	scoreColumn,
	unmappedHeaders,
	type Target
} from '../../src/lib/ingest/mapping.ts';

describe('header aliases (referrals)', () => {
	it.each([
		{ input: 'Date of referral', expected: 'referral_date' },
		{ input: 'Referred by', expected: 'referral_source' },
		{ input: 'Client ID', expected: 'person_id' },
		{ input: 'Patient ID', expected: 'person_id' },
		{ input: 'GP Practice', expected: 'practice' },
		{ input: 'Date discharged', expected: 'discharge_date' },
		{ input: 'No. of contacts', expected: 'contacts' },
		// Case, spaces and punctuation are ignored.
		{ input: 'DATE OF REFERRAL', expected: 'referral_date' },
		{ input: 'date_of_referral', expected: 'referral_date' },
		{ input: '  Client-ID ', expected: 'person_id' },
		{ input: 'no of contacts', expected: 'contacts' },
		{ input: 'G.P. practice', expected: 'practice' },
		{ input: 'referral_id', expected: 'referral_id' },
		{ input: 'Notes', expected: undefined },
		{ input: '', expected: undefined },
		{ input: '---', expected: undefined }
	])('"$input" → $expected', ({ input, expected }) => {
		expect(columnForHeader(tables.referrals, input)?.name).toBe(expected);
	});
});

describe('scoreColumn: wide-form score headers', () => {
	it.each([
		{ input: 'WEMWBS baseline', expected: { measure: 'WEMWBS', timepoint: 'baseline' } },
		{ input: 'WEMWBS follow-up', expected: { measure: 'WEMWBS', timepoint: 'followup' } },
		{ input: 'SWEMWBS_followup_score', expected: { measure: 'SWEMWBS', timepoint: 'followup' } },
		{
			input: 'ONS4 life satisfaction (pre)',
			expected: { measure: 'ONS4 life satisfaction', timepoint: 'baseline' }
		},
		{ input: 'UCLA3 post', expected: { measure: 'UCLA3', timepoint: 'followup' } },
		{ input: 'WEMWBS (baseline score)', expected: { measure: 'WEMWBS', timepoint: 'baseline' } },
		{ input: 'WEMWBS review 2', expected: { measure: 'WEMWBS', timepoint: 'review 2' } },
		{ input: 'Referral date', expected: undefined },
		{ input: 'Baseline', expected: undefined },
		// A timepoint word alone does not make a score: the rest must name a measure (or say "score").
		{ input: 'Support plan start', expected: undefined },
		{ input: 'Sessions first', expected: undefined },
		{ input: 'Episode end', expected: undefined },
		{ input: 'CEL baseline', expected: { measure: 'CEL', timepoint: 'baseline' } },
		{ input: 'Goal score final', expected: { measure: 'Goal score', timepoint: 'followup' } }
	])('"$input"', ({ input, expected }) => {
		expect(scoreColumn(input)).toEqual(expected);
	});
});

describe('mapHeaders', () => {
	const headers = [
		'Referral ID',
		'Date of referral',
		'WEMWBS baseline',
		'WEMWBS follow-up',
		'Notes',
		'Ref'
	];

	it('maps by alias, reads score columns, ignores the rest and never fills a column twice', () => {
		expect(mapHeaders('referrals', headers).map((c) => c.target)).toEqual([
			{ kind: 'column', column: 'referral_id' },
			{ kind: 'column', column: 'referral_date' },
			{ kind: 'score', measure: 'WEMWBS', timepoint: 'baseline' },
			{ kind: 'score', measure: 'WEMWBS', timepoint: 'followup' },
			{ kind: 'ignore' },
			// "Ref" is an alias of referral_id, which "Referral ID" already fills.
			{ kind: 'ignore' }
		]);
	});

	it('score columns are read only in a referrals file', () => {
		expect(mapHeaders('outcomes', ['WEMWBS baseline'])[0].target).toEqual({ kind: 'ignore' });
	});

	it('a profile choice wins over the alias, and "" ignores a header', () => {
		const profile = emptyProfile();
		profile.columns.referrals = {
			Notes: 'service',
			'Referral ID': '',
			'WEMWBS baseline': 'score:swemwbs:baseline'
		};
		const mapped = mapHeaders('referrals', headers, profile);
		expect(mapped.map((c) => formatTarget(c.target))).toEqual([
			'',
			'referral_date',
			'score:swemwbs:baseline',
			'score:WEMWBS:followup',
			'service',
			'referral_id'
		]);
		expect(unmappedHeaders({ table: 'referrals', columns: mapped })).toEqual(['Referral ID']);
	});

	it.each<Target>([
		{ kind: 'column', column: 'pcn' },
		{ kind: 'score', measure: 'WEMWBS', timepoint: 'review 1' },
		{ kind: 'ignore' }
	])('formatTarget/parseTarget round trip: %o', (target) => {
		expect(parseTarget(formatTarget(target))).toEqual(target);
	});

	it('missingRequired names required columns no header fills', () => {
		const columns = mapHeaders('referrals', ['Client ID', 'Date of referral']);
		expect(missingRequired({ table: 'referrals', columns })).toEqual(['referral_id']);
		expect(
			missingRequired({
				table: 'outcomes',
				columns: mapHeaders('outcomes', ['Referral ID', 'Score'])
			})
		).toEqual(['measure', 'timepoint']);
	});
});

describe('detectTable', () => {
	it.each([
		{
			name: 'a referrals export',
			input: ['Referral ID', 'Client ID', 'Date of referral', 'Referred by', 'PCN', 'GP Practice'],
			expected: { table: 'referrals', recognised: true }
		},
		{
			name: 'long-form outcomes',
			input: ['Referral ID', 'Measure', 'Timepoint', 'Date assessed', 'Score'],
			expected: { table: 'outcomes', recognised: true }
		},
		{
			name: 'onward referrals',
			input: [
				'Case ID',
				'Date referred on',
				'Referred to',
				'Support category',
				'Referral or signpost',
				'Attended'
			],
			expected: { table: 'onward_referrals', recognised: true }
		},
		{
			name: 'practice list sizes',
			input: ['Practice code', 'PCN', 'List size'],
			expected: { table: 'practices', recognised: true }
		},
		{
			// Referrals with practice and PCN columns must not be read as a practices file.
			name: 'referrals with practice and PCN',
			input: ['Referral ID', 'Referral date', 'Practice', 'PCN'],
			expected: { table: 'referrals', recognised: true }
		},
		{
			name: 'nothing recognised',
			input: ['Colour', 'Size'],
			expected: { table: 'referrals', recognised: false }
		}
	])('$name → $expected.table', ({ input, expected }) => {
		expect(detectTable(input)).toEqual(expected);
	});
});
