// The JS Parquet writer behind the browser's download, on both engines: every column type the
// export holds, nulls, lists and several row groups, read back by native DuckDB as the table it
// was written from.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeDb } from '../../src/lib/db/node.ts';
import type { Db } from '../../src/lib/db/types.ts';
import { literal } from '../../src/lib/db/sql.ts';
import { writeParquet, type ColumnType } from '../../src/lib/export/parquet.ts';
import { scratchDir } from '../helpers/import.ts';
import { createWasmNodeDb } from '../db/wasm-node-db.ts';

// 5,000 rows of every type, with nulls, empty lists, lists holding a null, dates before 1970,
// integers past 2^31, text outside ASCII and an ENUM (left as text, as DuckDB's writer does).
const table = `
CREATE TYPE mood AS ENUM ('low', 'ok', 'high');
CREATE TABLE t AS SELECT
	i::INTEGER AS i,
	(i * 10000000000)::BIGINT AS big,
	DATE '1960-02-29' + i::INTEGER AS d,
	CASE WHEN i % 5 = 0 THEN NULL ELSE i / 7 END::DOUBLE AS x,
	CASE WHEN i % 3 = 0 THEN NULL ELSE 'café ✓ ' || i END AS s,
	CASE WHEN i % 4 = 0 THEN NULL ELSE i % 2 = 0 END AS flag,
	CASE i % 4 WHEN 0 THEN NULL WHEN 1 THEN []::VARCHAR[] WHEN 2 THEN ['a', NULL] ELSE ['x', 'y' || i] END AS tags,
	(['low', 'ok', 'high'])[i % 3 + 1]::mood AS mood
FROM range(5000) r(i)`;

const engines: [string, () => Promise<Db & { close(): unknown }>][] = [
	['duckdb-wasm', createWasmNodeDb],
	['native DuckDB', createNodeDb]
];

describe('writeParquet', () => {
	let reader: Awaited<ReturnType<typeof createNodeDb>>;
	let scratch: Awaited<ReturnType<typeof scratchDir>>;
	beforeAll(async () => {
		reader = await createNodeDb();
		await reader.exec(table.replace('::mood', '::VARCHAR').replace(/CREATE TYPE[^;]*;/, ''));
		scratch = await scratchDir();
	});
	afterAll(async () => {
		await reader.close();
		await scratch.remove();
	});

	/** Write `select` on `db` to a file, in row groups of about 1,000 rows; returns its SQL name. */
	async function write(db: Db, select: string, name: string) {
		const columns = (await db.query(`DESCRIBE ${select}`)).map((c) => ({
			name: c.column_name,
			type: c.column_type
		})) as ColumnType[];
		const parts: Uint8Array[] = [];
		await writeParquet(db, select, columns, (bytes) => parts.push(bytes), 1000);
		const bytes = new Uint8Array(Buffer.concat(parts));
		return literal(await scratch.write(name, bytes)).text;
	}

	it.each(engines)('%s: the file reads back as the table, in order', async (engine, create) => {
		const db = await create();
		let file: string;
		try {
			await db.exec(table);
			file = await write(db, 'SELECT * FROM t', `${engine.replace(/\W/g, '-')}.parquet`);
		} finally {
			await db.close();
		}
		const types = await reader.query(
			`SELECT column_name, column_type FROM (DESCRIBE FROM ${file})`
		);
		expect(types.map((t) => `${t.column_name} ${t.column_type}`)).toEqual([
			'i INTEGER',
			'big BIGINT',
			'd DATE',
			'x DOUBLE',
			's VARCHAR',
			'flag BOOLEAN',
			'tags VARCHAR[]',
			'mood VARCHAR'
		]);
		const [diff] = await reader.query(
			`SELECT (SELECT count(*) FROM (FROM ${file} EXCEPT ALL FROM t))::INTEGER AS extra,
			        (SELECT count(*) FROM (FROM t EXCEPT ALL FROM ${file}))::INTEGER AS missing,
			        (SELECT count(*) FROM ${file})::INTEGER AS n`
		);
		expect(diff).toEqual({ extra: 0, missing: 0, n: 5000 });
		// Values spot-checked by hand: row 2's list keeps its null; row 3's date is 1960-03-03.
		expect(
			await reader.query(
				`SELECT i, big, d, x, s, flag, tags FROM ${file} WHERE i IN (2, 3) ORDER BY i`
			)
		).toEqual([
			{
				i: 2,
				big: 20000000000,
				d: '1960-03-02',
				x: 2 / 7,
				s: 'café ✓ 2',
				flag: true,
				tags: ['a', null]
			},
			{ i: 3, big: 30000000000, d: '1960-03-03', x: 3 / 7, s: null, flag: false, tags: ['x', 'y3'] }
		]);
		// Several row groups, rows in the table's order.
		const groups = await reader.query(
			`SELECT DISTINCT row_group_id FROM parquet_metadata(${file})`
		);
		expect(groups.length).toBeGreaterThan(1);
		const [{ ordered }] = await reader.query(
			`SELECT bool_and(i = rn - 1) AS ordered FROM (SELECT i, row_number() OVER () AS rn FROM ${file})`
		);
		expect(ordered).toBe(true);
	});

	it('an empty result is a valid file with the columns and no rows', async () => {
		const db = await createWasmNodeDb();
		let file: string;
		try {
			await db.exec(table);
			file = await write(db, 'SELECT * FROM t WHERE false', 'empty.parquet');
		} finally {
			db.close();
		}
		expect(await reader.query(`SELECT count(*)::INTEGER AS n FROM ${file}`)).toEqual([{ n: 0 }]);
		expect((await reader.query(`DESCRIBE FROM ${file}`)).map((c) => c.column_type)).toEqual([
			'INTEGER',
			'BIGINT',
			'DATE',
			'DOUBLE',
			'VARCHAR',
			'BOOLEAN',
			'VARCHAR[]',
			'VARCHAR'
		]);
	});
});
