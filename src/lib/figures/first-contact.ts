import type { SurvivalRow } from '../charts/survival-curve.ts';
import { listingLimit, type ExcludedEpisodesRow } from '../metrics/journeys.ts';
import { ukDate } from '../metrics/periods.ts';
import { eventsBy, shareBy } from '../stats/kaplan-meier.ts';
import { isSmall, publishCells, publishCount } from '../stats/small-numbers.ts';
import { formatCount as fc, formatShare as fs } from '../util/format.ts';
import type { FigureContext, FigureView } from './figure.ts';
import {
	curveRows,
	curvesByGroup,
	formatDays,
	formatInterval,
	type DayRow,
	type JourneyCounts,
	type TimeOptions
} from './time-to-event.ts';

/** A row of the first-contact table: a measure, its value and interval, as read. */
export interface MeasureRow extends Record<string, unknown> {
	label: string;
	value: string;
	interval: string;
}

/** The share contacted within t days (1 − S(t)) and its 95% interval; null when not published. */
export interface ShareBy {
	days: number;
	share: number;
	lower: number;
	upper: number;
}

/**
 * Time from referral to first contact: Kaplan–Meier median and quartiles, the shares contacted
 * within 7 and 14 days, and how many were never contacted. In publication mode nothing rests
 * on 1–7 referrals, and a share rests on at least 8 contacted by then.
 */
export function contactView(
	rows: DayRow[],
	counts: JourneyCounts,
	ctx: FigureContext,
	options: TimeOptions
) {
	const s = curvesByGroup(rows).get('all');
	const on = ctx.publication;
	const n = s?.curve.n ?? 0;
	const hidden = on && (n === 0 || isSmall(n));
	const p = (v: number) => fc(on ? publishCount(v) : v);
	const within = [7, 14].map((days): ShareBy | null => {
		if (!s || n === 0 || hidden) return null;
		if (on && isSmall(eventsBy(s.curve, days))) return null;
		return { days, ...shareBy(s.curve, days) };
	});
	const star = (text: string) => (hidden ? '*' : text);
	const measures: MeasureRow[] = s
		? [
				{
					label: 'Median wait (days)',
					value: star(formatDays(s.median.estimate)),
					interval: star(formatInterval(s.median))
				},
				{
					label: '25% contacted by day',
					value: star(formatDays(s.p25.estimate)),
					interval: star(formatInterval(s.p25))
				},
				{
					label: '75% contacted by day',
					value: star(formatDays(s.p75.estimate)),
					interval: star(formatInterval(s.p75))
				},
				...within.map((w, i) => ({
					label: `Contacted within ${[7, 14][i]} days`,
					value: fs(w?.share),
					interval: w ? `${fs(w.lower)} to ${fs(w.upper)}` : '*'
				}))
			]
		: [];
	const tally: [string, number][] = [
		['Contacted', counts.contacted],
		['Discharged without a contact (never contacted)', counts.never_contacted],
		['Open, not yet contacted', counts.waiting],
		['Left out (listed below)', counts.contact_excluded]
	];
	// The four add up to the referrals: published together (secondary suppression).
	const tallied = on ? publishCells(tally.map(([, v]) => v)) : tally.map(([, v]) => v);
	measures.push(...tally.map(([label], i) => ({ label, value: fc(tallied[i]), interval: '' })));
	const median = s && !hidden ? s.median : null;
	const chart: SurvivalRow[] = s && !hidden ? curveRows('All referrals', s.curve) : [];
	return {
		view: {
			title: 'Time to first contact',
			sentence: contactSentence(n, hidden, median, within, counts, p, on),
			n: `${p(n)} referrals`,
			caveat:
				`Kaplan–Meier estimate with 95% intervals: a referral never contacted is censored at its discharge, or at the as-of date (${ukDate(options.asOf)}) while open, not dropped. ` +
				'Left out: a first contact dated before the referral, contacts recorded with no first contact date, or a discharge before the referral with no contact.',
			rows: measures,
			columns: [
				{ key: 'label', label: 'Measure' },
				{ key: 'value', label: 'Value' },
				{ key: 'interval', label: '95% CI' }
			]
		} satisfies FigureView<MeasureRow>,
		chart,
		median,
		within
	};
}

function contactSentence(
	n: number,
	hidden: boolean,
	median: { estimate: number | null } | null,
	within: (ShareBy | null)[],
	counts: JourneyCounts,
	p: (v: number) => string,
	on: boolean
): string {
	if (n === 0) return 'No referrals to follow in this selection.';
	if (hidden) return 'Too few referrals to publish how long people wait (fewer than 8).';
	const half =
		median?.estimate == null
			? 'Fewer than half of referrals had a first contact, so the median wait is not reached'
			: `Half of referrals had a first contact within ${formatDays(median.estimate)} days`;
	const [w7, w14] = within;
	const shares = w7 && w14 ? `; ${fs(w7.share)} within 7 days and ${fs(w14.share)} within 14` : '';
	const never = counts.never_contacted
		? ` ${p(counts.never_contacted)} ${counts.never_contacted === 1 && !on ? 'was' : 'were'} discharged without ever being contacted.`
		: '';
	return `${half}${shares}.${never}`;
}

/** An episode left out of a time measure (metrics/journeys.ts excludedEpisodes). */
export type ExcludedRow = ExcludedEpisodesRow;

// Why an episode is left out, in words.
function reasonOf(r: ExcludedRow): string {
	const parts: string[] = [];
	if (r.discharge_excluded) parts.push('time to discharge: discharge before the referral');
	if (r.contact_excluded) {
		const why =
			r.first_contact_date !== null && r.first_contact_date < r.referral_date
				? 'first contact before the referral'
				: r.first_contact_date === null && (r.contacts ?? 0) >= 1
					? 'contacts recorded, no first contact date'
					: 'discharge before the referral, never contacted';
		parts.push(`time to first contact: ${why}`);
	}
	return parts.join('; ');
}

/** The episodes left out of the time measures, listed (not in publication mode: a list of episodes is not for publication). */
export function excludedView(rows: ExcludedRow[], counts: JourneyCounts, ctx: FigureContext) {
	const on = ctx.publication;
	const p = (v: number) => fc(on ? publishCount(v) : v);
	const d = counts.discharge_excluded;
	const c = counts.contact_excluded;
	const more = rows.length >= listingLimit ? ` The first ${listingLimit} are listed.` : '';
	return {
		title: 'Episodes left out of the time measures',
		sentence:
			d || c
				? `${p(d)} left out of time to discharge and ${p(c)} of time to first contact, because their dates are out of order or missing.${on ? ' The list is not shown in publication mode.' : more}`
				: 'No episode is left out of the time measures.',
		n: `${p(rows[0]?.total ?? 0)} episodes`,
		caveat:
			'Correct the dates in the case-management system and export again to bring them back in. The import report lists the same dates as issues.',
		rows: on
			? []
			: rows.map((r) => ({
					referral_id: r.referral_id,
					referral_date: ukDate(r.referral_date),
					first_contact_date: r.first_contact_date ? ukDate(r.first_contact_date) : '',
					discharge_date: r.discharge_date ? ukDate(r.discharge_date) : '',
					contacts: r.contacts ?? '',
					reason: reasonOf(r)
				})),
		columns: [
			{ key: 'referral_id', label: 'Referral ID' },
			{ key: 'referral_date', label: 'Referred' },
			{ key: 'first_contact_date', label: 'First contact' },
			{ key: 'discharge_date', label: 'Discharged' },
			{ key: 'contacts', label: 'Contacts' },
			{ key: 'reason', label: 'Left out of' }
		]
	} satisfies FigureView;
}
