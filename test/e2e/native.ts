import type { Sql } from '../../src/lib/db/sql.ts';
import type { Row } from '../../src/lib/db/types.ts';
import type { Filters } from '../../src/lib/metrics/filters.ts';
import { headline, latestDate } from '../../src/lib/metrics/reach.ts';
import { run } from '../../src/lib/metrics/run.ts';
import { importPaths, nativeDb } from '../helpers/import.ts';

/**
 * Files loaded into native DuckDB, as the command-line tool loads them: the metric SQL the
 * browser's figures must agree with, run outside the browser.
 */
export async function nativeData(paths: string[]) {
	const db = await nativeDb();
	const { report } = await importPaths(db, paths);
	const [latest] = await run(db, latestDate());
	const asOf = String(latest.as_of);
	return {
		report,
		asOf,
		run: <R extends Row>(query: Sql<R>) => run(db, query),
		/** The headline of a view: referrals, people, open cases, people referred more than once. */
		async headline(filters: Filters) {
			const [h] = await run(db, headline(filters, asOf));
			return {
				referrals: Number(h.referrals),
				people: Number(h.people),
				open: Number(h.open_cases),
				repeat: Number(h.people_with_multiple_referrals)
			};
		},
		close: () => db.close()
	};
}

/** The native data of nativeData(). */
export type NativeData = Awaited<ReturnType<typeof nativeData>>;
