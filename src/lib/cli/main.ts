import { readFile } from 'node:fs/promises';
import { parseProfile, type Profile } from '../contract/profile.ts';
import { createNodeDb } from '../db/node.ts';
import { findingMessage } from '../ingest/guard.ts';
import { installMacros, loadFiles } from '../ingest/load.ts';
import { missingRequired } from '../ingest/mapping.ts';
import { fromPath } from '../ingest/node-input.ts';
import { makeFilters } from '../metrics/filters.ts';
import {
	dropIdentifierColumns,
	isUnreadable,
	prepareFile,
	type PreparedFile
} from '../ingest/prepare.ts';
import { parseSummaryArgs, usage, type SummaryArgs } from './args.ts';
import { summaryJson } from './summary.ts';

/** Exit codes: 0 done, 1 bad input or usage, 2 identifiers found. */
export async function main(
	argv: string[],
	out = process.stdout,
	err = process.stderr
): Promise<number> {
	const args = parseSummaryArgs(argv);
	if (!args.value) {
		err.write(`sp-impact: ${args.error}\n${usage}\n`);
		return 1;
	}
	const db = await createNodeDb();
	try {
		return await summary(db, args.value, out, err);
	} finally {
		await db.close();
	}
}

async function summary(
	db: Awaited<ReturnType<typeof createNodeDb>>,
	args: SummaryArgs,
	out: NodeJS.WritableStream,
	err: NodeJS.WritableStream
): Promise<number> {
	const fail = (message: string, code = 1) => (err.write(`sp-impact: ${message}\n`), code);
	let profile: Profile | undefined;
	if (args.profile) {
		const text = await readFile(args.profile, 'utf8').catch((e: Error) => e);
		if (text instanceof Error) return fail(`cannot read profile ${args.profile}: ${text.message}`);
		const parsed = parseProfile(text);
		if (!parsed.value) return fail(`invalid profile ${args.profile}: ${parsed.errors.join('; ')}`);
		profile = parsed.value;
	}
	await installMacros(db);
	const files: PreparedFile[] = [];
	for (const path of args.files) {
		const input = await fromPath(path).catch((e: Error) => e);
		if (input instanceof Error) return fail(`cannot read ${path}: ${input.message}`);
		const prepared = await prepareFile(db, input, { profile, name: uniqueName(input.name, files) });
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
	if (found.length && !args.dropIdentifiers) {
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
	const report = await loadFiles(db, cleaned, profile);
	const filters = makeFilters({
		period: { kind: 'custom', from: args.from, to: args.to },
		pcn: args.pcn,
		practice: args.practice,
		service: args.service
	});
	const json = await summaryJson(db, cleaned, report, filters, {
		asOf: args.asOf,
		publication: args.publication,
		outcomes: { meaningfulChange: args.meaningfulChange, gpWindowMonths: args.gpWindowMonths }
	});
	out.write(JSON.stringify(json, null, 2) + '\n');
	return 0;
}

// Two files with one name (from different folders) are told apart in every report.
function uniqueName(name: string, files: PreparedFile[]): string {
	let candidate = name;
	for (let n = 2; files.some((f) => f.name === candidate); n++) candidate = `${name} (${n})`;
	return candidate;
}
