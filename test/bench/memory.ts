import { readdirSync, readFileSync } from 'node:fs';
import type { CDPSession, Page } from 'playwright-core';

// Memory of the app in Chromium, three ways, each saying what it counts:
// - the renderer process (/proc/<pid>/status): the page and DuckDB's dedicated worker live in it,
//   so its resident memory holds the JS heaps, the file bytes the page read, and the wasm memory;
//   VmHWM is the kernel's own peak, so nothing between two samples is missed;
// - the page's JS heap (CDP Performance.getMetrics, the main thread's V8 heap only), sampled;
// - DuckDB's worker: its wasm linear memory (it only grows, so its size now is its peak) and what
//   DuckDB's buffer manager holds (duckdb_memory()), read through the worker's own bindings.

const mb = (bytes: number) => Math.round(bytes / 2 ** 20);

/** Process ids under `root` (children, grandchildren...), from /proc. */
function descendants(root: number): number[] {
	const parent = new Map<number, number>();
	for (const name of readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) continue;
		try {
			// The command may hold spaces and brackets: the fields after the last ')' are plain.
			const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
			parent.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
		} catch {
			// The process ended while we looked.
		}
	}
	const out: number[] = [];
	const walk = (p: number) => {
		for (const [pid, pp] of parent) {
			if (pp !== p) continue;
			out.push(pid);
			walk(pid);
		}
	};
	walk(root);
	return out;
}

/** Chromium's renderer processes started by this Node process. */
export function rendererPids(): number[] {
	return descendants(process.pid).filter((pid) => {
		try {
			return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer');
		} catch {
			return false;
		}
	});
}

/** A process's resident memory now and its peak (MB), or null once it has gone. */
export function processMemory(pid: number): { rss: number; hwm: number } | null {
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8');
		const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
		return { rss: Math.round(kb('VmRSS') / 1024), hwm: Math.round(kb('VmHWM') / 1024) };
	} catch {
		return null;
	}
}

// Run in DuckDB's worker: a second connection of its own, so the app's is not disturbed.
const workerMemory = `(() => {
	const b = globalThis.DUCKDB_BINDINGS;
	const c = b.connect();
	try {
		const [r] = c.query("SELECT sum(memory_usage_bytes)::DOUBLE AS used, current_setting('memory_limit') AS lim FROM duckdb_memory()").toArray();
		return { wasm: b.mod.HEAPU8.buffer.byteLength, duckdb: Number(r.used), limit: String(r.lim) };
	} finally { c.close(); }
})()`;

/** What one checkpoint found: peaks so far (MB), and DuckDB's own count now. */
export interface MemoryReport {
	/** The app's renderer: its kernel peak (VmHWM) and resident memory now. */
	renderer_peak_mb: number | null;
	renderer_now_mb: number | null;
	/** The page's JS heap, sampled every 250 ms: the largest used and total seen. */
	page_js_heap_used_peak_mb: number;
	page_js_heap_total_peak_mb: number;
	/** DuckDB's wasm linear memory (never shrinks, so this is its peak), or null if unreadable. */
	wasm_memory_mb: number | null;
	/** What DuckDB's buffer manager holds now (duckdb_memory()), and its memory_limit. */
	duckdb_now_mb: number | null;
	duckdb_limit: string | null;
}

/** Watch the memory of the app in `page` from now on; read it at checkpoints. */
export async function watchMemory(page: Page) {
	const cdp: CDPSession = await page.context().newCDPSession(page);
	await cdp.send('Performance.enable');
	const heap = { used: 0, total: 0 };
	const rss = new Map<number, number>();
	let busy = false;
	const sample = async () => {
		if (busy) return; // the main thread is blocked: one request waits, not a queue of them
		busy = true;
		for (const pid of rendererPids()) {
			const m = processMemory(pid);
			if (m) rss.set(pid, Math.max(rss.get(pid) ?? 0, m.rss));
		}
		try {
			const { metrics } = await cdp.send('Performance.getMetrics');
			const get = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
			heap.used = Math.max(heap.used, get('JSHeapUsedSize'));
			heap.total = Math.max(heap.total, get('JSHeapTotalSize'));
		} catch {
			// The page crashed or is closing: the checkpoint says what is known.
		} finally {
			busy = false;
		}
	};
	const timer = setInterval(() => void sample(), 250);

	// The app's renderer is the one that grew most (a spare or blank renderer stays small).
	const appRenderer = () => [...rss].sort((a, b) => b[1] - a[1])[0]?.[0];

	return {
		/** The peaks so far; DuckDB's worker is asked only if it answers within `waitMs`. */
		async checkpoint(waitMs = 30_000): Promise<MemoryReport> {
			await sample();
			const pid = appRenderer();
			const proc = pid === undefined ? null : processMemory(pid);
			const worker = page.workers().find((w) => w.url().includes('duckdb'));
			const fromWorker = worker
				? await Promise.race([
						worker.evaluate<{ wasm: number; duckdb: number; limit: string }>(workerMemory),
						new Promise<null>((done) => setTimeout(() => done(null), waitMs))
					]).catch(() => null)
				: null;
			return {
				renderer_peak_mb: proc?.hwm ?? null,
				renderer_now_mb: proc?.rss ?? null,
				page_js_heap_used_peak_mb: mb(heap.used),
				page_js_heap_total_peak_mb: mb(heap.total),
				wasm_memory_mb: fromWorker ? mb(fromWorker.wasm) : null,
				duckdb_now_mb: fromWorker ? mb(fromWorker.duckdb) : null,
				duckdb_limit: fromWorker?.limit ?? null
			};
		},
		stop() {
			clearInterval(timer);
			void cdp.detach().catch(() => {});
		}
	};
}
