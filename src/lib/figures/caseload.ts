import type { CaseloadPoint } from '../charts/caseload-trend.ts';
import type { WorkerRow } from '../charts/caseload-workers.ts';
import {
	caseloadGuidance,
	type CaseloadAtRow,
	type CaseloadByMonthRow
} from '../metrics/caseload.ts';
import { ukDate } from '../metrics/periods.ts';
import { isSmall, publishCount } from '../stats/small-numbers.ts';
import { formatCount as fc, formatRate } from '../util/format.ts';
import {
	type FigureContext,
	type FigureView,
	publish,
	publishTotal,
	valueLabel
} from './figure.ts';
import { chartLimit } from './reach.ts';

/** The median of numbers (the mean of the middle two for an even count); null for none. */
export function median(values: number[]): number | null {
	if (!values.length) return null;
	const s = [...values].sort((a, b) => a - b);
	const mid = Math.floor(s.length / 2);
	return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const mean = (values: number[]) =>
	values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;

/** A month end's caseload: open cases, link workers holding any, and per worker. */
export interface MonthCaseload extends Record<string, unknown> {
	month_end: string;
	label: string;
	open: number | null;
	workers: number | null;
	median: number | null;
	mean: number | null;
	min: number | null;
	max: number | null;
}

/**
 * Open cases per link worker at each month end: the total, the link workers holding any, and
 * the median, mean, fewest and most per worker. In publication mode counts are published and
 * the median and mean hidden when they rest on 1–7 workers or 1–7 open cases.
 */
export function caseloadTrendView(rows: CaseloadByMonthRow[], ctx: FigureContext) {
	const on = ctx.publication;
	const out: MonthCaseload[] = rows.map(({ month_end, open, per_worker: per }) => {
		const hide = on && (isSmall(per.length) || isSmall(open));
		const count = (v: number | null) => (v === null ? null : on ? publishCount(v) : v);
		return {
			month_end,
			label: ukDate(month_end),
			open: count(open),
			workers: count(per.length),
			median: hide ? null : median(per),
			mean: hide ? null : mean(per),
			min: per.length ? count(Math.min(...per)) : null,
			max: per.length ? count(Math.max(...per)) : null
		};
	});
	const workers = rows[0]?.link_workers ?? 0;
	const last = out.at(-1);
	const medians = out.map((m) => m.median).filter((m): m is number => m !== null);
	const range =
		medians.length > 1
			? ` Over the ${out.length} month ends the median ranged from ${formatRate(Math.min(...medians))} to ${formatRate(Math.max(...medians))}.`
			: '';
	return {
		view: {
			title: 'Open cases per link worker, by month end',
			sentence:
				last && last.median !== null
					? `At ${last.label}, link workers held a median of ${formatRate(last.median)} open cases each (${fc(last.workers)} link workers with open cases; fewest ${fc(last.min)}, most ${fc(last.max)}).${range}`
					: last
						? `At ${last.label}, too few link workers or open cases to show a median.`
						: 'No month ends in this selection.',
			n: `${fc(publishTotal(workers, on))} link workers`,
			caveat:
				'An episode is open at a month end when it was referred by then and not yet discharged (a discharge on the month end closes it). A link worker counts in a month when they hold an open case; open cases with no link worker count in the total only. Every filter but the period applies; the period picks the month ends.',
			rows: out,
			columns: [
				{ key: 'label', label: 'Month end' },
				{ key: 'open', label: 'Open cases', kind: 'count' },
				{ key: 'workers', label: 'Link workers', kind: 'count' },
				{ key: 'median', label: 'Median per worker', kind: 'rate' },
				{ key: 'mean', label: 'Mean per worker', kind: 'rate' },
				{ key: 'min', label: 'Fewest', kind: 'count' },
				{ key: 'max', label: 'Most', kind: 'count' }
			]
		} satisfies FigureView<MonthCaseload>,
		chart: out as CaseloadPoint[]
	};
}

const [low, high] = caseloadGuidance;

/**
 * Per link worker at the as-of date: open cases, and people referred in the year to it against
 * the guidance of 200–250 people a year for a full-time link worker.
 */
export function caseloadWorkersView(rows: CaseloadAtRow[], asOf: string, ctx: FigureContext) {
	const on = ctx.publication;
	const workers = rows.filter((r) => r.link_worker !== 'unknown');
	const shown = publish(
		rows.map((r) => ({
			label: valueLabel(r.link_worker),
			open: r.open,
			people_year: r.people_year
		})),
		{ additive: ['open'], counts: ['people_year'] },
		on
	);
	const hide = on && isSmall(workers.length);
	const midOpen = hide ? null : median(workers.map((r) => r.open));
	const midYear = hide ? null : median(workers.map((r) => r.people_year));
	const reached = workers.filter((r) => r.people_year >= low).length;
	const when = ukDate(asOf);
	// The chart draws the link workers with most people referred in the year; the table has all.
	const drawn = new Set(
		rows
			.map((r, i) => [r.people_year, i])
			.sort((a, b) => b[0] - a[0])
			.slice(0, chartLimit)
			.map(([, i]) => i)
	);
	return {
		view: {
			title: 'Caseload per link worker',
			sentence: workers.length
				? hide
					? `Each link worker's open cases at ${when} and people referred in the year before, against the ${low}–${high} a year guidance; too few link workers to publish a median (fewer than 8).`
					: `At ${when} the median link worker held ${formatRate(midOpen).replace(/\.0$/, '')} open cases and had ${formatRate(midYear).replace(/\.0$/, '')} people referred in the year before; ${fc(publishTotal(reached, on))} of ${fc(publishTotal(workers.length, on))} reached the ${low}–${high} a year guidance for a full-time link worker.`
				: `No link worker has open cases or referrals in the year to ${when}.`,
			n: `${fc(publishTotal(workers.length, on))} link workers`,
			caveat: `${rows.length > chartLimit ? `The chart shows the ${chartLimit} link workers with most people referred in the year; the table has all ${rows.length}. ` : ''}Open cases at the as-of date; people referred in the 12 months to it, each once per link worker. The guidance of around ${low}–${high} people a year is for a full-time link worker: part-time workers, and those who started or left in the year, will be lower.`,
			rows: shown,
			columns: [
				{ key: 'label', label: 'Link worker' },
				{ key: 'open', label: `Open cases at ${when}`, kind: 'count' },
				{ key: 'people_year', label: 'People referred in the year', kind: 'count' }
			]
		} satisfies FigureView,
		chart: (shown.length > chartLimit
			? shown.filter((_, i) => drawn.has(i))
			: shown) as WorkerRow[],
		medianOpen: midOpen
	};
}
