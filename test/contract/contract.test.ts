import { describe, it, expect } from 'vitest';
import { columnForHeader, headerKey, tableNames, tables } from '../../src/lib/contract/tables.ts';
import { groupOf, labelKey, vocabularies } from '../../src/lib/contract/vocabularies.ts';
import { emptyProfile, parseProfile } from '../../src/lib/contract/profile.ts';

/** Keys that occur more than once, with where each came from. */
function clashes(entries: [key: string, owner: string][]): string[] {
	const owners = new Map<string, Set<string>>();
	for (const [key, owner] of entries) owners.set(key, (owners.get(key) ?? new Set()).add(owner));
	return [...owners].filter(([, o]) => o.size > 1).map(([k, o]) => `${k}: ${[...o].join(', ')}`);
}

describe('contract tables', () => {
	it.each(tableNames)('%s: column names are unique', (name) => {
		const columns = tables[name].columns.map((c) => c.name);
		expect(new Set(columns).size).toBe(columns.length);
	});

	it.each(tableNames)('%s: no header alias maps to two columns (after headerKey)', (name) => {
		// A column's own name counts as an alias of it: "Practice" must not also name another column.
		const entries = tables[name].columns.flatMap((c) =>
			[c.name, ...c.aliases].map((a) => [headerKey(a), c.name] as [string, string])
		);
		expect(clashes(entries)).toEqual([]);
	});

	it('the clash check catches a clash (it can fail)', () => {
		expect(
			clashes([
				['ref', 'referral_id'],
				['ref', 'practice'],
				['pcn', 'pcn']
			])
		).toEqual(['ref: referral_id, practice']);
	});

	it.each(tableNames)('%s: every alias is found by columnForHeader', (name) => {
		for (const column of tables[name].columns) {
			for (const alias of column.aliases) {
				expect(columnForHeader(tables[name], alias)?.name, alias).toBe(column.name);
			}
		}
	});

	it.each([
		{ name: 'punctuation dropped', input: 'No. of contacts', expected: 'noofcontacts' },
		{ name: 'case and spaces', input: '  GP Practice ', expected: 'gppractice' },
		{ name: 'BOM dropped', input: '\ufeffReferral ID', expected: 'referralid' },
		{ name: 'underscores', input: 'referral_date', expected: 'referraldate' }
	])('headerKey: $name', ({ input, expected }) => {
		expect(headerKey(input)).toBe(expected);
	});
});

describe('contract vocabularies', () => {
	it.each(Object.keys(vocabularies) as (keyof typeof vocabularies)[])(
		'%s: no synonym maps to two groups (after labelKey)',
		(key) => {
			// The importer matches a group's key, label and synonyms (schema-sql.ts categoriesSql).
			const entries = vocabularies[key].groups.flatMap((g) =>
				[g.key, g.label, ...g.synonyms].map((s) => [labelKey(s), g.key] as [string, string])
			);
			expect(clashes(entries)).toEqual([]);
		}
	);

	it.each(Object.values(vocabularies).map((v) => v.key))(
		'%s: fallback is one of its groups',
		(key) => {
			const v = vocabularies[key as keyof typeof vocabularies];
			expect(v.groups.map((g) => g.key)).toContain(v.fallback);
		}
	);

	it.each([
		{
			name: 'self-referral',
			vocabulary: 'referral_source',
			input: 'Self-Referral',
			expected: 'self'
		},
		{ name: 'code A', vocabulary: 'ethnicity', input: 'A', expected: 'white' },
		{
			name: 'long name',
			vocabulary: 'ethnicity',
			input: 'Asian or Asian British: Pakistani',
			expected: 'asian'
		},
		{ name: 'sex code 2', vocabulary: 'sex', input: '2', expected: 'female' },
		{
			name: 'unmapped',
			vocabulary: 'referral_source',
			input: 'Walk-in centre',
			expected: undefined
		}
	] as const)('groupOf: $name', ({ vocabulary, input, expected }) => {
		expect(groupOf(vocabularies[vocabulary], input)).toBe(expected);
	});
});

describe('parseProfile', () => {
	const valid = {
		kind: 'sp-impact-mapping-profile',
		version: 1,
		name: 'Elemental export',
		columns: { referrals: { 'Ref no': 'referral_id', Notes: '' } },
		categories: { referral_source: { 'Walk-in centre': 'secondary_care' } }
	};

	it('accepts a valid profile', () => {
		const result = parseProfile(JSON.stringify(valid));
		expect(result).toEqual({ value: { ...valid, measures: [], swemwbs: 'auto' }, errors: [] });
	});

	it('fills defaults for missing columns and categories', () => {
		const { value, errors } = parseProfile(
			JSON.stringify({ ...valid, columns: undefined, categories: undefined })
		);
		expect(errors).toEqual([]);
		expect(value).toEqual({ ...valid, columns: {}, categories: {}, measures: [], swemwbs: 'auto' });
	});

	it('round-trips an empty profile', () => {
		expect(parseProfile(JSON.stringify(emptyProfile('Mine'))).value).toEqual(emptyProfile('Mine'));
	});

	it.each([
		{ name: 'bad JSON', input: '{"kind": ', expected: /^not JSON: / },
		{ name: 'not an object', input: '[1, 2]', expected: /^profile: / },
		{ name: 'wrong kind', input: JSON.stringify({ ...valid, kind: 'other' }), expected: /^kind: / },
		{
			name: 'wrong version',
			input: JSON.stringify({ ...valid, version: 2 }),
			expected: /^version: /
		},
		{ name: 'empty name', input: JSON.stringify({ ...valid, name: '' }), expected: /^name: / },
		{
			name: 'unknown table',
			input: JSON.stringify({ ...valid, columns: { patients: { a: 'b' } } }),
			expected: /^columns/
		},
		{
			name: 'group not a string',
			input: JSON.stringify({ ...valid, categories: { sex: { F: 1 } } }),
			expected: /^categories\.sex\.F: /
		}
	])('returns errors, not throws: $name', ({ input, expected }) => {
		const result = parseProfile(input);
		expect(result.value).toBeUndefined();
		expect(result.errors.length).toBeGreaterThan(0);
		expect(result.errors[0]).toMatch(expected);
	});
});
