import { isOutOfMemory } from '../db/out-of-memory.ts';
import type { Db, FileSource } from '../db/types.ts';
import { literal } from '../db/sql.ts';
import { detectEncoding, decode, isDuckDbReadable, type Encoding } from './decode.ts';
import { passOf, type InputFile } from './input.ts';
import { detectTable } from './mapping.ts';
import type { PreparedFile } from './prepare.ts';
import { cleanHeaders, detectDelimiter, parseHead } from './sniff.ts';
import { dropRawSql, emptyRecordsSql, rawNames, stageRecordsSql, stageSql } from './stage.ts';
import { staging, type Staging } from './text-pass.ts';
import { readWorkbook, workbookProblem, type SheetText } from './xlsx.ts';

const headBytes = 1 << 20;
let nextIndex = 0;

/** What reading a file into its raw table gives: where it is and what its header says. */
export type Staged = Pick<
	PreparedFile,
	'index' | 'encoding' | 'delimiter' | 'sheet' | 'sheets' | 'headers' | 'preview' | 'numbered'
>;

/** Why a file is not read at all, in words for the user (the file's name goes in front). */
export class Refusal extends Error {}

async function stageText(
	db: Db,
	input: InputFile,
	onProgress: (percent: number) => void
): Promise<Staged | { error: string }> {
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
	const binary = binaryKind(head, encoding);
	if (binary) return { error: binary };
	const text = decode(head, encoding);
	if (!/\S/.test(text.replace(/^\ufeff/, ''))) {
		return { error: 'holds no text, only blank lines or spaces. Export the data again' };
	}
	// Line endings are made one kind for guessing only, so a mixed file is guessed like any other.
	const delimiter = detectDelimiter(text.replace(/\r\n?/g, '\n'));
	const index = nextIndex++;
	const fileName = `sp_input_${index}.csv`;
	// One pass in slices (in a worker in the browser) decodes a file that is not UTF-8 and scans
	// it. A plain file goes to DuckDB (the file itself when UTF-8, else its UTF-8 text), as long as
	// DuckDB counts its rows as the scan does; anything else is split in the pass, with every line
	// counted and numbered as a spreadsheet does. No file is held whole unless it must be split.
	const pass = passOf(input);
	// What DuckDB reads when the file is plain: its header, from the head read above.
	const headRecords = parseHead(text, delimiter, input.size <= headBytes);
	const plainHeaders = cleanHeaders(headRecords[0]);
	const readPlain = async (source: FileSource) => {
		const path = await db.registerFile(fileName, source);
		return db
			.exec(stageSql(index, path, delimiter, plainHeaders.length))
			.then(() => counts(db, index))
			.catch((e) => {
				// Out of memory is not a file DuckDB cannot read: it must not send it to be split.
				if (isOutOfMemory(e)) throw e;
				return undefined;
			});
	};
	// A file DuckDB reads as it is (UTF-8) is read while the pass scans it, each on a core of its
	// own (the pass in its worker, DuckDB in its own), and kept only if the pass finds it plain.
	const early = isDuckDbReadable(encoding) ? settled(readPlain(input.source)) : undefined;
	// Whatever DuckDB made of a file that is not plain, or whose pass failed (even running out of
	// memory), is set aside: its table is dropped once the read has ended.
	const setAside = async () => {
		if (!early) return;
		await early;
		await db.exec(dropRawSql(index));
	};
	let result = await pass({ encoding, delimiter, split: false }, onProgress).catch(
		async (e: unknown) => {
			await setAside().catch(() => {});
			throw e;
		}
	);
	if (result.kind !== 'plain') await setAside();
	if (result.kind === 'plain') {
		const read = early
			? unsettled(await early)
			: await readPlain(result.utf8 ? { kind: 'blob', blob: result.utf8 } : input.source);
		if (read && read.unreadable === 0 && read.rows === result.records) {
			return {
				index,
				encoding,
				delimiter,
				sheet: null,
				sheets: [],
				headers: plainHeaders,
				numbered: false,
				preview: headRecords.slice(1, 6)
			};
		}
		await db.exec(dropRawSql(index));
		result = await pass({ encoding, delimiter, split: true }, onProgress);
	}
	if (result.kind === 'refused') return { error: result.error };
	if (result.kind !== 'split') throw new Error(`a split pass gave ${result.kind}`);
	const headers = cleanHeaders(result.header);
	// A name of its own: the file may already be registered for the plain read above.
	await stageRecords(db, index, `sp_rows_${index}.csv`, result, headers.length);
	return {
		index,
		encoding,
		delimiter,
		sheet: null,
		sheets: [],
		headers,
		numbered: true,
		preview: result.preview
	};
}

type Settled<T> = { value: T } | { error: unknown };

// A promise that never rejects (so a failure while nothing waits on it is not unhandled)...
const settled = <T>(p: Promise<T>): Promise<Settled<T>> =>
	p.then(
		(value) => ({ value }),
		(error: unknown) => ({ error })
	);

// ...and its outcome again as a value or a throw.
function unsettled<T>(s: Settled<T>): T {
	if ('error' in s) throw s.error;
	return s.value;
}

async function counts(db: Db, index: number) {
	const names = rawNames(index);
	const [row] = await db.query<{ rows: number; unreadable: number }>(
		`SELECT (SELECT count(*)::INTEGER FROM "${names.table}") AS rows, (SELECT count(*)::INTEGER FROM "${names.rejects}") AS unreadable`
	);
	return row;
}

// Split records into the raw table (with their row numbers), and the lines that could not be
// read into its rejects table; then check that DuckDB read every record written.
async function stageRecords(
	db: Db,
	index: number,
	fileName: string,
	{ rows, csv, unreadable }: Staging,
	width: number
): Promise<void> {
	if (csv === null) await db.exec(emptyRecordsSql(index, width));
	else {
		const path = await db.registerFile(fileName, { kind: 'blob', blob: csv });
		await db.exec(stageRecordsSql(index, path, width));
	}
	for (let i = 0; i < unreadable.length; i += 1000) {
		const values = unreadable.slice(i, i + 1000).map(({ row, text, reason }) => {
			return `(${row}, NULL, ${literal(text).text}, 'UNREADABLE', ${literal(reason).text})`;
		});
		await db.exec(`INSERT INTO "${rawNames(index).rejects}" VALUES ${values.join(', ')}`);
	}
	const read = await counts(db, index);
	if (read.rows + read.unreadable !== rows) {
		throw new Refusal(`${rows} rows were found but ${read.rows + read.unreadable} read`);
	}
}

// Files that are not text at all: a workbook, PDF or image renamed .csv, or binary data.
const signatures: [number[], string][] = [
	[
		[0x50, 0x4b, 0x03, 0x04],
		'a zip file (an Excel workbook saved as .csv?): save it as .xlsx or export it as CSV'
	],
	[[0xd0, 0xcf, 0x11, 0xe0], 'an old Excel (.xls) or Office file: save it as .xlsx or CSV'],
	[[0x25, 0x50, 0x44, 0x46], 'a PDF: export the data as CSV instead'],
	[[0x89, 0x50, 0x4e, 0x47], 'a PNG image, not data'],
	[[0xff, 0xd8, 0xff], 'a JPEG image, not data']
];

/** Why the start of a file is not text, or undefined when it is. */
export function binaryKind(head: Uint8Array, encoding: Encoding): string | undefined {
	for (const [magic, what] of signatures) {
		if (magic.every((b, i) => head[i] === b)) return `is ${what}`;
	}
	if (encoding === 'utf-16le' || encoding === 'utf-16be') return undefined;
	const sample = head.subarray(0, 65536);
	let control = 0;
	for (const b of sample) {
		if (b < 0x20 ? b !== 0x09 && b !== 0x0a && b !== 0x0d : b === 0x7f) control++;
	}
	return control > sample.length * 0.05
		? 'is not a text export: it holds binary data. Export the data again as CSV'
		: undefined;
}

async function stageWorkbook(
	db: Db,
	input: InputFile,
	wanted?: string
): Promise<Staged | { error: string }> {
	const bytes = await input.read();
	const problem = workbookProblem(bytes);
	if (problem) return { error: problem };
	const sheets = (await readWorkbook(bytes)).filter((s) => s.rows.length > 0);
	if (sheets.length === 0) return { error: 'the workbook has no sheet with data' };
	const sheet = wanted ? sheets.find((s) => s.name === wanted) : bestSheet(sheets);
	if (!sheet) return { error: `no sheet named "${wanted}"` };
	const headers = cleanHeaders(sheet.rows[0]);
	const index = nextIndex++;
	// Row numbers are the sheet's: the header is row 1, blank rows inside keep their place.
	const rows = sheet.rows.slice(1).map((fields, i) => ({ row: i + 2, fields }));
	await stageRecords(
		db,
		index,
		`sp_input_${index}.csv`,
		staging(rows, headers.length),
		headers.length
	);
	return {
		index,
		encoding: 'xlsx',
		delimiter: null,
		sheet: sheet.name,
		sheets: sheets.map((s) => s.name),
		headers,
		numbered: true,
		preview: sheet.rows.slice(1, 6)
	};
}

// The sheet whose header row the contract recognises best; the user can pick another.
function bestSheet(sheets: SheetText[]): SheetText {
	const score = (s: SheetText) => {
		const { recognised } = detectTable(s.rows[0]);
		return (recognised ? 1000 : 0) + s.rows[0].length;
	};
	return sheets.reduce((best, s) => (score(s) > score(best) ? s : best));
}

/** Read a text export or a workbook sheet into a new raw table of text. */
export async function stageInput(
	db: Db,
	input: InputFile,
	kind: 'text' | 'xlsx',
	sheet?: string,
	onProgress: (percent: number) => void = () => {}
): Promise<Staged | { error: string }> {
	return kind === 'xlsx' ? stageWorkbook(db, input, sheet) : stageText(db, input, onProgress);
}
