import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

/** Reference figures the browser's must equal: the command-line tool, expected.json, the CSVs themselves. */

export const canonicalDir = resolve('data-samples/canonical');
export const canonicalFiles = [
	'synthetic-referrals.csv',
	'synthetic-outcomes.csv',
	'synthetic-onward-referrals.csv',
	'synthetic-practices.csv'
].map((f) => resolve(canonicalDir, f));
export const exportsDir = resolve('data-samples/exports');

/** RFC 4180 CSV text → rows of cells (quotes, doubled quotes, CRLF). */
export function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') {
				cell += '"';
				i++;
			} else if (c === '"') quoted = false;
			else cell += c;
		} else if (c === '"') quoted = true;
		else if (c === ',') {
			row.push(cell);
			cell = '';
		} else if (c === '\n' || c === '\r') {
			if (c === '\r' && text[i + 1] === '\n') i++;
			row.push(cell);
			rows.push(row);
			row = [];
			cell = '';
		} else cell += c;
	}
	if (cell !== '' || row.length) {
		row.push(cell);
		rows.push(row);
	}
	return rows;
}

/** CSV text → objects keyed by the header row. */
export function csvRecords(text: string): Record<string, string>[] {
	const [header, ...rows] = parseCsv(text);
	return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

const run = promisify(execFile);
/** Rates per 1,000 a year by practice and PCN, as the summary prints them. */
type Rates = { practices: Record<string, number>; pcns: Record<string, number> };

export interface CliSummary {
	as_of: string;
	import: {
		rows_read: number;
		rows_loaded: number;
		rows_rejected: number;
		files: { file: string; rows_read: number; rows_loaded: number }[];
	};
	reach: {
		referrals: number;
		people: number;
		by_source: Record<string, number>;
		by_pcn: Record<string, number>;
		by_practice: Record<string, number>;
		by_service: Record<string, number>;
		referral_rate_per_1000: Rates | null;
		people_referred_per_1000: Rates | null;
	};
	outcomes: Record<string, Record<string, unknown>>;
	gp_appointments: Record<string, unknown>;
}

/** The command-line tool's summary: the reference the browser's figures must equal. */
export async function cliSummary(
	files: string[],
	range: { from?: string; to?: string } = {},
	extra: string[] = []
): Promise<CliSummary> {
	const args = ['bin/sp-impact.js', 'summary', ...extra];
	if (range.from) args.push('--from', range.from);
	if (range.to) args.push('--to', range.to);
	const { stdout } = await run(process.execPath, [...args, ...files], { maxBuffer: 1 << 24 });
	return JSON.parse(stdout) as CliSummary;
}

/**
 * People (distinct person IDs; a referral without one counts as one person) among the canonical
 * sample's referrals in one PCN and date range, counted here from the CSV as a reference.
 */
export async function canonicalPeople(where: {
	pcn: string;
	from: string;
	to: string;
}): Promise<number> {
	const records = csvRecords(await readFile(canonicalFiles[0], 'utf8'));
	const people = new Set<string>();
	records
		.filter(
			(r) => r.pcn === where.pcn && r.referral_date >= where.from && r.referral_date <= where.to
		)
		.forEach((r) => people.add(r.person_id || `referral ${r.referral_id}`));
	return people.size;
}

/** The data samples' documented counts. */
export async function expected() {
	return JSON.parse(await readFile(resolve(canonicalDir, 'expected.json'), 'utf8'));
}
