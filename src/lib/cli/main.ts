import { createNodeDb } from '../db/node.ts';
import { importFiles } from '../ingest/import-files.ts';
import { catalogue } from '../figures/catalogue/index.ts';
import { plain, publication } from '../figures/presenter.ts';
import { makeFilters } from '../metrics/filters.ts';
import { parseSummaryArgs, usage, type SummaryArgs } from './args.ts';
import { asOfDate, figuresJson } from './figures.ts';
import { viewSettings } from './outcomes-summary.ts';
import { summaryJson } from './summary.ts';
import { compareJson } from './compare.ts';

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
	const imported = await importFiles(db, args.files, {
		profile: args.profile,
		dropIdentifiers: args.dropIdentifiers
	});
	if ('error' in imported) {
		err.write(`sp-impact: ${imported.error.message}\n`);
		return imported.error.code;
	}
	const { files, report } = imported.value;
	const filters = makeFilters({
		period: { kind: 'custom', from: args.from, to: args.to },
		pcn: args.pcn,
		practice: args.practice,
		service: args.service
	});
	const outcomes = { meaningfulChange: args.meaningfulChange, gpWindowMonths: args.gpWindowMonths };
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
