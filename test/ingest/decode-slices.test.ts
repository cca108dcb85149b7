import { describe, it, expect } from 'vitest';
import { decode, decodeInSlices } from '../../src/lib/ingest/decode.ts';

// Large Windows-1252 and UTF-16 files are decoded 4 MB at a time, with the page given a turn and
// told the percentage between slices; the text is the same as decoding in one go.
describe('decoding in slices', () => {
	// 4 MB + 3 bytes, so a character straddles the first slice's end (UTF-16: an odd byte).
	const size = (1 << 22) + 3;

	it('Windows-1252: same text, € and ’ mapped, progress to 100%', async () => {
		const bytes = Uint8Array.from(
			{ length: size },
			(_, i) => [0x41, 0x80, 0x92, 0xe9, 0x0a][i % 5]
		);
		const seen: number[] = [];
		const text = await decodeInSlices(bytes, 'windows-1252', (p) => seen.push(p));
		expect(text).toBe(decode(bytes, 'windows-1252'));
		expect(text.slice(0, 5)).toBe('A€’é\n');
		expect(seen).toEqual([(100 * (1 << 22)) / size, 100].map(Math.round));
	});

	it('UTF-16 LE with a BOM and a surrogate pair cut by the slice edge: same text', async () => {
		const unit = '\ud83d\ude00a,b\r\n'; // 😀a,b CRLF
		const units = new Uint16Array(1 + Math.ceil(size / 2));
		units[0] = 0xfeff;
		for (let i = 1; i < units.length; i++) units[i] = unit.charCodeAt((i - 1) % unit.length);
		const bytes = new Uint8Array(units.buffer);
		const text = await decodeInSlices(bytes, 'utf-16le');
		expect(text).toBe(decode(bytes, 'utf-16le'));
		expect(text.startsWith('😀a,b\r\n')).toBe(true);
		expect(text).not.toContain('\ufffd');
	});
});
