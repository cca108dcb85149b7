import { ageBands } from '../contract/tables.ts';
import { financialQuarter } from '../metrics/periods.ts';
import { formatCount as fc, formatShare as fs } from '../stats/small-numbers.ts';
import {
	formatRate,
	groupLabel,
	publish,
	publishTotal,
	share,
	type FigureContext,
	type FigureView
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

type PeriodRow = { period: string; referrals: number; people: number };

/** Referrals and people per month or quarter. */
export function periodView(rows: PeriodRow[], unit: 'month' | 'quarter', ctx: FigureContext) {
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

type GroupRow = { key: string; referrals: number; people: number };

const dimensionNames = {
	pcn: ['PCN', 'PCNs'],
	practice: ['Practice', 'practices'],
	service: ['Service', 'services'],
	link_worker: ['Link worker', 'link workers']
} as const;

/** Referrals and people by PCN, practice, service or link worker, most referrals first. */
export function groupView(
	dimension: keyof typeof dimensionNames,
	rows: GroupRow[],
	total: number,
	ctx: FigureContext
) {
	const [name, plural] = dimensionNames[dimension];
	const shown = publish(
		rows.map((r) => ({ ...r, label: r.key === 'unknown' ? 'Not recorded' : r.key, share: 0 })),
		{
			additive: ['referrals'],
			counts: ['people'],
			shares: [{ key: 'share', numerator: 'referrals', denominator: total }]
		},
		ctx.publication
	);
	const top = shown[0];
	return {
		title: `Referrals by ${name === 'PCN' ? 'PCN' : name.toLowerCase()}`,
		sentence: top
			? `${top.label} had the most referrals: ${fc(top.referrals)} (${fs(top.share)}), of ${rows.length} ${plural}.`
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

type RateRow = { key: string; list_size: number; referrals: number; rate: number };

/** Referrals per 1,000 registered patients a year, against the IIF thresholds. */
export function rateView(
	level: 'practice' | 'pcn',
	rows: RateRow[],
	unmatched: number,
	ctx: FigureContext
) {
	const shown = publish(
		rows.map((r) => ({ ...r, label: r.key })),
		{ counts: ['referrals'] },
		ctx.publication
	).map((r) => ({ ...r, rate: r.referrals === null ? null : r.rate }));
	const over = rows.filter((r) => r.rate >= 12).length;
	const plural = level === 'practice' ? 'practices' : 'PCNs';
	const top = shown.find((r) => r.rate !== null);
	return {
		title: `Referral rate by ${level === 'practice' ? 'practice' : 'PCN'}`,
		sentence: rows.length
			? `${over} of ${rows.length} ${plural} reached the IIF lower threshold of 12 referrals per 1,000 patients a year${top ? `; ${top.label} had the highest rate, ${formatRate(top.rate)}` : ''}.`
			: 'No practices with list sizes match these filters.',
		n: `${rows.length} ${plural} with list sizes`,
		caveat:
			(rows.length > chartLimit
				? `The chart shows the ${chartLimit} highest; the table has all ${rows.length}. `
				: '') +
			'Per 1,000 registered patients a year, from the practices file. Filters on age, sex, ethnicity or IMD lower the referrals but not the list sizes.' +
			(unmatched
				? ` ${fc(publishTotal(unmatched, ctx.publication))} referrals with no practice, or one not in the practices file, are left out.`
				: ''),
		rows: shown,
		columns: [
			{ key: 'label', label: level === 'practice' ? 'Practice' : 'PCN' },
			{ key: 'rate', label: 'Per 1,000 a year', kind: 'rate' },
			{ key: 'referrals', label: 'Referrals', kind: 'count' },
			{ key: 'list_size', label: 'List size', kind: 'count' }
		]
	} satisfies FigureView;
}

type KeyPeople = { key: string; people: number };

/** People by IMD decile, with the Core20 share (deciles 1–2) against the 20% of an even spread. */
export function imdView(rows: KeyPeople[], ctx: FigureContext) {
	const order = (k: string) => (k === 'unknown' ? 99 : Number(k));
	const sorted = [...rows].sort((a, b) => order(a.key) - order(b.key));
	const known = sorted.filter((r) => r.key !== 'unknown').reduce((a, r) => a + r.people, 0);
	const core20 = sorted
		.filter((r) => r.key === '1' || r.key === '2')
		.reduce((a, r) => a + r.people, 0);
	const total = sorted.reduce((a, r) => a + r.people, 0);
	const shown = publish(
		sorted.map((r) => ({
			decile: r.key,
			label:
				r.key === 'unknown'
					? 'Not recorded'
					: r.key === '1'
						? '1 (most deprived)'
						: r.key === '10'
							? '10 (least deprived)'
							: r.key,
			people: r.people,
			share: 0
		})),
		{ additive: ['people'], shares: [{ key: 'share', numerator: 'people', denominator: known }] },
		ctx.publication
	).map((r) => ({ ...r, share: r.decile === 'unknown' ? null : r.share }));
	const core = share(core20, known, ctx.publication);
	return {
		core20: core,
		view: {
			title: 'People by IMD decile',
			sentence: known
				? `${fs(core)} of people referred with a recorded decile live in the most deprived fifth of areas (Core20, deciles 1–2), against 20% for an even spread.`
				: 'No IMD deciles are recorded for these referrals.',
			n: `${fc(publishTotal(total, ctx.publication))} people (${fc(publishTotal(known, ctx.publication))} with a decile)`,
			caveat:
				'Each person once, by the decile on their latest referral in the period that records one. Decile 1 is the most deprived tenth of areas in England.',
			rows: shown,
			columns: [
				{ key: 'label', label: 'IMD decile' },
				{ key: 'people', label: 'People', kind: 'count' },
				{ key: 'share', label: 'Share of known', kind: 'share' }
			]
		} satisfies FigureView
	};
}

/** People by ethnicity group. */
export function ethnicityView(rows: KeyPeople[], ctx: FigureContext) {
	const known = rows
		.filter((r) => r.key !== 'unknown' && r.key !== 'not_stated')
		.reduce((a, r) => a + r.people, 0);
	const total = rows.reduce((a, r) => a + r.people, 0);
	const sorted = [...rows].sort((a, b) => b.people - a.people);
	const shown = publish(
		sorted.map((r) => ({ ...r, label: groupLabel('ethnicity', r.key), share: 0 })),
		{ additive: ['people'], shares: [{ key: 'share', numerator: 'people', denominator: total }] },
		ctx.publication
	);
	const top = shown[0];
	return {
		title: 'People by ethnicity',
		sentence: top
			? `${top.label}: ${fs(top.share)} of people referred; ${fc(publishTotal(total - known, ctx.publication))} not stated or not recorded.`
			: 'No referrals in this period.',
		n: `${fc(publishTotal(total, ctx.publication))} people`,
		caveat:
			'Each person once, by the ethnicity on their latest referral in the period that records one; grouped from NHS ethnic category codes.',
		rows: shown,
		columns: [
			{ key: 'label', label: 'Ethnicity' },
			{ key: 'people', label: 'People', kind: 'count' },
			{ key: 'share', label: 'Share', kind: 'share' }
		]
	} satisfies FigureView;
}

type AgeSexRow = { age_band: string; sex: string; people: number };

/** People by age band and sex, for the pyramid. */
export function pyramidView(rows: AgeSexRow[], ctx: FigureContext) {
	const order = (a: string) =>
		(ageBands as readonly string[]).indexOf(a) + (a === 'unknown' ? 100 : 0);
	const sorted = [...rows].sort(
		(a, b) => order(a.age_band) - order(b.age_band) || a.sex.localeCompare(b.sex)
	);
	const shown = publish(
		sorted.map((r) => ({
			...r,
			label: r.age_band === 'unknown' ? 'Not recorded' : r.age_band,
			sex_label: groupLabel('sex', r.sex)
		})),
		{ additive: ['people'] },
		ctx.publication
	);
	const total = rows.reduce((a, r) => a + r.people, 0);
	const sum = (f: (r: AgeSexRow) => boolean) => rows.filter(f).reduce((a, r) => a + r.people, 0);
	const female = sum((r) => r.sex === 'female');
	const drawn = sum((r) => (r.sex === 'female' || r.sex === 'male') && r.age_band !== 'unknown');
	const bands = new Map<string, number>();
	for (const r of rows)
		if (r.age_band !== 'unknown') bands.set(r.age_band, (bands.get(r.age_band) ?? 0) + r.people);
	const [topBand] = [...bands].sort((a, b) => b[1] - a[1]);
	return {
		title: 'People by age and sex',
		sentence: total
			? `${fs(share(female, total, ctx.publication))} of people referred were female${topBand ? `; the largest age band was ${topBand[0]}` : ''}.`
			: 'No referrals in this period.',
		n: `${fc(publishTotal(total, ctx.publication))} people`,
		caveat: `The chart shows female and male people with a recorded age band (${fc(publishTotal(drawn, ctx.publication))}); the table has everyone. Each person once, by their latest recorded values.`,
		rows: shown,
		columns: [
			{ key: 'label', label: 'Age band' },
			{ key: 'sex_label', label: 'Sex' },
			{ key: 'people', label: 'People', kind: 'count' }
		]
	} satisfies FigureView;
}

type FunnelCounts = { referred: number; contacted: number; supported: number; goals_met: number };

/** The engagement funnel: counts and the share of referrals kept at each step. */
export function funnelView(row: FunnelCounts, ctx: FigureContext) {
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
