import { vocabularies, type VocabularyKey } from '../contract/vocabularies.ts';
import {
	publishCount,
	publishRows,
	publishShare,
	type PublishSpec
} from '../stats/small-numbers.ts';
import { formatCount, formatRate, formatShare } from '../util/format.ts';

/** How a blank value (the key `unknown`) reads in every figure, table and download. */
export const notRecorded = 'Not recorded';

/** A value as given, or "Not recorded" for `unknown`. */
export const valueLabel = (key: string): string => (key === 'unknown' ? notRecorded : key);

/** How a column's values read: text, a count, a share (0–1) or a rate. */
export type ColumnKind = 'text' | 'count' | 'share' | 'rate';

/** A column of a figure's table view and CSV. */
export interface TableColumn {
	key: string;
	label: string;
	kind?: ColumnKind;
}

/** Everything a figure card shows besides the chart: the numbers, in words and as a table. */
export interface FigureView<R = Record<string, unknown>> {
	title: string;
	/** One plain-English reading of the data. */
	sentence: string;
	/** What the figure counts: "2,384 referrals". */
	n: string;
	caveat?: string;
	rows: R[];
	columns: TableColumn[];
	/** The table can be sorted by any column (a side-by-side table; never a ranking). */
	sortable?: boolean;
}

/** What every figure builder needs besides its rows. */
export interface FigureContext {
	/** Publication mode: apply the small-number rules (METHODS.md). */
	publication: boolean;
}

/**
 * Rows as a figure shows them: shares worked out from the true counts; in publication mode
 * counts suppressed and rounded, and shares and means on small numbers suppressed.
 */
export function publish<T extends Record<string, unknown>>(
	rows: T[],
	spec: PublishSpec,
	on: boolean
): T[] {
	if (on) return publishRows(rows, spec);
	return rows.map((row) => {
		const out: Record<string, unknown> = { ...row };
		for (const { key, numerator, denominator } of spec.shares ?? []) {
			const d = typeof denominator === 'number' ? denominator : Number(row[denominator]);
			out[key] = d > 0 ? Number(row[numerator]) / d : null;
		}
		return out as T;
	});
}

/** A total as published: secondary suppression does not apply to it, primary does. */
export function publishTotal(n: number, on: boolean): number | null {
	return on ? publishCount(n) : n;
}

/** A share of a total as published (the total's share rules). */
export function share(part: number, whole: number, on: boolean): number | null {
	if (on) return publishShare(part, whole);
	return whole > 0 ? part / whole : null;
}

/** A cell of the table view. */
export function cellText(value: unknown, kind: ColumnKind = 'text'): string {
	if (kind === 'count') return formatCount(value as number | null);
	if (kind === 'share') return formatShare(value as number | null);
	if (kind === 'rate') return formatRate(value as number | null);
	return value == null ? '' : String(value);
}

/** A figure's table as the page shows it: the column labels and each cell's text. */
export function tableText(view: FigureView): { columns: string[]; rows: string[][] } {
	return {
		columns: view.columns.map((c) => c.label),
		rows: view.rows.map((r) => view.columns.map((c) => cellText(r[c.key], c.kind)))
	};
}

/** A cell of the CSV download: plain numbers (shares as percentages to one place), `*` when suppressed. */
export function csvValue(value: unknown, kind: ColumnKind = 'text'): unknown {
	if (kind === 'text') return value;
	if (value == null) return '*';
	if (kind === 'share') return Math.round((value as number) * 1000) / 10;
	if (kind === 'rate') return Math.round((value as number) * 10) / 10;
	return value;
}

/** The figure's numbers in words, for screen readers: "GP: 1,394 referrals; Self-referral: 176 ...". */
export function describeRows(view: FigureView, limit = 25): string {
	const [first, ...rest] = view.columns;
	const parts = view.rows.slice(0, limit).map((row) => {
		const values = rest.map((c) => `${cellText(row[c.key], c.kind)} ${c.label.toLowerCase()}`);
		return `${cellText(row[first.key], first.kind)}: ${values.join(', ')}`;
	});
	const more =
		view.rows.length > limit ? `; and ${view.rows.length - limit} more in the table` : '';
	return `${parts.join('; ')}${more}.`;
}

/** The label of a standard group key ("gp" → "GP"); `unknown` and unlisted keys as given. */
export function groupLabel(vocabulary: VocabularyKey, key: string): string {
	if (key === 'unknown') return notRecorded;
	return vocabularies[vocabulary].groups.find((g) => g.key === key)?.label ?? key;
}

/** Every group label of a vocabulary (and "Not recorded"), so colours stay put under filters. */
export function allGroupLabels(vocabulary: VocabularyKey): string[] {
	return [...vocabularies[vocabulary].groups.map((g) => g.label), notRecorded];
}

/** How a filter value reads: group keys as labels, `unknown` as "Not recorded". */
export function filterValueLabel(key: string, value: string): string {
	if (value === 'unknown') return notRecorded;
	if (key === 'sex') return groupLabel('sex', value);
	if (key === 'ethnicity') return groupLabel('ethnicity', value);
	if (key === 'imd' && value === '1') return '1 (most deprived)';
	if (key === 'imd' && value === '10') return '10 (least deprived)';
	return value;
}
