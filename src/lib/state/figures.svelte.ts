import type { Sql } from '$lib/db/sql.ts';
import type { Row } from '$lib/db/types.ts';
import { createViewKeeper, queryKey } from '$lib/figures/catalogue/run.ts';
import type { Results } from '$lib/metrics/run.ts';
import { dataset, query } from './dataset.svelte.ts';

// A plain Map on purpose: the cache is not state any view draws from. It holds each query's
// answer as a promise, so a page asking for a query already under way waits for that one.
// eslint-disable-next-line svelte/prefer-svelte-reactivity
const cache = new Map<string, Promise<Row[]>>();
let cachedVersion = -1;

// Results are kept per loaded dataset, so going back to an earlier view is instant.
function cached<R extends Row>(q: Sql<R>): Promise<R[]> {
	if (cachedVersion !== dataset.version) {
		cache.clear();
		cachedVersion = dataset.version;
	}
	const key = queryKey(q);
	const hit = cache.get(key);
	// The key is the SQL and its parameters, so a hit holds the rows of this very query.
	if (hit) return hit as Promise<R[]>;
	const rows = query(q);
	if (cache.size > 500) cache.clear();
	cache.set(key, rows);
	// A failed query is not kept: asked again, it runs again.
	rows.catch(() => {
		if (cache.get(key) === rows) cache.delete(key);
	});
	return rows;
}

/**
 * Run queries ahead of the page that will ask for them (one after another, as a page runs
 * them), keeping their answers for it. A failure is left for the page to meet and report.
 */
export async function warm(queries: Record<string, Sql | null>): Promise<void> {
	const version = dataset.version;
	for (const q of Object.values(queries)) {
		if (dataset.version !== version) return;
		if (q) await cached(q).catch(() => {});
	}
}

/**
 * Runs a page's queries for one view. A newer call wins: an older one still running resolves
 * to null, so a slow answer never overwrites a newer view.
 */
export function createQueryRunner() {
	let latest = 0;
	return async function runAll<Q extends Record<string, Sql | null>>(
		queries: Q
	): Promise<Results<Q> | null> {
		const ticket = ++latest;
		const out: Record<string, Row[]> = {};
		for (const [key, q] of Object.entries(queries)) {
			if (ticket !== latest) return null;
			out[key] = q ? await cached(q) : [];
		}
		// Each key holds the rows of its own query, as `Results` says.
		return ticket === latest ? (out as Results<Q>) : null;
	};
}

/**
 * The figures' views as `figureViews` works them out, but a view seen before, from the same rows
 * of the cache above, is not worked out again (`createViewKeeper`).
 */
export const keptViews = createViewKeeper();
