import { sql, join, raw, type Sql } from '../db/sql.ts';
import { codedType, codedUnknown } from './coded.ts';
import {
	financialQuarterRange,
	financialYearRange,
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
const unknownValue = 'unknown';

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

// Every text dimension is stored integer-coded (metrics/coded.ts): this fails to compile if not.
type TextColumn = Exclude<(typeof filterDimensions)[FilterKey]['column'], 'imd_decile'>;
const typeOf = (column: TextColumn) => raw(codedType(column));

/**
 * The referral columns a view's filters (`referralWhere`) and the outcome figures read: the
 * outcome pairs carry a copy of each (ingest/pairs-sql.ts), so the filters apply to them alone.
 */
export const pairReferralColumns = [
	'referral_date',
	'discharge_date',
	...Object.values(filterDimensions).map((d) => d.column)
];

/** A dimension of the filters other than the period. */
export type FilterKey = keyof typeof filterDimensions;

/** The units a view can be compared or split by: a service, PCN, practice or link worker. */
export type Unit = 'service' | 'pcn' | 'practice' | 'link_worker';

/** A unit's column on referrals (alias `r`). */
export const unitColumn = (unit: Unit) => raw(`r.${filterDimensions[unit].column}`);

/** `unknown` typed as a unit's coded column (metrics/coded.ts). */
export const unitUnknown = (unit: Unit) => codedUnknown(filterDimensions[unit].column);

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
	const parts: Sql[] = [];
	if (numeric) {
		// Whole numbers, written into the SQL: a bound number is a DOUBLE, and comparing the
		// integer column with it casts every row (four times slower at a million referrals).
		const list = known.map(Number).filter(Number.isInteger);
		if (list.length) parts.push(sql`${col} IN (${raw(list.join(', '))})`);
	} else if (known.length === 1) {
		// One value, cast to the column's coded type: comparing the coded column with bound text
		// would turn every row into text first. TRY_CAST: a value the data does not hold is NULL,
		// and matches nothing, as the text did.
		parts.push(sql`${col} = TRY_CAST(${known[0]} AS ${typeOf(column as TextColumn)})`);
	} else if (known.length) parts.push(sql`${col} IN ${known}`);
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

/** The period in words: "2024/25", "01/04/2024 to 30/06/2024", "All dates". */
export function describePeriod(p: Period): string {
	if (p.kind === 'all') return 'All dates';
	if (p.kind === 'custom') {
		// Open at both ends, a custom period is every date (the CLI without --from or --to).
		if (!p.from && !p.to) return 'All dates';
		return `${p.from ? ukDate(p.from) : 'start'} to ${p.to ? ukDate(p.to) : 'end'}`;
	}
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
