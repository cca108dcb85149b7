import { writeFile } from 'node:fs/promises';
import { createNodeDb } from '../db/node.ts';
import { isOutOfMemory } from '../db/out-of-memory.ts';
import { QueryError } from '../db/types.ts';
import { problemsCsv } from '../ingest/report.ts';
import { writeExport } from '../export/write.ts';
import { catalogue } from '../figures/catalogue/index.ts';
import { plain, publication } from '../figures/presenter.ts';
import { makeFilters } from '../metrics/filters.ts';
import { parseSummaryArgs, usage, type SummaryArgs } from './args.ts';
import { asOfDate, figuresJson } from './figures.ts';
import { viewSettings } from './outcomes-summary.ts';
import { summaryJson } from './summary.ts';
import { compareJson } from './compare.ts';
import { writeReport } from './report.ts';
import { loadInput } from './input.ts';

const presenter = (args: SummaryArgs) => (args.publication ? publication : plain);

/** Exit codes: 0 done, 1 bad input or usage, 2 identifiers found. */
export async function main(
	argv: string[],
	out = process.stdout,
	err = process.stderr
): Promise<number> {
	const args = parseSummaryArgs(argv, Object.keys(catalogue));
	if (!args.value) {
		err.write(`sp-impact: ${args.error}\n${usage}\n`);
		return 1;
	}
	const db = await createNodeDb({
		memoryLimit: args.value.memoryLimit,
		tempDirectory: args.value.tempDirectory
	});
	try {
		return await summary(db, args.value, out, err);
	} catch (e) {
		// No engine message or stack trace for the user; SP_IMPACT_DEBUG=1 shows them.
		if (process.env.SP_IMPACT_DEBUG) {
			err.write(`${(e as Error).stack ?? e}\n`);
			// Which statement failed: the stack of an async query names only the client.
			if (e instanceof QueryError) err.write(`SQL:\n${e.sql.slice(0, 4000)}\n`);
		}
		if (isOutOfMemory(e)) {
			const limit = args.value.memoryLimit ? ` (--memory-limit ${args.value.memoryLimit})` : '';
			err.write(
				`sp-impact: ran out of memory: DuckDB reached its memory limit${limit} while loading the files or working out the figures. Run again with a higher --memory-limit (and --temp-directory on a disk with room), or load once with \`sp-impact export\` and run summary on the export.\n`
			);
			return 1;
		}
		err.write(
			`sp-impact: the files could not be loaded (an internal error, not a fault in your data you can fix). Run again with SP_IMPACT_DEBUG=1 and report what it prints.\n`
		);
		return 1;
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
	const loaded = await loadInput(db, args);
	if ('error' in loaded) {
		err.write(`sp-impact: ${loaded.error.message}\n`);
		return loaded.error.code;
	}
	const { files, report } = loaded.value;
	if (args.command === 'export') {
		const asOf = await asOfDate(db);
		const manifest = await writeExport(db, args.export.out, args.export.format, {
			report,
			files,
			asOf
		});
		out.write(JSON.stringify(manifest, null, 2) + '\n');
		return 0;
	}
	for (const [path, source] of [
		[args.rejects, 'import_rejects'],
		[args.issues, 'import_issues']
	] as const) {
		if (!path) continue;
		const written = await writeFile(path, await problemsCsv(db, source)).catch((e: Error) => e);
		if (written instanceof Error) {
			err.write(`sp-impact: cannot write ${path}: ${written.message}\n`);
			return 1;
		}
	}
	if (report.tables.referrals === 0) {
		const reasons = report.rejects
			.filter((r) => report.files.some((f) => f.file === r.file && f.table === 'referrals'))
			.slice(0, 3)
			.map((r) => `${r.file}: ${r.reason} (${r.rows} rows, the first is row ${r.example_row})`);
		err.write(
			`sp-impact: no referral could be loaded: every referral row was rejected.\n  ${reasons.join('\n  ')}\nWrite every reason out with --rejects FILE.csv, fix the rows and run again.\n`
		);
		return 1;
	}
	const filters = makeFilters({
		period: { kind: 'custom', from: args.from, to: args.to },
		pcn: args.pcn,
		practice: args.practice,
		service: args.service
	});
	const outcomes = { meaningfulChange: args.meaningfulChange, gpWindowMonths: args.gpWindowMonths };
	if (args.command === 'report')
		return writeReport(
			db,
			args,
			{
				filters,
				asOf: await asOfDate(db, args.asOf),
				settings: {
					...viewSettings(outcomes),
					rateThresholds: args.rateThresholds,
					...args.compare
				},
				imported: report,
				// The sample's files are named so: the report says the data is made up.
				synthetic: files.every((f) => /^synthetic-/i.test(f.name))
			},
			err
		);
	const json =
		args.command === 'summary'
			? await summaryJson(db, files, report, filters, {
					asOf: args.asOf,
					publication: args.publication,
					outcomes,
					rateThresholds: args.rateThresholds
				})
			: args.command === 'compare'
				? await compareJson(db, filters, await asOfDate(db, args.asOf), presenter(args), {
						...viewSettings(outcomes),
						rateThresholds: args.rateThresholds,
						...args.compare
					})
				: await figures(db, args, filters, outcomes);
	out.write(JSON.stringify(json, null, 2) + '\n');
	return 0;
}

/** `sp-impact figures`: the catalogue's figures as the pages show them, in the same view. */
async function figures(
	db: Awaited<ReturnType<typeof createNodeDb>>,
	args: SummaryArgs,
	filters: ReturnType<typeof makeFilters>,
	outcomes: Parameters<typeof viewSettings>[0]
) {
	const asOf = await asOfDate(db, args.asOf);
	const p = presenter(args);
	const ids = args.figures.length ? args.figures : Object.keys(catalogue);
	return {
		as_of: asOf,
		...(args.publication ? { publication: true as const } : {}),
		figures: await figuresJson(
			db,
			filters,
			asOf,
			p,
			{ ...viewSettings(outcomes), rateThresholds: args.rateThresholds },
			ids
		)
	};
}
