import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { InputFile } from './input.ts';

/** An input from a path on disk (command-line tool and tests). */
export async function fromPath(path: string): Promise<InputFile> {
	const { size } = await stat(path);
	return {
		name: basename(path),
		size,
		async read(start = 0, end = size) {
			const handle = await open(path, 'r');
			try {
				const buffer = new Uint8Array(Math.max(0, Math.min(end, size) - start));
				await handle.read(buffer, 0, buffer.length, start);
				return buffer;
			} finally {
				await handle.close();
			}
		},
		source: { kind: 'path', path }
	};
}
