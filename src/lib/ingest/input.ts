import type { FileSource } from '../db/types.ts';

/** A file the user brought: its name, size, a way to read bytes, and what the database reads. */
export interface InputFile {
	name: string;
	size: number;
	/** Bytes from start (inclusive) to end (exclusive); the whole file without arguments. */
	read(start?: number, end?: number): Promise<Uint8Array>;
	source: FileSource;
}

/** An input from a browser File (picker or drop). */
export function fromBrowserFile(file: File): InputFile {
	return {
		name: file.name,
		size: file.size,
		async read(start = 0, end = file.size) {
			return new Uint8Array(await file.slice(start, end).arrayBuffer());
		},
		source: { kind: 'file', file }
	};
}

/** The kind of a file by its name: delimited text or an Excel workbook. */
export function fileKind(name: string): 'text' | 'xlsx' | 'unsupported' {
	const ext = name.toLowerCase().split('.').pop() ?? '';
	if (['csv', 'tsv', 'txt', 'tab'].includes(ext)) return 'text';
	if (ext === 'xlsx' || ext === 'xlsm') return 'xlsx';
	return 'unsupported';
}
