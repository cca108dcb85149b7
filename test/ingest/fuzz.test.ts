import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fc from 'fast-check';
import type { Db } from '../../src/lib/db/types.ts';
import { importFiles } from '../../src/lib/ingest/import-files.ts';
import { problemRows } from '../../src/lib/ingest/report.ts';
import { dropRawSql } from '../../src/lib/ingest/stage.ts';
import { createWasmNodeDb } from '../db/wasm-node-db.ts';
import { cli } from '../cli/run-cli.ts';
import { nativeDb, scratchDir } from '../helpers/import.ts';

// Issue 15, property-based: random CSV files (delimiters, quoting, embedded delimiters, quotes
// and line breaks, BOMs and encodings, blank and ragged lines, long fields, NUL and control
// bytes, mixed date formats, valid and invalid values), imported on native DuckDB and on
// duckdb-wasm. Per file: no crash and no refusal; rows read = the data lines the generator wrote
// = loaded + rejected; every rejected row has the row number a spreadsheet shows and its reason.
// A failure prints fast-check's seed and the smallest file that still fails.
// `npm run fuzz` runs many more files (FUZZ_RUNS).

const runs = Number(process.env.FUZZ_RUNS ?? 24);
const seed = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);

type Line =
	| { kind: 'good'; date: string; service: string; quoteAll: boolean }
	| { kind: 'noId' | 'badDate' | 'short'; date: string; service: string }
	| { kind: 'extra'; extras: number; service: string }
	| { kind: 'unterminated'; service: string }
	| { kind: 'empty' | 'spaces' | 'delimiters' };

type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'windows-1252';

interface Spec {
	delimiter: ',' | ';' | '\t';
	encoding: Encoding;
	endings: ('\n' | '\r\n' | '\r')[];
	leadingBlank: number;
	lines: Line[];
	finalBreak: boolean;
	control: '' | '\u0000' | '\u0001' | '\u001b';
}

const goodDates = [
	'2024-04-01',
	'01/04/2024',
	'1/4/24',
	'01-04-2024',
	'15/10/2023 09:30',
	'2023-12-31'
];
const badDates = ['31/02/2024', 'soon', '2024-13-01', '00/01/2024', '32/01/2024'];
// No digits and no @ in free text, so no value looks like an identifier and the guard stays quiet.
const plainChars = [...'abcdefXYZ -_.:!?()/&'];
const awkwardChars = [',', ';', '\t', '"', '\n', '\r', '\r\n', 'é', '€', '—', "'", '='];
const wideChars = ['😀', 'ā', '中'];

const valueArb = (encoding: Encoding) =>
	fc
		.tuple(
			fc.array(
				fc.oneof(
					{ weight: 6, arbitrary: fc.constantFrom(...plainChars) },
					{ weight: 2, arbitrary: fc.constantFrom(...awkwardChars) },
					{
						weight: encoding === 'windows-1252' ? 0 : 1,
						arbitrary: fc.constantFrom(...wideChars)
					}
				),
				{ maxLength: 12 }
			),
			// Now and then a very long value (up to 20,000 characters).
			fc.oneof(
				{ weight: 30, arbitrary: fc.constant(0) },
				{ weight: 1, arbitrary: fc.nat({ max: 4000 }) }
			)
		)
		.map(([chars, long]) => 'long '.repeat(long) + chars.join(''));

const lineArb = (encoding: Encoding): fc.Arbitrary<Line> => {
	const value = valueArb(encoding);
	return fc.oneof(
		{
			weight: 10,
			arbitrary: fc.record({
				kind: fc.constant('good' as const),
				date: fc.constantFrom(...goodDates),
				service: value,
				quoteAll: fc.boolean()
			})
		},
		{
			weight: 4,
			arbitrary: fc.record({
				kind: fc.constantFrom('noId' as const, 'badDate' as const, 'short' as const),
				date: fc.constantFrom(...goodDates),
				service: value
			})
		},
		{
			weight: 2,
			arbitrary: fc.record({
				kind: fc.constant('extra' as const),
				extras: fc.constantFrom(1, 2, 9),
				service: value
			})
		},
		{
			weight: 1,
			arbitrary: fc.record({ kind: fc.constant('unterminated' as const), service: value })
		},
		{
			weight: 2,
			arbitrary: fc.record({
				kind: fc.constantFrom('empty' as const, 'spaces' as const, 'delimiters' as const)
			})
		}
	);
};

const specArb: fc.Arbitrary<Spec> = fc
	.constantFrom<Encoding>('utf-8', 'utf-8-bom', 'utf-16le', 'windows-1252')
	.chain((encoding) =>
		fc.record({
			delimiter: fc.constantFrom(',' as const, ';' as const, '\t' as const),
			encoding: fc.constant(encoding),
			endings: fc.oneof(
				fc.constantFrom<('\n' | '\r\n' | '\r')[]>(['\n'], ['\r\n'], ['\r']),
				fc.constant<('\n' | '\r\n' | '\r')[]>(['\n', '\r\n', '\r'])
			),
			leadingBlank: fc.constantFrom(0, 0, 0, 1, 2),
			lines: fc.array(lineArb(encoding), { minLength: 1, maxLength: 25 }),
			finalBreak: fc.boolean(),
			control: fc.constantFrom<Spec['control']>('', '', '', '\u0000', '\u0001', '\u001b')
		})
	)
	// At least one data line, or the file is header-only (refused, tested in the corpus).
	.filter((s) => s.lines.some((l) => !['empty', 'spaces', 'delimiters'].includes(l.kind)));

interface Built {
	bytes: Uint8Array;
	text: string;
	read: number;
	loaded: number;
	rejects: [number, string][];
}

/** Write a spec as a file, and work out what a spreadsheet (and so the import) must make of it. */
function build(spec: Spec): Built {
	const d = spec.delimiter;
	const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;
	const needs = (v: string) => v.includes(d) || /["\r\n]/.test(v) || v !== v.trim();
	const cell = (v: string, always = false) => (always || needs(v) ? quote(v) : v);
	const parts: string[] = [];
	const rejects: [number, string][] = [];
	let row = 0;
	let read = 0;
	let loaded = 0;
	let ending = 0;
	// A CR right before an LF is one CRLF, not two line ends: then the second is a CR too.
	const eol = () => {
		const next = spec.endings[ending++ % spec.endings.length];
		return parts.at(-1)?.endsWith('\r') && next.startsWith('\n') ? '\r' : next;
	};
	for (let i = 0; i < spec.leadingBlank; i++) {
		parts.push(eol());
		row++;
	}
	parts.push(['Referral ID', 'Date of referral', 'Service'].map((h) => cell(h)).join(d));
	row++;
	// After a quote that is never closed, no line may hold a quote (it would close it).
	const unterminatedAt = spec.lines.findIndex((l) => l.kind === 'unterminated');
	let controlUsed = false;
	spec.lines.forEach((line, i) => {
		parts.push(eol());
		row++;
		const afterOpen = unterminatedAt >= 0 && i > unterminatedAt;
		const clean = (v: string) => {
			// Nothing after it may need quotes: no quote, line break, delimiter or edge space.
			let s = afterOpen ? v.replace(/["\r\n,;\t]/g, '').trim() : v;
			if (!controlUsed && spec.control && line.kind === 'good') {
				s = `${s}${spec.control}`;
				controlUsed = true;
			}
			return s;
		};
		const id = `R${i + 1}`;
		switch (line.kind) {
			case 'empty':
				return;
			case 'spaces':
				parts.push('  ');
				return;
			case 'delimiters':
				parts.push(d + d);
				return;
			case 'unterminated':
				if (unterminatedAt !== i) {
					parts.push([id, goodDates[0], 'plain'].join(d));
					read++;
					loaded++;
					return;
				}
				// A quote never closed holds no line break: every line after it is a line of the file.
				parts.push([id, goodDates[0], `"${line.service.replace(/["\r\n]/g, '')}`].join(d));
				read++;
				rejects.push([
					row,
					'could not be read: a quoted value starts in this row and is never closed'
				]);
				return;
			case 'good': {
				const s = clean(line.service);
				parts.push([id, line.date, s].map((v) => cell(v, line.quoteAll && !afterOpen)).join(d));
				read++;
				loaded++;
				return;
			}
			case 'noId':
				parts.push(['', line.date, cell(clean(line.service))].join(d));
				read++;
				rejects.push([row, 'no referral_id']);
				return;
			case 'badDate':
				parts.push([id, badDates[i % badDates.length], cell(clean(line.service))].join(d));
				read++;
				rejects.push([row, 'referral_date is not a valid date']);
				return;
			case 'short':
				parts.push(id);
				read++;
				rejects.push([row, 'no referral_date']);
				return;
			case 'extra': {
				const extras = Array.from({ length: line.extras }, (_, k) => `x${k}`);
				parts.push([id, goodDates[0], cell(clean(line.service)), ...extras].join(d));
				read++;
				rejects.push([
					row,
					`has ${3 + line.extras} fields but the header has 3 (a delimiter inside an unquoted value?)`
				]);
				return;
			}
		}
	});
	if (spec.finalBreak) parts.push(eol());
	const text = parts.join('');
	return { bytes: encode(text, spec.encoding), text, read, loaded, rejects };
}

const cp1252: Record<string, number> = { '€': 0x80, '—': 0x97, é: 0xe9 };

function encode(text: string, encoding: Encoding): Uint8Array {
	if (encoding === 'utf-16le') {
		return new Uint8Array(Uint16Array.from('\ufeff' + text, (c) => c.charCodeAt(0)).buffer);
	}
	if (encoding === 'windows-1252') {
		return Uint8Array.from(text, (c) => cp1252[c] ?? c.charCodeAt(0));
	}
	return new TextEncoder().encode((encoding === 'utf-8-bom' ? '\ufeff' : '') + text);
}

let tried = 0;

async function check(db: Db, dir: Awaited<ReturnType<typeof scratchDir>>, spec: Spec) {
	const built = build(spec);
	const path = await dir.write(`fuzz-${tried++}.csv`, built.bytes);
	const imported = await importFiles(db, [path]);
	if ('error' in imported) throw new Error(`refused: ${imported.error.message}`);
	const { report, files } = imported.value;
	try {
		const file = report.files[0];
		expect({
			read: file.rows_read,
			loaded: file.rows_loaded,
			rejected: file.rows_rejected
		}).toEqual({
			read: built.read,
			loaded: built.loaded,
			rejected: built.read - built.loaded
		});
		const rejects = (await problemRows(db, 'import_rejects')) as { row: number; reason: string }[];
		expect(rejects.map((r) => [r.row, r.reason])).toEqual(built.rejects);
		return report;
	} finally {
		for (const f of files) await db.exec(dropRawSql(f.index));
	}
}

describe('fuzz: random files, every line counted', () => {
	let dir: Awaited<ReturnType<typeof scratchDir>>;
	beforeAll(async () => {
		dir = await scratchDir();
	});
	afterAll(async () => {
		await dir.remove();
		console.log(`fuzz: ${tried} generated files imported`);
	});

	it('native DuckDB: read = loaded + rejected, each reject at its row with its reason', async () => {
		const db = await nativeDb();
		try {
			await fc.assert(
				fc.asyncProperty(specArb, async (spec) => {
					await check(db, dir, spec);
				}),
				{ numRuns: runs, seed, verbose: 1 }
			);
		} finally {
			await db.close();
		}
	}, 600_000);

	it('duckdb-wasm: the same', async () => {
		const db = await createWasmNodeDb();
		try {
			await fc.assert(
				fc.asyncProperty(specArb, async (spec) => {
					await check(db, dir, spec);
				}),
				{ numRuns: Math.ceil(runs / 2), seed, verbose: 1 }
			);
		} finally {
			db.close();
		}
	}, 600_000);

	it('the command-line tool reports the same counts as the import', async () => {
		const db = await nativeDb();
		try {
			await fc.assert(
				fc.asyncProperty(
					specArb.filter((s) => s.lines.some((l) => l.kind === 'good')),
					async (spec) => {
						const report = await check(db, dir, spec);
						const run = await cli('summary', `${dir.dir}/fuzz-${tried - 1}.csv`);
						expect(run.stderr).toBe('');
						const [file] = JSON.parse(run.stdout).import.files;
						expect(file).toMatchObject({
							rows_read: report.files[0].rows_read,
							rows_loaded: report.files[0].rows_loaded,
							rows_rejected: report.files[0].rows_rejected
						});
					}
				),
				{ numRuns: Math.max(3, Math.ceil(runs / 6)), seed, verbose: 1 }
			);
		} finally {
			await db.close();
		}
	}, 600_000);
});
