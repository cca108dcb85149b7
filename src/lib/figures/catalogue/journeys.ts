// Journeys: time to first contact and to discharge, contacts, why cases close, re-referrals and
// caseload, the Journeys page's figures.
import { caseloadTrendChart } from '../../charts/caseload-trend.ts';
import { caseloadWorkersChart } from '../../charts/caseload-workers.ts';
import { histogramChart } from '../../charts/histogram.ts';
import { referralsByGroupChart } from '../../charts/referrals-by-group.ts';
import { shareBarsChart } from '../../charts/share-bars.ts';
import { survivalCurveChart } from '../../charts/survival-curve.ts';
import { caseloadAt, caseloadByMonth, caseloadGuidance } from '../../metrics/caseload.ts';
import {
	contactsDistribution,
	contactsSummary,
	dischargeDaysByGroup,
	dischargeReasons,
	excludedEpisodes,
	journeyCounts,
	timeToDischarge,
	timeToFirstContact
} from '../../metrics/journeys.ts';
import { gapBands, reReferralGaps, repeatPeople } from '../../metrics/re-referrals.ts';
import { kaplanMeier } from '../../stats/kaplan-meier.ts';
import { caseloadTrendView, caseloadWorkersView } from '../caseload.ts';
import { contactsView, reasonsByServiceView, reasonsView } from '../episodes.ts';
import { allGroupLabels, notRecorded } from '../figure.ts';
import { contactView, excludedView } from '../first-contact.ts';
import { dischargeView, type DischargeTimes } from '../journeys.ts';
import { plain, publication as published, type Presenter } from '../presenter.ts';
import { reReferralsView } from '../re-referrals.ts';
import { timeKeys, withinKey } from '../time-keys.ts';
import { curvesByGroup, type DayRow } from '../time-to-event.ts';
import { defineFigure, type FigureInput } from './types.ts';

const presenter = (on: boolean): Presenter => (on ? published : plain);
const counts = ({ filters, setup }: FigureInput) => journeyCounts(filters, setup.asOf);
const curveOf = (rows: DayRow[]) => curvesByGroup(rows).get('all')?.curve ?? kaplanMeier([]);
const reasonGroups = [...allGroupLabels('discharge_reason').slice(0, -1), notRecorded];
const groupsOf = (rows: { group: string }[]) => [...new Set(rows.map((x) => x.group))];

/** Time to first contact (Kaplan–Meier), with the shares contacted within 7 and 14 days. */
export const firstContactFigure = defineFigure({
	id: 'time-to-first-contact',
	queries: (input) => ({
		counts: counts(input),
		days: timeToFirstContact(input.filters, input.setup.asOf)
	}),
	view(r, { publication }) {
		const c = r.counts[0];
		if (!c) return null;
		const fig = contactView(r.days, c, { publication }, { asOf: c.as_of });
		const curve = curveOf(r.days);
		const p = presenter(publication);
		return {
			...fig.view,
			chart: fig.chart,
			median: fig.median,
			within: fig.within,
			keys: {
				...timeKeys(curve, c.contact_excluded, p),
				within_7_days_share: withinKey(curve, 7, p),
				within_14_days_share: withinKey(curve, 14, p)
			}
		};
	},
	chart: (view, _input, width) =>
		survivalCurveChart(view.chart, {
			width,
			groups: ['All referrals'],
			yLabel: 'Not yet contacted (%)'
		})
});

/** Time to discharge (Kaplan–Meier), split by service or PCN as the settings ask. */
export const dischargeFigure = defineFigure({
	id: 'time-to-discharge',
	queries: ({ filters, setup, settings }) => ({
		counts: journeyCounts(filters, setup.asOf),
		// Split, the groups' rows summed by day give the overall curve: one scan, not two.
		days: settings.split === 'none' ? timeToDischarge(filters, setup.asOf) : null,
		split:
			settings.split === 'none' ? null : dischargeDaysByGroup(filters, setup.asOf, settings.split)
	}),
	view(r, { settings, publication }) {
		const c = r.counts[0];
		if (!c) return null;
		const by = settings.split;
		const times: DischargeTimes = by === 'none' ? { by, rows: r.days } : { by, rows: r.split };
		const fig = dischargeView(times, c, { publication }, { asOf: c.as_of });
		return {
			...fig.view,
			chart: fig.chart,
			median: fig.median,
			by,
			keys: timeKeys(fig.curve ?? kaplanMeier([]), c.discharge_excluded, presenter(publication))
		};
	},
	chart: (view, { setup }, width) =>
		survivalCurveChart(view.chart, {
			width,
			groups: groupsOf(view.chart),
			allLabels:
				view.by === 'service'
					? setup.values.service
					: view.by === 'pcn'
						? setup.values.pcn
						: undefined,
			yLabel: 'Not yet discharged (%)'
		})
});

/** Open cases and people referred in the year per link worker at the as-of date. */
export const workersFigure = defineFigure({
	id: 'caseload-per-link-worker',
	queries: ({ filters, setup }) => ({ workers: caseloadAt(filters, setup.asOf) }),
	view(r, { setup, publication }) {
		const fig = caseloadWorkersView(r.workers, setup.asOf, { publication });
		const p = presenter(publication);
		return {
			...fig.view,
			chart: fig.chart,
			medianOpen: fig.medianOpen,
			keys: p.cells(Object.fromEntries(r.workers.map((w) => [w.link_worker, w.open])))
		};
	},
	chart: (view, _input, width) =>
		caseloadWorkersChart(view.chart, { width, guidance: caseloadGuidance })
});

/** Contacts per closed episode against the 6–12 typically reported; the CLI's `contacts`. */
export const contactsFigure = defineFigure({
	id: 'contacts-per-episode',
	queries: ({ filters, setup }) => ({
		contacts: contactsDistribution(filters, setup.asOf),
		summary: contactsSummary(filters, setup.asOf)
	}),
	view(r, { publication }) {
		const s = r.summary[0];
		if (!s) return null;
		const fig = contactsView(r.contacts, s, { publication });
		const p = presenter(publication);
		// The median and mean contacts per closed episode: `*` in publication mode on 1–7 episodes.
		const stat = (v: number | null) => p.mean(v == null ? null : Number(v), s.episodes);
		return {
			...fig.view,
			chart: fig.chart,
			keys: { median: stat(s.median), mean: stat(s.mean) }
		};
	},
	chart: (view, _input, width) =>
		histogramChart(view.chart, {
			width,
			xLabel: 'Contacts',
			yLabel: 'Episodes',
			highlightLabel: 'Typically reported (6–12)',
			otherLabel: 'Fewer or more'
		})
});

/** Re-referrals within 365 days of an earlier discharge; the CLI's `re_referrals`. */
export const reReferralsFigure = defineFigure({
	id: 're-referrals',
	queries: ({ filters, setup }) => ({
		repeat: repeatPeople(filters, setup.asOf),
		gaps: reReferralGaps(filters, setup.asOf)
	}),
	view(r, { publication }) {
		const repeat = r.repeat[0];
		if (!repeat) return null;
		const fig = reReferralsView(repeat, r.gaps, { publication });
		const within = r.gaps
			.filter((g) => g.band <= gapBands.length)
			.reduce((a, g) => a + g.episodes, 0);
		const p = presenter(publication);
		return {
			...fig.view,
			chart: fig.chart,
			keys: {
				people_with_multiple: p.count(repeat.people_with_multiple),
				within_365_days: p.count(within)
			}
		};
	},
	chart: (view, _input, width) =>
		histogramChart(view.chart, {
			width,
			xLabel: 'Days since the earlier discharge',
			yLabel: 'Referrals',
			highlightLabel: 'Within 365 days',
			otherLabel: 'Later'
		})
});

/** The Journeys page's figures, in the page's order. */
export const journeysFigures = [
	firstContactFigure,
	dischargeFigure,
	defineFigure({
		id: 'episodes-left-out',
		queries: (input) => ({
			counts: counts(input),
			episodes: excludedEpisodes(input.filters, input.setup.asOf)
		}),
		view(r, { publication }) {
			const c = r.counts[0];
			if (!c || c.discharge_excluded + c.contact_excluded === 0) return null;
			return excludedView(r.episodes, c, { publication });
		}
	}),
	contactsFigure,
	reReferralsFigure,
	defineFigure({
		id: 'discharge-reasons',
		queries: ({ filters, setup }) => ({ reasons: dischargeReasons(filters, setup.asOf) }),
		view: (r, { publication }) => reasonsView(r.reasons, { publication }),
		chart: (view, _input, width) =>
			referralsByGroupChart(view.rows, {
				width,
				value: 'episodes',
				xLabel: 'Closed episodes',
				allLabels: reasonGroups
			})
	}),
	defineFigure({
		id: 'discharge-reasons-by-service',
		queries: ({ filters, setup }) => ({ reasons: dischargeReasons(filters, setup.asOf) }),
		view(r, { publication }) {
			const fig = reasonsByServiceView(r.reasons, { publication });
			return { ...fig.view, chart: fig.chart, services: fig.services };
		},
		chart: (view, _input, width) =>
			shareBarsChart(view.chart, {
				width,
				y: view.services,
				groups: reasonGroups.filter((g) => view.chart.some((x) => x.group === g)),
				allLabels: reasonGroups,
				xLabel: 'Share of closed episodes (%)'
			})
	}),
	defineFigure({
		id: 'caseload-by-month',
		queries: ({ filters, setup }) => ({ caseload: caseloadByMonth(filters, setup.asOf) }),
		view(r, { publication }) {
			// No open case with a link worker at any month end: nothing per worker to draw.
			if (!r.caseload.some((m) => m.per_worker.length)) return null;
			const fig = caseloadTrendView(r.caseload, { publication });
			return { ...fig.view, chart: fig.chart };
		},
		chart: (view, _input, width) => caseloadTrendChart(view.chart, { width }),
		empty: () => ({
			testid: 'no-caseload',
			title: 'Open cases per link worker, by month end',
			text: 'No open case in this view has a link worker recorded at any month end, so there is no caseload per link worker to show. Map the link worker column at import to see it.'
		})
	}),
	workersFigure
];
