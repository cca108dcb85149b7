import { describe, it, expect } from 'vitest';
import { ident, join, literal, raw, sql } from '../../src/lib/db/sql.ts';

describe('sql tagged template', () => {
	it.each([
		{ name: 'value → parameter', input: sql`a = ${1}`, expected: { text: 'a = ?', params: [1] } },
		{
			name: 'array → list of parameters',
			input: sql`a IN ${['x', 'y']}`,
			expected: { text: 'a IN (?, ?)', params: ['x', 'y'] }
		},
		{
			name: 'empty array → (NULL)',
			input: sql`a IN ${[]}`,
			expected: { text: 'a IN (NULL)', params: [] }
		},
		{
			name: 'raw spliced',
			input: sql`SELECT ${raw('count(*)')}`,
			expected: { text: 'SELECT count(*)', params: [] }
		},
		{
			name: 'nested sql keeps parameter order',
			input: sql`${1} AND ${sql`b = ${2}`} AND ${3}`,
			expected: { text: '? AND b = ? AND ?', params: [1, 2, 3] }
		},
		{
			name: 'a string that looks like SQL is still a parameter',
			input: sql`a = ${"'; DROP TABLE referrals; --"}`,
			expected: { text: 'a = ?', params: ["'; DROP TABLE referrals; --"] }
		}
	])('$name', ({ input, expected }) => {
		expect(input).toEqual(expected);
	});

	it('ident and literal double their quotes', () => {
		expect(ident('My "odd" column').text).toBe('"My ""odd"" column"');
		expect(literal("O'Brien's.csv").text).toBe("'O''Brien''s.csv'");
	});

	it('join keeps parameters in order', () => {
		expect(join([sql`a = ${1}`, sql`b IN ${[2, 3]}`], ' AND ')).toEqual({
			text: 'a = ? AND b IN (?, ?)',
			params: [1, 2, 3]
		});
	});
});
