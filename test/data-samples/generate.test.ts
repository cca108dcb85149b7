import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import readExcelFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSamples, sampleFiles } from '../../data-samples/generate.ts';
import { casebookScoreHeaders, casebookUnmapped } from '../../data-samples/lib/casebook.ts';
import { spreadsheetScoreHeaders } from '../../data-samples/lib/spreadsheet.ts';
import { columnForHeader, tables } from '../../src/lib/contract/tables.ts';
import { groupOf, vocabularies, type VocabularyKey } from '../../src/lib/contract/vocabularies.ts';

const committedDir = fileURLToPath(new URL('../../data-samples/', import.meta.url));
let dirA: string;
let dirB: string;

type Row = Record<string, string>;
const parseCsv = (text: string) =>
	Papa.parse<Row>(text, { header: true, skipEmptyLines: true }).data;
const read = (dir: string, file: string) => readFileSync(join(dir, file));
const parsed = new Map<string, Row[]>();
const canonical = (key: 'referrals' | 'outcomes' | 'onward' | 'practices') => {
	if (!parsed.has(key)) parsed.set(key, parseCsv(read(dirA, sampleFiles[key]).toString('utf8')));
	return parsed.get(key) as Row[];
};
const expected = () => JSON.parse(read(dirA, sampleFiles.expected).toString('utf8'));

// Node 20.18.3+ (and 22.13+) decodes 'windows-1252' as Latin-1, leaving 0x80-0x9F as C1
// controls (nodejs/node#56542, #60888); browsers follow the WHATWG table. Latin-1 decoding is
// lossless, so the C1 controls can be mapped to the characters the table gives them.
const cp1252C1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const decoderIsLatin1 = new TextDecoder('windows-1252').decode(Uint8Array.of(0x92)) !== '’';
function decodeWindows1252(bytes: Uint8Array): string {
	const text = new TextDecoder('windows-1252').decode(bytes);
	if (!decoderIsLatin1) return text;
	return text.replace(/[\u0080-\u009f]/g, (c) => cp1252C1[c.charCodeAt(0) - 0x80]);
}
const casebookText = () => decodeWindows1252(read(dirA, sampleFiles.casebook));
const workbook = () => readExcelFile(join(dirA, sampleFiles.spreadsheet));

beforeAll(async () => {
	dirA = mkdtempSync(join(tmpdir(), 'samples-a-'));
	dirB = mkdtempSync(join(tmpdir(), 'samples-b-'));
	await generateSamples(dirA);
	await generateSamples(dirB);
});

afterAll(() => {
	rmSync(dirA, { recursive: true, force: true });
	rmSync(dirB, { recursive: true, force: true });
});

describe('generator', () => {
	it('regenerates byte-identical files', () => {
		for (const file of Object.values(sampleFiles)) {
			expect(read(dirA, file).equals(read(dirB, file)), file).toBe(true);
		}
	});

	it('matches the committed sample (regenerate with npm run samples)', () => {
		for (const file of Object.values(sampleFiles)) {
			expect(read(dirA, file).equals(read(committedDir, file)), file).toBe(true);
		}
	});

	it('writes only the listed files', () => {
		const written = ['canonical', 'exports'].flatMap((d) =>
			readdirSync(join(dirA, d)).map((f) => `${d}/${f}`)
		);
		expect(written.sort()).toEqual(Object.values(sampleFiles).sort());
	});
});

describe('canonical referrals', () => {
	it('has about 6,000 referrals from about 5,000 people, as expected.json says', () => {
		const rows = canonical('referrals');
		const people = new Set(rows.map((r) => r.person_id)).size;
		expect(rows.length).toBeGreaterThan(5_500);
		expect(rows.length).toBeLessThan(6_500);
		expect(people).toBeGreaterThan(4_500);
		expect(people).toBeLessThan(5_500);
		expect(rows.length).toBe(expected().canonical.referrals);
		expect(people).toBe(expected().canonical.people);
	});

	it('has GP as the largest referral-source group, counted as in expected.json', () => {
		const counts: Record<string, number> = {};
		for (const r of canonical('referrals')) {
			const group = groupOf(vocabularies.referral_source, r.referral_source) ?? 'unmapped';
			counts[group] = (counts[group] ?? 0) + 1;
		}
		const largest = Object.entries(counts).sort((a, b) => b[1] - a[1])[0][0];
		expect(largest).toBe('gp');
		expect(counts).toEqual(expected().canonical.by_referral_source_group);
	});

	it('is about 60% female', () => {
		const rows = canonical('referrals');
		const female = rows.filter((r) => groupOf(vocabularies.sex, r.sex) === 'female').length;
		expect(female / rows.length).toBeGreaterThan(0.55);
		expect(female / rows.length).toBeLessThan(0.65);
	});

	it('has exactly the canonical headers and unique referral IDs', () => {
		const header = read(dirA, sampleFiles.referrals).toString('utf8').split('\n')[0];
		expect(header.split(',')).toEqual(tables.referrals.columns.map((c) => c.name));
		const ids = canonical('referrals').map((r) => r.referral_id);
		expect(new Set(ids).size).toBe(ids.length);
	});
});

describe('canonical files are clean', () => {
	const isoDate = /^\d{4}-\d{2}-\d{2}$/;
	const validDate = (s: string) => isoDate.test(s) && new Date(s).toISOString().startsWith(s);
	const maps = (key: VocabularyKey, label: string) =>
		groupOf(vocabularies[key], label) !== undefined;

	it('has valid dates, known labels and in-range numbers in referrals', () => {
		const problems: string[] = [];
		const check = (ok: boolean, r: Row, what: string) => {
			if (!ok) problems.push(`${r.referral_id}: ${what}`);
		};
		for (const r of canonical('referrals')) {
			check(validDate(r.referral_date), r, r.referral_date);
			for (const d of [r.first_contact_date, r.discharge_date].filter(Boolean)) {
				check(validDate(d) && d >= r.referral_date, r, d);
			}
			check(maps('referral_source', r.referral_source), r, r.referral_source);
			for (const reason of r.referral_reasons.split('; ')) {
				check(maps('referral_reason', reason), r, reason);
			}
			if (r.discharge_reason)
				check(maps('discharge_reason', r.discharge_reason), r, r.discharge_reason);
			check(maps('sex', r.sex) && maps('ethnicity', r.ethnicity), r, `${r.sex} ${r.ethnicity}`);
			check(/^([1-9]|10)$/.test(r.imd_decile), r, r.imd_decile);
		}
		expect(problems).toEqual([]);
	});

	it('links outcomes, onward referrals and practices to the referrals', () => {
		const referrals = canonical('referrals');
		const ids = new Set(referrals.map((r) => r.referral_id));
		const practices = new Set(canonical('practices').map((p) => p.practice));
		expect(canonical('outcomes').every((o) => ids.has(o.referral_id))).toBe(true);
		expect(canonical('onward').every((o) => ids.has(o.referral_id))).toBe(true);
		expect(referrals.every((r) => practices.has(r.practice))).toBe(true);
		for (const o of canonical('onward')) {
			expect(maps('onward_category', o.category), o.category).toBe(true);
		}
	});
});

describe('casebook export', () => {
	it('is Windows-1252 with CRLF lines and two blank lines at the end', () => {
		const bytes = read(dirA, sampleFiles.casebook);
		expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
		const text = casebookText();
		expect(text).toContain('St Mary’s');
		expect(text).not.toMatch(/[\u0080-\u009f]/);
		expect(text).toContain('Belvédère');
		expect(text).toContain('Weavers Lane – Hillside');
		expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
		expect(text.endsWith('\r\n\r\n\r\n')).toBe(true);
	});

	it('has headers that all map to referrals columns, except the documented ones', () => {
		const headers = casebookText().split('\r\n')[0].split(',');
		const skipped = [...casebookUnmapped, ...casebookScoreHeaders];
		for (const h of headers.filter((h) => !skipped.includes(h))) {
			expect(columnForHeader(tables.referrals, h), h).toBeDefined();
		}
		for (const h of skipped) expect(columnForHeader(tables.referrals, h), h).toBeUndefined();
	});

	it('holds the documented defects at the documented rows', () => {
		const e = expected().casebook_export;
		const rows = parseCsv(casebookText());
		expect(rows.length).toBe(e.rows_written);
		const readme = read(dirA, sampleFiles.exportsReadme).toString('utf8');
		for (const d of Object.values(e.defects) as { row: number; column: string; value: string }[]) {
			expect(rows[d.row - 2][d.column], `row ${d.row}`).toBe(d.value);
			expect(readme).toContain(`Row ${d.row}, \`${d.column}\``);
		}
		const duplicate = e.defects.exact_duplicate.row;
		expect(rows[duplicate - 2]).toEqual(rows[duplicate - 3]);
	});
});

describe('spreadsheet export', () => {
	it('has a Read me sheet first, then Referrals', async () => {
		const sheets = await workbook();
		expect(sheets.map((s) => s.sheet)).toEqual(['Read me', 'Referrals']);
		expect(String(sheets[0].data[0][0])).toMatch(/synthetic/i);
	});

	it('has headers that all map to referrals columns, except the score columns', async () => {
		const headers = (await workbook())[1].data[0].map(String);
		for (const h of headers.filter((h) => !spreadsheetScoreHeaders.includes(h))) {
			expect(columnForHeader(tables.referrals, h), h).toBeDefined();
		}
	});

	it('uses real date and number cells and holds the documented defects', async () => {
		const data = (await workbook())[1].data;
		const e = expected().spreadsheet_export;
		expect(data.length - 1).toBe(e.rows_written);
		expect(data[1][2]).toBeInstanceOf(Date);
		expect(typeof data[1][12]).toBe('number');
		expect(data[e.defects.missing_referral_date.row - 1][2]).toBeNull();
		expect(data[e.defects.invalid_ethnic_category.row - 1][15]).toBe('Q');
	});
});
