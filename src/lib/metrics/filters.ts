import { sql, join, raw, type Sql } from '../db/sql.ts';
import {
	financialQuarterRange,
	financialYearRange,
	isIsoDate,
	previousLabel,
	previousRange,
	ukDate,
	type DateRange
} from './periods.ts';

/** The period a view covers: a financial year, a quarter, custom dates, or everything. */
export type Period =
	| { kind: 'all' }
	| { kind: 'year'; label: string }
	| { kind: 'quarter'; label: string }
	| { kind: 'custom'; from?: string; to?: string };

/** The value a filter uses for a missing value (`unknown` in every breakdown). */
export const unknownValue = 'unknown';

/** The dimensions a view can be filtered by: the column on `referrals`, the URL key, a label. */
export const filterDimensions = {
	pcn: { column: 'pcn', param: 'pcn', label: 'PCN', numeric: false },
	practice: { column: 'practice', param: 'practice', label: 'Practice', numeric: false },
	service: { column: 'service', param: 'service', label: 'Service', numeric: false },
	link_worker: { column: 'link_worker', param: 'worker', label: 'Link worker', numeric: false },
	age_band: { column: 'age_band', param: 'age', label: 'Age band', numeric: false },
	sex: { column: 'sex_group', param: 'sex', label: 'Sex', numeric: false },
	ethnicity: { column: 'ethnicity_group', param: 'ethnicity', label: 'Ethnicity', numeric: false },
	imd: { column: 'imd_decile', param: 'imd', label: 'IMD decile', numeric: true }
} as const;

/** A dimension of the filters other than the period. */
export type FilterKey = keyof typeof filterDimensions;

/** The filter keys, in the order the filter bar shows them. */
export const filterKeys = Object.keys(filterDimensions) as FilterKey[];

/** What every figure is filtered by: a period and, per dimension, the values kept (none = all). */
export type Filters = { period: Period } & Record<FilterKey, string[]>;

/** No filter: all the data. */
export const noFilters: Filters = {
	period: { kind: 'all' },
	...(Object.fromEntries(filterKeys.map((k) => [k, [] as string[]])) as Record<FilterKey, string[]>)
};

/** Filters from a partial set (missing dimensions unfiltered). */
export function makeFilters(partial: Partial<Filters> = {}): Filters {
	return { ...noFilters, ...partial };
}

/** The dates a period covers; open ends are undefined. */
export function periodRange(period: Period): Partial<DateRange> {
	if (period.kind === 'year') return financialYearRange(period.label) ?? {};
	if (period.kind === 'quarter') return financialQuarterRange(period.label) ?? {};
	if (period.kind === 'custom') return { from: period.from, to: period.to };
	return {};
}

// One dimension's condition: `unknown` matches a missing value.
function dimensionWhere(key: FilterKey, values: string[]): Sql | undefined {
	if (!values.length) return undefined;
	const { column, numeric } = filterDimensions[key];
	const col = raw(`r.${column}`);
	const known = values.filter((v) => v !== unknownValue);
	const list = numeric ? known.map(Number).filter(Number.isInteger) : known;
	const parts: Sql[] = [];
	if (list.length) parts.push(sql`${col} IN ${list}`);
	if (known.length < values.length) parts.push(sql`${col} IS NULL`);
	if (!parts.length) return sql`false`;
	return parts.length === 1 ? parts[0] : sql`(${join(parts, ' OR ')})`;
}

/** The WHERE condition on referrals (alias `r`) for a set of filters; `true` when none. */
export function referralWhere(filters: Filters): Sql {
	const parts: Sql[] = [];
	const { from, to } = periodRange(filters.period);
	if (from) parts.push(sql`r.referral_date >= CAST(${from} AS DATE)`);
	if (to) parts.push(sql`r.referral_date <= CAST(${to} AS DATE)`);
	for (const key of filterKeys) {
		const part = dimensionWhere(key, filters[key] ?? []);
		if (part) parts.push(part);
	}
	return parts.length ? join(parts, ' AND ') : sql`true`;
}

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

/** The period in words: "2024/25", "01/04/2024 to 30/06/2024", "All dates". */
export function describePeriod(p: Period): string {
	if (p.kind === 'all') return 'All dates';
	if (p.kind === 'custom')
		return `${p.from ? ukDate(p.from) : 'start'} to ${p.to ? ukDate(p.to) : 'end'}`;
	return p.label;
}

/** The filters in words, for a figure's scope line: "2024/25 · PCN: Riverside". */
export function describeFilters(
	filters: Filters,
	labelOf: (key: FilterKey, value: string) => string = (_k, v) => v
): string {
	const parts = [describePeriod(filters.period)];
	for (const key of filterKeys) {
		const values = filters[key] ?? [];
		if (values.length)
			parts.push(
				`${filterDimensions[key].label}: ${values.map((v) => labelOf(key, v)).join(', ')}`
			);
	}
	return parts.join(' · ');
}

/**
 * The previous period of the same length, for headline changes: the year or quarter before,
 * or the same number of days before custom dates (open ends taken from `span`, the data's
 * dates). Undefined for all dates.
 */
export function previousPeriod(period: Period, span: Partial<DateRange>): Period | undefined {
	if (period.kind === 'year' || period.kind === 'quarter') {
		const label = previousLabel(period.label);
		return label ? { kind: period.kind, label } : undefined;
	}
	if (period.kind === 'custom') {
		const from = period.from ?? span.from;
		const to = period.to ?? span.to;
		if (!from || !to || from > to) return undefined;
		return { kind: 'custom', ...previousRange({ from, to }) };
	}
	return undefined;
}

// Parameters of the view the load page returns to, if any (its `next`).
const nextView = (params: URLSearchParams) => {
	const next = params.get('next');
	return next?.startsWith('/') ? new URL(next, 'http://local') : undefined;
};

/** Is publication mode on in a query string? On the load page, the view it returns to decides. */
export function publicationIn(search: string): boolean {
	const params = new URLSearchParams(search);
	if (params.get('publication') === '1') return true;
	return nextView(params)?.searchParams.get('publication') === '1';
}

/** A query string with publication mode set, other parameters kept (and set in `next` too). */
export function withPublication(search: string, on: boolean): string {
	const params = new URLSearchParams(search);
	const flip = (p: URLSearchParams) => (on ? p.set('publication', '1') : p.delete('publication'));
	flip(params);
	const next = nextView(params);
	if (next) {
		flip(next.searchParams);
		params.set('next', next.pathname + next.search);
	}
	const text = params.toString();
	return text ? `?${text}` : '';
}
