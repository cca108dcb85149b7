// Whether a delimited file is plain enough for DuckDB to read as it is, and how many data records
// it holds, found in one pass over its UTF-8 bytes fed in pieces of any size: a quote, a CRLF or
// a BOM cut at a piece's edge is carried to the next, so a file of any size is counted without
// being held whole (issue 15). records.ts says what "plain" buys and what happens when it fails.
import { slackColumns } from './records.ts';

/** What one scan of a file found: plain enough for DuckDB as it is, and its data records. */
export interface Scan {
	/** No empty lines inside, one line ending, regular quotes, no line break in a quoted value. */
	plain: boolean;
	/** Non-empty lines after the header (whitespace-only lines included); 0 when not plain. */
	records: number;
}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
const notPlain: Scan = { plain: false, records: 0 };

/**
 * A scan fed piece by piece (`push`), answered by `finish`. Plain means: no empty line before the
 * last line with text (and none above the header), one kind of line ending (LF or CRLF, never a
 * lone CR), a quote only at a field's start and closed on its own line, nothing after a closing
 * quote but a delimiter or the line's end, and no record with more fields than the header's plus
 * the slack. It stops looking at the first thing that is not plain.
 */
export class RecordScanner {
	private readonly delim: number;
	/** The file's first bytes, kept until there are three (a BOM may be cut). */
	private head: Uint8Array | null = new Uint8Array(0);
	private stopped = false;
	private records = 0;
	private width = -1;
	private fields = 1;
	private lineEmpty = true;
	private blankPending = false;
	private lf = 0;
	private crlf = 0;
	private fieldStart = true;
	private afterQuote = false;
	private inQuote = false;
	/** Inside a quoted value, a quote was the piece's last byte: closing, or the first of `""`. */
	private quotePending = false;
	/** A CR was the last byte: the next must be LF. */
	private crPending = false;
	/** Whether the first line has shown a byte other than space or tab yet. */
	private started = false;

	constructor(delimiter: string) {
		this.delim = delimiter.charCodeAt(0);
	}

	/** Feed the next piece of the file. */
	push(piece: Uint8Array): void {
		if (this.stopped) return;
		let bytes = piece;
		let from = 0;
		if (this.head) {
			const joined = new Uint8Array(this.head.length + piece.length);
			joined.set(this.head);
			joined.set(piece, this.head.length);
			if (joined.length < 3) {
				this.head = joined;
				return;
			}
			this.head = null;
			bytes = joined;
			from = joined[0] === 0xef && joined[1] === 0xbb && joined[2] === 0xbf ? 3 : 0;
		}
		this.run(bytes, from);
	}

	/** The scan of everything pushed. */
	finish(): Scan {
		if (this.head) {
			// Under three bytes in all: too short to hold a BOM.
			const head = this.head;
			this.head = null;
			this.run(head, 0);
		}
		if (this.stopped || this.crPending) return notPlain;
		if (this.inQuote) {
			// A quote as the very last byte closes its value; anything else is left open.
			if (!this.quotePending) return notPlain;
			this.inQuote = false;
		}
		if (!this.lineEmpty && !this.endLine(false)) return notPlain;
		if (this.lf > 0 && this.crlf > 0) return notPlain;
		if (this.width < 0 || !this.started) return notPlain;
		return { plain: true, records: this.records };
	}

	// One record ends (or an empty line): false when that makes the file not plain.
	private endLine(empty: boolean): boolean {
		if (empty) {
			// An empty line: fine only at the end of the file (or before anything else is read).
			this.blankPending = true;
			return true;
		}
		if (this.blankPending) return false;
		if (this.width < 0) this.width = this.fields;
		else if (this.fields > this.width + slackColumns) return false;
		else this.records++;
		this.fields = 1;
		this.fieldStart = true;
		this.afterQuote = false;
		this.lineEmpty = true;
		return true;
	}

	/** Whether the file is already known not to be plain (the rest need not be pushed). */
	get failed(): boolean {
		return this.stopped;
	}

	private fail(): void {
		this.stopped = true;
	}

	// The hot loop: state lives in locals and is written back when the piece is done.
	private run(bytes: Uint8Array, from: number): void {
		const delim = this.delim;
		const n = bytes.length;
		let { fields, lineEmpty, fieldStart, afterQuote, inQuote, quotePending, crPending, started } =
			this;
		for (let i = from; i < n; i++) {
			let b = bytes[i];
			if (!inQuote && !crPending && !afterQuote && b > QUOTE && b !== delim) {
				// Most bytes are ordinary text: skip a run of them at once.
				do b = bytes[++i];
				while (i < n && b > QUOTE && b !== delim);
				fieldStart = false;
				lineEmpty = false;
				started = true;
				if (i >= n) break;
			}
			// A CR must be followed by LF; the pair ends the line below, counted as CRLF (a CR
			// is only pending outside quotes and once the first line has started).
			const afterCr = crPending;
			if (crPending) {
				if (b !== LF) return this.fail();
				crPending = false;
			}
			if (inQuote) {
				if (quotePending) {
					quotePending = false;
					// `""` is a quote inside the value; anything else follows the closing quote.
					if (b === QUOTE) continue;
					inQuote = false;
					fieldStart = false;
					afterQuote = true;
				} else {
					if (b === QUOTE) quotePending = true;
					else if (b === CR || b === LF) return this.fail();
					continue;
				}
			}
			if (!started) {
				// A first line of only spaces and tabs (or none) shifts every row number.
				if (b === LF || b === CR) return this.fail();
				if (b !== 0x20 && b !== 0x09) started = true;
			}
			if (b === QUOTE) {
				if (!fieldStart) return this.fail();
				inQuote = true;
				lineEmpty = false;
			} else if (b === delim) {
				fields++;
				fieldStart = true;
				afterQuote = false;
				lineEmpty = false;
			} else if (b === LF) {
				if (afterCr) this.crlf++;
				else this.lf++;
				this.fields = fields;
				if (!this.endLine(lineEmpty)) return this.fail();
				fields = 1;
				fieldStart = true;
				afterQuote = false;
				lineEmpty = true;
			} else if (b === CR) {
				crPending = true;
			} else {
				if (afterQuote) return this.fail();
				fieldStart = false;
				lineEmpty = false;
			}
		}
		Object.assign(this, {
			fields,
			lineEmpty,
			fieldStart,
			afterQuote,
			inQuote,
			quotePending,
			crPending,
			started
		});
	}
}

/** Scan a whole file held in memory (one piece). */
export function scanRecords(bytes: Uint8Array, delimiter: string): Scan {
	const scanner = new RecordScanner(delimiter);
	scanner.push(bytes);
	return scanner.finish();
}
