import { Type, type Field, type Table } from 'apache-arrow';
import type { Row } from './types.ts';

/** What `toRows` and `toColumns` read: an Arrow table or one record batch of it. */
type ArrowResult = Pick<Table, 'schema' | 'numRows' | 'getChildAt'>;
import { formatEpochDay, formatEpochMs, toNumber } from './values.ts';

/** Arrow results (duckdb-wasm) to the same plain rows the native client gives. */
export function toRows(table: ArrowResult): Row[] {
	const fields = table.schema.fields;
	const columns = fields.map((_, i) => table.getChildAt(i));
	const rows: Row[] = new Array(table.numRows);
	for (let r = 0; r < table.numRows; r++) {
		const row: Row = {};
		fields.forEach((field, c) => (row[field.name] = plain(columns[c]?.get(r), field)));
		rows[r] = row;
	}
	return rows;
}

/** Arrow results to plain values column by column (for `Db.scan`): one array per column. */
export function toColumns(table: ArrowResult): { names: string[]; columns: unknown[][] } {
	const fields = table.schema.fields;
	const columns = fields.map((field, c) => {
		const vector = table.getChildAt(c);
		const values: unknown[] = new Array(table.numRows);
		for (let r = 0; r < table.numRows; r++) values[r] = plain(vector?.get(r), field);
		return values;
	});
	return { names: fields.map((f) => f.name), columns };
}

function plain(value: unknown, field: Field): unknown {
	if (value === null || value === undefined) return null;
	switch (field.type.typeId) {
		case Type.Date:
			return formatEpochDay(Math.round(Number(value) / 86_400_000));
		case Type.Timestamp:
			return formatEpochMs(Number(value));
		case Type.List: {
			const child = field.type.children[0] as Field;
			return Array.from(value as Iterable<unknown>, (v) => plain(v, child));
		}
		default:
			return typeof value === 'bigint' ? toNumber(value) : value;
	}
}
