// The browser's driver of a text pass (text-pass.ts), in a dedicated worker: it reads the File in
// slices, decodes, scans and splits here, and posts back the percentage read and the result, so
// the page keeps responding however large the file.
import { readText, type PassRequest } from './text-pass.ts';

/** What the page posts: the file and what to do with it. */
export interface PassMessage {
	file: File;
	request: PassRequest;
}

self.onmessage = async (event: MessageEvent<PassMessage>) => {
	const { file, request } = event.data;
	const read = async (start: number, end: number) =>
		new Uint8Array(await file.slice(start, end).arrayBuffer());
	try {
		const result = await readText(read, file.size, request, (percent) =>
			self.postMessage({ percent })
		);
		// Blobs cross to the page by reference: the text is not copied.
		self.postMessage({ result });
	} catch (error) {
		self.postMessage({ error: error instanceof Error ? error.message : String(error) });
	}
};
