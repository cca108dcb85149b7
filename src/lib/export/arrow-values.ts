// Arrow record batches (duckdb-wasm's result) straight to the values the Parquet writer stores,
// reading each vector's buffers directly: `Vector.get(i)` per cell, then the plain-value step of
// parquet.ts, cost about a second per 100k referrals. The values are those of `storedValue` in
// parquet.ts: dates in days since 1970, BIGINT as bigint, lists as arrays, nulls as null.
import { DateUnit, Type, type Data, type Date_ } from 'apache-arrow';

type Read = (data: Data, i: number) => unknown;

const utf8 = new TextDecoder();

/** How to read one value of an Arrow column (valid slots only), for the export column `type`. */
function readerOf(data: Data, type: string): Read {
	switch (data.type.typeId) {
		case Type.Utf8:
			return (d, i) => utf8.decode(d.values.subarray(d.valueOffsets[i], d.valueOffsets[i + 1]));
		case Type.Bool:
			return (d, i) => {
				const at = d.offset + i;
				return (d.values[at >> 3] & (1 << (at & 7))) !== 0;
			};
		case Type.Date:
			// duckdb-wasm gives DATE as Date32 (days); a millisecond date would come as BigInt64.
			return (data.type as Date_).unit === DateUnit.DAY
				? (d, i) => d.values[i]
				: (d, i) => Number(d.values[i]) / 86_400_000;
		case Type.List: {
			const inner = type.endsWith('[]') ? type.slice(0, -2) : type;
			const child = data.children[0];
			const read = valueReader(child, inner);
			return (d, i) => {
				const c = d.children[0];
				const from = d.valueOffsets[i];
				const values = new Array(d.valueOffsets[i + 1] - from);
				for (let k = 0; k < values.length; k++) values[k] = read(c, from + k);
				return values;
			};
		}
		default:
			if (!('values' in data) || !ArrayBuffer.isView(data.values))
				throw new Error(`export: no reader for Arrow type ${data.type}`);
			// Numbers; BIGINT comes as DOUBLE (castBigIntToDouble) and is stored as INT64.
			if (type === 'BIGINT') return (d, i) => BigInt(d.values[i]);
			return (d, i) => {
				const v = d.values[i];
				return typeof v === 'bigint' ? Number(v) : v;
			};
	}
}

/** A reader that gives null for null slots. */
function valueReader(data: Data, type: string): Read {
	const read = readerOf(data, type);
	return (d, i) => (d.nullCount !== 0 && !d.getValid(i) ? null : read(d, i));
}

/** One column of several record batches (their `Data`, in order) as one array of stored values. */
export function storedColumn(datas: Data[], type: string): unknown[] {
	const out = new Array(datas.reduce((n, d) => n + d.length, 0));
	let at = 0;
	for (const data of datas) {
		const read = readerOf(data, type);
		if (data.nullCount === 0) for (let i = 0; i < data.length; i++) out[at++] = read(data, i);
		else for (let i = 0; i < data.length; i++) out[at++] = data.getValid(i) ? read(data, i) : null;
	}
	return out;
}
