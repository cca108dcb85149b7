// The page's side of the zip worker (export/zip-worker.ts): a ZipSink whose calls become messages.
// Pieces are handed over (transferred), not copied, and at most `ahead` of them wait in the
// worker's queue, so the page never holds more than a row group and a few pieces of a table.
import type { ColumnType } from './parquet.ts';
import type { ZipSink } from './zip-sink.ts';

export type ToWorker =
	| { type: 'start'; groupRows?: number }
	| { type: 'table'; file: string; columns: ColumnType[] }
	| { type: 'piece'; bytes: Uint8Array }
	| { type: 'endTable' }
	| { type: 'file'; name: string; bytes: Uint8Array; deflate: boolean }
	| { type: 'end' };

export type FromWorker =
	| { type: 'part'; bytes: Uint8Array }
	| { type: 'rows'; rows: number }
	| { type: 'ack' }
	| { type: 'done' }
	| { type: 'error'; message: string };

/** Pieces (about 2,048 rows each) posted and not yet read by the worker, at most. */
const ahead = 16;

/** Bytes that own their buffer, to hand over whole: a view into a larger buffer is copied. */
const whole = (bytes: Uint8Array) =>
	bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();

/** A zip written in a new Web Worker; the worker ends with the zip (or its error). */
export function workerZipSink(): ZipSink {
	const worker = new Worker(new URL('./zip-worker.ts', import.meta.url), { type: 'module' });
	const parts: Uint8Array[] = [];
	let onRows: ((rows: number) => void) | undefined;
	let pending = 0;
	let failed: Error | null = null;
	// Whoever waits for the worker (an ack, or the end) is woken by its next message.
	let wake: (() => void) | null = null;
	let done = false;
	const post = (message: ToWorker, transfer: Transferable[] = []) => {
		if (failed) throw failed;
		worker.postMessage(message, transfer);
	};
	const until = async (ready: () => boolean) => {
		while (!ready() && !failed) await new Promise<void>((resolve) => (wake = resolve));
		if (failed) throw failed;
	};
	worker.onmessage = (event: MessageEvent<FromWorker>) => {
		const m = event.data;
		if (m.type === 'part') parts.push(m.bytes);
		else if (m.type === 'rows') onRows?.(m.rows);
		else if (m.type === 'ack') pending--;
		else if (m.type === 'done') done = true;
		else if (m.type === 'error') failed = new Error(m.message);
		wake?.();
	};
	worker.onerror = (event) => {
		failed = new Error(`the zip worker failed: ${event.message}`);
		wake?.();
	};
	post({ type: 'start' });

	return {
		table(file, columns, rows) {
			onRows = rows;
			post({ type: 'table', file, columns });
		},
		async piece(bytes) {
			const own = whole(bytes);
			pending++;
			post({ type: 'piece', bytes: own }, [own.buffer]);
			await until(() => pending < ahead);
		},
		async endTable() {
			pending++;
			post({ type: 'endTable' });
			await until(() => pending === 0);
		},
		file(name, bytes, deflate) {
			// A CSV file can be hundreds of MB: handed over, not copied on the page's thread.
			const own = whole(bytes);
			post({ type: 'file', name, bytes: own, deflate }, [own.buffer]);
		},
		abort() {
			worker.terminate();
		},
		async end() {
			try {
				post({ type: 'end' });
				await until(() => done);
				return parts;
			} finally {
				worker.terminate();
			}
		}
	};
}
