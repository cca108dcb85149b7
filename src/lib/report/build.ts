// Working a report out: its figures' views from the catalogue (each distinct query once), then
// the model. The page and the command-line tool both call this with their own query runner.
import type { Sql } from '../db/sql.ts';
import type { Row } from '../db/types.ts';
import { figure } from '../figures/catalogue/index.ts';
import { runFigures } from '../figures/catalogue/run.ts';
import type { FigureInput } from '../figures/catalogue/types.ts';
import type { FigureView } from '../figures/figure.ts';
import { drawChart, type ReportChart } from './charts.ts';
import type { ReportDoc } from './document.ts';
import { drawnInReport, reportFigureIds } from './sections.ts';

/** Every figure the report reads: its sections' figures and the headline its summary quotes. */
export const reportFigures = ['headline', ...reportFigureIds].map(figure);

/** The views of the report's figures. */
export function reportViews(
	runQuery: (q: Sql) => Promise<Row[]>,
	input: FigureInput
): Promise<Record<string, FigureView | null>> {
	return runFigures(runQuery, reportFigures, input);
}

/** The charts of the figures a report lays out, drawn with the given document. */
export function reportCharts(
	doc: ReportDoc,
	views: Record<string, FigureView | null>,
	input: FigureInput,
	document: Document
): Record<string, ReportChart> {
	const charts: Record<string, ReportChart> = {};
	for (const s of doc.sections) {
		if (!('figures' in s)) continue;
		for (const f of s.figures) {
			const view = views[f.id];
			const chart = view && drawnInReport(f.id) && drawChart(f.id, view, input, document);
			if (chart) charts[f.id] = chart;
		}
	}
	return charts;
}
