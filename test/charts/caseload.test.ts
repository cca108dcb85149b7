import * as Plot from '@observablehq/plot';
import { describe, expect, it } from 'vitest';
import {
	caseloadSeries,
	caseloadTrendChart,
	type CaseloadPoint
} from '../../src/lib/charts/caseload-trend.ts';
import { caseloadWorkersChart, type WorkerRow } from '../../src/lib/charts/caseload-workers.ts';
import { drawn, marksOf, textsOf } from './marks.ts';

describe('caseloadTrendChart', () => {
	const rows: CaseloadPoint[] = [
		{ month_end: '2024-01-31', label: '31/01/2024', median: 20, min: 10, max: 30 },
		{ month_end: '2024-02-29', label: '29/02/2024', median: null, min: null, max: null },
		{ month_end: '2024-03-31', label: '31/03/2024', median: 24.5, min: 12, max: 40 }
	];

	it('draws the median per link worker as a line over month ends, and the range as a band', () => {
		const chart = caseloadTrendChart(rows);
		const [line] = marksOf(chart, Plot.Line);
		const d = drawn(line);
		expect(d.x.map((x) => (x as Date).toISOString().slice(0, 10))).toEqual([
			'2024-01-31',
			'2024-02-29',
			'2024-03-31'
		]);
		expect(d.y).toEqual([20, null, 24.5]);
		const [area] = marksOf(chart, Plot.Area);
		expect(drawn(area)).toMatchObject({ y1: [10, 12], y2: [30, 40] });
		expect(chart.color.domain).toEqual([...caseloadSeries]);
	});

	it('puts a tip on each month with a median', () => {
		const [dot] = marksOf(caseloadTrendChart(rows), Plot.Dot);
		expect(dot.tip).toBeTruthy();
		expect(drawn(dot).title).toEqual([
			'31/01/2024\nMedian: 20.0\nFewest: 10\nMost: 30',
			'31/03/2024\nMedian: 24.5\nFewest: 12\nMost: 40'
		]);
	});
});

describe('caseloadWorkersChart', () => {
	const rows: WorkerRow[] = [
		{ label: 'LW01', people_year: 230, open: 45 },
		{ label: 'LW02', people_year: 150, open: null }
	];

	it('draws people referred in the year as bars, open cases as dots, against the guidance band', () => {
		const chart = caseloadWorkersChart(rows, { guidance: [200, 250] });
		expect(chart.y.domain).toEqual(['LW01', 'LW02']);
		const [bar] = marksOf(chart, Plot.BarX);
		expect(drawn(bar).x2).toEqual([230, 150]);
		const [dot] = marksOf(chart, Plot.Dot);
		expect(drawn(dot).x).toEqual([45]);
		const [band] = marksOf(chart, Plot.Rect);
		expect(drawn(band)).toMatchObject({ x1: [200], x2: [250] });
		expect(textsOf(chart)).toEqual(['Guidance 200–250 a year', '*']);
		expect(chart.x.domain[1]).toBeGreaterThanOrEqual(250);
	});
});
