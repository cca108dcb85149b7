// `sp-impact report`: the Report page's document from the command line, as one HTML file or a
// Word file, from the same views, model and renderers as the page.
import { readFile, writeFile } from 'node:fs/promises';
import { parseHTML } from 'linkedom';
import { Resvg } from '@resvg/resvg-js';
import type { Db } from '../db/types.ts';
import { filterValueLabel } from '../figures/figure.ts';
import type { ImportTotals } from '../export/manifest.ts';
import { describeFilters, type Filters } from '../metrics/filters.ts';
import { ukDate } from '../metrics/periods.ts';
import { run } from '../metrics/run.ts';
import { reportCharts, reportViews } from '../report/build.ts';
import type { ReportChart } from '../report/charts.ts';
import { buildReport } from '../report/document.ts';
import { reportDocx } from '../report/docx.ts';
import { reportFile } from '../report/html.ts';
import { reportChoicesFromParams } from '../report/options.ts';
import { parseReportProfile, storyProblem, type Story } from '../report/stories.ts';
import type { SummaryArgs } from './args.ts';
import { figureSetup } from './figures.ts';
import { figureInput } from '../figures/catalogue/index.ts';
import type { ViewSettings } from '../figures/catalogue/settings.ts';

/** A chart's SVG as PNG bytes at twice its size, with the machine's fonts. */
export function rasterise(chart: ReportChart): Promise<Uint8Array> {
	const png = new Resvg(chart.svg, {
		fitTo: { mode: 'zoom', value: 2 },
		background: '#ffffff',
		font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' }
	})
		.render()
		.asPng();
	return Promise.resolve(new Uint8Array(png));
}

/** Read the stories of a report profile, each screened as the page screens them. */
async function readStories(db: Db, path: string | undefined): Promise<Story[] | { error: string }> {
	if (!path) return [];
	let text: string;
	try {
		text = await readFile(path, 'utf8');
	} catch {
		return { error: `${path}: cannot read the report profile` };
	}
	const parsed = parseReportProfile(text);
	if (!parsed.value) return { error: `${path}: ${parsed.errors.join('; ')}` };
	for (const [i, story] of parsed.value.stories.entries()) {
		const problem = await storyProblem(db, story);
		if (problem) return { error: `${path}: story ${i + 1}: ${problem}` };
	}
	return parsed.value.stories;
}

/** Write the report; returns the exit code (0 written, 1 bad input). */
export async function writeReport(
	db: Db,
	args: SummaryArgs,
	options: {
		filters: Filters;
		asOf: string;
		settings: Partial<ViewSettings>;
		imported: ImportTotals;
		synthetic: boolean;
	},
	err: NodeJS.WritableStream
): Promise<number> {
	const report = args.report!;
	const stories = await readStories(db, report.stories);
	if ('error' in stories) {
		err.write(`sp-impact: ${stories.error}\n`);
		return 1;
	}
	const params = new URLSearchParams();
	if (report.sections !== null) params.set('sections', report.sections);
	const { sections } = reportChoicesFromParams(params);
	const input = figureInput(options.filters, await figureSetup(db, options.asOf), {
		settings: options.settings,
		publication: args.publication
	});
	const views = await reportViews((q) => run(db, q), input);
	const doc = buildReport(
		{ title: report.title, organisation: report.organisation, sections, stories },
		{
			input,
			views,
			scope: describeFilters(options.filters, filterValueLabel),
			asOf: ukDate(options.asOf),
			produced: ukDate(new Date().toISOString().slice(0, 10)),
			synthetic: options.synthetic,
			imported: options.imported
		}
	);
	const { document } = parseHTML('<!doctype html><html><body></body></html>');
	const charts = reportCharts(doc, views, input, document as unknown as Document);
	const bytes =
		report.format === 'html' ? reportFile(doc, charts) : await reportDocx(doc, charts, rasterise);
	await writeFile(report.out, bytes);
	return 0;
}
