import type { Sql } from '../db/sql.ts';
import type { Filters } from './filters.ts';
import { filterOptions, headline, latestDate, referralsBy, referralsByMonth } from './reach.ts';

/** What the Overview asks once per load: the filter choices and the default as-of date. */
export function overviewSetup(): { options: Sql; latest: Sql } {
	return { options: filterOptions(), latest: latestDate() };
}

/** What the Overview asks on every filter change: its headline and its three charts. */
export function overviewFigures(
	filters: Filters,
	asOf: string
): { headline: Sql; months: Sql; sources: Sql; pcns: Sql } {
	return {
		headline: headline(filters, asOf),
		months: referralsByMonth(filters),
		sources: referralsBy('source', filters),
		pcns: referralsBy('pcn', filters)
	};
}
