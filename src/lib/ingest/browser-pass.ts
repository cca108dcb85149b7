import type { PassDriver, TextPass } from './text-pass.ts';
import type { PassMessage } from './text-worker.ts';

type Reply = { percent: number } | { result: TextPass } | { error: string };

/** A browser File's text pass, run in a worker of its own that ends with the pass. */
export function workerPass(file: File): PassDriver {
	return (request, onProgress) =>
		new Promise((resolve, reject) => {
			const worker = new Worker(new URL('./text-worker.ts', import.meta.url), { type: 'module' });
			worker.onmessage = ({ data }: MessageEvent<Reply>) => {
				if ('percent' in data) return onProgress(data.percent);
				worker.terminate();
				if ('result' in data) resolve(data.result);
				else reject(new Error(data.error));
			};
			worker.onerror = (event) => {
				worker.terminate();
				reject(new Error(event.message || 'the file could not be read'));
			};
			worker.postMessage({ file, request } satisfies PassMessage);
		});
}
