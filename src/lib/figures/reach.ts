import { financialQuarter } from '../metrics/periods.ts';
import { iifThresholds, type ReferralRateRow } from '../metrics/rates.ts';
import type { FunnelRow, ReferralsByPeriodRow, ReferralsByRow } from '../metrics/reach.ts';
import { publishCells, publishRate } from '../stats/small-numbers.ts';
import { formatCount as fc, formatRate, formatShare as fs } from '../util/format.ts';
import {
	type FigureContext,
	type FigureView,
	publish,
	publishTotal,
	valueLabel
} from './figure.ts';

const monthName = (period: string) =>
	new Date(`${period.slice(0, 7)}-01T00:00:00Z`).toLocaleDateString('en-GB', {
		month: 'long',
		year: 'numeric',
		timeZone: 'UTC'
	});

/** A period's label: `2024-04` for a month, `2024/25 Q1` for a quarter. */
export function periodLabel(period: string, unit: 'month' | 'quarter'): string {
	return unit === 'month' ? period.slice(0, 7) : financialQuarter(period);
}

// Every month or quarter from the first to the last, so an empty one shows as 0, not a gap.
function fillPeriods<R extends { period: string }>(
	rows: R[],
	unit: 'month' | 'quarter',
	empty: Omit<R, 'period'>
): R[] {
	if (!rows.length) return rows;
	const byPeriod = new Map(rows.map((r) => [r.period, r]));
	const out: R[] = [];
	const step = unit === 'month' ? 1 : 3;
	const last = rows[rows.length - 1].period;
	for (let d = new Date(`${rows[0].period}T00:00:00Z`); ; d.setUTCMonth(d.getUTCMonth() + step)) {
		const period = d.toISOString().slice(0, 10);
		out.push(byPeriod.get(period) ?? ({ ...empty, period } as R));
		if (period >= last) break;
	}
	return out;
}

/** Referrals and people per month or quarter. */
export function periodView(
	rows: ReferralsByPeriodRow[],
	unit: 'month' | 'quarter',
	ctx: FigureContext
) {
	const filled = fillPeriods(rows, unit, { referrals: 0, people: 0 });
	const shown = publish(
		filled.map((r) => ({ ...r, label: periodLabel(r.period, unit) })),
		{ additive: ['referrals'], counts: ['people'] },
		ctx.publication
	);
	const total = rows.reduce((a, r) => a + r.referrals, 0);
	const top = shown.reduce<(typeof shown)[number] | undefined>(
		(a, b) => (a === undefined || (b.referrals ?? -1) > (a.referrals ?? -1) ? b : a),
		undefined
	);
	const when = top && (unit === 'month' ? monthName(top.period) : top.label);
	const sentence = top
		? `Referrals peaked at ${fc(top.referrals)} in ${when}, over ${shown.length} ${unit}s.`
		: 'No referrals in this period.';
	return {
		title: unit === 'month' ? 'Referrals and people per month' : 'Referrals and people per quarter',
		sentence,
		n: `${fc(publishTotal(total, ctx.publication))} referrals`,
		caveat: 'A person referred in two periods counts once in each.',
		rows: shown,
		columns: [
			{ key: 'label', label: unit === 'month' ? 'Month' : 'Quarter' },
			{ key: 'referrals', label: 'Referrals', kind: 'count' },
			{ key: 'people', label: 'People', kind: 'count' }
		]
	} satisfies FigureView;
}

/** The most bars a breakdown chart draws; the table view has every row. */
export const chartLimit = 20;

const dimensionNames = {
	pcn: ['PCN', 'PCNs'],
	practice: ['Practice', 'practices'],
	service: ['Service', 'services'],
	link_worker: ['Link worker', 'link workers'],
	source_label: ['Source label', 'source labels']
} as const;

/**
 * Groups of referrals as published: the referrals add up to `total` (secondary suppression
 * among them), people are published one by one, and `share` is each group's share of `total`.
 */
export function publishGroups<R extends { referrals: number; people: number; label: string }>(
	rows: R[],
	total: number,
	ctx: FigureContext
) {
	return publish(
		rows.map((r) => ({ ...r, share: 0 })),
		{
			additive: ['referrals'],
			counts: ['people'],
			shares: [{ key: 'share', numerator: 'referrals', denominator: total }]
		},
		ctx.publication
	);
}

/** Referrals and people by PCN, practice, service or link worker, most referrals first. */
export function groupView(
	dimension: keyof typeof dimensionNames,
	rows: ReferralsByRow[],
	total: number,
	ctx: FigureContext
) {
	const [name, plural] = dimensionNames[dimension];
	const shown = publishGroups(
		rows.map((r) => ({ ...r, label: valueLabel(r.key) })),
		total,
		ctx
	);
	const top = shown[0];
	return {
		title: `Referrals by ${name === 'PCN' ? 'PCN' : name.toLowerCase()}`,
		sentence: top
			? `${top.label} had the most referrals: ${fc(top.referrals)} (${fs(top.share)})${rows.length > 1 ? `, of ${rows.length} ${plural}` : ''}.`
			: 'No referrals in this period.',
		n: `${fc(publishTotal(total, ctx.publication))} referrals`,
		caveat:
			(rows.length > chartLimit
				? `The chart shows the ${chartLimit} with most referrals; the table has all ${rows.length}. `
				: '') + 'A person referred in two groups counts once in each.',
		rows: shown,
		columns: [
			{ key: 'label', label: name },
			{ key: 'referrals', label: 'Referrals', kind: 'count' },
			{ key: 'share', label: 'Share', kind: 'share' },
			{ key: 'people', label: 'People', kind: 'count' }
		]
	} satisfies FigureView;
}

/** The reference lines of the people-referred rates, in words, as every figure states them. */
export function thresholdsNote(thresholds: number[]): string {
	const list = thresholds.map(String);
	const text = list.length > 1 ? `${list.slice(0, -1).join(', ')} and ${list.at(-1)}` : list[0];
	return `Reference lines at ${text} people per 1,000 a year: the former IIF PC-01 thresholds (a setting; PC-01 counted registered patients referred in the financial year, and has not paid since 2023/24).`;
}

/**
 * People referred per 1,000 registered patients a year (the main figure, as IIF PC-01 counted
 * them), with referrals per 1,000 beside it, against reference lines. In publication mode each
 * count follows the small-number rules and each rate is worked out from its published count;
 * both are hidden when the same practice's or PCN's count is hidden in the referrals breakdown
 * (`groups`, published with secondary suppression): its list size would give that count back.
 */
export function rateView(
	level: 'practice' | 'pcn',
	rows: ReferralRateRow[],
	unmatched: number,
	ctx: FigureContext & { thresholds?: number[] },
	groups: { key: string; referrals: number }[] = []
) {
	const thresholds = ctx.thresholds ?? iifThresholds;
	const published = publishCells(groups.map((g) => g.referrals));
	const hidden = new Set(groups.filter((_, i) => published[i] === null).map((g) => g.key));
	const shown = publish(
		rows.map((r) => ({ ...r, label: r.key })),
		{ counts: ['referrals', 'people'] },
		ctx.publication
	).map((r, i) => {
		if (!ctx.publication) return r;
		if (hidden.has(r.key))
			return { ...r, referrals: null, people: null, rate: null, people_rate: null };
		const rate = (value: number, count: number, shownCount: number | null) =>
			shownCount === null ? null : publishRate(value, count);
		return {
			...r,
			rate: rate(rows[i].rate, rows[i].referrals, r.referrals),
			people_rate: rate(rows[i].people_rate, rows[i].people, r.people)
		};
	});
	const [lower] = thresholds;
	const over = rows.filter((r) => r.people_rate >= lower).length;
	const plural = level === 'practice' ? 'practices' : 'PCNs';
	const top = shown.find((r) => r.people_rate !== null);
	return {
		title: `People referred per 1,000 patients by ${level === 'practice' ? 'practice' : 'PCN'}`,
		sentence: rows.length
			? `${over} of ${rows.length} ${plural} referred at least ${lower} people per 1,000 registered patients a year${top ? `; ${top.label} had the highest rate, ${formatRate(top.people_rate)}` : ''}.`
			: 'No practices with list sizes match these filters.',
		n: `${rows.length} ${rows.length === 1 ? plural.replace(/s$/, '') : plural} with list sizes`,
		caveat:
			(rows.length > chartLimit
				? `The chart shows the ${chartLimit} highest; the table has all ${rows.length}. `
				: '') +
			'Distinct people referred per 1,000 registered patients a year (a person referred twice counts once), from the practices file; referrals per 1,000 are in the table. ' +
			thresholdsNote(thresholds) +
			' Filters on age, sex, ethnicity or IMD lower the people but not the list sizes.' +
			(unmatched
				? ` ${fc(publishTotal(unmatched, ctx.publication))} referrals with no practice, or one not in the practices file, are left out.`
				: ''),
		rows: shown,
		columns: [
			{ key: 'label', label: level === 'practice' ? 'Practice' : 'PCN' },
			{ key: 'people_rate', label: 'People per 1,000 a year', kind: 'rate' },
			{ key: 'people', label: 'People referred', kind: 'count' },
			{ key: 'rate', label: 'Referrals per 1,000 a year', kind: 'rate' },
			{ key: 'referrals', label: 'Referrals', kind: 'count' },
			{ key: 'list_size', label: 'List size', kind: 'count' }
		]
	} satisfies FigureView;
}

/** The engagement funnel: counts and the share of referrals kept at each step. */
export function funnelView(row: FunnelRow, ctx: FigureContext) {
	const steps = [
		['referred', 'Referred'],
		['contacted', 'Contacted'],
		['supported', 'Supported'],
		['goals_met', 'Discharged with goals met']
	] as const;
	const shown = publish(
		steps.map(([step, label]) => ({ step, label, count: row[step], share: 0 })),
		{
			counts: ['count'],
			shares: [{ key: 'share', numerator: 'count', denominator: row.referred }]
		},
		ctx.publication
	);
	const [, c, s, g] = shown;
	return {
		title: 'From referral to support',
		sentence: row.referred
			? `Of ${fc(shown[0].count)} referrals, ${fs(c.share)} were contacted, ${fs(s.share)} received support and ${fs(g.share)} were discharged with goals met.`
			: 'No referrals in this period.',
		n: `${fc(shown[0].count)} referrals`,
		caveat:
			'Contacted: a first contact date or any contacts. Supported: an onward referral or signpost, or discharged with goals met or referred on. Open cases may still move on. A UCL study found 90% of referred people reached a link worker but 38% received an intervention (Bu et al., BJPsych 2024).',
		rows: shown,
		columns: [
			{ key: 'label', label: 'Step' },
			{ key: 'count', label: 'Referrals', kind: 'count' },
			{ key: 'share', label: 'Share of referred', kind: 'share' }
		]
	} satisfies FigureView;
}
