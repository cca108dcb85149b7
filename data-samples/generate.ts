/**
 * Seeded synthetic data generator for the sample files in data-samples/.
 *
 *   npx tsx data-samples/generate.ts
 *     regenerates the committed sample (canonical files, shaped exports, expected.json, READMEs)
 *   npx tsx data-samples/generate.ts --referrals 1000000 --out data-samples/generated/referrals-1m.csv
 *     writes a large canonical referrals CSV for benchmarks (not committed)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { onwardCsv, outcomesCsv, practicesCsv, referralsCsv } from './lib/canonical.ts';
import {
	casebookBytes,
	casebookScope,
	casebookScoreHeaders,
	makeCasebook
} from './lib/casebook.ts';
import { AS_OF, makeEpisodes } from './lib/episodes.ts';
import { compareFacts } from './lib/compare.ts';
import { countCanonical, countExport } from './lib/expected.ts';
import { checkLabelTables } from './lib/labels.ts';
import { writeLargeReferrals } from './lib/large.ts';
import { checkOnwardCategories, makeOnwardReferrals } from './lib/onward.ts';
import { makeOutcomes } from './lib/outcomes.ts';
import { Rng } from './lib/random.ts';
import { canonicalReadme, exportsReadme } from './lib/readme.ts';
import {
	makeSpreadsheet,
	spreadsheetBytes,
	spreadsheetScope,
	spreadsheetScoreHeaders
} from './lib/spreadsheet.ts';
import { isoDate } from './lib/dates.ts';
import { buildWorld } from './lib/world.ts';

/** The seed of the committed sample. */
export const SEED = 20250331;
/** How many people the committed sample refers. */
const PEOPLE = 5_000;

/** File names, relative to the output directory. */
export const sampleFiles = {
	referrals: 'canonical/synthetic-referrals.csv',
	outcomes: 'canonical/synthetic-outcomes.csv',
	onward: 'canonical/synthetic-onward-referrals.csv',
	practices: 'canonical/synthetic-practices.csv',
	expected: 'canonical/expected.json',
	canonicalReadme: 'canonical/README.md',
	casebook: 'exports/synthetic-casebook-export.csv',
	spreadsheet: 'exports/synthetic-spreadsheet-export.xlsx',
	exportsReadme: 'exports/README.md'
} as const;

/** Generates every sample file under `outDir`; returns their contents by key. */
export async function generateSamples(outDir: string, seed = SEED) {
	checkLabelTables();
	checkOnwardCategories();
	const rng = new Rng(seed);
	const world = buildWorld();
	const episodes = makeEpisodes(rng.fork(1), world, PEOPLE);
	const outcomes = makeOutcomes(rng.fork(2), episodes);
	const onward = makeOnwardReferrals(rng.fork(3), episodes);
	const casebook = makeCasebook(rng.fork(4), episodes, outcomes);
	const sheet = makeSpreadsheet(episodes, outcomes);

	const canonicalCounts = countCanonical(episodes);
	const compare = compareFacts(episodes, AS_OF);
	const casebookCounts = countExport(
		casebook.headers,
		casebook.rows,
		casebook.defects,
		casebookScoreHeaders
	);
	const sheetCounts = countExport(
		sheet.headers,
		sheet.rows,
		sheet.defects,
		spreadsheetScoreHeaders
	);
	const expected = {
		seed,
		as_of: isoDate(AS_OF),
		canonical: {
			...canonicalCounts,
			outcome_rows: outcomes.length,
			onward_referral_rows: onward.length,
			practices: world.practices.length
		},
		compare,
		casebook_export: {
			file: sampleFiles.casebook,
			scope: casebookScope.description,
			encoding: 'windows-1252',
			blank_lines_at_end: 2,
			...casebookCounts
		},
		spreadsheet_export: {
			file: sampleFiles.spreadsheet,
			scope: spreadsheetScope.description,
			sheet: 'Referrals',
			...sheetCounts
		}
	};

	const files: Record<keyof typeof sampleFiles, string | Uint8Array> = {
		referrals: referralsCsv(episodes),
		outcomes: outcomesCsv(outcomes),
		onward: onwardCsv(onward),
		practices: practicesCsv(world),
		expected: JSON.stringify(expected, null, '\t') + '\n',
		canonicalReadme: canonicalReadme({
			seed,
			referrals: episodes.length,
			people: canonicalCounts.people,
			reReferred: canonicalCounts.people_referred_more_than_once,
			outcomes: outcomes.length,
			onward: onward.length,
			practices: world.practices.length,
			pcns: new Set(world.practices.map((p) => p.pcn)).size,
			compare
		}),
		casebook: casebookBytes(casebook.headers, casebook.rows),
		spreadsheet: await spreadsheetBytes(sheet.headers, sheet.rows),
		exportsReadme: exportsReadme(
			seed,
			{
				file: 'synthetic-casebook-export.csv',
				scope: casebookScope.description,
				rowsWritten: casebookCounts.rows_written,
				rowsLoaded: casebookCounts.rows_loaded,
				defects: casebook.defects
			},
			{
				file: 'synthetic-spreadsheet-export.xlsx',
				scope: spreadsheetScope.description,
				rowsWritten: sheetCounts.rows_written,
				rowsLoaded: sheetCounts.rows_loaded,
				defects: sheet.defects
			}
		)
	};
	for (const [key, content] of Object.entries(files)) {
		const path = join(outDir, sampleFiles[key as keyof typeof sampleFiles]);
		mkdirSync(dirname(path), { recursive: true });
		writeFileSync(path, content);
	}
	return files;
}

/** Reads `--name value` pairs; throws on anything else. */
function parseArgs(args: string[]): Record<string, string> {
	const options: Record<string, string> = {};
	for (let i = 0; i < args.length; i += 2) {
		const [flag, value] = [args[i], args[i + 1]];
		if (!flag.startsWith('--') || value === undefined) throw new Error(`invalid argument: ${flag}`);
		options[flag.slice(2)] = value;
	}
	return options;
}

async function main(args: string[]): Promise<void> {
	const options = parseArgs(args);
	const seed = options.seed ? Number(options.seed) : SEED;
	if (options.referrals === undefined) {
		const outDir = options.out ?? dirname(fileURLToPath(import.meta.url));
		await generateSamples(outDir, seed);
		console.log(`wrote the synthetic sample to ${outDir}`);
		return;
	}
	const count = Number(options.referrals);
	if (!Number.isInteger(count) || count < 1)
		throw new Error(`invalid --referrals: ${options.referrals}`);
	const out = resolve(options.out ?? `data-samples/generated/referrals-${count}.csv`);
	const started = performance.now();
	const result = writeLargeReferrals(out, count, seed);
	const seconds = ((performance.now() - started) / 1000).toFixed(1);
	console.log(
		`wrote ${result.referrals} referrals of ${result.people} people to ${out} in ${seconds} s`
	);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
	main(process.argv.slice(2)).catch((error: unknown) => {
		console.error(error instanceof Error ? error.message : error);
		process.exit(1);
	});
}
