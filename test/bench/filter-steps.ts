import type { Db } from '../../src/lib/db/types.ts';
import { filterValueLabel } from '../../src/lib/figures/figure.ts';
import {
	filterDimensions,
	makeFilters,
	noFilters,
	type FilterKey,
	type Filters
} from '../../src/lib/metrics/filters.ts';
import { financialYearsBetween } from '../../src/lib/metrics/periods.ts';
import { filterOptions } from '../../src/lib/metrics/reach.ts';
import { run } from '../../src/lib/metrics/run.ts';
import { filtersToParams } from '../../src/lib/state/url.ts';

/** One change in the filter bar: a period chosen, a value added or its chip removed, or cleared. */
export type Action =
	| { kind: 'period'; value: string }
	| { kind: 'add' | 'remove'; key: FilterKey; value: string }
	| { kind: 'clear' };

/** A change, the filters it leads to, and what to do in the page's filter bar to make it. */
export interface Step {
	label: string;
	filters: Filters;
	search: string;
	repeat: boolean;
	dom: { select: string; value: string } | { button: string };
}

function apply(f: Filters, a: Action): Filters {
	if (a.kind === 'clear') return makeFilters();
	if (a.kind === 'add') return { ...f, [a.key]: [...f[a.key], a.value] };
	if (a.kind === 'remove') return { ...f, [a.key]: f[a.key].filter((v) => v !== a.value) };
	const [kind, label] = a.value.split(/:(.*)/);
	return { ...f, period: kind === 'all' ? { kind: 'all' } : { kind, label } } as Filters;
}

function dom(a: Action): Step['dom'] {
	if (a.kind === 'period') return { select: 'period', value: a.value };
	if (a.kind === 'add') return { select: `filter-${a.key}`, value: a.value };
	if (a.kind === 'clear') return { button: 'Clear filters' };
	const name = filterDimensions[a.key].label;
	return { button: `Remove ${name} ${filterValueLabel(a.key, a.value)}` };
}

const one = async (db: Db, text: string, params: unknown[] = []) =>
	String(Object.values((await db.query(text, params))[0])[0]);
const topIn = (col: string, where = 'true') =>
	`SELECT ${col} FROM referrals WHERE ${col} IS NOT NULL AND ${where}
	 GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1 OFFSET ?`;

/**
 * 20 changes a user might make in turn from the opening view, each to a view not seen before
 * (so the page's result cache cannot answer it), then 3 back to views already seen.
 */
export async function filterSteps(db: Db): Promise<Step[]> {
	const [o] = await run(db, filterOptions());
	const years = financialYearsBetween(String(o.first_referral), String(o.last_referral));
	const [fy, before] = [years.at(-1), years.at(-2) ?? years.at(-1)];
	const pick = (key: 'sex' | 'age_band', wanted: string) =>
		o[key]?.includes(wanted) ? wanted : String(o[key]?.[0]);
	const [p1, p2] = [await one(db, topIn('pcn'), [0]), await one(db, topIn('pcn'), [1])];
	const x = await one(db, topIn('practice', 'pcn = ?'), [p1, 0]);
	const y = await one(db, topIn('practice', 'pcn = ?'), [p2, 0]);
	const [female, older, oldest] = [
		pick('sex', 'female'),
		pick('age_band', '65-74'),
		pick('age_band', '75-84')
	];
	const add = (key: FilterKey, value: string) => ({ kind: 'add', key, value }) as const;
	const remove = (key: FilterKey, value: string) => ({ kind: 'remove', key, value }) as const;
	const period = (value: string) => ({ kind: 'period', value }) as const;
	const actions: Action[] = [
		period(`year:${before}`),
		period(`year:${fy}`),
		period(`quarter:${fy} Q3`),
		period(`quarter:${fy} Q4`),
		add('pcn', p1),
		period(`year:${fy}`),
		add('pcn', p2),
		add('practice', x),
		remove('pcn', p2),
		remove('pcn', p1),
		add('practice', y),
		period('all'),
		add('sex', female),
		remove('practice', x),
		remove('practice', y),
		add('age_band', older),
		add('age_band', oldest),
		period(`year:${fy}`),
		add('imd', '1'),
		remove('sex', female),
		// Back to views seen before: the opening view, then two of the first periods.
		{ kind: 'clear' },
		period(`year:${fy}`),
		period(`quarter:${fy} Q3`)
	];
	const seen = new Set<string>(['']);
	let filters = noFilters;
	const steps = actions.map((a) => {
		filters = apply(filters, a);
		const search = filtersToParams(filters).toString();
		const repeat = seen.has(search);
		seen.add(search);
		const label =
			a.kind === 'clear' ? 'clear' : `${a.kind} ${'key' in a ? a.key + ' ' : ''}${a.value}`;
		return { label, filters, search, repeat, dom: dom(a) };
	});
	if (steps.filter((s) => !s.repeat).length !== 20) throw new Error('not 20 new views');
	return steps;
}
