import type { Mapping } from './mapping.ts';

/** One file ready to load: its position, name, header width and mapping. */
export interface LoadFile {
	order: number;
	index: number;
	name: string;
	width: number;
	/** Whether the raw table carries each row's number (`_r`), or it is rowid + 2. */
	numbered: boolean;
	mapping: Mapping;
}

/** The first source column mapped to each canonical column of a file. */
export function sources(file: LoadFile): Map<string, number> {
	const found = new Map<string, number>();
	for (const c of file.mapping.columns) {
		if (c.target.kind === 'column' && !found.has(c.target.column))
			found.set(c.target.column, c.index);
	}
	return found;
}
