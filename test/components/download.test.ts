// The PNG downloads and the Word file's charts come from a canvas's data URL (toDataURL encodes
// at once; toBlob waits for an idle moment). dataUrlBlob must give back the exact bytes and type.
import { describe, expect, it } from 'vitest';
import { dataUrlBlob } from '../../src/lib/components/download.ts';

const bytesOf = async (b: Blob) => new Uint8Array(await b.arrayBuffer());

describe('dataUrlBlob', () => {
	it('gives the PNG signature back from its base64, typed image/png', async () => {
		// The 8-byte PNG signature, base64 "iVBORw0KGgo=".
		const blob = dataUrlBlob('data:image/png;base64,iVBORw0KGgo=');
		expect(blob.type).toBe('image/png');
		expect([...(await bytesOf(blob))]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
	});

	it('keeps every byte value from 0 to 255', async () => {
		const all = Uint8Array.from({ length: 256 }, (_, i) => i);
		const url = `data:image/png;base64,${Buffer.from(all).toString('base64')}`;
		expect(await bytesOf(dataUrlBlob(url))).toEqual(all);
	});

	it('gives an empty blob for an empty canvas answer ("data:,")', async () => {
		const blob = dataUrlBlob('data:,');
		expect(blob.size).toBe(0);
		expect(blob.type).toBe('application/octet-stream');
	});
});
