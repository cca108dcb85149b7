// The Web Worker that writes the browser's cleaned-data zip (export/zip-worker-client.ts talks to
// it): Arrow IPC pieces in, Parquet encoding and zipping here, zip parts and progress out. The
// page only passes bytes along, so it keeps responding while a 1M-row table is written.
import { ZipAssembler } from './zip-sink.ts';
import type { ToWorker, FromWorker } from './zip-worker-client.ts';

const post = (message: FromWorker, transfer: Transferable[] = []) =>
	(self as unknown as Worker).postMessage(message, transfer);

let zip: ZipAssembler | null = null;

self.onmessage = async (event: MessageEvent<ToWorker>) => {
	const m = event.data;
	try {
		switch (m.type) {
			case 'start':
				// A copy of each part is handed over (fflate may pass on views of buffers it still uses).
				zip = new ZipAssembler((part) => {
					const bytes = part.slice();
					post({ type: 'part', bytes }, [bytes.buffer]);
				}, m.groupRows);
				break;
			case 'table':
				zip!.table(m.file, m.columns, (rows) => post({ type: 'rows', rows }));
				break;
			case 'piece':
				zip!.piece(m.bytes);
				post({ type: 'ack' });
				break;
			case 'endTable':
				zip!.endTable();
				post({ type: 'ack' });
				break;
			case 'file':
				zip!.file(m.name, m.bytes, m.deflate);
				break;
			case 'end':
				await zip!.end();
				zip = null;
				post({ type: 'done' });
				break;
		}
	} catch (e) {
		zip = null;
		post({ type: 'error', message: (e as Error).message });
	}
};
