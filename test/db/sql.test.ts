import { describe, it, expect, expectTypeOf } from 'vitest';
import { ident, join, literal, raw, sql, type RowOf, type Sql } from '../../src/lib/db/sql.ts';
import type { Db } from '../../src/lib/db/types.ts';
import { noFilters } from '../../src/lib/metrics/filters.ts';
import {
	headline,
	totals,
	type FunnelRow,
	type HeadlineRow,
	type TotalsRow
} from '../../src/lib/metrics/reach.ts';
import { run, type Results } from '../../src/lib/metrics/run.ts';
import type { query } from '../../src/lib/state/dataset.svelte.ts';

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

// Type-level: checked by the compiler (npm run check), so these tests pass at run time trivially.
describe('typed queries', () => {
	type Pair = { a: number; b: string | null };
	const typed = sql<Pair>`SELECT 1 AS a, NULL AS b`;
	const untyped = sql`SELECT 1 AS a, NULL AS b`;

	it('a query carries the type of its rows, and the phantom is never set', () => {
		expectTypeOf(typed).toEqualTypeOf<Sql<Pair>>();
		expectTypeOf<RowOf<typeof typed>>().toEqualTypeOf<Pair>();
		expectTypeOf(untyped).toEqualTypeOf<Sql>();
		expectTypeOf(join([typed, untyped], ' UNION ALL ')).toEqualTypeOf<Sql>();
		expect(Object.keys(typed).sort()).toEqual(['params', 'text']);
	});

	it('run and query on a Sql<R> give R[]', () => {
		const runTyped = (db: Db) => run(db, typed);
		expectTypeOf(runTyped).returns.toEqualTypeOf<Promise<Pair[]>>();
		expectTypeOf<ReturnType<typeof query<Pair>>>().toEqualTypeOf<Promise<Pair[]>>();
		expectTypeOf<Parameters<typeof query<Pair>>[0]>().toEqualTypeOf<Sql<Pair>>();
	});

	it('a typed query is a query; an untyped one is not a typed one', () => {
		expectTypeOf(typed).toExtend<Sql>();
		expectTypeOf(untyped).not.toExtend<Sql<Pair>>();
		// Never run: the compiler rejects reading an untyped query as typed rows.
		const _wrong = (db: Db) =>
			// @ts-expect-error an untyped query gives no Pair rows
			run<Pair>(db, untyped);
		expect(_wrong).toBeTypeOf('function');
	});

	it('the headline has the funnel columns only when asked for', () => {
		expectTypeOf(headline(noFilters, '2025-03-31')).toEqualTypeOf<Sql<HeadlineRow>>();
		expectTypeOf(headline(noFilters, '2025-03-31', { funnel: true })).toEqualTypeOf<
			Sql<HeadlineRow & FunnelRow>
		>();
	});

	it("a page's results are typed per query, a query not run giving none", () => {
		type PageQueries = { pair: typeof typed; previous: ReturnType<typeof totals> | null };
		expectTypeOf<Results<PageQueries>>().toEqualTypeOf<{
			pair: Pair[];
			previous: TotalsRow[];
		}>();
	});
});
