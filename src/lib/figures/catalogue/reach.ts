// Reach and who we reach: the Reach page's figures.
import { ageSexPyramidChart } from '../../charts/age-sex-pyramid.ts';
import { funnelChart } from '../../charts/funnel.ts';
import { imdDecilesChart } from '../../charts/imd-deciles.ts';
import { periodSeriesChart } from '../../charts/period-series.ts';
import { referralRateChart } from '../../charts/referral-rate.ts';
import { referralsByGroupChart } from '../../charts/referrals-by-group.ts';
import { ageBands } from '../../contract/tables.ts';
import { periodRange } from '../../metrics/filters.ts';
import { financialQuarterRange, ukDate } from '../../metrics/periods.ts';
import { periodYears, referralRate, unmatchedPractices } from '../../metrics/rates.ts';
import {
	peopleProfile,
	referralCounts,
	type Grouping,
	type ReferralCountsRow
} from '../../metrics/reach.ts';
import { headQuery } from './shared.ts';
import { formatCount } from '../../util/format.ts';
import { allGroupLabels, groupLabel, publishTotal } from '../figure.ts';
import { chartLimit, funnelView, groupView, periodView, rateView } from '../reach.ts';
import {
	ethnicityView,
	imdView,
	peopleByView,
	pyramidView,
	rollup,
	type ProfileRow
} from '../who-we-reach.ts';
import { defineFigure, toggled, type FigureInput } from './types.ts';

const head = headQuery;
const total = (rows: { referrals: number }[]) => rows[0]?.referrals ?? 0;

// The page's counts by period and by group come from one scan of the selected referrals, shared
// by the figures below (each takes its grouping's rows), as the people profile is.
const breakdowns: Grouping[] = ['month', 'quarter', 'pcn', 'service', 'practice'];
const counts = ({ filters }: FigureInput) => referralCounts(breakdowns, filters);
const countsBy = (rows: ReferralCountsRow[], grouping: Grouping) =>
	rows
		.filter((r) => r.grouping === grouping)
		.map(({ key, referrals, people }) => ({ key, referrals, people }));

function periodFigure(unit: 'month' | 'quarter') {
	return defineFigure({
		id: unit === 'month' ? 'referrals-by-month' : 'referrals-by-quarter',
		queries: (input) => ({ counts: counts(input) }),
		view: (r, { publication }) =>
			periodView(
				countsBy(r.counts, unit).map(({ key, ...n }) => ({ period: key, ...n })),
				unit,
				{ publication }
			),
		chart: (view, _input, width) => periodSeriesChart(view.rows, { width, unit }),
		selectLabel: 'Show',
		// A bar shows its month or quarter: the period filter becomes that period.
		select(row, { filters }) {
			const period = String(row.period);
			const label = String(row.label);
			if (financialQuarterRange(label))
				return { kind: 'filters', filters: { ...filters, period: { kind: 'quarter', label } } };
			const end = new Date(Date.UTC(Number(period.slice(0, 4)), Number(period.slice(5, 7)), 0));
			const to = end.toISOString().slice(0, 10);
			return {
				kind: 'filters',
				filters: { ...filters, period: { kind: 'custom', from: period, to } }
			};
		}
	});
}

function groupFigure(dimension: 'pcn' | 'practice' | 'service') {
	return defineFigure({
		id: `referrals-by-${dimension}`,
		queries: (input) => ({ head: head(input), counts: counts(input) }),
		view: (r, { publication }) =>
			groupView(dimension, countsBy(r.counts, dimension), total(r.head), { publication }),
		chart: (view, { filters, setup }, width) =>
			referralsByGroupChart(view.rows.slice(0, chartLimit), {
				width,
				allLabels: setup.values[dimension],
				selected: filters[dimension]
			}),
		select: (row, { filters }) => toggled(filters, dimension, String(row.key)),
		selected: ({ filters }) => filters[dimension]
	});
}

function rateFigure(level: 'practice' | 'pcn') {
	return defineFigure({
		id: `referral-rate-by-${level}`,
		queries(input: FigureInput) {
			const { filters, setup } = input;
			const years = periodYears(filters, { from: setup.firstReferral, to: setup.asOf });
			const on = setup.practicesWithListSize > 0 && years > 0;
			return {
				rates: on ? referralRate(level, filters, years) : null,
				// A rate is hidden with its practice's or PCN's referral count (secondary suppression).
				counts: on ? counts(input) : null,
				unmatched: on ? unmatchedPractices(filters) : null
			};
		},
		view(r, { filters, setup, settings, publication }) {
			if (setup.practicesWithListSize === 0) return null;
			const thresholds = settings.rateThresholds;
			const view = rateView(
				level,
				r.rates,
				total(r.unmatched),
				{ publication, thresholds },
				countsBy(r.counts, level)
			);
			// A period with both ends counts its whole length, even where it runs past the data.
			const end = periodRange(filters.period).to;
			if (!end || !periodRange(filters.period).from || end <= setup.asOf) return view;
			return {
				...view,
				caveat: `${view.caveat} The period runs past the as-of date (${ukDate(setup.asOf)}) and its rates count its whole length, so they read low until it is over.`
			};
		},
		chart: (view, { settings }, width) =>
			referralRateChart(view.rows.slice(0, chartLimit), {
				width,
				thresholds: settings.rateThresholds
			}),
		select: (row, { filters }) => toggled(filters, level, String(row.key)),
		empty: ({ setup }) =>
			level === 'practice' && setup.practicesWithListSize === 0
				? {
						testid: 'rate-missing',
						wide: true,
						title: 'Referral rate per 1,000 patients',
						text: 'Load a practices file with each practice’s list size (columns practice, pcn, list_size) beside your referrals to see people referred per 1,000 registered patients a year against the former IIF PC-01 thresholds (12 and 16 by default). A template is on the',
						link: { href: '/export-format', text: 'export format page' }
					}
				: null
	});
}

const profile = ({ filters }: FigureInput) => ({ profile: peopleProfile(filters) });
const by = (rows: ProfileRow[], key: 'imd' | 'ethnicity' | 'age_band' | 'sex') =>
	rollup(rows, [key]).map((r) => ({ key: r[key], people: r.people }));

/** The Reach page's figures, in the page's order. */
export const reachFigures = [
	periodFigure('month'),
	periodFigure('quarter'),
	groupFigure('pcn'),
	groupFigure('service'),
	groupFigure('practice'),
	rateFigure('practice'),
	rateFigure('pcn'),
	defineFigure({
		id: 'people-by-imd-decile',
		queries: profile,
		view(r, { publication }) {
			const imd = imdView(by(r.profile, 'imd'), { publication });
			return { ...imd.view, core20: imd.core20 };
		},
		chart: (view, _input, width) => imdDecilesChart(view.rows, { width }),
		select: (row, { filters }) => toggled(filters, 'imd', String(row.decile)),
		selected: ({ filters }) => filters.imd
	}),
	defineFigure({
		id: 'people-by-ethnicity',
		queries: profile,
		view: (r, { publication }) => ethnicityView(by(r.profile, 'ethnicity'), { publication }),
		chart: (view, { filters }, width) =>
			referralsByGroupChart(view.rows, {
				width,
				value: 'people',
				xLabel: 'People',
				allLabels: allGroupLabels('ethnicity'),
				selected: filters.ethnicity.map((k) => groupLabel('ethnicity', k))
			}),
		select: (row, { filters }) => toggled(filters, 'ethnicity', String(row.key)),
		selected: ({ filters }) => filters.ethnicity
	}),
	defineFigure({
		id: 'people-by-age-and-sex',
		queries: profile,
		view: (r, { publication }) =>
			pyramidView(rollup(r.profile, ['age_band', 'sex']), { publication }),
		chart: (view, _input, width) =>
			ageSexPyramidChart(view.rows, { width, ageBands: [...ageBands] }),
		// A click filters on the bar's age band and sex; the table rows have no button.
		select: (row, { filters }) => ({
			kind: 'filters',
			filters: { ...filters, age_band: [String(row.age_band)], sex: [String(row.sex)] }
		}),
		selectLabel: ''
	}),
	defineFigure({
		id: 'engagement-funnel',
		queries: (input) => ({ head: head(input) }),
		view: (r, { publication }) => (r.head[0] ? funnelView(r.head[0], { publication }) : null),
		chart: (view, _input, width) => funnelChart(view.rows, { width })
	})
];

/**
 * The headline counts as a table-only figure: referrals, people, and people referred more than
 * once (the CLI's `referrals`, `people`, `people_with_multiple_referrals`). Each is a count of
 * its own, published on its own.
 */
export const headlineFigure = defineFigure({
	id: 'headline',
	queries: (input) => ({ head: head(input) }),
	view(r, { publication }) {
		const h = r.head[0];
		if (!h) return null;
		const rows = (
			[
				['referrals', 'Referrals', h.referrals],
				['people', 'People', h.people],
				[
					'people_with_multiple_referrals',
					'People referred more than once',
					h.people_with_multiple_referrals
				]
			] as const
		).map(([key, label, value]) => ({
			key,
			label,
			value: publishTotal(Number(value), publication)
		}));
		return {
			title: 'Headline',
			sentence: `${formatCount(rows[0].value)} referrals of ${formatCount(rows[1].value)} people.`,
			n: `${formatCount(rows[0].value)} referrals`,
			rows,
			columns: [
				{ key: 'label', label: 'Figure' },
				{ key: 'value', label: 'Count', kind: 'count' as const }
			]
		};
	}
});

/** Who we reach by one attribute at a time: table-only figures (the CLI's `by_age_band`, `by_sex`). */
export const peopleByFigures = (['age_band', 'sex'] as const).map((attribute) =>
	defineFigure({
		id: `people-by-${attribute === 'age_band' ? 'age-band' : 'sex'}`,
		queries: profile,
		view: (r, { publication }) => peopleByView(attribute, by(r.profile, attribute), { publication })
	})
);
