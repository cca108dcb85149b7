import * as Plot from '@observablehq/plot';
import { describe, it, expect } from 'vitest';
import {
	baselineFollowupChart,
	maxSide,
	type PairCell
} from '../../src/lib/charts/baseline-followup.ts';
import { drawn, marksOf, textsOf } from './marks.ts';

// UCLA 3-item loneliness: 3–9, lower is better; one cell suppressed.
const rows: PairCell[] = [
	{ baseline: 8, followup: 5, people: 20 },
	{ baseline: 6, followup: 6, people: 10 },
	{ baseline: 4, followup: 7, people: null }
];
const ucla = { min: 3, max: 9, better: 'lower' as const, label: 'UCLA score' };

describe('baselineFollowupChart', () => {
	it('puts both axes on the measure’s range, equal, on a square frame', () => {
		const options = baselineFollowupChart(rows, { ...ucla, width: 400 });
		expect(options.x.domain).toEqual([3, 9]);
		expect(options.y.domain).toEqual(options.x.domain);
		expect(options.x.label).toBe('UCLA score at baseline');
		expect(options.y.label).toBe('UCLA score at follow-up');
		const across = options.width - options.marginLeft - options.marginRight;
		const down = options.height - options.marginTop - options.marginBottom;
		expect(down).toBe(across);
	});

	it('ticks every whole score on a short scale, and leaves a long one to Plot', () => {
		const short = baselineFollowupChart(rows, ucla);
		expect(short.x.ticks).toEqual([3, 4, 5, 6, 7, 8, 9]);
		expect(short.y.ticks).toEqual(short.x.ticks);
		expect(baselineFollowupChart(rows, { ...ucla, min: 14, max: 70 }).x.ticks).toBeUndefined();
	});

	it('grows no wider than 420 px', () => {
		const wide = baselineFollowupChart(rows, { ...ucla, width: 1200 });
		expect(wide.width).toBe(maxSide);
		expect(wide.height).toBeLessThanOrEqual(maxSide + 20);
		expect(baselineFollowupChart(rows, ucla).width).toBe(maxSide);
	});

	it('draws a dot per published cell at (baseline, follow-up), its area by people', () => {
		const options = baselineFollowupChart(rows, ucla);
		const [dot] = marksOf(options, Plot.Dot);
		expect(dot.tip).toBeTruthy();
		expect(dot.data).toEqual(rows.slice(0, 2));
		expect(drawn(dot)).toMatchObject({ x: [8, 6], y: [5, 6], r: [20, 10] });
		expect(drawn(dot).title[0]).toBe('Baseline: 8\nFollow-up: 5\nPeople: 20');
		expect(options.r.range[0]).toBe(0);
	});

	it('draws the line of no change from corner to corner, labelled', () => {
		const options = baselineFollowupChart(rows, ucla);
		const [line] = marksOf(options, Plot.Line);
		expect(drawn(line)).toMatchObject({ x: [3, 9], y: [3, 9] });
		expect(textsOf(options)).toContain('no change');
	});

	it('names the better side: below the line when lower is better, above when higher', () => {
		expect(textsOf(baselineFollowupChart(rows, ucla))).toContain('Better below the line ↓');
		const higher = baselineFollowupChart(rows, { ...ucla, better: 'higher' });
		expect(textsOf(higher)).toContain('↑ Better above the line');
		expect(higher.marks.at(-1)).toMatchObject({ frameAnchor: 'top-right', dy: -24 });
	});

	it('shows a suppressed cell as a small hollow dot whose tip gives no count', () => {
		const [, hollow] = marksOf(baselineFollowupChart(rows, ucla), Plot.Dot);
		expect(hollow).toMatchObject({ fill: 'none', r: 2.5 });
		expect(drawn(hollow)).toMatchObject({ x: [4], y: [7] });
		expect(drawn(hollow).title).toEqual(['Baseline: 4\nFollow-up: 7\nPeople: *']);
	});

	it('reads metric scores to two places and refuses an empty range', () => {
		const swemwbs = [{ baseline: 19.25, followup: 23.21, people: 12 }];
		const options = baselineFollowupChart(swemwbs, { ...ucla, min: 7, max: 35 });
		const [dot] = marksOf(options, Plot.Dot);
		expect(drawn(dot).title[0]).toBe('Baseline: 19.25\nFollow-up: 23.21\nPeople: 12');
		expect(() => baselineFollowupChart(rows, { ...ucla, min: 9, max: 3 })).toThrow('invalid range');
	});
});
