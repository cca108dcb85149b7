import { DataType, Precision, Type, type Data, type Table, type Vector } from 'apache-arrow';
import type { Row } from './types.ts';
import { formatEpochDay, formatEpochMs, toNumber } from './values.ts';

/** What `toRows` and `toColumns` read: an Arrow table or one record batch of it. */
type ArrowResult = Pick<Table, 'schema' | 'numRows' | 'getChildAt'>;

/** Arrow results (duckdb-wasm) to the same plain rows the native client gives. */
export function toRows(table: ArrowResult): Row[] {
	const { names, columns } = toColumns(table);
	const rows: Row[] = new Array(table.numRows);
	// Row by row: filling every row one column at a time is three times slower in V8.
	for (let r = 0; r < table.numRows; r++) {
		const row: Row = {};
		for (let c = 0; c < names.length; c++) row[names[c]] = columns[c][r];
		rows[r] = row;
	}
	return rows;
}

/** Arrow results to plain values column by column (for `Db.scan`): one array per column. */
export function toColumns(table: ArrowResult): { names: string[]; columns: unknown[][] } {
	const fields = table.schema.fields;
	const columns = fields.map((field, c) =>
		vectorValues(table.getChildAt(c), field.type, table.numRows)
	);
	return { names: fields.map((f) => f.name), columns };
}

// A column's plain values, chunk by chunk: text, numbers and dictionaries (ENUMs) from their
// buffers, anything else (and text that is not ASCII) value by value.
function vectorValues(vector: Vector | null, type: DataType, length: number): unknown[] {
	const values: unknown[] = new Array(length).fill(null);
	let at = 0;
	for (const data of vector?.data ?? []) {
		const read =
			asciiText(type, data, values, at) ||
			plainNumbers(type, data, values, at) ||
			dictionaryWords(type, data, values, at) ||
			numberLists(type, data, values, at);
		if (!read) for (let r = at; r < at + data.length; r++) values[r] = plain(vector?.get(r), type);
		at += data.length;
	}
	return values;
}

const isNull = (data: Data, r: number) => data.nullCount > 0 && !data.getValid(r);
const decoder = new TextDecoder();

/**
 * A text chunk's values written into `out` from `at`, when its bytes are all ASCII (names,
 * codes, dates as text): decoded in one call and cut at the offsets, which are then character
 * offsets too, instead of one decoder call per value (~1 µs each). False, writing nothing,
 * when any byte is not ASCII.
 */
function asciiText(type: DataType, data: Data, out: unknown[], at: number): boolean {
	if (type.typeId !== Type.Utf8) return false;
	const offsets = data.valueOffsets as Int32Array;
	const bytes = data.values as Uint8Array;
	const start = offsets[0];
	const end = offsets[data.length];
	for (let i = start; i < end; i++) if (bytes[i] > 0x7f) return false;
	const text = decoder.decode(bytes.subarray(start, end));
	for (let r = 0; r < data.length; r++)
		out[at + r] = isNull(data, r) ? null : text.slice(offsets[r] - start, offsets[r + 1] - start);
	return true;
}

/**
 * A chunk of 8- to 32-bit integers or 32- and 64-bit floats written into `out` from `at`, read
 * from its typed array (get() on a chunked vector looks for the chunk on every call). False,
 * writing nothing, for other types (64-bit integers are BigInts, half floats need converting).
 */
function plainNumbers(type: DataType, data: Data, out: unknown[], at: number): boolean {
	if (!isPlainNumber(type)) return false;
	const numbers = data.values as ArrayLike<number>;
	for (let r = 0; r < data.length; r++) out[at + r] = isNull(data, r) ? null : numbers[r];
	return true;
}

// Numbers read as they are from a typed array: 8- to 32-bit integers, 32- and 64-bit floats.
const isPlainNumber = (type: DataType) =>
	(DataType.isInt(type) && type.bitWidth <= 32) ||
	(DataType.isFloat(type) && type.precision !== Precision.HALF);

/**
 * A chunk of lists of plain numbers with no missing element (a Kaplan–Meier curve's days and
 * counts) written into `out` from `at`: each list copied from its stretch of the child's typed
 * array, instead of a vector made and read per list. False, writing nothing, otherwise.
 */
function numberLists(type: DataType, data: Data, out: unknown[], at: number): boolean {
	const child = data.children[0];
	if (!DataType.isList(type) || !child || !isPlainNumber(type.children[0].type)) return false;
	if (child.nullCount > 0) return false;
	const offsets = data.valueOffsets as Int32Array;
	const numbers = child.values as Int32Array | Float64Array;
	for (let r = 0; r < data.length; r++) {
		if (isNull(data, r)) continue; // `out` holds null already
		const list = new Array<number>(offsets[r + 1] - offsets[r]);
		for (let i = 0; i < list.length; i++) list[i] = numbers[offsets[r] + i];
		out[at + r] = list;
	}
	return true;
}

/**
 * A dictionary chunk (a DuckDB ENUM) written into `out` from `at`: its words read once, then
 * looked up by each row's index, instead of decoding a word per row.
 */
function dictionaryWords(type: DataType, data: Data, out: unknown[], at: number): boolean {
	if (!DataType.isDictionary(type) || !data.dictionary) return false;
	const words = vectorValues(data.dictionary, type.dictionary, data.dictionary.length);
	const keys = data.values as ArrayLike<number | bigint>;
	for (let r = 0; r < data.length; r++)
		out[at + r] = isNull(data, r) ? null : words[Number(keys[r])];
	return true;
}

function plain(value: unknown, type: DataType): unknown {
	if (value === null || value === undefined) return null;
	switch (type.typeId) {
		case Type.Date:
			return formatEpochDay(Math.round(Number(value) / 86_400_000));
		case Type.Timestamp:
			return formatEpochMs(Number(value));
		case Type.List:
			return Array.from(value as Iterable<unknown>, (v) => plain(v, type.children[0].type));
		default:
			return typeof value === 'bigint' ? toNumber(value) : value;
	}
}
