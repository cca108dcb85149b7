// Filters and view settings in the URL: the URL is the one source of a view's state, so a link
// or a reload shows the same figures. The SQL the filters make lives in metrics/filters.ts.
import {
	filterDimensions,
	filterKeys,
	makeFilters,
	type Filters,
	type Period
} from '../metrics/filters.ts';
import { financialQuarterRange, financialYearRange, isIsoDate } from '../metrics/periods.ts';
import { splitIn } from '../metrics/journeys.ts';
import { defaultSettings, type ViewSettings } from '../figures/catalogue/settings.ts';
import { compareBys, type CompareBy } from '../metrics/compare.ts';
import { parseRateThresholds } from '../metrics/rates.ts';
import type { Improvement } from '../stats/spc.ts';

const improvements: Improvement[] = ['increase', 'decrease', 'neutral'];

/** Filters as URL search parameters (`fy`, `q`, `from`, `to`, then one key per dimension). */
export function filtersToParams(filters: Filters): URLSearchParams {
	const params = new URLSearchParams();
	const p = filters.period;
	if (p.kind === 'year') params.set('fy', p.label);
	if (p.kind === 'quarter') params.set('q', p.label);
	if (p.kind === 'custom') {
		if (p.from) params.set('from', p.from);
		if (p.to) params.set('to', p.to);
	}
	for (const key of filterKeys) {
		for (const v of filters[key] ?? []) params.append(filterDimensions[key].param, v);
	}
	return params;
}

/** Parameters of the view besides its filters and publication mode (as-of date, page settings). */
export function settingsParams(params: URLSearchParams): URLSearchParams {
	const own = new Set(['fy', 'q', 'from', 'to', 'publication', 'next']);
	for (const key of filterKeys) own.add(filterDimensions[key].param);
	return new URLSearchParams([...params].filter(([k]) => !own.has(k)));
}

/** The as-of date a view asks for (`asof=YYYY-MM-DD`), if valid. */
export function asOfIn(params: URLSearchParams): string | undefined {
	const v = params.get('asof');
	return v && isIsoDate(v) ? v : undefined;
}

/** Filters read back from URL search parameters; anything malformed is ignored. */
export function filtersFromParams(params: URLSearchParams): Filters {
	const fy = params.get('fy');
	const q = params.get('q');
	const from = params.get('from') ?? undefined;
	const to = params.get('to') ?? undefined;
	let period: Period = { kind: 'all' };
	if (fy && financialYearRange(fy)) period = { kind: 'year', label: fy };
	else if (q && financialQuarterRange(q)) period = { kind: 'quarter', label: q };
	else if ((from && isIsoDate(from)) || (to && isIsoDate(to))) {
		period = {
			kind: 'custom',
			from: from && isIsoDate(from) ? from : undefined,
			to: to && isIsoDate(to) ? to : undefined
		};
	}
	const filters = makeFilters({ period });
	for (const key of filterKeys)
		filters[key] = [...new Set(params.getAll(filterDimensions[key].param))];
	return filters;
}

// Parameters of the view the load page returns to, if any (its `next`).
const nextView = (params: URLSearchParams) => {
	const next = params.get('next');
	return next?.startsWith('/') ? new URL(next, 'http://local') : undefined;
};

/**
 * Is publication mode on in a query string? `publication=1` turns it on and `publication=0` off;
 * on the load page, the view it returns to decides; otherwise the page's default (on for the
 * report, off elsewhere).
 */
export function publicationIn(search: string, defaultOn = false): boolean {
	const params = new URLSearchParams(search);
	const own = params.get('publication');
	if (own === '1' || own === '0') return own === '1';
	const next = nextView(params)?.searchParams.get('publication');
	if (next === '1' || next === '0') return next === '1';
	return defaultOn;
}

/**
 * A query string with publication mode set, other parameters kept (and set in `next` too): the
 * page's default is left out of the address, the other state written as `1` or `0`.
 */
export function withPublication(search: string, on: boolean, defaultOn = false): string {
	const params = new URLSearchParams(search);
	const flip = (p: URLSearchParams) =>
		on === defaultOn ? p.delete('publication') : p.set('publication', on ? '1' : '0');
	flip(params);
	const next = nextView(params);
	if (next) {
		flip(next.searchParams);
		params.set('next', next.pathname + next.search);
	}
	const text = params.toString();
	return text ? `?${text}` : '';
}

/** A view's settings from its URL's query string; unreadable values fall back to the default. */
export function settingsFromParams(params: URLSearchParams): ViewSettings {
	const thresholds: Record<string, number> = {};
	const targets: Record<string, number> = {};
	const improvement: Record<string, Improvement> = {};
	const rebase: Record<string, string> = {};
	for (const [k, v] of params) {
		const n = Number(v);
		if (k.startsWith('change_') && n > 0) thresholds[k.slice('change_'.length)] = n;
		if (k.startsWith('target_') && v.trim() !== '' && Number.isFinite(n))
			targets[k.slice('target_'.length)] = n;
		if (k.startsWith('improve_') && improvements.includes(v as Improvement))
			improvement[k.slice('improve_'.length)] = v as Improvement;
		if (k.startsWith('rebase_') && /^\d{4}-(0[1-9]|1[0-2])$/.test(v))
			rebase[k.slice('rebase_'.length)] = v;
	}
	const by = params.get('by');
	return {
		split: splitIn(params.get('split')),
		measure: params.get('measure'),
		thresholds,
		gpMonths: Math.max(1, Math.round(Number(params.get('gp_months') ?? 6)) || 6),
		source: params.get('source'),
		by: compareBys.includes(by as CompareBy) ? (by as CompareBy) : defaultSettings.by,
		overdispersion: params.get('overdispersion') === '1',
		rules: params.get('rules') === 'mdc' ? 'mdc' : 'ptd',
		targets,
		improvement,
		rebase,
		rateThresholds:
			parseRateThresholds(params.get('rate_thresholds') ?? '') ?? defaultSettings.rateThresholds
	};
}
