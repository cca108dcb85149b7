import { histogramRows } from '../charts/histogram.ts';
import type { ShareRow } from '../charts/share-bars.ts';
import { publishCells, publishCount, publishMean } from '../stats/small-numbers.ts';
import { formatCount as fc, formatShare as fs, formatRate } from '../util/format.ts';
import {
	type FigureContext,
	type FigureView,
	groupLabel,
	notRecorded,
	publish,
	publishTotal,
	share,
	valueLabel
} from './figure.ts';
import { chartLimit } from './reach.ts';
import type {
	ContactsDistributionRow,
	ContactsSummaryRow,
	DischargeReasonsRow
} from '../metrics/journeys.ts';
import { groupBy } from '../util/group-by.ts';

/** The contacts per person typically reported (METHODS.md "Reach and activity"). */
const typicalContacts = [6, 12] as const;

/** Contacts from this many up share one column of the histogram. */
const contactsCap = 30;

const [low, high] = typicalContacts;

/** Contacts per closed episode: the distribution, median and mean, against the 6–12 typically reported. */
export function contactsView(
	rows: ContactsDistributionRow[],
	s: ContactsSummaryRow,
	ctx: FigureContext
) {
	const on = ctx.publication;
	const counts = new Map<number, number>();
	for (const r of rows) {
		const k = Math.min(r.contacts, contactsCap);
		counts.set(k, (counts.get(k) ?? 0) + r.episodes);
	}
	const last = Math.max(-1, ...counts.keys());
	const filled = Array.from({ length: last + 1 }, (_, i) => ({
		label: i === contactsCap ? `${contactsCap}+` : String(i),
		episodes: counts.get(i) ?? 0,
		share: 0,
		highlight: i >= low && i <= high
	}));
	const shown = publish(
		filled,
		{
			additive: ['episodes'],
			shares: [{ key: 'share', numerator: 'episodes', denominator: s.episodes }]
		},
		on
	);
	const median = on ? publishMean(s.median, s.episodes) : s.median;
	const mean = on ? publishMean(s.mean, s.episodes) : s.mean;
	const typical = share(s.typical, s.episodes, on);
	const number = (v: number | null) => (v == null ? '*' : formatRate(v).replace(/\.0$/, ''));
	return {
		view: {
			title: 'Contacts per episode',
			sentence: s.episodes
				? `Closed episodes had a median of ${number(median)} contacts (mean ${formatRate(mean)}); ${fs(typical)} had ${low}–${high}, the range typically reported.`
				: 'No closed episodes with contacts recorded in this selection.',
			n: `${fc(publishTotal(s.episodes, on))} closed episodes`,
			caveat:
				`Episodes discharged by the as-of date, with contacts recorded (open episodes are still adding contacts), including those with none. Services typically report ${low}–${high} contacts per person.` +
				(s.not_recorded
					? ` ${fc(publishTotal(s.not_recorded, on))} closed episodes with no contacts recorded are left out.`
					: ''),
			rows: shown,
			columns: [
				{ key: 'label', label: 'Contacts' },
				{ key: 'episodes', label: 'Episodes', kind: 'count' },
				{ key: 'share', label: 'Share', kind: 'share' }
			]
		} satisfies FigureView,
		chart: histogramRows(shown, 'episodes'),
		median,
		mean
	};
}

/** A discharge reason group's label ("not_recorded" as "Not recorded"). */
const reasonLabel = (key: string) =>
	key === 'not_recorded' ? notRecorded : groupLabel('discharge_reason', key);

/** Closed episodes by discharge reason group, most first. */
export function reasonsView(rows: DischargeReasonsRow[], ctx: FigureContext) {
	const byReason = new Map<string, number>();
	for (const r of rows) byReason.set(r.reason, (byReason.get(r.reason) ?? 0) + r.episodes);
	const total = rows.reduce((a, r) => a + r.episodes, 0);
	const sorted = [...byReason].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
	const shown = publish(
		sorted.map(([key, episodes]) => ({ key, label: reasonLabel(key), episodes, share: 0 })),
		{
			additive: ['episodes'],
			shares: [{ key: 'share', numerator: 'episodes', denominator: total }]
		},
		ctx.publication
	);
	const top = shown[0];
	return {
		title: 'Why cases closed',
		sentence: top
			? `${top.label} was the most common reason: ${fs(top.share)} of closed episodes (${fc(top.episodes)}).`
			: 'No episodes were closed in this selection.',
		n: `${fc(publishTotal(total, ctx.publication))} closed episodes`,
		caveat: 'Episodes discharged by the as-of date, by reason grouped to a standard list.',
		rows: shown,
		columns: [
			{ key: 'label', label: 'Reason' },
			{ key: 'episodes', label: 'Episodes', kind: 'count' },
			{ key: 'share', label: 'Share', kind: 'share' }
		]
	} satisfies FigureView;
}

/**
 * Closed episodes by service and discharge reason: each service's reasons as shares of its
 * closed episodes (published within each service, with secondary suppression).
 */
export function reasonsByServiceView(rows: DischargeReasonsRow[], ctx: FigureContext) {
	const on = ctx.publication;
	// Each service's rows and closed episodes, in the rows' order of services.
	const byService = groupBy(rows, (r) => r.service);
	const services = [...byService.keys()];
	const closedBy = new Map(
		[...byService].map(([s, mine]) => [s, mine.reduce((a, r) => a + r.episodes, 0)])
	);
	const out: Record<string, unknown>[] = [];
	const chart: ShareRow[] = [];
	const goals: { service: string; share: number }[] = [];
	for (const service of services) {
		const mine = byService.get(service)!;
		const total = closedBy.get(service)!;
		const cells = on ? publishCells(mine.map((r) => r.episodes)) : mine.map((r) => r.episodes);
		const label = valueLabel(service);
		mine.forEach((r, i) => {
			const hidden = cells[i] === null || (on && publishCount(total) === null);
			const part = hidden ? null : r.episodes / total;
			out.push({ service: label, reason: reasonLabel(r.reason), episodes: cells[i], share: part });
			chart.push({
				y: label,
				group: reasonLabel(r.reason),
				value: part === null ? null : part * 100
			});
			if (r.reason === 'goals_met' && part !== null) goals.push({ service: label, share: part });
		});
	}
	goals.sort((a, b) => a.share - b.share);
	const total = rows.reduce((a, r) => a + r.episodes, 0);
	const [lo, hi] = [goals[0], goals[goals.length - 1]];
	// The chart draws the services with most closed episodes; the table has them all.
	const most = new Set(
		[...services].sort((a, b) => closedBy.get(b)! - closedBy.get(a)!).slice(0, chartLimit)
	);
	const drawn = services.filter((s) => most.has(s)).map(valueLabel);
	const isDrawn = new Set(drawn);
	return {
		view: {
			title: 'Why cases closed, by service',
			sentence:
				goals.length > 1 && fs(lo.share) === fs(hi.share)
					? `Goals met was ${fs(lo.share)} of closed episodes in each service.`
					: goals.length > 1
						? `Goals met ranged from ${fs(lo.share)} of closed episodes (${lo.service}) to ${fs(hi.share)} (${hi.service}).`
						: goals.length === 1
							? `At ${lo.service}, goals met was ${fs(lo.share)} of closed episodes.`
							: services.length
								? 'Reasons for closing, by service.'
								: 'No episodes were closed in this selection.',
			n: `${fc(publishTotal(total, on))} closed episodes`,
			caveat:
				(services.length > chartLimit
					? `The chart shows the ${chartLimit} services with most closed episodes; the table has all ${services.length}. `
					: '') + "Each service's reasons as shares of its own closed episodes.",
			rows: out,
			columns: [
				{ key: 'service', label: 'Service' },
				{ key: 'reason', label: 'Reason' },
				{ key: 'episodes', label: 'Episodes', kind: 'count' },
				{ key: 'share', label: 'Share of the service', kind: 'share' }
			]
		} satisfies FigureView,
		chart: chart.filter((r) => isDrawn.has(r.y)),
		services: drawn
	};
}
