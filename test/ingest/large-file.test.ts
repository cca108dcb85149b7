// A text file past 2 GiB cannot be read in one piece for the line-by-line count: it is refused in
// words before any byte is read, not left to crash the program (issue 14's 4 GB export did).
import { describe, expect, it } from 'vitest';
import type { InputFile } from '../../src/lib/ingest/input.ts';
import { prepareFile } from '../../src/lib/ingest/prepare.ts';
import { maxTextBytes } from '../../src/lib/ingest/read-file.ts';
import { useNativeDb } from '../helpers/import.ts';

describe('a text file over 2 GiB', () => {
	const ctx = useNativeDb();

	it('is refused by name and size, with what to do, and nothing read', async () => {
		let reads = 0;
		const input: InputFile = {
			name: 'referrals-20m.csv',
			size: 4_190_000_000,
			async read() {
				reads++;
				throw new Error('must not be read');
			},
			source: { kind: 'path', path: '/nonexistent/referrals-20m.csv' }
		};
		const result = await prepareFile(ctx.db, input);
		expect(result).toEqual({
			name: 'referrals-20m.csv',
			error:
				'referrals-20m.csv: is 3.9 GiB, larger than the 2 GiB a file can be read in. Export it in parts (by year, say) and load the parts together'
		});
		expect(reads).toBe(0);
		expect(maxTextBytes).toBe(2 ** 31 - 1);
	});
});
