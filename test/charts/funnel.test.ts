import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { describe, it, expect } from 'vitest';
import { funnelChart, type FunnelRow } from '../../src/lib/charts/funnel.ts';
import { drawn, marksOf, textsOf } from './marks.ts';

const rows: FunnelRow[] = [
	{ step: 'referred', label: 'Referred', count: 1234, share: 1 },
	{ step: 'contacted', label: 'Contacted', count: 690, share: 0.559 },
	{ step: 'declined', label: 'Declined', count: null, share: null },
	{ step: 'discharged', label: 'Discharged', count: 410, share: 0.332 }
];

describe('funnelChart', () => {
	it('draws the steps as bars in step order', () => {
		const options = funnelChart(rows);
		expect(options.y.domain).toEqual(['Referred', 'Contacted', 'Declined', 'Discharged']);
		const [bar] = marksOf(options, Plot.BarX);
		expect(bar.tip).toBeTruthy();
		expect(drawn(bar).x2).toEqual([1234, 690, 410]);
	});

	it('labels each bar at its end with its count and share of those referred', () => {
		const options = funnelChart(rows);
		expect(textsOf(options)).toEqual(['1,234 (100%)', '690 (56%)', '* (*)', '410 (33%)']);
		const [label] = marksOf(options, Plot.Text);
		expect(drawn(label).x).toEqual([1234, 690, 0, 410]);
	});

	it('draws no bar for a suppressed step', () => {
		const [bar] = marksOf(funnelChart(rows), Plot.BarX);
		expect(bar.data).toEqual([rows[0], rows[1], rows[3]]);
		expect(bar.data[0]).toBe(rows[0]); // a click yields the row itself
	});

	it('keeps the bars at least 80 px wide on a narrow chart, wrapping long labels instead', () => {
		const steps: FunnelRow[] = [
			{ step: 'referred', label: 'Referred', count: 120, share: 1 },
			{ step: 'goals_met', label: 'Discharged with goals met', count: 40, share: 0.33 }
		];
		// 12 + 25 characters at 7 px: 187 px of labels, 100 px of end labels.
		const wide = funnelChart(steps, { width: 640 });
		expect(wide.marginLeft).toBe(187);
		expect(wide.marks.length).toBe(funnelChart(rows).marks.length);
		// At 280 px that left the bars -7 px (an invalid SVG width, as Chromium said at 320 px).
		const narrow = funnelChart(steps, { width: 280 });
		expect(280 - narrow.marginLeft - narrow.marginRight).toBe(80);
		// Drawn by Plot into a server-side document, as the command-line tool's report draws.
		const { document } = parseHTML('<!doctype html><html><body></body></html>');
		const figure = Plot.plot({ ...narrow, document });
		expect(figure.querySelectorAll('g[aria-label="bar"] rect').length).toBe(2);
		for (const rect of figure.querySelectorAll('g[aria-label="bar"] rect'))
			expect(Number(rect.getAttribute('width'))).toBeGreaterThan(0);
	});
});
