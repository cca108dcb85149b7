// One export table as a Parquet file, written in JS (hyparquet-writer) from a streamed scan, for
// the browser: duckdb-wasm 1.32 cannot COPY to Parquet without its parquet extension, which it
// would fetch from DuckDB's site. The column types are stored as DuckDB's own Parquet writer
// stores them (what `sp-impact export --format parquet` gives), so both read back the same.
import { ByteWriter, ParquetWriter, type ColumnSource, type SchemaElement } from 'hyparquet-writer';

type DecodedArray = ColumnSource['data'];
import type { Db } from '../db/types.ts';
import { ident } from '../db/sql.ts';

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
function enumsAsText(select: string, columns: ColumnType[]): string {
	if (!columns.some((c) => c.type.includes('ENUM('))) return select;
	const list = columns.map(({ name, type }) => {
		const id = ident(name).text;
		return type.includes('ENUM(') ? `${id}::${type.replace(/ENUM\(.*\)/, 'VARCHAR')} AS ${id}` : id;
	});
	return `SELECT ${list.join(', ')} FROM (${select})`;
}

/**
 * Write the result of `select` as one Parquet file, a row group at a time. Each piece of the file
 * goes to `emit` as soon as it is written (a copy the caller keeps), so a table's values are never
 * all in memory at once: only the zip's compressed bytes grow.
 */
export async function writeParquet(
	db: Db,
	select: string,
	columns: ColumnType[],
	emit: (bytes: Uint8Array) => void,
	groupRows = rowGroupRows
): Promise<void> {
	const out = new PassingWriter(emit);
	const writer = new ParquetWriter({
		writer: out,
		schema: parquetSchema(columns),
		createdBy: 'sp-impact (hyparquet-writer)'
	});
	const convert = columns.map((c) => storedValue(c.type));
	// duckdb-wasm's streamed Arrow batches come without their ENUM dictionaries (every value reads
	// as null), so ENUMs are cast to text in SQL, which is how DuckDB's own writer stores them.
	await db.scan(enumsAsText(select, columns), groupRows, async (batch) => {
		if (batch.names.join() !== columns.map((c) => c.name).join())
			throw new Error(`columns differ from the schema: ${batch.names.join(', ')}`);
		const columnData = columns.map(({ name }, c) => ({
			name,
			data: batch.columns[c].map(convert[c]) as DecodedArray
		}));
		// One batch, one row group (the writer would split it at 1,000 rows first otherwise).
		await writer.write({ columnData, rowGroupSize: batch.rows });
	});
	await writer.finish();
	out.flush();
}
