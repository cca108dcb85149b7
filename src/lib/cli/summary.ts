import type { Db } from '../db/types.ts';
import type { ImportTotals, LoadedFiles } from '../export/manifest.ts';
import type { Filters } from '../metrics/filters.ts';
import { asOfDate } from './figures.ts';
import { journeysSummary } from './journeys-summary.ts';
import { gpSummary, outcomesSummary, type OutcomeSettings } from './outcomes-summary.ts';
import { plain, publication } from '../figures/presenter.ts';
import { reachSummary } from './reach-summary.ts';
import { referralsSummary } from './referrals-summary.ts';

/** The JSON `sp-impact summary` prints; every key is documented in the README. */
export async function summaryJson(
	db: Db,
	files: LoadedFiles,
	report: ImportTotals,
	filters: Filters,
	options: {
		asOf?: string;
		publication?: boolean;
		outcomes?: OutcomeSettings;
		rateThresholds?: number[];
	} = {}
) {
	const asOf = await asOfDate(db, options.asOf);
	const p = options.publication ? publication : plain;
	return {
		as_of: asOf,
		// Rows of a file, not people: data-quality figures, printed as they are in publication mode.
		import: {
			rows_read: report.rows_read,
			rows_loaded: report.rows_loaded,
			rows_rejected: report.rows_rejected,
			issues: report.issues,
			warnings: report.warnings,
			dropped_columns: files.flatMap((f) =>
				f.dropped.map((d) => ({ file: f.name, column: d.header, found: d.kind }))
			),
			files: report.files.map((f) => ({
				file: f.file,
				table: f.table,
				encoding: f.encoding,
				rows_read: f.rows_read,
				rows_loaded: f.rows_loaded,
				rows_rejected: f.rows_rejected,
				issues: f.issues
			}))
		},
		reach: await reachSummary(db, filters, asOf, p, options.rateThresholds),
		referrals: await referralsSummary(db, filters, asOf, p),
		...(await journeysSummary(db, filters, asOf, p)),
		outcomes: await outcomesSummary(db, filters, asOf, p, options.outcomes),
		gp_appointments: await gpSummary(db, filters, asOf, p, options.outcomes),
		...(options.publication ? { publication: true as const } : {})
	};
}
