// The report's charts: each catalogue figure's own Plot options drawn at the page width, with
// whatever document is at hand (the browser's, or linkedom's in the command-line tool).
import * as Plot from '@observablehq/plot';
import { chartLabel, nameAsImage } from '../components/chart-image.ts';
import { figure } from '../figures/catalogue/index.ts';
import type { FigureInput } from '../figures/catalogue/types.ts';
import type { FigureView } from '../figures/figure.ts';

/** Charts are drawn at this width (px): A4 portrait's text width at 96 dpi, less a margin. */
export const reportChartWidth = 640;

/** A drawn chart: its markup for HTML, its SVG alone (for images) and its colour key. */
export interface ReportChart {
	/** The chart with its legend, as HTML (inline SVG). */
	html: string;
	/** The chart's own SVG, standalone (with its namespace), for rasterising. */
	svg: string;
	width: number;
	height: number;
	/** The legend's swatches: label and colour, for a Word key under the image. */
	key: { label: string; colour: string }[];
}

const tag = (e: Element) => e.tagName.toLowerCase();

/** Draw one figure's chart; null for a table-only figure. */
export function drawChart(
	id: string,
	view: FigureView,
	input: FigureInput,
	document: Document,
	width = reportChartWidth
): ReportChart | null {
	const def = figure(id);
	if (!def.chart) return null;
	const chart = Plot.plot({ ...def.chart(view, input, width), document }) as Element;
	nameAsImage(chart, chartLabel(view));
	// A chart with a legend is a <figure>: the legend, then the chart's own <svg> last.
	const svg =
		tag(chart) === 'svg'
			? chart
			: ([...chart.children].filter((c) => tag(c) === 'svg').pop() ?? null);
	if (!svg) return null;
	const copy = svg.cloneNode(true) as Element;
	copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
	copy.setAttribute('font-family', 'DejaVu Sans, Arial, sans-serif');
	const key = [...chart.querySelectorAll('span')]
		.filter((s) => /-swatch$/.test(String(s.getAttribute('class') ?? '').split(' ')[0]))
		.map((s) => ({
			label: (s.textContent ?? '').trim(),
			colour: s.querySelector('svg')?.getAttribute('fill') ?? ''
		}))
		.filter((k) => k.label);
	return {
		html: chart.outerHTML,
		svg: copy.outerHTML,
		width: Number(svg.getAttribute('width')) || width,
		height: Number(svg.getAttribute('height')) || 300,
		key
	};
}
