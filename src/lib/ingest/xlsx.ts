import readXlsxFile from 'read-excel-file/universal';

/** One worksheet as text cells: dates as ISO strings, numbers as written. */
export interface SheetText {
	name: string;
	rows: string[][];
}

/** Largest total a workbook may unpack to; a zip bomb unpacks to far more from a few KB. */
const maxUnpacked = 1 << 30;

/**
 * Why bytes cannot be an .xlsx workbook to open, or undefined: not a zip at all (a CSV renamed
 * .xlsx, say), or a zip whose entries would unpack to more than 1 GB (a zip bomb). Sizes are read
 * from the zip's central directory, before anything is unpacked.
 */
export function workbookProblem(bytes: Uint8Array): string | undefined {
	const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
	if (!isZip) {
		const head = bytes.subarray(0, 4096);
		const text = head.every((b) => b >= 0x20 || b === 0x09 || b === 0x0a || b === 0x0d);
		return text
			? 'is not an Excel workbook: it holds plain text (a CSV file renamed .xlsx?). Rename it to .csv'
			: 'is not an Excel workbook (.xlsx). Open it in Excel and save it again as .xlsx or CSV';
	}
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	// The end-of-central-directory record sits in the last 64 KB (plus its 22 bytes).
	let eocd = -1;
	for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65557); i--) {
		if (view.getUint32(i, true) === 0x06054b50) {
			eocd = i;
			break;
		}
	}
	const broken = 'is a damaged Excel workbook. Open it in Excel and save it again';
	if (eocd < 0) return broken;
	const entries = view.getUint16(eocd + 10, true);
	let at = view.getUint32(eocd + 16, true);
	let total = 0;
	for (let e = 0; e < entries; e++) {
		if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) return broken;
		total += view.getUint32(at + 24, true);
		at +=
			46 +
			view.getUint16(at + 28, true) +
			view.getUint16(at + 30, true) +
			view.getUint16(at + 32, true);
	}
	return total > maxUnpacked
		? `would unpack to ${Math.round(total / 2 ** 20)} MB, far more than a workbook of case data: it is not opened. Export the data as CSV instead`
		: undefined;
}

/** Read every worksheet of an .xlsx workbook as rows of text. */
export async function readWorkbook(bytes: Uint8Array): Promise<SheetText[]> {
	const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
	const sheets = await readXlsxFile(buffer as ArrayBuffer);
	return sheets.map((s) => ({
		name: s.sheet,
		rows: trimTrailingBlankRows(s.data.map((row) => row.map(cellText)))
	}));
}

// Blank rows inside a sheet are kept so row numbers match the sheet; trailing ones are not rows.
function trimTrailingBlankRows(rows: string[][]): string[][] {
	let end = rows.length;
	while (end > 0 && rows[end - 1].every((cell) => cell === '')) end--;
	return rows.slice(0, end);
}

function cellText(cell: unknown): string {
	if (cell === null || cell === undefined) return '';
	if (cell instanceof Date) {
		const iso = cell.toISOString();
		// Excel dates carry no zone; a time of midnight means a plain date.
		return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
	}
	return String(cell);
}
