import type { FileSource } from '../db/types.ts';
import { workerPass } from './browser-pass.ts';
import { readText, type PassDriver } from './text-pass.ts';

/** A file the user brought: its name, size, a way to read bytes, and what the database reads. */
export interface InputFile {
	name: string;
	size: number;
	/** Bytes from start (inclusive) to end (exclusive); the whole file without arguments. */
	read(start?: number, end?: number): Promise<Uint8Array>;
	source: FileSource;
	/** How a text pass over it runs; by default in this thread (`readText`). */
	pass?: PassDriver;
}

/** An input's text pass: its own driver, else `readText` here. */
export function passOf(input: InputFile): PassDriver {
	return (
		input.pass ?? ((request, onProgress) => readText(input.read, input.size, request, onProgress))
	);
}

/** An input from a browser File (picker or drop). */
export function fromBrowserFile(file: File): InputFile {
	return {
		name: file.name,
		size: file.size,
		async read(start = 0, end = file.size) {
			return new Uint8Array(await file.slice(start, end).arrayBuffer());
		},
		source: { kind: 'file', file },
		// Decoding, scanning and splitting run in a worker: the page keeps responding.
		pass: workerPass(file)
	};
}

/** The kind of a file by its name: delimited text or an Excel workbook. */
export function fileKind(name: string): 'text' | 'xlsx' | 'unsupported' {
	const ext = name.toLowerCase().split('.').pop() ?? '';
	if (['csv', 'tsv', 'txt', 'tab'].includes(ext)) return 'text';
	if (ext === 'xlsx' || ext === 'xlsm') return 'xlsx';
	return 'unsupported';
}
