// One export table as a Parquet file, written in JS (hyparquet-writer) from a streamed scan, for
// the browser: duckdb-wasm 1.32 cannot COPY to Parquet without its parquet extension, which it
// would fetch from DuckDB's site. The column types are stored as DuckDB's own Parquet writer
// stores them (what `sp-impact export --format parquet` gives), so both read back the same.
import { ByteWriter, ParquetWriter, type ColumnSource, type SchemaElement } from 'hyparquet-writer';

import { RecordBatchReader, type RecordBatch } from 'apache-arrow';
import type { Db } from '../db/types.ts';
import { storedColumn } from './arrow-values.ts';
import { ident } from '../db/sql.ts';

type DecodedArray = ColumnSource['data'];

/**
 * Rows per row group (rounded up to DuckDB's 2,048-row vectors): one group's values are all the JS
 * heap holds of a table at a time.
 */
export const rowGroupRows = 100_000;

type Leaf = Pick<SchemaElement, 'type' | 'converted_type'>;

// DuckDB 1.4's Parquet types for the column types the export holds (its parquet_schema()).
const leaves: Record<string, Leaf> = {
	VARCHAR: { type: 'BYTE_ARRAY', converted_type: 'UTF8' },
	DATE: { type: 'INT32', converted_type: 'DATE' },
	TINYINT: { type: 'INT32', converted_type: 'INT_8' },
	SMALLINT: { type: 'INT32', converted_type: 'INT_16' },
	INTEGER: { type: 'INT32', converted_type: 'INT_32' },
	BIGINT: { type: 'INT64', converted_type: 'INT_64' },
	DOUBLE: { type: 'DOUBLE' },
	FLOAT: { type: 'FLOAT' },
	BOOLEAN: { type: 'BOOLEAN' }
};

/** A column as DESCRIBE gives it (the manifest's `columns`). */
export interface ColumnType {
	name: string;
	type: string;
}

function leafOf(type: string): Leaf {
	// Coded columns and any other ENUM are stored as their text, as DuckDB does.
	const leaf = type.startsWith('ENUM(') ? leaves.VARCHAR : leaves[type];
	if (!leaf) throw new Error(`invalid export column type: ${type}`);
	return leaf;
}

/** The Parquet schema of a table: every column OPTIONAL (nulls kept), lists as 3-level LISTs. */
export function parquetSchema(columns: ColumnType[]): SchemaElement[] {
	const schema: SchemaElement[] = [{ name: 'duckdb_schema', num_children: columns.length }];
	for (const { name, type } of columns) {
		if (type.endsWith('[]')) {
			schema.push(
				{ name, repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
				{ name: 'list', repetition_type: 'REPEATED', num_children: 1 },
				{ name: 'element', repetition_type: 'OPTIONAL', ...leafOf(type.slice(0, -2)) }
			);
		} else schema.push({ name, repetition_type: 'OPTIONAL', ...leafOf(type) });
	}
	return schema;
}

// hyparquet-writer calls flush() after each row group: pass the bytes on and reuse the buffer.
class PassingWriter extends ByteWriter {
	constructor(private readonly emit: (bytes: Uint8Array) => void) {
		super();
	}
	flush() {
		this.emit(this.getBytes().slice());
		this.index = 0;
	}
}

/** A plain value (as `Db.query` gives it) as the writer stores it: dates in days, INT64 as bigint. */
function storedValue(type: string): (v: unknown) => unknown {
	if (type.endsWith('[]')) {
		const inner = storedValue(type.slice(0, -2));
		return (v) => (v == null ? null : (v as unknown[]).map(inner));
	}
	if (type === 'DATE') return (v) => (v == null ? null : Date.parse(v as string) / 86_400_000);
	if (type === 'BIGINT') return (v) => (v == null ? null : BigInt(v as number));
	return (v) => v ?? null;
}

/** `select` with its ENUM columns read as text (their type's ENUM(...) as VARCHAR). */
export function enumsAsText(select: string, columns: ColumnType[]): string {
	if (!columns.some((c) => c.type.includes('ENUM('))) return select;
	const list = columns.map(({ name, type }) => {
		const id = ident(name).text;
		return type.includes('ENUM(') ? `${id}::${type.replace(/ENUM\(.*\)/, 'VARCHAR')} AS ${id}` : id;
	});
	return `SELECT ${list.join(', ')} FROM (${select})`;
}

/** A Parquet file written a row group at a time; each piece goes to `emit` as it is written. */
export function parquetFile(columns: ColumnType[], emit: (bytes: Uint8Array) => void) {
	const out = new PassingWriter(emit);
	const writer = new ParquetWriter({
		writer: out,
		schema: parquetSchema(columns),
		createdBy: 'sp-impact (hyparquet-writer)'
	});
	return {
		/** One row group: one array of stored values per column, in the schema's order. */
		group(values: unknown[][], rows: number) {
			const columnData = columns.map(({ name }, c) => ({
				name,
				data: values[c] as DecodedArray
			}));
			// One batch, one row group (the writer would split it at 1,000 rows first otherwise).
			writer.write({ columnData, rowGroupSize: rows });
		},
		finish() {
			writer.finish();
			out.flush();
		}
	};
}

/**
 * Write the result of `select` as one Parquet file, a row group at a time. Each piece of the file
 * goes to `emit` as soon as it is written (a copy the caller keeps), so a table's values are never
 * all in memory at once: only the zip's compressed bytes grow. duckdb-wasm hands over Arrow (read
 * directly, export/arrow-values.ts); native DuckDB plain values.
 */
export async function writeParquet(
	db: Db,
	select: string,
	columns: ColumnType[],
	emit: (bytes: Uint8Array) => void,
	groupRows = rowGroupRows
): Promise<void> {
	const sql = enumsAsText(select, columns);
	if (db.scanIpc) {
		const table = new ArrowTable(columns, emit, groupRows);
		await db.scanIpc(sql, (bytes) => table.push(bytes));
		table.end();
		return;
	}
	const file = parquetFile(columns, emit);
	const convert = columns.map((c) => storedValue(c.type));
	// duckdb-wasm's streamed Arrow batches come without their ENUM dictionaries (every value reads
	// as null), so ENUMs are cast to text in SQL, which is how DuckDB's own writer stores them.
	await db.scan(sql, groupRows, async (batch) => {
		checkNames(batch.names, columns);
		file.group(
			batch.columns.map((values, c) => values.map(convert[c])),
			batch.rows
		);
	});
	file.finish();
}

function checkNames(names: string[], columns: ColumnType[]) {
	if (names.join() !== columns.map((c) => c.name).join())
		throw new Error(`columns differ from the schema: ${names.join(', ')}`);
}

/**
 * A table's Parquet file from the Arrow IPC stream of its result (the schema, then record batches
 * of DuckDB's 2,048-row vectors), fed a piece at a time: a row group is written each time
 * `groupRows` rows are held. Runs wherever the bytes are: the export worker, or in-process.
 */
export class ArrowTable {
	private readonly file: ReturnType<typeof parquetFile>;
	private header: Uint8Array | null = null;
	private held: RecordBatch[] = [];
	private heldRows = 0;
	/** Rows written so far. */
	rows = 0;
	/** Rows received so far (written, or held for the next row group). */
	received = 0;

	/**
	 * How many rows are done, for a progress bar: reading a row and encoding it count a half each,
	 * so a table of one row group (100k rows) moves as its pieces arrive, not 0% then 100%.
	 */
	get progress() {
		return Math.floor((this.received + this.rows) / 2);
	}

	constructor(
		private readonly columns: ColumnType[],
		emit: (bytes: Uint8Array) => void,
		private readonly groupRows = rowGroupRows
	) {
		this.file = parquetFile(columns, emit);
	}

	/** One piece of the stream; returns true when it completed a row group. */
	push(bytes: Uint8Array): boolean {
		if (!this.header) {
			this.header = bytes;
			return false;
		}
		for (const batch of RecordBatchReader.from([this.header, bytes])) {
			this.held.push(batch);
			this.heldRows += batch.numRows;
			this.received += batch.numRows;
		}
		if (this.heldRows < this.groupRows) return false;
		this.flush();
		return true;
	}

	/** Write what is held, and the file's footer. */
	end() {
		this.flush();
		this.file.finish();
	}

	private flush() {
		if (this.heldRows === 0) return;
		checkNames(
			this.held[0].schema.fields.map((f) => f.name),
			this.columns
		);
		const values = this.columns.map(({ type }, c) =>
			storedColumn(
				this.held.map((b) => b.data.children[c]),
				type
			)
		);
		this.file.group(values, this.heldRows);
		this.rows += this.heldRows;
		this.held = [];
		this.heldRows = 0;
	}
}
