import { formatCount as fc, formatShare as fs } from '../util/format.ts';
import {
	type FigureContext,
	type FigureView,
	groupLabel,
	notRecorded,
	publish,
	publishTotal,
	share
} from './figure.ts';
import type { OnwardByRow, OnwardKindsRow, ReasonByCategoryRow } from '../metrics/referrals.ts';

/**
 * Onward support by category or by organisation, referrals and signposts. Every row is in the
 * table, published together (secondary suppression within each count column); the chart shows
 * the `limit` most used organisations.
 */
export function onwardView(
	by: 'category' | 'organisation',
	rows: OnwardByRow[],
	ctx: FigureContext,
	limit = 15
) {
	const all = rows.reduce((a, r) => a + r.total, 0);
	const sum = (k: 'referrals' | 'signposts') => rows.reduce((a, r) => a + r[k], 0);
	const shown = publish(
		rows.map((r) => ({
			...r,
			label:
				by === 'category'
					? groupLabel('onward_category', r.key)
					: r.key === 'unknown'
						? notRecorded
						: r.key,
			attended_share: 0
		})),
		{
			additive: ['total', 'referrals', 'signposts'],
			counts: ['attended', 'not_attended', 'attendance_not_recorded'],
			shares: [{ key: 'attended_share', numerator: 'attended', denominator: 'total' }]
		},
		ctx.publication
	);
	const first = shown[0];
	const what = by === 'category' ? 'category' : 'organisation';
	const view = {
		title: by === 'category' ? 'Onward support by category' : 'Onward support by organisation',
		sentence: first
			? `${first.label} was the most used ${what}: ${fc(first.total)} onward referrals and signposts (${fs(share(rows[0].total, all, ctx.publication))}).`
			: 'No onward referrals or signposts are recorded for these referrals.',
		n: `${fc(publishTotal(all, ctx.publication))} onward referrals and signposts`,
		caveat:
			(by === 'organisation' && rows.length > limit
				? `The chart shows the ${limit} most used of ${rows.length} organisations; the table has all. `
				: '') +
			'Support given for referrals made in the period. Attended counts only where recorded.',
		rows: shown,
		columns: [
			{ key: 'label', label: by === 'category' ? 'Category' : 'Organisation' },
			{ key: 'referrals', label: 'Referrals', kind: 'count' },
			{ key: 'signposts', label: 'Signposts', kind: 'count' },
			{ key: 'total', label: 'Total', kind: 'count' },
			{ key: 'attended', label: 'Attended', kind: 'count' },
			{ key: 'attended_share', label: 'Attended share', kind: 'share' }
		]
	} satisfies FigureView;
	return {
		...view,
		/** The rows the chart draws. */
		chartRows: by === 'organisation' ? shown.slice(0, limit) : shown,
		/** Onward referrals and signposts in all, as published totals. */
		totals: {
			referrals: publishTotal(sum('referrals'), ctx.publication),
			signposts: publishTotal(sum('signposts'), ctx.publication)
		}
	};
}

const attendedLabels: Record<string, string> = {
	attended: 'Attended',
	did_not_attend: 'Did not attend',
	not_recorded: notRecorded
};

/** Onward referrals against signposts, and whether people attended where recorded. */
export function kindView(rows: OnwardKindsRow[], ctx: FigureContext) {
	const shown = publish(
		rows.map((r) => ({
			x: groupLabel('onward_kind', r.kind),
			group: attendedLabels[r.attended] ?? r.attended,
			value: r.count
		})),
		{ additive: ['value'] },
		ctx.publication
	);
	const sum = (f: (r: OnwardKindsRow) => boolean) =>
		rows.filter(f).reduce((a, r) => a + r.count, 0);
	const referrals = sum((r) => r.kind === 'referral');
	const signposts = sum((r) => r.kind === 'signpost');
	const recorded = sum((r) => r.kind === 'referral' && r.attended !== 'not_recorded');
	const attended = sum((r) => r.kind === 'referral' && r.attended === 'attended');
	const p = ctx.publication;
	const attendedShare = fs(share(attended, recorded, p));
	return {
		view: {
			title: 'Referrals and signposts',
			sentence:
				referrals + signposts
					? `${fc(publishTotal(referrals, p))} onward referrals and ${fc(publishTotal(signposts, p))} signposts; where recorded, people attended ${attendedShare} of onward referrals.`
					: 'No onward referrals or signposts are recorded for these referrals.',
			n: `${fc(publishTotal(referrals + signposts, p))} onward referrals and signposts`,
			caveat: 'A signpost gives information; an onward referral passes the person on.',
			rows: shown,
			columns: [
				{ key: 'x', label: 'Kind' },
				{ key: 'group', label: 'Attended' },
				{ key: 'value', label: 'Count', kind: 'count' }
			]
		} satisfies FigureView,
		groups: Object.values(attendedLabels)
	};
}

/** Which support people with each reason received: referrals by reason group and category. */
export function reasonCategoryView(rows: ReasonByCategoryRow[], ctx: FigureContext) {
	const shown = publish(
		rows.map((r) => ({
			row: groupLabel('referral_reason', r.reason),
			column: groupLabel('onward_category', r.category),
			value: r.referrals
		})),
		{ counts: ['value'] },
		ctx.publication
	);
	const top = [...shown].sort((a, b) => (b.value ?? -1) - (a.value ?? -1))[0];
	return {
		title: 'Support received by reason for referral',
		sentence: top
			? `The most common link was ${top.row.toLowerCase()} to ${top.column.toLowerCase()} (${fc(top.value)} referrals).`
			: 'No onward support is recorded for referrals with reasons.',
		n: `${rows.length} reason and category pairs`,
		caveat:
			'Referrals giving the reason that had at least one onward referral or signpost in the category; a referral can count in several cells.',
		rows: shown,
		columns: [
			{ key: 'row', label: 'Reason' },
			{ key: 'column', label: 'Support category' },
			{ key: 'value', label: 'Referrals', kind: 'count' }
		]
	} satisfies FigureView;
}
