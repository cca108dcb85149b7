import { sql, join, type Sql } from '../db/sql.ts';
import {
	financialQuarterRange,
	financialYearRange,
	isIsoDate,
	ukDate,
	type DateRange
} from './periods.ts';

/** The period a view covers: a financial year, a quarter, custom dates, or everything. */
export type Period =
	| { kind: 'all' }
	| { kind: 'year'; label: string }
	| { kind: 'quarter'; label: string }
	| { kind: 'custom'; from?: string; to?: string };

/** What every figure is filtered by. */
export interface Filters {
	period: Period;
	pcn: string[];
	service: string[];
}

/** No filter: all the data. */
export const noFilters: Filters = { period: { kind: 'all' }, pcn: [], service: [] };

/** The dates a period covers; open ends are undefined. */
export function periodRange(period: Period): Partial<DateRange> {
	if (period.kind === 'year') return financialYearRange(period.label) ?? {};
	if (period.kind === 'quarter') return financialQuarterRange(period.label) ?? {};
	if (period.kind === 'custom') return { from: period.from, to: period.to };
	return {};
}

/** The WHERE condition on referrals (alias `r`) for a set of filters; `true` when none. */
export function referralWhere(filters: Filters): Sql {
	const parts: Sql[] = [];
	const { from, to } = periodRange(filters.period);
	if (from) parts.push(sql`r.referral_date >= CAST(${from} AS DATE)`);
	if (to) parts.push(sql`r.referral_date <= CAST(${to} AS DATE)`);
	if (filters.pcn.length) parts.push(sql`r.pcn IN ${filters.pcn}`);
	if (filters.service.length) parts.push(sql`r.service IN ${filters.service}`);
	return parts.length ? join(parts, ' AND ') : sql`true`;
}

/** Filters as URL search parameters (`fy`, `q`, `from`, `to`, `pcn`, `service`). */
export function filtersToParams(filters: Filters): URLSearchParams {
	const params = new URLSearchParams();
	const p = filters.period;
	if (p.kind === 'year') params.set('fy', p.label);
	if (p.kind === 'quarter') params.set('q', p.label);
	if (p.kind === 'custom') {
		if (p.from) params.set('from', p.from);
		if (p.to) params.set('to', p.to);
	}
	for (const v of filters.pcn) params.append('pcn', v);
	for (const v of filters.service) params.append('service', v);
	return params;
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
	return { period, pcn: params.getAll('pcn'), service: params.getAll('service') };
}

/** The filters in words, for a figure's scope line: "2024/25 · PCN: Riverside". */
export function describeFilters(filters: Filters): string {
	const p = filters.period;
	const parts = [
		p.kind === 'all'
			? 'All dates'
			: p.kind === 'custom'
				? `${p.from ? ukDate(p.from) : 'start'} to ${p.to ? ukDate(p.to) : 'end'}`
				: p.label
	];
	if (filters.pcn.length) parts.push(`PCN: ${filters.pcn.join(', ')}`);
	if (filters.service.length) parts.push(`Service: ${filters.service.join(', ')}`);
	return parts.join(' · ');
}
