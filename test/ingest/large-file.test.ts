// A text file past 2 GiB used to be refused: its lines were counted with the whole file in memory,
// and one read cannot pass 2 GiB (issue 14's 4 GB export crashed Node). The count now reads in
// slices, so a plain file of any size is counted and left to DuckDB to read by path; only a file
// that must be split in JavaScript (its whole text in one string) is refused past 512 MiB.
import { describe, expect, it } from 'vitest';
import type { InputFile } from '../../src/lib/ingest/input.ts';
import { prepareFile } from '../../src/lib/ingest/prepare.ts';
import { maxSplitBytes, readText, sliceBytes } from '../../src/lib/ingest/text-pass.ts';
import { useNativeDb } from '../helpers/import.ts';

// 64-byte lines: one slice holds exactly 65,536 of them, and every slice is the same bytes.
const line = 'R0000001,01/04/2024,North PCN,Hill Surgery,Link service,12,okay\n';
const block = new TextEncoder().encode(line.repeat(sliceBytes / line.length));

/** A file of `slices` identical slices, read as a file on disk is: one slice per call at most. */
function fakeFile(name: string, slices: number, firstSlice = block) {
	const reads: number[] = [];
	const size = slices * sliceBytes;
	const read = async (start = 0, end = size) => {
		reads.push(end - start);
		if (end - start > sliceBytes) throw new Error('read whole');
		const at = start % sliceBytes;
		return (start < sliceBytes ? firstSlice : block).subarray(at, at + (end - start));
	};
	const input: InputFile = {
		name,
		size,
		read,
		source: { kind: 'path', path: `/nonexistent/${name}` }
	};
	return { input, reads };
}

describe('a text file over 2 GiB', () => {
	const ctx = useNativeDb();

	it('plain UTF-8: every record counted in 4 MB slices, never read whole', async () => {
		expect(line.length).toBe(64);
		const slices = Math.ceil(2 ** 31 / sliceBytes) + 1; // 513 slices: 2,151,677,952 bytes
		const { input, reads } = fakeFile('referrals-20m.csv', slices);
		expect(input.size).toBeGreaterThan(2 ** 31);
		const pass = await readText(input.read, input.size, {
			encoding: 'utf-8',
			delimiter: ',',
			split: false
		});
		// The first line is the header: 513 × 65,536 lines, less one.
		expect(pass).toEqual({ kind: 'plain', records: 33_619_967, utf8: null });
		expect(Math.max(...reads)).toBe(sliceBytes);
	});

	it('that is not plain, and so must be split whole, is refused by name and size, unread', async () => {
		// A blank line inside the first slice: the scan stops there.
		const broken = block.slice();
		broken[line.length] = 0x0a;
		const { input, reads } = fakeFile('referrals-20m.csv', 1000, broken);
		expect(input.size).toBeGreaterThan(maxSplitBytes);
		const result = await prepareFile(ctx.db, input);
		expect(result).toEqual({
			name: 'referrals-20m.csv',
			error:
				'referrals-20m.csv: is 3.9 GiB and not a plain CSV (it has blank lines, mixed line endings or line breaks inside quotes), and such a file can be read only up to 512 MiB. Open it in a spreadsheet and save it again as CSV, or export it in parts (by year, say) and load the parts together'
		});
		// The head and the tail (to check the encoding), then one slice of the scan.
		expect(reads).toEqual([1 << 20, 1 << 20, sliceBytes]);
	});
});
