import * as Plot from '@observablehq/plot';
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
});
