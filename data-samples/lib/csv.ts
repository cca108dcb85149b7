/** CSV text and the Windows-1252 encoding some case-management systems still export. */

/** A CSV field, quoted only when it holds a delimiter, quote or line break. */
export function csvField(value: string | number | undefined): string {
	if (value === undefined) return '';
	const text = String(value);
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line (without its line ending). */
export function csvLine(fields: readonly (string | number | undefined)[]): string {
	return fields.map(csvField).join(',');
}

// Windows-1252 differs from Latin-1 only in 0x80–0x9F, where it has printable characters.
const cp1252High = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const undefinedBytes = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);
const highByte = new Map<number, number>();
for (let i = 0; i < cp1252High.length; i++) {
	if (!undefinedBytes.has(0x80 + i)) highByte.set(cp1252High.charCodeAt(i), 0x80 + i);
}

/** Encodes text as Windows-1252; throws on a character it cannot hold (a programmer error). */
export function encodeCp1252(text: string): Uint8Array {
	const bytes = new Uint8Array(text.length);
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) bytes[i] = code;
		else {
			const byte = highByte.get(code);
			if (byte === undefined) throw new Error(`not in Windows-1252: ${text[i]}`);
			bytes[i] = byte;
		}
	}
	return bytes;
}
