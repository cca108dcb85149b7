import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createNodeDb } from '../../src/lib/db/node.ts';
import { sql } from '../../src/lib/db/sql.ts';
import type { Db, Row } from '../../src/lib/db/types.ts';
import { asOfDate, figureSetup } from '../../src/lib/cli/figures.ts';
import { figure, figureInput, pages } from '../../src/lib/figures/catalogue/index.ts';
import { runFigures } from '../../src/lib/figures/catalogue/run.ts';
import {
	codedColumnsSql,
	codedCountsSql,
	maxCodedValues,
	memorySql,
	roomToSort
} from '../../src/lib/ingest/coded-sql.ts';
import { importFiles } from '../../src/lib/ingest/import-files.ts';
import { codedColumns, codedType } from '../../src/lib/metrics/coded.ts';
import {
	makeFilters,
	noFilters,
	referralWhere,
	type Filters
} from '../../src/lib/metrics/filters.ts';
import { gpCells } from '../../src/lib/metrics/gp-use.ts';
import { headline, peopleProfile } from '../../src/lib/metrics/reach.ts';
import { run } from '../../src/lib/metrics/run.ts';
import { ensureSample } from '../bench/stats.ts';
import { createWasmNodeDb } from './wasm-node-db.ts';

// Issue 13: the work done once at import (integer-coded dimensions, numbered repeat people) must
// not change a single figure. Each page's figures on the optimised tables are compared with the
// same figures once the coded columns are plain text again, and the people counts, the people
// profile and GP appointments with plain SQL over `person_key` (the definitions before
// numbering), on the sample and on a generated 100k file, in both engines. Not timed: the
// benchmark measures speed.

const canonical = (name: string) => `data-samples/canonical/synthetic-${name}.csv`;
const sample = ['referrals', 'practices', 'outcomes', 'onward-referrals'].map(canonical);

// The coded columns as text again, under the same type names (text aliases).
async function uncode(db: Db) {
	const back = codedColumns.map((c) => `"${c}"::VARCHAR AS "${c}"`).join(', ');
	await db.exec(`CREATE OR REPLACE TABLE referrals AS SELECT * REPLACE (${back}) FROM referrals`);
	for (const c of codedColumns)
		await db.exec(`DROP TYPE ${codedType(c)}; CREATE TYPE ${codedType(c)} AS VARCHAR;`);
}

const types = async (db: Db) =>
	Object.fromEntries(
		(await db.query<{ column_name: string; column_type: string }>(`DESCRIBE referrals`)).map(
			(r) => [r.column_name, r.column_type]
		)
	);

// Every page's figures (each page's layout, publication off and on) for a set of filters.
async function allViews(db: Db, filters: Filters) {
	const setup = await figureSetup(db, await asOfDate(db));
	const out: Record<string, unknown> = {};
	for (const [page, layout] of Object.entries(pages)) {
		for (const publication of [false, true]) {
			const input = figureInput(filters, setup, { publication });
			out[`${page}/${publication}`] = await runFigures(
				(q) => run<Row>(db, q),
				layout.map(({ id }) => figure(id)),
				input
			);
		}
	}
	return out;
}

// People counted as they were defined before numbering: distinct person keys, and each person's
// values from their latest selected referral by (date, referral ID), skipping missing values.
async function plainPeople(db: Db, filters: Filters) {
	const where = referralWhere(filters);
	const [counts] = await run<Row>(
		db,
		sql`SELECT count(DISTINCT r.person_key)::INTEGER AS people,
  (SELECT count(*) FROM (SELECT r.person_key FROM referrals r WHERE ${where}
    GROUP BY r.person_key HAVING count(*) > 1))::INTEGER AS people_with_multiple_referrals
FROM referrals r WHERE ${where}`
	);
	const latest = ['imd_decile', 'ethnicity_group', 'age_band', 'sex_group'].map(
		(c) => `arg_max(r.${c}, (r.referral_date, r.referral_id)) AS ${c}`
	);
	const profile = await run<Row>(
		db,
		sql`SELECT coalesce(CAST(imd_decile AS VARCHAR), 'unknown') AS imd,
  coalesce(ethnicity_group::VARCHAR, 'unknown') AS ethnicity,
  coalesce(age_band::VARCHAR, 'unknown') AS age_band, coalesce(sex_group::VARCHAR, 'unknown') AS sex,
  count(*)::INTEGER AS people FROM (
  SELECT ${{ text: latest.join(', '), params: [] }} FROM referrals r WHERE ${where} GROUP BY r.person_key)
GROUP BY ALL ORDER BY ALL`
	);
	const gp = await run<Row>(
		db,
		sql`SELECT before, after, count(*)::INTEGER AS people FROM (
  SELECT arg_min(r.gp_appointments_before, (r.referral_date, r.referral_id)) AS before,
    arg_min(r.gp_appointments_after, (r.referral_date, r.referral_id)) AS after
  FROM referrals r WHERE ${where}
    AND r.gp_appointments_before IS NOT NULL AND r.gp_appointments_after IS NOT NULL
  GROUP BY r.person_key)
GROUP BY before, after ORDER BY before, after`
	);
	return { counts, profile, gp };
}

async function check(db: Db, filterSets: Filters[]) {
	const t = await types(db);
	for (const c of codedColumns) expect(t[c], c).toMatch(/^ENUM\(/);
	// Stored in order of referral date, so that a period's filter skips row groups.
	const [order] = await db.query(`SELECT count(*)::INTEGER AS back FROM (
  SELECT referral_date < lag(referral_date) OVER () AS back FROM referrals) WHERE back`);
	expect(order.back).toBe(0);
	const optimised: unknown[] = [];
	for (const f of filterSets) {
		const [head] = await run(db, headline(f, await asOfDate(db)));
		const plain = await plainPeople(db, f);
		expect(head.people).toBe(plain.counts.people);
		expect(head.people_with_multiple_referrals).toBe(plain.counts.people_with_multiple_referrals);
		expect(await run(db, peopleProfile(f))).toEqual(plain.profile);
		expect(await run(db, gpCells(f))).toEqual(plain.gp);
		if (f === noFilters) expect(plain.gp.length).toBeGreaterThan(1);
		optimised.push(await allViews(db, f));
	}
	await uncode(db);
	for (const c of codedColumns) expect((await types(db))[c], c).toBe('VARCHAR');
	for (const [i, f] of filterSets.entries()) expect(await allViews(db, f)).toEqual(optimised[i]);
	// Coded again, with practices over the limit of values: practice stays text, the rest ENUMs.
	const [counts] = await db.query<Record<string, number>>(codedCountsSql);
	await db.exec(codedColumnsSql({ ...counts, practice: maxCodedValues + 1 }));
	// Coding again numbers the referrals as before (in the order they are stored), so the outcome
	// pairs still join on the right numbers.
	expect(
		(
			await db.query(`SELECT count(*)::INTEGER AS n FROM outcome_pairs p
  LEFT JOIN referrals r ON r.referral_no = p.referral_no WHERE p.referral_no IS NOT NULL AND r.referral_id IS DISTINCT FROM p.referral_id`)
		)[0].n
	).toBe(0);
	const mixed = await types(db);
	expect(mixed.practice).toBe('VARCHAR');
	expect(mixed.pcn).toMatch(/^ENUM\(/);
	for (const [i, f] of filterSets.entries()) expect(await allViews(db, f)).toEqual(optimised[i]);
	// Not vacuous: the sets select different referrals, some of people referred more than once.
	const heads = await Promise.all(
		filterSets.map(async (f) => (await run(db, headline(f, '2025-03-31')))[0])
	);
	expect(new Set(heads.map((h) => h.referrals)).size).toBe(filterSets.length);
	expect(heads[0].people_with_multiple_referrals).toBeGreaterThan(0);
}

async function filtersFor(db: Db): Promise<Filters[]> {
	const top = async (col: string, n: number) =>
		String(
			(
				await db.query(
					`SELECT ${col}::VARCHAR AS v FROM referrals WHERE ${col} IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1 OFFSET ${n}`
				)
			)[0].v
		);
	return [
		noFilters,
		makeFilters({ period: { kind: 'year', label: '2024/25' } }),
		makeFilters({ pcn: [await top('pcn', 0), 'unknown'] }),
		makeFilters({
			period: { kind: 'quarter', label: '2023/24 Q3' },
			service: [await top('service', 0), await top('service', 1)]
		}),
		makeFilters({ practice: [await top('practice', 0)], sex: ['female'] }),
		makeFilters({ age_band: ['65-74', '75-84'], imd: ['1', '2', 'unknown'], ethnicity: ['white'] }),
		makeFilters({ link_worker: [await top('link_worker', 2)] })
	];
}

for (const [label, paths] of [
	['the sample', sample],
	['a generated 100k file', ['100k']]
] as const) {
	describe(`coded dimensions and numbered people give the plain figures: ${label}`, () => {
		const dbs: { native?: Db & { close(): Promise<void> }; wasm?: Db & { close(): void } } = {};
		beforeAll(async () => {
			// The 100k file is generated (gitignored) when missing, as the benchmark does.
			const files = paths === sample ? sample : [ensureSample('100k')];
			dbs.native = await createNodeDb();
			dbs.wasm = await createWasmNodeDb();
			for (const db of [dbs.native, dbs.wasm]) {
				const imported = await importFiles(db, files);
				if ('error' in imported) throw new Error(imported.error.message);
			}
		}, 600_000);
		afterAll(async () => {
			await dbs.native?.close();
			dbs.wasm?.close();
		});
		for (const engine of ['native', 'wasm'] as const) {
			it(`${engine}: every page's figures and the people counts are identical`, async () => {
				const db = dbs[engine]!;
				await check(db, await filtersFor(db));
			}, 900_000);
		}
	});
}

describe('the referrals are sorted by date only where DuckDB has room', () => {
	it('sorts while DuckDB holds up to a third of its limit, in either engine', async () => {
		expect(roomToSort(0.95e9, '3.1 GiB')).toBe(true); // 1M referrals in a tab
		expect(roomToSort(1.8e9, '3.1 GiB')).toBe(false); // 2M: the sort ran out of memory
		expect(roomToSort(1e9, '3.0 GB')).toBe(true);
		expect(roomToSort(1e9 + 1, '3.0 GB')).toBe(false);
		expect(roomToSort(5e6, '16.0 MiB')).toBe(true);
		expect(roomToSort(0, 'no limit')).toBe(false);
		for (const db of [await createNodeDb(), await createWasmNodeDb()]) {
			const [m] = await db.query<{ used: number; memory_limit: string }>(memorySql);
			expect(m.memory_limit).toMatch(/^[\d.]+ [KMGT]i?B$/);
			expect(roomToSort(m.used, m.memory_limit)).toBe(true);
			await db.close();
		}
	});
});
