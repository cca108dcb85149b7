/**
 * Zip writers stamp each entry with the current time, so a workbook's bytes change on every
 * run. This rewrites the DOS time and date of every entry (local and central headers) to a
 * fixed day, keeping the committed .xlsx byte-identical across regenerations.
 */
import { partsOf, type Day } from './dates.ts';

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_HEADER = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

function endOfCentralDirectory(view: DataView): number {
	// The record is 22 bytes plus a comment of up to 65,535 bytes, at the end of the file.
	const last = view.byteLength - 22;
	for (let at = last; at >= Math.max(0, last - 0xffff); at--) {
		if (view.getUint32(at, true) === END_OF_CENTRAL_DIRECTORY) return at;
	}
	throw new Error('not a zip file: no end of central directory');
}

function expectSignature(view: DataView, at: number, signature: number): void {
	if (view.getUint32(at, true) !== signature) throw new Error(`bad zip header at ${at}`);
}

/** A copy of the zip with every entry's modification time set to midnight on `day`. */
export function pinZipTimestamps(zip: Uint8Array, day: Day): Uint8Array {
	const bytes = zip.slice();
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const p = partsOf(day);
	const dosDate = ((p.year - 1980) << 9) | (p.month << 5) | p.day;
	const end = endOfCentralDirectory(view);
	const entries = view.getUint16(end + 10, true);
	let at = view.getUint32(end + 16, true);
	for (let i = 0; i < entries; i++) {
		expectSignature(view, at, CENTRAL_HEADER);
		view.setUint16(at + 12, 0, true);
		view.setUint16(at + 14, dosDate, true);
		const local = view.getUint32(at + 42, true);
		expectSignature(view, local, LOCAL_HEADER);
		view.setUint16(local + 10, 0, true);
		view.setUint16(local + 12, dosDate, true);
		const nameLength = view.getUint16(at + 28, true);
		const extraLength = view.getUint16(at + 30, true);
		const commentLength = view.getUint16(at + 32, true);
		at += 46 + nameLength + extraLength + commentLength;
	}
	return bytes;
}
