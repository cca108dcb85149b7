// The summary's keys are the catalogue figures' published views (issue 10): every breakdown key
// of `sp-impact summary` holds what the figure's table shows for that row, on the sample and on
// the small-numbers fixture, in publication mode and out of it. (test/e2e/catalogue.test.ts checks
// that those tables are what the pages show.)
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asOfDate, cliViews } from '../../src/lib/cli/figures.ts';
import { summaryJson } from '../../src/lib/cli/summary.ts';
import type { FigureView } from '../../src/lib/figures/figure.ts';
import { plain, publication } from '../../src/lib/figures/presenter.ts';
import { noFilters } from '../../src/lib/metrics/filters.ts';
import { round } from '../../src/lib/util/format.ts';
import { importPaths, nativeDb } from '../helpers/import.ts';

const root = join(import.meta.dirname, '..', '..');
const datasets = {
	sample: ['referrals', 'outcomes', 'onward-referrals', 'practices'].map((t) =>
		join(root, 'data-samples', 'canonical', `synthetic-${t}.csv`)
	),
	'small numbers': ['referrals', 'outcomes', 'onward'].map((t) =>
		join(root, 'test', 'fixtures', 'e2e', `small-numbers-${t}.csv`)
	)
};

/** A breakdown of the summary and the figure (and its row key and value column) it comes from. */
const breakdowns: [path: string, figure: string, key: string, value: string][] = [
	['reach.by_source', 'referrals-by-source', 'key', 'referrals'],
	['reach.by_pcn', 'referrals-by-pcn', 'key', 'referrals'],
	['reach.by_practice', 'referrals-by-practice', 'key', 'referrals'],
	['reach.by_service', 'referrals-by-service', 'key', 'referrals'],
	['reach.funnel', 'engagement-funnel', 'step', 'count'],
	['reach.by_month', 'referrals-by-month', 'label', 'referrals'],
	['reach.by_quarter', 'referrals-by-quarter', 'label', 'referrals'],
	['reach.by_age_band', 'people-by-age-band', 'key', 'people'],
	['reach.by_sex', 'people-by-sex', 'key', 'people'],
	['reach.by_ethnicity', 'people-by-ethnicity', 'key', 'people'],
	['reach.by_imd_decile', 'people-by-imd-decile', 'decile', 'people'],
	['reach.referral_rate_per_1000.practices', 'referral-rate-by-practice', 'key', 'rate'],
	['reach.referral_rate_per_1000.pcns', 'referral-rate-by-pcn', 'key', 'rate'],
	['reach.people_referred_per_1000.practices', 'referral-rate-by-practice', 'key', 'people_rate'],
	['reach.people_referred_per_1000.pcns', 'referral-rate-by-pcn', 'key', 'people_rate'],
	['referrals.by_source_label', 'referrals-by-source-label', 'key', 'referrals'],
	['referrals.by_reason', 'referral-reasons', 'key', 'referrals'],
	['referrals.onward.by_category', 'onward-by-category', 'key', 'total'],
	['referrals.onward.by_organisation', 'onward-by-organisation', 'key', 'total'],
	['discharge_reasons', 'discharge-reasons', 'key', 'episodes']
];

const at = (json: unknown, path: string) =>
	path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | null)?.[k], json);

describe.each(Object.entries(datasets))('the summary on the %s', (_name, paths) => {
	let db: Awaited<ReturnType<typeof nativeDb>>;
	let asOf: string;
	let imported: Awaited<ReturnType<typeof importPaths>>;
	beforeAll(async () => {
		db = await nativeDb();
		imported = await importPaths(db, paths);
		asOf = await asOfDate(db);
	}, 60_000);
	afterAll(() => db.close());

	it.each([
		['out of publication mode', false],
		['in publication mode', true]
	])('%s: each breakdown key reads as its figure table’s cell', async (_mode, on) => {
		const { files, report } = imported;
		const json = await summaryJson(db, files, report, noFilters, { publication: on });
		const ids = [...breakdowns.map(([, id]) => id), 'headline'];
		const { views } = await cliViews(db, ids, noFilters, asOf, on ? publication : plain);
		let checked = 0;
		for (const [path, id, key, value] of breakdowns) {
			const printed = at(json, path) as Record<string, number | '*'> | null | undefined;
			const view = views[id] as FigureView | null;
			if (!view) {
				// No figure (no list sizes, say): the summary has no such breakdown either.
				expect(printed ?? null, path).toBeNull();
				continue;
			}
			const kind = view.columns.find((c) => c.key === value)?.kind;
			for (const row of view.rows) {
				const shown = row[value] as number | null;
				const k = String(row[key]);
				// The summary leaves out months and quarters with no referrals; the figure draws them as 0.
				if (!(k in printed!) && shown === 0 && path.match(/by_(month|quarter)$/)) continue;
				const v = printed![k];
				expect(v, `${path}.${k}`).toBeDefined();
				// The same number, or `*` for a hidden one; rates printed to 2 places.
				const want = shown === null ? '*' : kind === 'rate' ? round(shown, 2) : shown;
				expect(v, `${path}.${k}`).toBe(want);
				checked++;
			}
		}
		expect(checked).toBeGreaterThan(20);
		// The headline counts and the Core20 share are the figures' too.
		const head = Object.fromEntries(
			(views.headline?.rows ?? []).map((r) => [r.key, r.value === null ? '*' : r.value])
		);
		expect(head).toEqual({
			referrals: at(json, 'reach.referrals'),
			people: at(json, 'reach.people'),
			people_with_multiple_referrals: at(json, 'reach.people_with_multiple_referrals')
		});
		const core20 = (views['people-by-imd-decile'] as { core20?: number | null } | null)?.core20;
		const share = at(json, 'reach.core20_share');
		expect(share === '*' ? null : share, 'core20_share').toBe(
			core20 == null ? null : round(core20, 4)
		);
	});
});
