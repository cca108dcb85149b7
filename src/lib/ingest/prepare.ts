import type { Profile } from '../contract/profile.ts';
import { isOutOfMemory } from '../db/out-of-memory.ts';
import { ident } from '../db/sql.ts';
import type { Db } from '../db/types.ts';
import type { Encoding } from './decode.ts';
import {
	findings,
	guardColumnSql,
	guardSql,
	guardWideSql,
	type IdentifierFinding
} from './guard.ts';
import { fileKind, type InputFile } from './input.ts';
import { detectTable, mapHeaders, type Mapping } from './mapping.ts';
import { Refusal, stageInput } from './read-file.ts';
import type { Delimiter } from './sniff.ts';
import { dropRawSql, isWide, rawColumn, rawNames, rawStatsSql } from './stage.ts';
import { formatBytes } from '../util/format.ts';

/** A file read into a raw table and mapped, waiting for the user's review before it loads. */
export interface PreparedFile {
	index: number;
	name: string;
	size: number;
	encoding: Encoding | 'xlsx';
	delimiter: Delimiter | null;
	sheet: string | null;
	sheets: string[];
	headers: string[];
	/** Whether the raw table carries each row's number (`_r`), or it is rowid + 2. */
	numbered: boolean;
	preview: string[][];
	rows: number;
	blank: number;
	unreadable: number;
	filled: number[];
	mapping: Mapping;
	recognised: boolean;
	identifiers: IdentifierFinding[];
	dropped: IdentifierFinding[];
}

/** A file that could not be read at all, and why. */
export interface UnreadableFile {
	name: string;
	error: string;
}

/** Read a file into a raw text table, find its table and mapping, and look for identifiers. */
export async function prepareFile(
	db: Db,
	input: InputFile,
	options: {
		profile?: Profile;
		sheet?: string;
		name?: string;
		onStep?: (step: string) => void;
	} = {}
): Promise<PreparedFile | UnreadableFile> {
	const step = options.onStep ?? (() => {});
	const name = options.name ?? input.name;
	const kind = fileKind(input.name);
	if (kind === 'unsupported')
		return {
			name,
			error: `${name}: is not a CSV, TSV, TXT or XLSX file. Export the data as CSV or Excel (.xlsx).`
		};
	if (input.size === 0)
		return {
			name,
			error: `${name}: is empty (0 bytes), so there is nothing to load. Export the data again.`
		};
	let staged: Awaited<ReturnType<typeof stageInput>> | undefined;
	try {
		const reading = `Reading ${name} (${formatBytes(input.size)})`;
		step(reading);
		staged = await stageInput(db, input, kind, options.sheet, (percent) =>
			step(`${reading}: ${percent}%`)
		);
		if ('error' in staged) return { name, error: `${name}: ${staged.error}` };
		const { index, headers } = staged;
		const [stats] = await db.query(rawStatsSql(index, headers.length));
		if (Number(stats.total) === Number(stats.blank) && Number(stats.unreadable) === 0) {
			await db.exec(dropRawSql(index));
			return {
				name,
				error: `${name}: has a header row but no data rows below it, so there is nothing to load. Export the data again with its rows.`
			};
		}
		step(`Checking ${name} for direct identifiers`);
		const [counts] = isWide(headers.length)
			? [await wideCounts(db, index, stats)]
			: await db.query(guardSql(index, headers.length));
		for (let i = 0; i < headers.length; i++) {
			if (Number(counts[`sc${i}`]) > 0)
				Object.assign(counts, (await db.query(guardColumnSql(index, i)))[0]);
		}
		const { table, recognised } = detectTable(headers);
		const identifiers = findings(headers, counts);
		// Values of a refused column are never shown, not even as mapping examples.
		const hidden = new Set(identifiers.map((f) => f.index));
		return {
			...staged,
			preview: staged.preview.map((row) => row.map((v, i) => (hidden.has(i) ? '' : v))),
			name,
			size: input.size,
			rows: Number(stats.total) - Number(stats.blank),
			blank: Number(stats.blank),
			unreadable: Number(stats.unreadable),
			filled: headers.map((_, i) => Number(stats[`f${i}`] ?? 0)),
			mapping: { table, columns: mapHeaders(table, headers, options.profile) },
			recognised,
			identifiers,
			dropped: []
		};
	} catch (e) {
		// Out of memory is not a fault of the file: the caller says so in its own words, after the
		// raw table read so far is dropped to give the memory back.
		if (isOutOfMemory(e)) {
			if (staged && 'index' in staged) await db.exec(dropRawSql(staged.index)).catch(() => {});
			throw e;
		}
		const why = e instanceof Refusal ? ` (${e.message})` : '';
		return {
			name,
			error: `${name}: could not be read as a CSV, TSV or Excel file${why}. Open it in a spreadsheet, check it shows the data, and save it again as CSV (UTF-8).`
		};
	}
}

// A wide file's screen and filled counts, in one pass, as the narrow queries name them.
async function wideCounts(db: Db, index: number, stats: Record<string, unknown>) {
	const counts: Record<string, unknown> = {};
	const rows = await db.query<{ name: string; filled: number; screened: number }>(
		guardWideSql(index)
	);
	for (const r of rows) {
		const i = r.name.slice(1);
		stats[`f${i}`] = r.filled;
		counts[`sc${i}`] = r.screened;
	}
	return counts;
}

/** Blank out columns that hold identifiers, so the values are gone before anything loads. */
export async function dropIdentifierColumns(db: Db, file: PreparedFile): Promise<PreparedFile> {
	const indexes = [...new Set(file.identifiers.map((f) => f.index))];
	if (indexes.length === 0) return file;
	const set = indexes.map((i) => `${rawColumn(i)} = NULL`).join(', ');
	await db.exec(`UPDATE ${ident(rawNames(file.index).table).text} SET ${set}`);
	return {
		...file,
		preview: file.preview.map((row) => row.map((v, i) => (indexes.includes(i) ? '' : v))),
		filled: file.filled.map((n, i) => (indexes.includes(i) ? 0 : n)),
		mapping: {
			...file.mapping,
			columns: file.mapping.columns.map((c) =>
				indexes.includes(c.index) ? { ...c, target: { kind: 'ignore' } } : c
			)
		},
		dropped: file.identifiers,
		identifiers: []
	};
}

/** A name no other file has: two files with one name (from two folders) are told apart. */
export function uniqueName(name: string, files: { name: string }[]): string {
	let candidate = name;
	for (let n = 2; files.some((f) => f.name === candidate); n++) candidate = `${name} (${n})`;
	return candidate;
}

/** Whether a prepare result is a file that could not be read. */
export function isUnreadable(f: PreparedFile | UnreadableFile): f is UnreadableFile {
	return 'error' in f;
}
