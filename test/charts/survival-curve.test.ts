import * as Plot from '@observablehq/plot';
import { describe, expect, it } from 'vitest';
import { colourFor } from '../../src/lib/charts/palette.ts';
import { survivalCurveChart, type SurvivalRow } from '../../src/lib/charts/survival-curve.ts';
import { drawn, marksOf, textsOf } from './marks.ts';

// Two small curves as figures/journeys.ts gives them: each starts at day 0 at 100%.
const rows: SurvivalRow[] = [
	{ group: 'North PCN', time: 0, survival: 1, lower: 1, upper: 1 },
	{ group: 'North PCN', time: 30, survival: 0.8, lower: 0.62, upper: 1 },
	{ group: 'North PCN', time: 60, survival: 0.48, lower: 0.27, upper: 0.85 },
	{ group: 'South PCN', time: 0, survival: 1, lower: 1, upper: 1 },
	{ group: 'South PCN', time: 90, survival: 0.5, lower: 0.2, upper: 0.9 }
];
const groups = ['North PCN', 'South PCN'];

describe('survivalCurveChart', () => {
	it('draws each group as a step line from 100%, days across, the share still waiting up', () => {
		const chart = survivalCurveChart(rows, { groups, yLabel: 'Not yet discharged (%)' });
		const [line] = marksOf(chart, Plot.Line);
		expect(line.tip).toBeTruthy();
		const d = drawn(line);
		expect(d.x).toEqual([0, 30, 60, 0, 90]);
		expect(d.y).toEqual([1, 0.8, 0.48, 1, 0.5]);
		expect(d.stroke).toEqual(rows.map((r) => r.group));
		// Both the curve and its band step after each time, as a survival curve does.
		const curveOf = (m: unknown) => (m as { curve: unknown }).curve;
		expect(curveOf(line)).toBe(curveOf(Plot.line([], { curve: 'step-after' })));
		expect(chart.y).toMatchObject({
			label: 'Not yet discharged (%)',
			percent: true,
			domain: [0, 100]
		});
		expect(chart.x.label).toBe('Days since referral');
	});

	it('shades the 95% band of each curve between its lower and upper limits', () => {
		const [area] = marksOf(survivalCurveChart(rows, { groups, yLabel: 'y' }), Plot.Area);
		const d = drawn(area);
		expect(d.y1).toEqual([1, 0.62, 0.27, 1, 0.2]);
		expect(d.y2).toEqual([1, 1, 0.85, 1, 0.9]);
		expect(d.fill).toEqual(rows.map((r) => r.group));
	});

	it('marks the median with a rule at 50% and names it', () => {
		const chart = survivalCurveChart(rows, { groups, yLabel: 'y' });
		const rules = marksOf(chart, Plot.RuleY).map((m) => m.data);
		expect(rules).toContainEqual([0.5]);
		expect(textsOf(chart)).toEqual(['Median']);
	});

	it('colours each group by its label among all the groups, with a legend only when split', () => {
		const allLabels = ['Eastfield PCN', 'North PCN', 'South PCN'];
		const split = survivalCurveChart(rows, { groups, allLabels, yLabel: 'y' });
		expect(split.color).toMatchObject({
			domain: groups,
			range: groups.map((g) => colourFor(g, allLabels)),
			legend: true
		});
		const one = survivalCurveChart(rows.slice(0, 3), { groups: ['North PCN'], yLabel: 'y' });
		expect(one.color.legend).toBe(false);
	});

	it('reads each point in its tip: day, share and interval', () => {
		const [line] = marksOf(survivalCurveChart(rows, { groups, yLabel: 'y' }), Plot.Line);
		expect(drawn(line).title[2]).toBe('North PCN\nDay 60: 48% (95% CI 27% to 85%)');
	});
});
