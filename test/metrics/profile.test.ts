import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { rollup, type ProfileRow } from '../../src/lib/figures/who-we-reach.ts';
import { makeFilters, noFilters } from '../../src/lib/metrics/filters.ts';
import { funnel, headline, peopleBy, peopleProfile, totals } from '../../src/lib/metrics/reach.ts';
import { keyed, run } from '../../src/lib/metrics/run.ts';
import { fixture, importPaths, nativeDb } from '../helpers/import.ts';

// The Reach page reads every "who we reach" figure from one profile query and rolls it up; each
// roll-up must equal the query for that attribute alone (people.test.ts checks those by hand).
describe('the people profile rolls up to people by each attribute', () => {
	let db: Awaited<ReturnType<typeof nativeDb>>;
	beforeAll(async () => {
		db = await nativeDb();
		await importPaths(db, [
			fixture('reach2-referrals.csv'),
			'data-samples/canonical/synthetic-referrals.csv'
		]);
	});
	afterAll(() => db.close());

	const selections = {
		all: noFilters,
		'2024/25 Q1': makeFilters({ period: { kind: 'quarter', label: '2024/25 Q1' } }),
		'Riverside PCN, female': makeFilters({ pcn: ['Riverside PCN'], sex: ['female'] })
	};

	it.each(Object.entries(selections))('%s', async (_name, filters) => {
		const profile = await run<ProfileRow>(db, peopleProfile(filters));
		for (const attribute of ['imd', 'ethnicity', 'sex', 'age_band'] as const) {
			const rolled = Object.fromEntries(
				rollup(profile, [attribute]).map((r) => [r[attribute], r.people])
			);
			expect(rolled).toEqual(keyed(await run(db, peopleBy(attribute, filters)), 'people'));
		}
	});
});

describe('the Reach headline carries the funnel', () => {
	it('with the same steps as the funnel query', async () => {
		const db = await nativeDb();
		try {
			await importPaths(db, [
				'data-samples/canonical/synthetic-referrals.csv',
				'data-samples/canonical/synthetic-onward-referrals.csv'
			]);
			for (const filters of [noFilters, makeFilters({ pcn: ['Harbour PCN'] })]) {
				const [head] = await run(db, headline(filters, '2025-03-31', { funnel: true }));
				const [steps] = await run(db, funnel(filters));
				expect(head).toMatchObject(steps);
				expect(head.referred).toBe(head.referrals);
				// The previous period's change needs only these two, from a lighter query.
				const [sums] = await run(db, totals(filters));
				expect(sums).toEqual({ referrals: head.referrals, people: head.people });
			}
		} finally {
			db.close();
		}
	});
});
