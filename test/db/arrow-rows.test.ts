// The Arrow decoder the browser's engine answers through (src/lib/db/arrow-rows.ts): text read
// chunk by chunk, ASCII in one call and other text value by value, numbers from their typed
// arrays, nulls kept, in several chunks, as the plain rows the native client gives.
import {
	Dictionary,
	Field,
	Float64,
	Int32,
	List,
	Table,
	Utf8,
	vectorFromArray
} from 'apache-arrow';
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

	it('reads lists of numbers (a curve’s days and counts), with a missing list, across chunks and in a slice', () => {
		const lists = [[14, 15], null, [0], [], [-3, 2147483647, 7]];
		const floatLists = [[0.5], [1 / 3, -1e-9], null, [NaN], []];
		const part = (from: number, to: number) =>
			new Table({
				d: vectorFromArray(lists.slice(from, to), new List(new Field('item', new Int32(), true))),
				f: vectorFromArray(
					floatLists.slice(from, to),
					new List(new Field('item', new Float64(), true))
				)
			});
		const table = part(0, 2).concat(part(2, 5));
		expect(table.batches.length).toBe(2);
		const rows = lists.map((d, i) => ({ d, f: floatLists[i] }));
		expect(toRows(table)).toEqual(rows);
		// Plain arrays, as the native client gives, not typed ones.
		expect(Array.isArray(toRows(table)[0].d)).toBe(true);
		expect(toRows(table.slice(3))).toEqual(rows.slice(3));
		// A missing element falls back to reading value by value.
		const holes = new Table({
			d: vectorFromArray([[1, null, 3]], new List(new Field('item', new Int32(), true)))
		});
		expect(toRows(holes)).toEqual([{ d: [1, null, 3] }]);
	});
});
