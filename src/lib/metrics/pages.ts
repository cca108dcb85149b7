import type { Sql } from '../db/sql.ts';
import { previousPeriod, type Filters } from './filters.ts';
import { caseloadAt, caseloadByMonth } from './caseload.ts';
import { gpCells } from './gp-use.ts';
import {
	contactsDistribution,
	contactsSummary,
	dischargeReasons,
	excludedEpisodes,
	journeyCounts,
	timeToDischarge,
	timeToFirstContact,
	type Split
} from './journeys.ts';
import { outcomeCells, outcomeGroups, outcomeMeasures } from './outcomes.ts';
import { periodYears, referralRate, unmatchedPractices } from './rates.ts';
import {
	headline,
	peopleProfile,
	referralsBy,
	referralsByPeriod,
	totals,
	type HeadlineWith,
	type TotalsRow
} from './reach.ts';
import { reReferralGaps, repeatPeople } from './re-referrals.ts';
import {
	onwardBy,
	onwardKinds,
	reasonByCategory,
	reasonPairs,
	reasons,
	sourceLabels,
	sourcesByQuarter
} from './referrals.ts';

/** What a page needs to know about the data besides the filters. */
export interface PageSetup {
	asOf: string;
	firstReferral: string;
	practicesWithListSize: number;
}

/** The headline of the view and of the previous period of the same length (none for all dates). */
export function headlineQueries<F extends boolean = false>(
	filters: Filters,
	s: PageSetup,
	options: { funnel?: F } = {}
): { head: Sql<HeadlineWith<F>>; previous: Sql<TotalsRow> | null } {
	const before = previousPeriod(filters.period, { from: s.firstReferral, to: s.asOf });
	return {
		head: headline(filters, s.asOf, options),
		previous: before ? totals({ ...filters, period: before }) : null
	};
}

/** Every query the Reach page runs on a filter change, one per figure. */
export function reachQueries(filters: Filters, s: PageSetup) {
	const years = periodYears(filters, { from: s.firstReferral, to: s.asOf });
	const rates = s.practicesWithListSize > 0 && years > 0;
	return {
		// The headline carries the funnel's steps.
		...headlineQueries(filters, s, { funnel: true }),
		months: referralsByPeriod('month', filters),
		quarters: referralsByPeriod('quarter', filters),
		pcn: referralsBy('pcn', filters),
		practice: referralsBy('practice', filters),
		service: referralsBy('service', filters),
		ratePractice: rates ? referralRate('practice', filters, years) : null,
		ratePcn: rates ? referralRate('pcn', filters, years) : null,
		unmatched: rates ? unmatchedPractices(filters) : null,
		profile: peopleProfile(filters)
	};
}

/** Every query the Referrals page runs on a filter change. */
export function referralsQueries(filters: Filters, s: PageSetup) {
	return {
		...headlineQueries(filters, s),
		sources: referralsBy('source', filters),
		sourceLabels: sourceLabels(filters),
		sourceTrend: sourcesByQuarter(filters),
		reasons: reasons(filters),
		pairs: reasonPairs(filters),
		category: onwardBy('category', filters),
		organisation: onwardBy('organisation', filters),
		kinds: onwardKinds(filters),
		reasonCategory: reasonByCategory(filters)
	};
}

/** Every query the Outcomes page runs: the statistics are worked out from these in TypeScript. */
export function outcomesQueries(filters: Filters, s: PageSetup) {
	return {
		...headlineQueries(filters, s),
		measures: outcomeMeasures(),
		cells: outcomeCells(filters, s.asOf),
		groups: outcomeGroups(filters),
		gp: gpCells(filters)
	};
}

/** Every query the Journeys page runs on a change; `split` splits time to discharge. */
export function journeysQueries(filters: Filters, s: PageSetup, split: Split = 'none') {
	const asOf = s.asOf;
	return {
		...headlineQueries(filters, s),
		counts: journeyCounts(filters, asOf),
		discharge: timeToDischarge(filters, asOf),
		dischargeSplit: split === 'none' ? null : timeToDischarge(filters, asOf, split),
		contact: timeToFirstContact(filters, asOf),
		excluded: excludedEpisodes(filters, asOf),
		contacts: contactsDistribution(filters, asOf),
		contactsSummary: contactsSummary(filters, asOf),
		reasons: dischargeReasons(filters, asOf),
		repeat: repeatPeople(filters, asOf),
		gaps: reReferralGaps(filters, asOf),
		caseload: caseloadByMonth(filters, asOf),
		caseloadNow: caseloadAt(filters, asOf)
	};
}
