import type { Db } from '../db/types.ts';
import type { ImportReport } from '../ingest/report.ts';
import type { PreparedFile } from '../ingest/prepare.ts';
import type { Filters } from '../metrics/filters.ts';
import { headline, latestDate, referralsBy } from '../metrics/reach.ts';
import { keyed, run } from '../metrics/run.ts';

/** The JSON `sp-impact summary` prints; every key is documented in the README. */
export async function summaryJson(
	db: Db,
	files: PreparedFile[],
	report: ImportReport,
	filters: Filters,
	asOfOption?: string
) {
	const asOf = asOfOption ?? String((await run(db, latestDate()))[0]?.as_of ?? '');
	const [head] = await run(db, headline(filters, asOf));
	const by = async (d: Parameters<typeof referralsBy>[0]) =>
		keyed(await run(db, referralsBy(d, filters)), 'referrals');
	return {
		as_of: asOf,
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
		reach: {
			referrals: Number(head.referrals),
			people: Number(head.people),
			by_source: await by('source'),
			by_pcn: await by('pcn'),
			by_practice: await by('practice'),
			by_service: await by('service')
		}
	};
}
