import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync } from 'node:fs';
import { createNodeDb } from '../../src/lib/db/node.ts';
import { QueryError } from '../../src/lib/db/types.ts';

// The native client gives the same plain values the wasm client does (see parity.test.ts).
describe('native DuckDB client', () => {
	let db: Awaited<ReturnType<typeof createNodeDb>>;
	beforeAll(async () => (db = await createNodeDb()));
	afterAll(() => db.close());

	it.each([
		{
			name: 'BIGINT → number',
			sql: 'SELECT 9007199254740991::BIGINT AS v',
			expected: 9007199254740991
		},
		{ name: 'HUGEINT → number', sql: 'SELECT 12::HUGEINT AS v', expected: 12 },
		{ name: 'count(*) → number', sql: 'SELECT count(*) AS v FROM range(3)', expected: 3 },
		{ name: 'DATE → YYYY-MM-DD', sql: "SELECT DATE '2024-02-29' AS v", expected: '2024-02-29' },
		{
			name: 'TIMESTAMP → YYYY-MM-DD HH:MM:SS',
			sql: "SELECT TIMESTAMP '2024-03-31 23:59:58' AS v",
			expected: '2024-03-31 23:59:58'
		},
		{
			name: 'DATE[] → list',
			sql: "SELECT [DATE '2024-04-01', NULL] AS v",
			expected: ['2024-04-01', null]
		},
		{ name: 'VARCHAR[] → list', sql: "SELECT ['a', 'b'] AS v", expected: ['a', 'b'] },
		{ name: 'BOOLEAN', sql: 'SELECT true AS v', expected: true },
		{ name: 'NULL', sql: 'SELECT NULL::INTEGER AS v', expected: null }
	])('$name', async ({ sql, expected }) => {
		expect(await db.query(sql)).toEqual([{ v: expected }]);
	});

	it('binds parameters in order', async () => {
		const rows = await db.query('SELECT ?::INTEGER + 1 AS n, CAST(? AS DATE) AS d', [
			41,
			'2024-04-01'
		]);
		expect(rows).toEqual([{ n: 42, d: '2024-04-01' }]);
	});

	it('runs queries started together one at a time (one connection)', async () => {
		// Unqueued, DuckDB refuses the second: "Failed to execute prepared statement".
		await db.exec('CREATE TABLE numbers AS SELECT x FROM range(100) r(x)');
		const sql = 'SELECT count(*)::INTEGER AS n FROM numbers WHERE x >= ?';
		const results = await Promise.all([0, 50, 90, 100].map((from) => db.query(sql, [from])));
		// 100 - from numbers in 0..99 are at least `from`.
		expect(results.map(([r]) => r.n)).toEqual([100, 50, 10, 0]);
	});

	it('a failed query keeps its SQL and cause, and the next query still runs', async () => {
		const error = await db.query('SELECT * FROM no_such_table').catch((e) => e);
		expect(error).toBeInstanceOf(QueryError);
		expect(error.sql).toBe('SELECT * FROM no_such_table');
		expect(error.message).toMatch(/^query failed: .*no_such_table/);
		expect(await db.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
	});

	it('registers bytes as a file DuckDB reads, and forgets it', async () => {
		const path = await db.registerBytes('a b.csv', new TextEncoder().encode('x,y\n1,2\n'));
		expect(await db.query(`SELECT * FROM read_csv('${path}')`)).toEqual([{ x: 1, y: 2 }]);
		await db.unregister('a b.csv');
		expect(existsSync(path)).toBe(false);
	});

	it('never fetches or loads extensions on its own', async () => {
		const rows = await db.query(`SELECT current_setting('autoinstall_known_extensions') AS i,
  current_setting('autoload_known_extensions') AS l`);
		expect(rows).toEqual([{ i: false, l: false }]);
	});
});
