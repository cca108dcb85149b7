import { describe, it, expect } from 'vitest';
import { decode, detectEncoding, isDuckDbReadable } from '../../src/lib/ingest/decode.ts';
import { importPaths, useNativeDb, utf16, windows1252 } from '../helpers/import.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);
const bytes = (...b: number[]) => Uint8Array.from(b);
const bom = (b: Uint8Array) => Uint8Array.from([0xef, 0xbb, 0xbf, ...b]);

// Text with the three Windows-1252 characters that matter most in UK exports:
// 0x92 right single quote, 0x96 en dash, 0xE9 é.
const header = 'Referral ID,Date of referral,Service\r\n';
const body = 'R1,01/04/2024,O’Brien – Café\r\nR2,02/04/2024,Plain\r\n';
const text = header + body;

describe('detectEncoding', () => {
	it.each([
		{ name: 'UTF-8 without BOM', input: utf8(text), expected: 'utf-8' },
		{ name: 'UTF-8 with BOM', input: bom(utf8(text)), expected: 'utf-8-bom' },
		{ name: 'plain ASCII reads as UTF-8', input: utf8('a,b\n1,2\n'), expected: 'utf-8' },
		{ name: 'UTF-16 LE with BOM', input: utf16(text, 'le', true), expected: 'utf-16le' },
		{ name: 'UTF-16 BE with BOM', input: utf16(text, 'be', true), expected: 'utf-16be' },
		{ name: 'UTF-16 LE without BOM', input: utf16(text, 'le', false), expected: 'utf-16le' },
		{ name: 'UTF-16 BE without BOM', input: utf16(text, 'be', false), expected: 'utf-16be' },
		{ name: 'Windows-1252', input: windows1252(text), expected: 'windows-1252' },
		// 0x92 alone is a UTF-8 continuation byte with no lead: invalid UTF-8.
		{
			name: 'Windows-1252: lone 0x92',
			input: windows1252('O’Brien,1\n'),
			expected: 'windows-1252'
		},
		// 0xE9 is a UTF-8 lead byte wanting two continuations; ", " are not: invalid UTF-8.
		{ name: 'Windows-1252: é mid-text', input: windows1252('Café, x\n'), expected: 'windows-1252' }
	])('$name → $expected', ({ input, expected }) => {
		expect(detectEncoding(input)).toBe(expected);
	});

	// A sample read from a longer file can end inside a character.
	it.each([
		{
			name: '2-byte é cut after its lead byte',
			input: bytes(0x63, 0x61, 0x66, 0xc3),
			expected: 'utf-8'
		},
		{ name: '3-byte – cut after 1 byte', input: bytes(0x61, 0x20, 0xe2), expected: 'utf-8' },
		{ name: '3-byte – cut after 2 bytes', input: bytes(0x61, 0x20, 0xe2, 0x80), expected: 'utf-8' },
		{
			name: '4-byte emoji cut after 3 bytes',
			input: bytes(0x61, 0xf0, 0x9f, 0x98),
			expected: 'utf-8'
		},
		{ name: 'whole é at the end', input: bytes(0x63, 0x61, 0x66, 0xc3, 0xa9), expected: 'utf-8' },
		{
			name: 'a cut mid-sample is not forgiven',
			input: bytes(0x61, 0xc3, 0x61, 0x62, 0x63),
			expected: 'windows-1252'
		}
	])('cut sample: $name → $expected', ({ input, expected }) => {
		expect(detectEncoding(input)).toBe(expected);
	});

	it('a whole file ending in a Windows-1252 é is not taken for a cut UTF-8 character', () => {
		// "Café" in Windows-1252 ends 0xE9: a UTF-8 lead byte only if more bytes could follow.
		expect(detectEncoding(windows1252('a,b\nx,Café'), true)).toBe('windows-1252');
		expect(detectEncoding(windows1252('a,b\nx,Café'), false)).toBe('utf-8');
	});
});

describe('decode', () => {
	it.each([
		{ name: 'UTF-8 BOM dropped', input: bom(utf8(text)), encoding: 'utf-8-bom' as const },
		{
			name: 'UTF-16 LE BOM dropped',
			input: utf16(text, 'le', true),
			encoding: 'utf-16le' as const
		},
		{
			name: 'UTF-16 BE BOM dropped',
			input: utf16(text, 'be', true),
			encoding: 'utf-16be' as const
		},
		{ name: 'UTF-16 LE no BOM', input: utf16(text, 'le', false), encoding: 'utf-16le' as const },
		{ name: 'UTF-16 BE no BOM', input: utf16(text, 'be', false), encoding: 'utf-16be' as const },
		{ name: 'Windows-1252', input: windows1252(text), encoding: 'windows-1252' as const }
	])('$name', ({ input, encoding }) => {
		expect(decode(input, encoding)).toBe(text);
	});

	// Reference: WHATWG Encoding Standard, index-windows-1252 (bytes 0x80-0x9F); 0x81 is unassigned.
	it.each([
		{ byte: 0x80, expected: 0x20ac },
		{ byte: 0x81, expected: 0x0081 },
		{ byte: 0x85, expected: 0x2026 },
		{ byte: 0x91, expected: 0x2018 },
		{ byte: 0x92, expected: 0x2019 },
		{ byte: 0x96, expected: 0x2013 },
		{ byte: 0x97, expected: 0x2014 },
		{ byte: 0x9f, expected: 0x0178 },
		{ byte: 0xa3, expected: 0x00a3 },
		{ byte: 0xe9, expected: 0x00e9 }
	])('Windows-1252 byte $byte → U+$expected (hex)', ({ byte, expected }) => {
		expect(decode(bytes(byte), 'windows-1252').codePointAt(0)).toBe(expected);
	});

	it('only UTF-8 goes to DuckDB as it is', () => {
		expect(isDuckDbReadable('utf-8')).toBe(true);
		expect(isDuckDbReadable('utf-8-bom')).toBe(true);
		expect(isDuckDbReadable('utf-16le')).toBe(false);
		expect(isDuckDbReadable('windows-1252')).toBe(false);
	});
});

describe('encodings through prepareFile and loadFiles (native DuckDB)', () => {
	const ctx = useNativeDb();

	it.each([
		{ name: 'utf8.csv', input: utf8(text), encoding: 'utf-8' },
		{ name: 'utf8-bom.csv', input: bom(utf8(text)), encoding: 'utf-8-bom' },
		{ name: 'utf16le-bom.csv', input: utf16(text, 'le', true), encoding: 'utf-16le' },
		{ name: 'utf16be-bom.csv', input: utf16(text, 'be', true), encoding: 'utf-16be' },
		{ name: 'utf16le.csv', input: utf16(text, 'le', false), encoding: 'utf-16le' },
		{ name: 'utf16be.csv', input: utf16(text, 'be', false), encoding: 'utf-16be' },
		{ name: 'cp1252.csv', input: windows1252(text), encoding: 'windows-1252' },
		// Last bytes of the file are "Café" in Windows-1252, with no line break after them.
		{
			name: 'cp1252-no-eol.csv',
			input: windows1252(text.trimEnd().replace('Plain', 'Café')),
			encoding: 'windows-1252'
		}
	])(
		'$name: detected as $encoding, header mapped and text intact',
		async ({ name, input, encoding }) => {
			const {
				files: [file],
				report
			} = await importPaths(ctx.db, [await ctx.files.write(name, input)]);
			expect(file.encoding).toBe(encoding);
			expect(file.headers).toEqual(['Referral ID', 'Date of referral', 'Service']);
			expect(report.files[0]).toMatchObject({ rows_read: 2, rows_loaded: 2, rows_rejected: 0 });
			const rows = await ctx.db.query(
				'SELECT referral_id, referral_date, service FROM referrals ORDER BY _row'
			);
			expect(rows[0]).toEqual({
				referral_id: 'R1',
				referral_date: '2024-04-01',
				service: 'O’Brien – Café'
			});
			expect(rows[1].service).toBe(name === 'cp1252-no-eol.csv' ? 'Café' : 'Plain');
		}
	);
});
