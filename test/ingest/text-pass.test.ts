import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decode, pieceDecoder } from '../../src/lib/ingest/decode.ts';
import { RecordScanner, scanRecords } from '../../src/lib/ingest/scan.ts';
import { readText, sliceBytes, type ByteReader } from '../../src/lib/ingest/text-pass.ts';
import { windows1252 } from '../helpers/import.ts';

// Issue 15: a file is read in pieces. The scan carries its state across a piece's edge (a quote,
// a CRLF, a BOM, a UTF-8 character cut in two), so it is the whole file's scan however the file
// is cut; the decoder finishes a cut character; the pass reports its percentage and gives DuckDB
// UTF-8 without holding a plain file whole.

const utf8 = (text: string) => new TextEncoder().encode(text);
const reader =
	(bytes: Uint8Array): ByteReader =>
	async (start, end) =>
		bytes.slice(start, end);

/** Scan bytes pushed in the pieces that the cut points make. */
function scanInPieces(bytes: Uint8Array, delimiter: string, cuts: number[]) {
	const scanner = new RecordScanner(delimiter);
	let at = 0;
	for (const cut of [...cuts].sort((a, b) => a - b)) {
		scanner.push(bytes.subarray(at, cut));
		at = cut;
	}
	scanner.push(bytes.subarray(at));
	return scanner.finish();
}

describe('scanning in pieces', () => {
	// Pieces that matter at an edge: a BOM, CR and LF, quotes and doubled quotes, delimiters,
	// blanks, and a two-byte character (é).
	const piece = fc.constantFrom(
		'\ufeff',
		'a',
		'bc',
		'é',
		' ',
		'\t',
		',',
		';',
		'"',
		'""',
		'\n',
		'\r',
		'\r\n',
		'x,y\n',
		'"q,r"',
		'\n\n'
	);
	const file = fc.tuple(
		fc.array(piece, { maxLength: 80 }).map((parts) => utf8(parts.join(''))),
		fc.constantFrom(',', ';')
	);

	it('gives exactly the whole-file scan, wherever the file is cut', () => {
		fc.assert(
			fc.property(
				file.chain(([bytes, delimiter]) =>
					fc.tuple(
						fc.constant(bytes),
						fc.constant(delimiter),
						fc.array(fc.nat({ max: bytes.length }), { maxLength: 12 })
					)
				),
				([bytes, delimiter, cuts]) => {
					expect(scanInPieces(bytes, delimiter, cuts)).toEqual(scanRecords(bytes, delimiter));
				}
			),
			{ numRuns: 3000 }
		);
	});

	it.each([
		[
			'a BOM cut after its first byte',
			'\ufeffid,date\nR1,x\nR2,y\n',
			1,
			{ plain: true, records: 2 }
		],
		['a BOM cut after its second byte', '\ufeffid,date\nR1,x\n', 2, { plain: true, records: 1 }],
		['a CRLF cut between CR and LF', 'id,date\r\nR1,x\r\nR2,y\r\n', 9, { plain: true, records: 2 }],
		['a doubled quote cut in two', 'id,note\nR1,"say ""hi"""\n', 15, { plain: true, records: 1 }],
		[
			'a closing quote as a piece’s last byte',
			'id,note\nR1,"a"\n',
			13,
			{ plain: true, records: 1 }
		],
		['a lone CR at a piece’s end', 'id,date\rR1,x\n', 8, { plain: false, records: 0 }],
		[
			'a quote opened before the cut, closed after',
			'id,n\nR1,"a\nb"\n',
			11,
			{ plain: false, records: 0 }
		]
	])('%s', (_, text, cut, expected) => {
		const bytes = utf8(text);
		expect(scanInPieces(bytes, ',', [cut])).toEqual(expected);
		expect(scanRecords(bytes, ',')).toEqual(expected);
	});
});

describe('decoding in pieces', () => {
	// 4 MB + 3 bytes, so a character straddles the first slice's end (UTF-16: an odd byte).
	const size = sliceBytes + 3;

	it('Windows-1252: € and ’ mapped, the same text as in one go', () => {
		const bytes = Uint8Array.from(
			{ length: size },
			(_, i) => [0x41, 0x80, 0x92, 0xe9, 0x0a][i % 5]
		);
		const next = pieceDecoder('windows-1252');
		const text =
			next(bytes.subarray(0, sliceBytes), false) + next(bytes.subarray(sliceBytes), true);
		expect(text).toBe(decode(bytes, 'windows-1252'));
		expect(text.slice(0, 5)).toBe('A€’é\n');
	});

	it('UTF-16 LE with a BOM and a surrogate pair cut by the slice edge: the same text', () => {
		const unit = '\ud83d\ude00a,b\r\n'; // 😀a,b CRLF
		const units = new Uint16Array(1 + Math.ceil(size / 2));
		units[0] = 0xfeff;
		for (let i = 1; i < units.length; i++) units[i] = unit.charCodeAt((i - 1) % unit.length);
		const bytes = new Uint8Array(units.buffer);
		const next = pieceDecoder('utf-16le');
		const text =
			next(bytes.subarray(0, sliceBytes), false) + next(bytes.subarray(sliceBytes), true);
		expect(text).toBe(decode(bytes, 'utf-16le'));
		expect(text.startsWith('😀a,b\r\n')).toBe(true);
		expect(text).not.toContain('\ufffd');
	});
});

describe('a text pass', () => {
	const request = { delimiter: ',' as const, split: false };

	it('Windows-1252 over four slices: UTF-8 out, every record counted, progress to 100%', async () => {
		// 600,000 rows of 'R00001,St Mary’s,£5' and CRLF, 21 bytes each in Windows-1252: 12.6 MB.
		const header = 'id,practice,fee\r\n';
		const line = 'R00001,St Mary’s,£5\r\n';
		const n = 600_000;
		const [head, one] = [windows1252(header), windows1252(line)];
		const bytes = new Uint8Array(head.length + n * one.length);
		bytes.set(head);
		for (let i = 0; i < n; i++) bytes.set(one, head.length + i * one.length);
		const text = header + line.repeat(n);
		const seen: number[] = [];
		const pass = await readText(
			reader(bytes),
			bytes.length,
			{ ...request, encoding: 'windows-1252' },
			(p) => seen.push(p)
		);
		expect(pass.kind).toBe('plain');
		if (pass.kind !== 'plain') return;
		expect(pass.records).toBe(600_000);
		expect(new TextDecoder().decode(await pass.utf8!.arrayBuffer())).toBe(text);
		// One report per slice: 4 of them, the share of bytes read so far.
		const slices = Math.ceil(bytes.length / sliceBytes);
		expect(slices).toBe(4);
		expect(seen).toEqual(
			Array.from({ length: slices }, (_, k) =>
				Math.round((Math.min((k + 1) * sliceBytes, bytes.length) / bytes.length) * 100)
			)
		);
		expect(seen.at(-1)).toBe(100);
	});

	it('a plain UTF-8 file: counted, and left for DuckDB to read as it is', async () => {
		const bytes = utf8('\ufeffid,date\nR1,01/04/2024\nR2,02/04/2024\n');
		expect(
			await readText(reader(bytes), bytes.length, { ...request, encoding: 'utf-8-bom' })
		).toEqual({ kind: 'plain', records: 2, utf8: null });
	});

	it('an irregular file is split: rows numbered as a spreadsheet shows them (a record with a line break is one row), the bad line kept', async () => {
		const bytes = utf8('id,note\nR1,"two\nlines"\n\nR2,"never closed\nR3,ok\n');
		const pass = await readText(reader(bytes), bytes.length, { ...request, encoding: 'utf-8' });
		expect(pass.kind).toBe('split');
		if (pass.kind !== 'split') return;
		expect({ header: pass.header, rows: pass.rows, preview: pass.preview }).toEqual({
			header: ['id', 'note'],
			rows: 3,
			preview: [
				['R1', 'two\nlines'],
				['R3', 'ok']
			]
		});
		expect(pass.unreadable).toEqual([
			{
				row: 4,
				text: 'R2,"never closed',
				reason: 'a quoted value starts in this row and is never closed'
			}
		]);
		expect(await pass.csv!.text()).toBe('2,2,R1,"two\nlines",,,,\n5,2,R3,ok,,,,\n');
	});
});
