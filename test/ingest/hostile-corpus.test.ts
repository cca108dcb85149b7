import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { importFiles } from '../../src/lib/ingest/import-files.ts';
import { problemRows } from '../../src/lib/ingest/report.ts';
import { cli } from '../cli/run-cli.ts';
import { fixture, useNativeDb } from '../helpers/import.ts';

// The committed hostile corpus (test/fixtures/hostile, made by make.ts): each file loads with
// exact counts and rejects, or is refused with a named, plain-English reason, through the import
// function and through the command-line tool alike.
type Expected =
	| { refused: string }
	| { encoding: string; read: number; loaded: number; rejects: [number, string][] };
const expected: Record<string, Expected> = JSON.parse(
	readFileSync(fixture('hostile/expected.json'), 'utf8')
);
const path = (name: string) => fixture(`hostile/${name}`);

describe('the hostile corpus', () => {
	const ctx = useNativeDb();

	it.each(Object.entries(expected))(
		'%s',
		async (name, want) => {
			const imported = await importFiles(ctx.db, [path(name)]);
			const run = await cli('summary', path(name));
			// Nothing from the engine and no stack trace reaches the user.
			expect(run.stderr).not.toMatch(/Error|error:|at .*\.ts|DuckDB|Parser|query failed/);
			if ('refused' in want) {
				expect(imported).toEqual({ error: { code: 1, message: want.refused } });
				expect(run).toEqual({ code: 1, stdout: '', stderr: `sp-impact: ${want.refused}\n` });
				return;
			}
			if ('error' in imported) throw new Error(imported.error.message);
			const file = imported.value.report.files[0];
			expect(file).toMatchObject({
				encoding: want.encoding,
				rows_read: want.read,
				rows_loaded: want.loaded,
				rows_rejected: want.read - want.loaded
			});
			const rejects = (await problemRows(ctx.db, 'import_rejects')) as {
				row: number;
				reason: string;
			}[];
			expect(rejects.map((r) => [r.row, r.reason])).toEqual(want.rejects);
			expect(run.code).toBe(0);
			expect(JSON.parse(run.stdout).import.files[0]).toEqual({
				file: name,
				table: 'referrals',
				encoding: want.encoding,
				rows_read: want.read,
				rows_loaded: want.loaded,
				rows_rejected: want.read - want.loaded,
				issues: file.issues
			});
		},
		60_000
	);

	it('every file in the folder has an expected outcome', async () => {
		const { readdirSync } = await import('node:fs');
		const files = readdirSync(fixture('hostile')).filter((f) => /\.(csv|xlsx)$/.test(f));
		expect(files.sort()).toEqual(Object.keys(expected).sort());
	});
});
