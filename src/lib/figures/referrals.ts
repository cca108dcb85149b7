import { formatCount as fc, formatShare as fs } from '../util/format.ts';
import {
	type FigureContext,
	type FigureView,
	groupLabel,
	publish,
	publishTotal,
	share,
	valueLabel
} from './figure.ts';
import { periodLabel } from './reach.ts';
import type { ReferralsByRow } from '../metrics/reach.ts';
import type {
	ReasonPairsRow,
	ReasonsRow,
	SourceLabelsRow,
	SourcesByQuarterRow
} from '../metrics/referrals.ts';
import { publishGroups } from './reach.ts';

/** Referrals by standard source group. */
export function sourceView(rows: ReferralsByRow[], total: number, ctx: FigureContext) {
	const shown = publishGroups(
		rows.map((r) => ({ ...r, label: groupLabel('referral_source', r.key) })),
		total,
		ctx
	);
	const top = shown[0];
	return {
		title: 'Referrals by source',
		sentence: top
			? `${top.label} made ${fs(top.share)} of referrals (${fc(top.referrals)}).`
			: 'No referrals in this period.',
		n: `${fc(publishTotal(total, ctx.publication))} referrals`,
		caveat: 'Sources grouped to a standard list. Choose a source to see the labels as given.',
		rows: shown,
		columns: [
			{ key: 'label', label: 'Source' },
			{ key: 'referrals', label: 'Referrals', kind: 'count' },
			{ key: 'share', label: 'Share', kind: 'share' }
		]
	} satisfies FigureView;
}

/** The source labels as given within one standard group (the drill-down). */
export function sourceLabelView(rows: SourceLabelsRow[], group: string, ctx: FigureContext) {
	const mine = rows.filter((r) => r.group === group);
	const total = mine.reduce((a, r) => a + r.referrals, 0);
	const name = groupLabel('referral_source', group);
	const shown = publish(
		mine.map((r) => ({ ...r, label: valueLabel(r.key) })),
		{ additive: ['referrals'] },
		ctx.publication
	);
	return {
		title: `Source labels: ${name}`,
		sentence: shown.length
			? `${shown.length} label${shown.length === 1 ? '' : 's'} as given make${shown.length === 1 ? 's' : ''} up ${name}; the most used is "${shown[0].label}" (${fc(shown[0].referrals)}).`
			: `No referrals from ${name} in this period.`,
		n: `${fc(publishTotal(total, ctx.publication))} referrals`,
		rows: shown,
		columns: [
			{ key: 'label', label: 'Label as given' },
			{ key: 'referrals', label: 'Referrals', kind: 'count' }
		]
	} satisfies FigureView;
}

/** Referrals by quarter and source group. */
export function sourceTrendView(rows: SourcesByQuarterRow[], ctx: FigureContext) {
	const shown = publish(
		rows.map((r) => ({
			x: periodLabel(r.period, 'quarter'),
			group: groupLabel('referral_source', r.group),
			value: r.referrals
		})),
		{ additive: ['value'] },
		ctx.publication
	);
	const quarters = [...new Set(shown.map((r) => r.x))];
	const total = rows.reduce((a, r) => a + r.referrals, 0);
	const gp = (q: string | undefined) =>
		rows
			.filter((r) => r.group === 'gp' && periodLabel(r.period, 'quarter') === q)
			.reduce((a, r) => a + r.referrals, 0);
	const all = (q: string | undefined) =>
		rows.filter((r) => periodLabel(r.period, 'quarter') === q).reduce((a, r) => a + r.referrals, 0);
	const first = quarters[0];
	const last = quarters[quarters.length - 1];
	const gpShare = (q: string | undefined) => fs(share(gp(q), all(q), ctx.publication));
	return {
		quarters,
		view: {
			title: 'Referral sources by quarter',
			sentence:
				quarters.length > 1
					? `GPs made ${gpShare(first)} of referrals in ${first} and ${gpShare(last)} in ${last}.`
					: quarters.length
						? `GPs made ${gpShare(first)} of referrals in ${first}.`
						: 'No referrals in this period.',
			n: `${fc(publishTotal(total, ctx.publication))} referrals`,
			rows: shown,
			columns: [
				{ key: 'x', label: 'Quarter' },
				{ key: 'group', label: 'Source' },
				{ key: 'value', label: 'Referrals', kind: 'count' }
			]
		} satisfies FigureView
	};
}

/** The share of referrals that mention each reason group (they overlap). */
export function reasonsView(rows: ReasonsRow[], ctx: FigureContext) {
	const total = rows[0]?.total ?? 0;
	const shown = publish(
		rows.map((r) => ({
			...r,
			label: r.key === 'not_recorded' ? 'No reason recorded' : groupLabel('referral_reason', r.key),
			share: 0
		})),
		{
			counts: ['referrals'],
			shares: [{ key: 'share', numerator: 'referrals', denominator: total }]
		},
		ctx.publication
	);
	const top = shown[0];
	return {
		title: 'Reasons for referral',
		sentence:
			top && top.key !== 'not_recorded'
				? `${fs(top.share)} of referrals mention ${top.label.toLowerCase()}.`
				: 'No reasons are recorded for these referrals.',
		n: `${fc(publishTotal(total, ctx.publication))} referrals`,
		caveat: 'A referral can give several reasons, so the shares add up to more than 100%.',
		rows: shown,
		columns: [
			{ key: 'label', label: 'Reason' },
			{ key: 'referrals', label: 'Referrals mentioning it', kind: 'count' },
			{ key: 'share', label: 'Share of referrals', kind: 'share' }
		]
	} satisfies FigureView;
}

/** Which reasons come together: pairs given on the same referral. */
export function pairsView(rows: ReasonPairsRow[], ctx: FigureContext) {
	const shown = publish(
		rows.map((r) => ({
			row: groupLabel('referral_reason', r.a),
			column: groupLabel('referral_reason', r.b),
			value: r.referrals
		})),
		{ counts: ['value'] },
		ctx.publication
	);
	const top = shown[0];
	return {
		title: 'Reasons that come together',
		sentence: top
			? `The most common pair is ${top.row.toLowerCase()} with ${top.column.toLowerCase()} (${fc(top.value)} referrals).`
			: 'No referral gives more than one reason.',
		n: `${rows.length} pairs`,
		caveat:
			'Referrals giving both reasons of a pair; a referral with three reasons counts in three pairs.',
		rows: shown,
		columns: [
			{ key: 'row', label: 'Reason' },
			{ key: 'column', label: 'With' },
			{ key: 'value', label: 'Referrals', kind: 'count' }
		]
	} satisfies FigureView;
}
