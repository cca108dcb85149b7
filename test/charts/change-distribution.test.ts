import * as Plot from '@observablehq/plot';
import { describe, it, expect } from 'vitest';
import {
	changeClasses,
	changeColours,
	changeDistributionChart,
	type ChangeRow
} from '../../src/lib/charts/change-distribution.ts';
import { primary } from '../../src/lib/charts/palette.ts';
import { drawn, marksOf, textsOf } from './marks.ts';

const [improved, none, deteriorated] = changeClasses;
// WEMWBS-like: higher is better, meaningful change 3 points; one change suppressed. The reading
// of each bar comes from the statistics (stats/outcomes.ts), not from the chart.
const rows: ChangeRow[] = [
	{ change: -4, people: 9, movement: deteriorated },
	{ change: -2, people: 12, movement: none },
	{ change: 0, people: 20, movement: none },
	{ change: 2, people: null, movement: none },
	{ change: 3, people: 15, movement: improved },
	{ change: 7, people: 10, movement: improved }
];
const wemwbs = { meaningfulChange: 3, xLabel: 'Change in WEMWBS' };

describe('changeDistributionChart', () => {
	it('draws one bar per change, a step wide and centred on it, as tall as its people', () => {
		const options = changeDistributionChart(rows, wemwbs);
		const [bar] = marksOf(options, Plot.Rect);
		expect(bar.tip).toBeTruthy();
		expect(drawn(bar)).toMatchObject({
			x1: [-4.5, -2.5, -0.5, 2.5, 6.5],
			x2: [-3.5, -1.5, 0.5, 3.5, 7.5],
			y1: [0, 0, 0, 0, 0],
			y2: [9, 12, 20, 15, 10]
		});
		expect(options.y.label).toBe('People');
		expect(options.x.label).toBe('Change in WEMWBS');
	});

	it('takes the step the caller binned non-integer changes to', () => {
		const eq5d: ChangeRow[] = [
			{ change: -0.08, people: 10, movement: deteriorated },
			{ change: 0.16, people: 12, movement: improved }
		];
		const options = changeDistributionChart(eq5d, {
			...wemwbs,
			meaningfulChange: 0.08,
			step: 0.04
		});
		const [bar] = marksOf(options, Plot.Rect);
		expect(drawn(bar).x1[1]).toBeCloseTo(0.14);
		expect(drawn(bar).x2[1]).toBeCloseTo(0.18);
		expect(() => changeDistributionChart(eq5d, { ...wemwbs, step: 0 })).toThrow('invalid step: 0');
	});

	it('colours each bar by its reading, with a three-way legend', () => {
		const [bar] = marksOf(changeDistributionChart(rows, wemwbs), Plot.Rect);
		expect(drawn(bar).fill).toEqual([deteriorated, none, none, improved, improved]);
		const options = changeDistributionChart(rows, wemwbs);
		expect(options.color).toEqual({ domain: changeClasses, range: changeColours, legend: true });
		expect(changeColours[0]).toBe(primary);
	});

	it('stacks the readings of one bin: SWEMWBS +2.55 (no) and +3.30 (yes) both round to +3', () => {
		const mixed: ChangeRow[] = [
			{ change: 3, people: 12, movement: improved },
			{ change: 3, people: 9, movement: none }
		];
		const [bar] = marksOf(changeDistributionChart(mixed, wemwbs), Plot.Rect);
		expect(drawn(bar)).toMatchObject({ y1: [0, 12], y2: [12, 21], fill: [improved, none] });
	});

	it('rules no change and ± the meaningful change, labelled, on an axis symmetric about zero', () => {
		const options = changeDistributionChart(rows, wemwbs);
		const rules = marksOf(options, Plot.RuleX).map((r) => r.data);
		expect(rules).toEqual([[0], [-3, 3]]);
		expect(textsOf(options)).toEqual(['*', '−3 meaningful change', '+3 meaningful change']);
		const [low, high] = options.x.domain;
		expect(low).toBe(-high);
		expect(high).toBeGreaterThanOrEqual(7.5);
	});

	it('for a band measure draws no thresholds, and colours bars by the band each pair moved', () => {
		const options = changeDistributionChart(rows, { ...wemwbs, meaningfulChange: null });
		expect(marksOf(options, Plot.RuleX).map((r) => r.data)).toEqual([[0], []]);
		expect(textsOf(options)).toEqual(['*']);
		const [bar] = marksOf(options, Plot.Rect);
		expect(drawn(bar).fill).toEqual([deteriorated, none, none, improved, improved]);
	});

	it('draws no bar for a suppressed change, a * on the axis instead, and never its count', () => {
		const options = changeDistributionChart(rows, wemwbs);
		const [bar] = marksOf(options, Plot.Rect);
		expect(bar.data).not.toContain(rows[3]);
		expect(bar.data[0]).toBe(rows[0]); // a click yields the row itself
		const [star] = marksOf(options, Plot.Text);
		expect(drawn(star)).toMatchObject({ x: [2], y: [0], text: ['*'] });
		expect(drawn(bar).title).toEqual([
			'Change: −4\nPeople: 9\nDeteriorated meaningfully',
			'Change: −2\nPeople: 12\nNo meaningful change',
			'Change: 0\nPeople: 20\nNo meaningful change',
			'Change: +3\nPeople: 15\nImproved meaningfully',
			'Change: +7\nPeople: 10\nImproved meaningfully'
		]);
	});
});
