// One pass over a text export in slices: decode (when it is not UTF-8), re-encode as UTF-8, scan,
// and, for a file DuckDB cannot read as it is, split it into records. The one definition of the
// work; two drivers run it: a Web Worker in the browser (text-worker.ts), so a 200 MB file never
// freezes the page, and the CLI and tests in-process (issue 15).
import { isDuckDbReadable, pieceDecoder, type Encoding } from './decode.ts';
import { plainCsv, splitRecords, type RecordRow } from './records.ts';
import { RecordScanner } from './scan.ts';
import type { Delimiter } from './sniff.ts';

/** Bytes read, decoded and scanned at a time. */
export const sliceBytes = 1 << 22;

/**
 * The largest file split in JavaScript: its whole text is held as one string, and V8's longest
 * string is 2^29 − 24 characters (a byte is at most one character). A plain file has no limit.
 */
export const maxSplitBytes = 2 ** 29 - 24;

/** What to do: the file's encoding and delimiter; `split` skips the scan and splits at once. */
export interface PassRequest {
	encoding: Encoding;
	delimiter: Delimiter;
	split: boolean;
}

/** A line that could not be read as a record: its row number, its text and why. */
export type Unreadable = { row: number; text: string; reason: string };

/** Records split in JavaScript, ready for DuckDB: `plainCsv` text and the unreadable lines. */
export interface Staging {
	/** Records and unreadable lines in all. */
	rows: number;
	/** The `plainCsv` of the readable records, or null when there are none. */
	csv: Blob | null;
	unreadable: Unreadable[];
}

/** What a pass found. */
export type TextPass =
	/** Plain: DuckDB reads `utf8` (or the file itself when null, as it is UTF-8 already). */
	| { kind: 'plain'; records: number; utf8: Blob | null }
	| ({ kind: 'split'; header: string[]; preview: string[][] } & Staging)
	| { kind: 'refused'; error: string };

/** Bytes from start (inclusive) to end (exclusive). */
export type ByteReader = (start: number, end: number) => Promise<Uint8Array>;

/** How an input runs a pass: in a worker (browser) or here (Node). */
export type PassDriver = (
	request: PassRequest,
	onProgress: (percent: number) => void
) => Promise<TextPass>;

/** Run a pass in this thread: the driver of the CLI and the tests, and the worker's body. */
export async function readText(
	read: ByteReader,
	size: number,
	request: PassRequest,
	onProgress: (percent: number) => void = () => {}
): Promise<TextPass> {
	const { encoding, delimiter } = request;
	const readable = isDuckDbReadable(encoding);
	let utf8Parts: Uint8Array[] | undefined;
	if (!request.split) {
		const scanner = new RecordScanner(delimiter);
		const decodePiece = readable ? undefined : pieceDecoder(encoding);
		const encoder = new TextEncoder();
		const parts: Uint8Array<ArrayBuffer>[] = [];
		for (let at = 0; at < size; at += sliceBytes) {
			const end = Math.min(size, at + sliceBytes);
			const bytes = await read(at, end);
			const utf8 = decodePiece && encoder.encode(decodePiece(bytes, end === size));
			scanner.push(utf8 || bytes);
			if (utf8) parts.push(utf8);
			onProgress(Math.round((end / size) * 100));
			// A UTF-8 file found not plain is read again whole for the split: stop here.
			if (readable && scanner.failed) break;
		}
		const scan = scanner.finish();
		if (scan.plain) {
			return { kind: 'plain', records: scan.records, utf8: decodePiece ? new Blob(parts) : null };
		}
		if (!readable) utf8Parts = parts;
	}
	if (size > maxSplitBytes) {
		return {
			kind: 'refused',
			error: `is ${(size / 2 ** 30).toFixed(1)} GiB and not a plain CSV (it has blank lines, mixed line endings or line breaks inside quotes), and such a file can be read only up to 512 MiB. Open it in a spreadsheet and save it again as CSV, or export it in parts (by year, say) and load the parts together`
		};
	}
	const { text, badBytes } = utf8Parts
		? { text: joinUtf8(utf8Parts), badBytes: false }
		: await readWhole(read, size, encoding, onProgress);
	return splitText(text, delimiter, badBytes);
}

// The whole text of a file, decoded in slices; for UTF-8, whether any bytes were not UTF-8.
async function readWhole(
	read: ByteReader,
	size: number,
	encoding: Encoding,
	onProgress: (percent: number) => void
): Promise<{ text: string; badBytes: boolean }> {
	const decodePiece = pieceDecoder(encoding);
	const strict = isDuckDbReadable(encoding) ? new TextDecoder('utf-8', { fatal: true }) : null;
	let badBytes = false;
	const pieces: string[] = [];
	for (let at = 0; at < size || at === 0; at += sliceBytes) {
		const end = Math.min(size, at + sliceBytes);
		const bytes = await read(at, end);
		pieces.push(decodePiece(bytes, end === size));
		if (strict && !badBytes) {
			try {
				strict.decode(bytes, { stream: end < size });
			} catch {
				badBytes = true;
			}
		}
		onProgress(Math.round((end / Math.max(size, 1)) * 100));
		if (end === size) break;
	}
	return { text: pieces.join(''), badBytes };
}

const joinUtf8 = (parts: Uint8Array[]) => {
	const decoder = new TextDecoder();
	return parts.map((p) => decoder.decode(p, { stream: true })).join('') + decoder.decode();
};

/** Split a file's text into records, as a spreadsheet reads it, ready for DuckDB. */
export function splitText(text: string, delimiter: Delimiter, badBytes = false): TextPass {
	const split = splitRecords(text, delimiter);
	if (!split) {
		return {
			kind: 'refused',
			error:
				'its header row opens a quote that is never closed, so its columns cannot be told apart. Open it in a spreadsheet, check the header row and save it again as CSV'
		};
	}
	// Bytes that are not UTF-8 in a file that began as UTF-8: those rows are refused, not mangled.
	const rows = badBytes ? split.rows.map(refuseReplaced) : split.rows;
	return {
		kind: 'split',
		header: split.header,
		preview: rows.flatMap((r) => ('fields' in r ? [r.fields] : [])).slice(0, 5),
		...staging(rows, split.header.length)
	};
}

/** Records as DuckDB reads them: `plainCsv` in pieces (no one giant string), and the rest. */
export function staging(rows: RecordRow[], width: number): Staging {
	const encoder = new TextEncoder();
	const parts: Uint8Array<ArrayBuffer>[] = [];
	const batch = 50_000;
	for (let i = 0; i < rows.length; i += batch) {
		const csv = plainCsv(rows.slice(i, i + batch), width);
		if (csv !== '') parts.push(encoder.encode(csv));
	}
	const unreadable = rows.flatMap((r) => ('fields' in r ? [] : [r]));
	return { rows: rows.length, csv: parts.length ? new Blob(parts) : null, unreadable };
}

function refuseReplaced(r: RecordRow): RecordRow {
	if (!('fields' in r) || !r.fields.some((f) => f.includes('\ufffd'))) return r;
	return {
		row: r.row,
		text: r.fields.join(','),
		reason: 'holds bytes that are not UTF-8 text (the file mixes encodings: save it again as UTF-8)'
	};
}
