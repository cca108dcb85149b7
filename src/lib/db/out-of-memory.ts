import { QueryError } from './types.ts';

// The words engines use when memory runs out: DuckDB's buffer manager ("Out of Memory Error:
// could not allocate block of size …", what duckdb-wasm says at its 3.1 GiB limit, measured with
// 5M referrals), wasm's own allocator (malloc failing, "Aborted(OOM)", memory not growing past
// 4 GiB), and the tab's JavaScript (an ArrayBuffer too large to allocate).
const outOfMemory = [
	/out of memory/i,
	/could not allocate/i,
	/failed to allocate/i,
	/malloc of size \d+ failed/i,
	/aborted\(oom\)/i,
	/cannot enlarge memory/i,
	/array buffer allocation failed/i
];

/** Whether an error (or the engine error a QueryError keeps) is the engine running out of memory. */
export function isOutOfMemory(error: unknown): boolean {
	for (let e = error, depth = 0; e && depth < 5; depth++) {
		const message = e instanceof Error ? e.message : String(e);
		if (outOfMemory.some((re) => re.test(message))) return true;
		e = e instanceof QueryError || e instanceof Error ? e.cause : undefined;
	}
	return false;
}
