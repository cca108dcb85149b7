import type { Profile } from '../contract/profile.ts';
import type { Db } from '../db/types.ts';
import { detectEncoding, decode, isDuckDbReadable, type Encoding } from './decode.ts';
import { findings, guardColumnSql, guardSql, type IdentifierFinding } from './guard.ts';
import { fileKind, type InputFile } from './input.ts';
import { detectTable, mapHeaders, type Mapping } from './mapping.ts';
import { cleanHeaders, detectDelimiter, parseHead, type Delimiter } from './sniff.ts';
import { rawColumn, rawNames, rawStatsSql, stageSql } from './stage.ts';
import { readWorkbook, toCsv, type SheetText } from './xlsx.ts';
import { ident } from '../db/sql.ts';

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

const headBytes = 1 << 20;
let nextIndex = 0;

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
	if (kind === 'unsupported') return { name, error: `${name}: not a CSV, TSV, TXT or XLSX file` };
	if (input.size === 0) return { name, error: `${name}: the file is empty` };
	try {
		step(`Reading ${name} (${megabytes(input.size)})`);
		const staged =
			kind === 'xlsx' ? await stageWorkbook(db, input, options.sheet) : await stageText(db, input);
		if ('error' in staged) return { name, error: `${name}: ${staged.error}` };
		const { index, headers } = staged;
		const [stats] = await db.query(rawStatsSql(index, headers.length));
		step(`Checking ${name} for direct identifiers`);
		const [counts] = await db.query(guardSql(index, headers.length));
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
			filled: headers.map((_, i) => Number(stats[`f${i}`])),
			mapping: { table, columns: mapHeaders(table, headers, options.profile) },
			recognised,
			identifiers,
			dropped: []
		};
	} catch (e) {
		return { name, error: `${name}: could not be read (${(e as Error).message})` };
	}
}

type Staged = Pick<
	PreparedFile,
	'index' | 'encoding' | 'delimiter' | 'sheet' | 'sheets' | 'headers' | 'preview'
>;

async function stageText(db: Db, input: InputFile): Promise<Staged | { error: string }> {
	const head = await input.read(0, Math.min(input.size, headBytes));
	let encoding: Encoding = detectEncoding(head, input.size <= headBytes);
	// A Windows-1252 byte can first appear late in a file: check its end too.
	if (encoding === 'utf-8' && input.size > headBytes) {
		const tail = await input.read(Math.max(headBytes, input.size - headBytes), input.size);
		if (
			detectEncoding(tail.subarray(tail.findIndex((b) => b < 0x80 || b >= 0xc0)), true) ===
			'windows-1252'
		) {
			encoding = 'windows-1252';
		}
	}
	const text = decode(head, encoding);
	const delimiter = detectDelimiter(text);
	const records = parseHead(text, delimiter, input.size <= headBytes);
	if (records.length === 0) return { error: 'no header row found' };
	const headers = cleanHeaders(records[0]);
	const index = nextIndex++;
	const fileName = `sp_input_${index}.csv`;
	// DuckDB reads UTF-8 files as they are. Other encodings, and the rare file with blank lines
	// above its header (DuckDB's skip counts them unevenly), are rewritten as UTF-8 text first.
	const leading = /^(?:[ \t]*\r?\n)+/;
	const path =
		isDuckDbReadable(encoding) && !leading.test(text.replace(/^\ufeff/, ''))
			? await db.registerFile(fileName, input.source)
			: await db.registerBytes(
					fileName,
					new TextEncoder().encode(
						decode(await input.read(), encoding)
							.replace(/^\ufeff/, '')
							.replace(leading, '')
					)
				);
	await stage(db, index, path, delimiter, headers.length);
	return {
		index,
		encoding,
		delimiter,
		sheet: null,
		sheets: [],
		headers,
		preview: records.slice(1, 6)
	};
}

async function stageWorkbook(
	db: Db,
	input: InputFile,
	wanted?: string
): Promise<Staged | { error: string }> {
	const sheets = (await readWorkbook(await input.read())).filter((s) => s.rows.length > 0);
	if (sheets.length === 0) return { error: 'the workbook has no sheet with data' };
	const sheet = wanted ? sheets.find((s) => s.name === wanted) : bestSheet(sheets);
	if (!sheet) return { error: `no sheet named "${wanted}"` };
	const headers = cleanHeaders(sheet.rows[0]);
	const index = nextIndex++;
	const path = await db.registerBytes(`sp_input_${index}.csv`, toCsv(sheet.rows));
	await stage(db, index, path, ',', headers.length);
	return {
		index,
		encoding: 'xlsx',
		delimiter: null,
		sheet: sheet.name,
		sheets: sheets.map((s) => s.name),
		headers,
		preview: sheet.rows.slice(1, 6)
	};
}

// DuckDB's parallel reader refuses padded rows with a quoted line break (duckdb/duckdb#19012) and
// says to use parallel=false. The serial reader is kept for those files only: it loses the rows after
// an unterminated quote without a word, where the parallel one rejects them.
async function stage(db: Db, index: number, path: string, delimiter: Delimiter, width: number) {
	try {
		await db.exec(stageSql(index, path, delimiter, width));
	} catch (e) {
		if (!/parallel\s*=\s*false/.test((e as Error).message)) throw e;
		await db.exec(stageSql(index, path, delimiter, width, false));
	}
}

// The sheet whose header row the contract recognises best; the user can pick another.
function bestSheet(sheets: SheetText[]): SheetText {
	const score = (s: SheetText) => {
		const { recognised } = detectTable(s.rows[0]);
		return (recognised ? 1000 : 0) + s.rows[0].length;
	};
	return sheets.reduce((best, s) => (score(s) > score(best) ? s : best));
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

function megabytes(bytes: number): string {
	return bytes < 1e6
		? `${Math.max(1, Math.round(bytes / 1e3))} KB`
		: `${(bytes / 1e6).toFixed(1)} MB`;
}

/** Whether a prepare result is a file that could not be read. */
export function isUnreadable(f: PreparedFile | UnreadableFile): f is UnreadableFile {
	return 'error' in f;
}
