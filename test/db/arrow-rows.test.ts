// The Arrow decoder the browser's engine answers through (src/lib/db/arrow-rows.ts): text read
// chunk by chunk, ASCII in one call and other text value by value, numbers from their typed
// arrays, nulls kept, in several chunks, as the plain rows the native client gives.
import { Dictionary, Float64, Int32, Table, Utf8, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { toColumns, toRows } from '../../src/lib/db/arrow-rows.ts';

const text = ['Riverside PCN', null, 'LW 12', '', 'Zoë Café – Leeds', 'Ωmega', null, 'x'];
const ints = [1, null, -3, 2147483647, 0, null, 7, -2147483648];
const floats = [0.5, null, -1e-9, 3.25, NaN, 1 / 3, null, 1e300];

// Two chunks of four rows each: the first all ASCII, the second not.
function chunked(): Table {
	const half = (from: number) =>
		new Table({
			name: vectorFromArray(text.slice(from, from + 4), new Utf8()),
			n: vectorFromArray(ints.slice(from, from + 4), new Int32()),
			x: vectorFromArray(floats.slice(from, from + 4), new Float64()),
			// An ENUM comes as a dictionary: each chunk its words, each row an index.
			e: vectorFromArray(text.slice(from, from + 4), new Dictionary(new Utf8(), new Int32()))
		});
	return half(0).concat(half(4));
}

describe('Arrow results to plain rows', () => {
	it('reads text, integers and floats with their nulls, across chunks', () => {
		const table = chunked();
		expect(table.batches.length).toBe(2);
		expect(toRows(table)).toEqual(
			text.map((name, i) => ({ name, n: ints[i], x: floats[i], e: name }))
		);
		expect(toColumns(table)).toEqual({
			names: ['name', 'n', 'x', 'e'],
			columns: [text, ints, floats, text]
		});
	});

	it('reads a one-chunk table, a slice of it and an empty slice', () => {
		const table = new Table({
			a: vectorFromArray([4, 5, 6], new Int32()),
			b: vectorFromArray(['ab', 'c', 'é'], new Utf8()),
			c: vectorFromArray(['xy', 'z', 'w'], new Utf8())
		});
		expect(toRows(table)).toEqual([
			{ a: 4, b: 'ab', c: 'xy' },
			{ a: 5, b: 'c', c: 'z' },
			{ a: 6, b: 'é', c: 'w' }
		]);
		// A slice's text starts part way into its bytes.
		expect(toRows(table.slice(1))).toEqual([
			{ a: 5, b: 'c', c: 'z' },
			{ a: 6, b: 'é', c: 'w' }
		]);
		expect(toRows(table.slice(3))).toEqual([]);
	});
});
