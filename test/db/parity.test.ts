import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createNodeDb } from '../../src/lib/db/node.ts';
import type { Sql } from '../../src/lib/db/sql.ts';
import type { Db, Row } from '../../src/lib/db/types.ts';
import {
	figure,
	figureInput,
	layoutQueries,
	pages
} from '../../src/lib/figures/catalogue/index.ts';
import { queryKey } from '../../src/lib/figures/catalogue/run.ts';
import { headQuery } from '../../src/lib/figures/catalogue/shared.ts';
import { importFiles } from '../../src/lib/ingest/import-files.ts';
import {
	makeFilters,
	noFilters,
	previousPeriod,
	type Filters
} from '../../src/lib/metrics/filters.ts';
import {
	compareFirstContactDays,
	compareMonthly,
	compareOutcomeCells,
	comparePeopleReferred,
	compareTimes,
	compareUnits,
	type CompareBy
} from '../../src/lib/metrics/compare.ts';
import { referralRate, unmatchedPractices } from '../../src/lib/metrics/rates.ts';
import {
	filterOptions,
	funnel,
	headline,
	latestDate,
	peopleBy,
	peopleProfile,
	referralsBy,
	referralsByMonth,
	referralsByPeriod,
	totals
} from '../../src/lib/metrics/reach.ts';
import {
	onwardBy,
	onwardKinds,
	reasonByCategory,
	reasonPairs,
	reasons,
	sourceLabels,
	sourcesByQuarter
} from '../../src/lib/metrics/referrals.ts';
import { gpCells } from '../../src/lib/metrics/gp-use.ts';
import { outcomeCells, outcomeGroups } from '../../src/lib/metrics/outcomes.ts';
import { run } from '../../src/lib/metrics/run.ts';
import { fixture, scratchDir, utf16, windows1252 } from '../helpers/import.ts';
import { createWasmNodeDb } from './wasm-node-db.ts';

// DESIGN.md "One SQL, two engines": the same import and metric SQL on native DuckDB (Node, CLI)
// and duckdb-wasm (browser) must give identical results. Both are pinned to DuckDB v1.4.3.

const filterSets: Record<string, Filters> = {
	all: noFilters,
	year: makeFilters({ period: { kind: 'year', label: '2024/25' } }),
	quarter: makeFilters({ period: { kind: 'quarter', label: '2024/25 Q1' }, pcn: ['PCN A'] }),
	custom: makeFilters({
		period: { kind: 'custom', from: '2024-05-01' },
		service: ['South', 'North']
	}),
	demographics: makeFilters({
		sex: ['female', 'unknown'],
		imd: ['1', '2', 'unknown'],
		pcn: ['North PCN']
	})
};

// Every query the Journeys page runs, time to discharge split by service, at one as-of date: the
// frame's head and previous period, then each distinct query of the layout, named after the first
// figure that asks for it (`time-to-discharge.split`), so a difference names its figure.
async function journeyResults(db: Db, filters: Filters) {
	const setup = {
		asOf: '2024-09-30',
		firstReferral: '2024-01-01',
		practicesWithListSize: 0,
		values: { pcn: [], practice: [], service: [] }
	};
	const input = figureInput(filters, setup, { settings: { split: 'service' } });
	const before = previousPeriod(filters.period, { from: setup.firstReferral, to: setup.asOf });
	const out: Record<string, unknown> = {
		head: await run(db, headQuery(input)),
		previous: before ? await run(db, totals({ ...filters, period: before })) : null
	};
	const names = new Map<string, string>();
	for (const { id } of pages.journeys) {
		for (const [name, q] of Object.entries(figure(id).queries(input) as Record<string, Sql | null>))
			if (q && !names.has(queryKey(q))) names.set(queryKey(q), `${id}.${name}`);
	}
	for (const [key, q] of layoutQueries(pages.journeys, input))
		out[names.get(key) ?? key] = await run<Row>(db, q);
	return out;
}

// Every per-unit query of a Compare page, for each kind of unit, at one as-of date.
async function compareResults(db: Db, filters: Filters) {
	const asOf = '2024-09-30';
	const out: Record<string, unknown> = {};
	for (const by of ['service', 'pcn', 'practice', 'link_worker'] as CompareBy[]) {
		const times = compareTimes(by, filters, asOf);
		out[by] = {
			units: await run(db, compareUnits(by, filters, asOf)),
			monthly: await run(db, compareMonthly(by, filters, asOf)),
			firstContactDays: await run(db, compareFirstContactDays(by, filters, asOf)),
			firstContact: await run(db, times.firstContact),
			discharge: await run(db, times.discharge),
			outcomeCells: await run(db, compareOutcomeCells(by, filters, asOf))
		};
	}
	for (const by of ['practice', 'pcn'] as const)
		out[`people per list by ${by}`] = await run(db, comparePeopleReferred(by, filters));
	return out;
}

/** Everything an engine produces from the fixtures: the import, the tables and every reach metric. */
async function everything(db: Db, paths: string[]) {
	const [{ v }] = await db.query<{ v: string }>('SELECT version() AS v');
	const imported = await importFiles(db, paths);
	if ('error' in imported) throw new Error(imported.error.message);
	const { files: prepared, report } = imported.value;
	const table = (sql: string) => db.query(sql);
	const metrics: Record<string, unknown> = {
		latest: await run(db, latestDate()),
		options: await run(db, filterOptions())
	};
	for (const [name, filters] of Object.entries(filterSets)) {
		metrics[name] = {
			headline: await run(db, headline(filters, '2024-09-30')),
			months: await run(db, referralsByMonth(filters)),
			by: await Promise.all(
				(['source', 'source_label', 'pcn', 'practice', 'service'] as const).map((d) =>
					run(db, referralsBy(d, filters))
				)
			),
			quarters: await run(db, referralsByPeriod('quarter', filters)),
			people: await Promise.all([
				...(['imd', 'ethnicity', 'age_band', 'sex'] as const).map((a) =>
					run(db, peopleBy(a, filters))
				),
				run(db, peopleProfile(filters))
			]),
			funnel: await run(db, funnel(filters)),
			rates: [
				await run(db, referralRate('practice', filters, 1)),
				await run(db, referralRate('pcn', filters, 0.25)),
				await run(db, unmatchedPractices(filters))
			],
			sources: [await run(db, sourceLabels(filters)), await run(db, sourcesByQuarter(filters))],
			reasons: [await run(db, reasons(filters)), await run(db, reasonPairs(filters))],
			onward: [
				await run(db, onwardBy('category', filters)),
				await run(db, onwardBy('organisation', filters)),
				await run(db, onwardKinds(filters)),
				await run(db, reasonByCategory(filters))
			],
			outcomes: [
				await run(db, outcomeCells(filters, '2024-09-30')),
				await run(db, outcomeGroups(filters)),
				await run(db, gpCells(filters))
			],
			journeys: await journeyResults(db, filters),
			compare: await compareResults(db, filters)
		};
	}
	return {
		version: v,
		// The raw-table index differs between runs; everything else must match.
		prepared: prepared.map(({ index: _index, ...rest }) => rest),
		report,
		tables: {
			referrals: await table('SELECT * FROM referrals ORDER BY _file, _row'),
			outcomes: await table('SELECT * FROM outcomes ORDER BY _file, _row, measure, timepoint'),
			pairs: await table('SELECT * FROM outcome_pairs ORDER BY referral_id, measure_key'),
			onward: await table('SELECT * FROM onward_referrals ORDER BY _file, _row'),
			practices: await table('SELECT * FROM practices ORDER BY _file, _row'),
			reasons: await table('SELECT * FROM referral_reasons ORDER BY referral_id, reason'),
			rejects: await table('SELECT * FROM import_rejects ORDER BY file, "row"'),
			issues: await table('SELECT * FROM import_issues ORDER BY file, "row", "column", reason')
		},
		metrics
	};
}

describe('parity: native DuckDB and duckdb-wasm', () => {
	let files: Awaited<ReturnType<typeof scratchDir>>;
	let paths: string[];
	let native: Awaited<ReturnType<typeof everything>>;
	let wasm: Awaited<ReturnType<typeof everything>>;

	beforeAll(async () => {
		files = await scratchDir();
		paths = [
			fixture('messy-referrals.csv'),
			fixture('more-referrals.csv'),
			fixture('reach-referrals.csv'),
			fixture('reach2-referrals.csv'),
			fixture('messy-outcomes.csv'),
			fixture('outcomes-wide.csv'),
			fixture('outcomes-scores.csv'),
			fixture('outcomes-metric.csv'),
			fixture('journeys-referrals.csv'),
			fixture('messy-onward.csv'),
			fixture('reach2-onward.csv'),
			fixture('reach2-practices.csv'),
			// Re-encoded before DuckDB reads it, and a quoted line break (the serial reader).
			await files.write(
				'utf16.csv',
				utf16(
					'Referral ID;Date of referral;Service\r\nB1;01/06/2024;"Café\r\n– Leeds"\r\n',
					'le',
					true
				)
			),
			await files.write(
				'cp1252.csv',
				windows1252('Referral ID,Date of referral,Service\nB2,2024-06-02,O’Brien\n')
			),
			// A row the CSV reader itself rejects.
			await files.write(
				'broken.csv',
				'Referral ID,Date of referral\nB3,03/06/2024\nB4,04/06/2024,"x\n'
			)
		];
		const nodeDb = await createNodeDb();
		try {
			native = await everything(nodeDb, paths);
		} finally {
			await nodeDb.close();
		}
		const wasmDb = await createWasmNodeDb();
		try {
			wasm = await everything(wasmDb, paths);
		} finally {
			wasmDb.close();
		}
	}, 120_000);
	afterAll(() => files.remove());

	it('both engines are DuckDB v1.4.3', () => {
		expect(native.version).toBe('v1.4.3');
		expect(wasm.version).toBe('v1.4.3');
	});

	it('the fixtures exercise the import (so parity is not vacuous)', () => {
		// Read: 7 + 4 + 10 + 12 + 8 + 6 + 10 + 4 + 1 + 1 + 2, and the outcome and journey
		// fixtures 4 + 57 + 6 + 20; rejected: 4 + 2 + 0 + 0 + 4 + 3 + 0 + 0 + 0 + 0 + 1, and 6 of
		// theirs (scores of referrals these files do not load, IDs already taken).
		expect(native.report).toMatchObject({ rows_read: 152, rows_rejected: 20 });
		expect(native.tables.pairs.length).toBeGreaterThan(10);
		// Referrals: 3 messy, 2 more (R6, R7), 10 reach, 12 reach2, B1, B2, B3, and those of the
		// wide outcomes and journeys files whose IDs are not taken.
		expect(native.tables.referrals.length).toBeGreaterThan(30);
		// The new metrics have rows to compare: list sizes, reasons and onward support.
		const all = native.metrics.all as Record<string, unknown[][]>;
		expect(all.rates[0].length).toBe(4);
		expect(all.reasons[1].length).toBeGreaterThan(0);
		expect(all.onward[3].length).toBeGreaterThan(0);
		const compared = native.metrics.all as { compare: Record<string, Record<string, unknown[]>> };
		expect(compared.compare.service.monthly.length).toBeGreaterThan(10);
		expect(compared.compare.practice.outcomeCells.length).toBeGreaterThan(0);
		expect(
			native.tables.rejects.some((r) => String(r.reason).startsWith('could not be read'))
		).toBe(true);
	});

	it('prepared files are identical', () => {
		expect(wasm.prepared).toEqual(native.prepared);
	});

	it('the import report is identical', () => {
		expect(wasm.report).toEqual(native.report);
	});

	it.each([
		'referrals',
		'outcomes',
		'onward',
		'practices',
		'reasons',
		'pairs',
		'rejects',
		'issues'
	] as const)('table %s is identical', (name) => {
		expect(wasm.tables[name]).toEqual(native.tables[name]);
	});

	// Means and SDs of decimals are sums in whatever order the threads add them: equal to 12
	// significant figures, not to the last bit. Counts and dates must match exactly.
	const close = (v: unknown): unknown =>
		typeof v === 'number' && !Number.isInteger(v)
			? Number(v.toPrecision(12))
			: Array.isArray(v)
				? v.map(close)
				: v && typeof v === 'object'
					? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, close(x)]))
					: v;

	it.each(['latest', 'options', ...Object.keys(filterSets)])(
		'metrics (%s) are identical',
		(name) => {
			expect(close(wasm.metrics[name])).toEqual(close(native.metrics[name]));
		}
	);
});
