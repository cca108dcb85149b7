/** Text encodings the importer recognises from a file's bytes. */
export type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/**
 * Guess a file's encoding from its first bytes: BOM, then UTF-16 zero patterns, then UTF-8 validity.
 * `complete` says the bytes are the whole file, so a character cut at the end is not forgiven.
 */
export function detectEncoding(head: Uint8Array, complete = false): Encoding {
	if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8-bom';
	if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
	if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
	const utf16 = utf16WithoutBom(head);
	if (utf16) return utf16;
	return isUtf8(head, complete) ? 'utf-8' : 'windows-1252';
}

// Text in UTF-16 without a BOM has a zero byte in most odd (LE) or even (BE) positions.
function utf16WithoutBom(head: Uint8Array): Encoding | undefined {
	const n = Math.min(head.length, 4096) & ~1;
	if (n < 4) return undefined;
	let evenZeros = 0;
	let oddZeros = 0;
	for (let i = 0; i < n; i += 2) {
		if (head[i] === 0) evenZeros++;
		if (head[i + 1] === 0) oddZeros++;
	}
	const pairs = n / 2;
	if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return 'utf-16le';
	if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return 'utf-16be';
	return undefined;
}

// Valid UTF-8, allowing a multi-byte sequence cut off at the end of the sample.
function isUtf8(head: Uint8Array, complete: boolean): boolean {
	let end = head.length;
	for (let back = 1; back <= 3 && end - back >= 0 && !complete; back++) {
		const b = head[end - back];
		if ((b & 0xc0) === 0x80) continue;
		const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
		if (need > back) end -= back;
		break;
	}
	try {
		new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, end));
		return true;
	} catch {
		return false;
	}
}

/** Decode bytes in a detected encoding to a string, without its BOM. */
export function decode(bytes: Uint8Array, encoding: Encoding): string {
	return pieceDecoder(encoding)(bytes, true);
}

/**
 * A decoder fed a file piece by piece, in order; `last` marks the final piece. A character cut at
 * a piece's edge (a UTF-8 sequence, a UTF-16 unit or surrogate pair) is finished by the next.
 */
export function pieceDecoder(encoding: Encoding): (bytes: Uint8Array, last: boolean) => string {
	// TextDecoder drops a BOM by default (ignoreBOM: false).
	const decoder = new TextDecoder(encoding === 'utf-8-bom' ? 'utf-8' : encoding);
	return (bytes, last) => {
		const text = decoder.decode(bytes, { stream: !last });
		// Node 20.18.3+ decodes windows-1252 as Latin-1, leaving 0x80-0x9F as C1 controls
		// (nodejs/node#56542): map them as the WHATWG index does. A no-op where the decoder is right.
		return encoding === 'windows-1252'
			? text.replace(/[\u0080-\u009f]/g, (c) => cp1252High[c.charCodeAt(0) - 0x80])
			: text;
	};
}

// Windows-1252 bytes 0x80-0x9F (WHATWG index-windows-1252); undefined bytes map to themselves.
const cp1252High = [...'€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ'];

/** Whether DuckDB can read the bytes as they are (UTF-8), or they must be re-encoded first. */
export function isDuckDbReadable(encoding: Encoding): boolean {
	return encoding === 'utf-8' || encoding === 'utf-8-bom';
}

/** A human name for an encoding, as shown in the import report. */
export function encodingLabel(encoding: Encoding): string {
	return {
		'utf-8': 'UTF-8',
		'utf-8-bom': 'UTF-8 with BOM',
		'utf-16le': 'UTF-16 LE',
		'utf-16be': 'UTF-16 BE',
		'windows-1252': 'Windows-1252'
	}[encoding];
}
