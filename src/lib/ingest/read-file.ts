import type { Db } from '../db/types.ts';
import { detectEncoding, decode, isDuckDbReadable, type Encoding } from './decode.ts';
import type { InputFile } from './input.ts';
import { detectTable } from './mapping.ts';
import type { PreparedFile } from './prepare.ts';
import { cleanHeaders, detectDelimiter, parseHead, type Delimiter } from './sniff.ts';
import { stageSql } from './stage.ts';
import { readWorkbook, toCsv, type SheetText } from './xlsx.ts';

const headBytes = 1 << 20;
let nextIndex = 0;

/** What reading a file into its raw table gives: where it is and what its header says. */
export type Staged = Pick<
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

/** Read a text export or a workbook sheet into a new raw table of text. */
export async function stageInput(
	db: Db,
	input: InputFile,
	kind: 'text' | 'xlsx',
	sheet?: string
): Promise<Staged | { error: string }> {
	return kind === 'xlsx' ? stageWorkbook(db, input, sheet) : stageText(db, input);
}
