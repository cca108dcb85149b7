// Node only: the one way files on disk reach DuckDB, for the command-line tool, the tests, the
// benchmark and the notebooks. The browser app takes the same steps with a review in between.
import { readFile } from 'node:fs/promises';
import { parseProfile, type Profile } from '../contract/profile.ts';
import type { Db } from '../db/types.ts';
import { findingMessage } from './guard.ts';
import { installMacros, loadFiles } from './load.ts';
import { missingRequired } from './mapping.ts';
import { fromPath } from './node-input.ts';
import {
	dropIdentifierColumns,
	isUnreadable,
	prepareFile,
	uniqueName,
	type PreparedFile
} from './prepare.ts';
import type { ImportReport } from './report.ts';

/** How to import: a mapping profile (parsed, or the path of its JSON file); drop identifiers? */
export interface ImportOptions {
	profile?: Profile | string;
	dropIdentifiers?: boolean;
}

/** Why nothing was loaded, and the exit code (README): 1 bad input, 2 identifiers found. */
export interface ImportError {
	message: string;
	code: 1 | 2;
}

/** The loaded files and what happened to every row, or why nothing was loaded. */
export type ImportResult =
	{ value: { files: PreparedFile[]; report: ImportReport } } | { error: ImportError };

/**
 * Read, map and load files from disk into fresh canonical tables, as the app does once the user
 * has reviewed them. Stops at the first file that cannot be read or lacks a required column, and
 * when identifiers are found (unless `dropIdentifiers`); nothing is loaded then.
 */
export async function importFiles(
	db: Db,
	paths: string[],
	options: ImportOptions = {}
): Promise<ImportResult> {
	const fail = (message: string, code: 1 | 2 = 1) => ({ error: { message, code } });
	const profile = await maybeProfile(options.profile);
	if ('error' in profile) return fail(profile.error);
	await installMacros(db);
	const files: PreparedFile[] = [];
	for (const path of paths) {
		const input = await fromPath(path).catch((e: Error) => e);
		if (input instanceof Error) return fail(`cannot read ${path}: ${input.message}`);
		const name = uniqueName(input.name, files);
		const prepared = await prepareFile(db, input, { profile: profile.value, name });
		if (isUnreadable(prepared)) return fail(prepared.error);
		const missing = missingRequired(prepared.mapping);
		if (missing.length) {
			return fail(
				`${prepared.name}: read as ${prepared.mapping.table} but has no column for ${missing.join(', ')} (map it with --profile)`
			);
		}
		files.push(prepared);
	}
	const found = files.flatMap((f) => f.identifiers.map((i) => findingMessage(f.name, i)));
	if (found.length && !options.dropIdentifiers) {
		return fail(
			`direct identifiers found; nothing was loaded.\n  ${found.join('\n  ')}\nRemove those columns, or run again with --drop-identifiers to drop them.`,
			2
		);
	}
	const cleaned: PreparedFile[] = [];
	for (const f of files) cleaned.push(await dropIdentifierColumns(db, f));
	if (!cleaned.some((f) => f.mapping.table === 'referrals')) {
		return fail('no referrals table: none of the files has referral_id and referral_date columns');
	}
	return { value: { files: cleaned, report: await loadFiles(db, cleaned, profile.value) } };
}

// A profile as given, or read and checked from its file.
async function maybeProfile(
	profile: Profile | string | undefined
): Promise<{ value?: Profile } | { error: string }> {
	if (typeof profile !== 'string') return { value: profile };
	const text = await readFile(profile, 'utf8').catch((e: Error) => e);
	if (text instanceof Error) return { error: `cannot read profile ${profile}: ${text.message}` };
	const parsed = parseProfile(text);
	if (!parsed.value) return { error: `invalid profile ${profile}: ${parsed.errors.join('; ')}` };
	return { value: parsed.value };
}
