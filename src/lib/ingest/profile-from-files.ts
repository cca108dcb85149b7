import type { Profile } from '../contract/profile.ts';
import { formatTarget } from './mapping.ts';
import type { PreparedFile } from './prepare.ts';

/** The current mapping of every file, written into a profile (headers → targets, per table). */
export function profileFromFiles(base: Profile, files: PreparedFile[]): Profile {
	const columns: Profile['columns'] = { ...base.columns };
	for (const file of files) {
		const table = { ...columns[file.mapping.table] };
		for (const c of file.mapping.columns) table[c.header] = formatTarget(c.target);
		columns[file.mapping.table] = table;
	}
	return { ...base, columns };
}
