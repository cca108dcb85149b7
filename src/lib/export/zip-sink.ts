// Where the export's zip is put together: in this thread (Node, tests) or in a Web Worker (the
// browser, export/zip-worker.ts), so the page never encodes Parquet or deflates CSV itself.
// Both take the same calls from exportZip (export/zip.ts) and give the same parts.
import { strToU8, Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { ArrowTable, rowGroupRows, type ColumnType } from './parquet.ts';

/** The zip being written: tables from their Arrow IPC pieces, and whole files. */
export interface ZipSink {
	/** Start `file`, a Parquet table with `columns`; `onRows` hears the rows done so far. */
	table(file: string, columns: ColumnType[], onRows?: (rows: number) => void): void;
	/** One piece of the table's Arrow IPC stream (the schema first). May take the bytes over. */
	piece(bytes: Uint8Array): Promise<void> | void;
	/** The table is complete: write its last row group and footer. */
	endTable(): Promise<void> | void;
	/** A whole file: deflated (CSV, JSON) or stored as it is (Parquet, compressed already). */
	file(name: string, bytes: Uint8Array, deflate: boolean): void;
	/** Close the zip; its parts, in order, for `new Blob(parts)`. */
	end(): Promise<Uint8Array[]>;
	/** Give up (the export failed): free what the sink holds. */
	abort?(): void;
}

/** The zip written in this thread; `onPart` takes each part as it is written (default: kept). */
export class ZipAssembler implements ZipSink {
	private readonly parts: Uint8Array[] = [];
	private failed: Error | null = null;
	private readonly zip: Zip;
	private current: {
		entry: ZipPassThrough;
		table: ArrowTable;
		onRows?: (n: number) => void;
	} | null = null;

	constructor(
		onPart?: (bytes: Uint8Array) => void,
		private readonly groupRows = rowGroupRows
	) {
		const take = onPart ?? ((bytes: Uint8Array) => this.parts.push(bytes));
		this.zip = new Zip((error, part) => (error ? (this.failed = error) : take(part)));
	}

	table(file: string, columns: ColumnType[], onRows?: (rows: number) => void) {
		// Parquet pages are compressed already: stored as they are.
		const entry = new ZipPassThrough(file);
		this.zip.add(entry);
		const table = new ArrowTable(columns, (bytes) => entry.push(bytes), this.groupRows);
		this.current = { entry, table, onRows };
	}

	piece(bytes: Uint8Array) {
		const c = this.current!;
		c.table.push(bytes);
		c.onRows?.(c.table.progress);
	}

	endTable() {
		const c = this.current!;
		c.table.end();
		c.entry.push(new Uint8Array(0), true);
		c.onRows?.(c.table.rows);
		this.current = null;
	}

	file(name: string, bytes: Uint8Array, deflate: boolean) {
		const entry = deflate ? new ZipDeflate(name, { level: 6 }) : new ZipPassThrough(name);
		this.zip.add(entry);
		entry.push(bytes, true);
	}

	/** Closes the zip; throws what fflate reported, if anything. */
	async end() {
		this.zip.end();
		if (this.failed) throw this.failed;
		return this.parts;
	}
}

/** JSON as a file's bytes. */
export const jsonBytes = (value: unknown) => strToU8(JSON.stringify(value, null, 2) + '\n');
