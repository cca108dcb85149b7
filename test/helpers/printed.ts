// What `sp-impact figures` prints for the sample and the small-numbers fixture: the reference the
// page, report and catalogue tests compare against (native DuckDB, never a mock).
import { resolve } from 'node:path';
import { figuresJson } from '../../src/lib/cli/figures.ts';
import { plain, publication } from '../../src/lib/figures/presenter.ts';
import { noFilters } from '../../src/lib/metrics/filters.ts';
import { latestDate } from '../../src/lib/metrics/reach.ts';
import { run } from '../../src/lib/metrics/run.ts';
import { importPaths, nativeDb } from './import.ts';

/** The synthetic sample's canonical files. */
export const sample = [
	'synthetic-referrals.csv',
	'synthetic-outcomes.csv',
	'synthetic-onward-referrals.csv',
	'synthetic-practices.csv'
].map((f) => resolve('data-samples/canonical', f));

/** The fixture of small counts that publication mode must hide. */
export const smallNumbers = [
	'small-numbers-referrals.csv',
	'small-numbers-outcomes.csv',
	'small-numbers-onward.csv'
].map((f) => resolve('test/fixtures/e2e', f));

export type Printed = Awaited<ReturnType<typeof figuresJson>>;

/** Every catalogue figure as the CLI prints it, for all dates, in or out of publication mode. */
export async function printed(paths: string[], on: boolean): Promise<Printed> {
	const db = await nativeDb();
	try {
		await importPaths(db, paths);
		const [{ as_of }] = await run(db, latestDate());
		return await figuresJson(db, noFilters, String(as_of), on ? publication : plain);
	} finally {
		await db.close();
	}
}
