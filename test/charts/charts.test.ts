import * as Plot from '@observablehq/plot';
import { describe, it, expect } from 'vitest';
import { referralsByGroupChart, selectedStroke } from '../../src/lib/charts/referrals-by-group.ts';
import { colourFor, palette } from '../../src/lib/charts/palette.ts';
import { contrast, deltaE } from './colour.ts';
import { drawn, marksOf, textsOf } from './marks.ts';

describe('palette', () => {
	it('gives a label the same colour whichever labels are on show', () => {
		const all = ['Riverside PCN', 'Harbour PCN', 'Eastfield PCN'];
		// Sorted: Eastfield 0, Harbour 1, Riverside 2.
		expect(colourFor('Riverside PCN', all)).toBe(palette[2]);
		expect(colourFor('Riverside PCN', [...all].reverse())).toBe(palette[2]);
		expect(colourFor('Harbour PCN', all)).toBe(palette[1]);
	});

	it('the contrast arithmetic gives the published values', () => {
		// WCAG's ends, and #767676 on white, the lightest grey that passes 4.5:1 (4.54:1, WebAIM).
		expect(contrast('#000000')).toBe(21);
		expect(contrast('#ffffff')).toBe(1);
		expect(contrast('#767676')).toBeCloseTo(4.54, 2);
	});

	it('every colour has 3:1 contrast on white (WCAG 1.4.11), and no two are near-identical', () => {
		for (const c of palette) expect(contrast(c), c).toBeGreaterThanOrEqual(3);
		for (let i = 0; i < palette.length; i++)
			for (let j = i + 1; j < palette.length; j++)
				expect(deltaE(palette[i], palette[j]), `${palette[i]} ${palette[j]}`).toBeGreaterThan(21);
		// The two the Journeys notes found close: plum #7c2855 and dark red #8a1538, ΔE 20.3.
		expect(deltaE('#7c2855', '#8a1538')).toBeCloseTo(20.35, 1);
		expect(palette).not.toContain('#8a1538');
	});
});

describe('referralsByGroupChart', () => {
	// The fill channel of the bar mark is a function of the row; read the colour it gives.
	const fills = (options: ReturnType<typeof referralsByGroupChart>, rows: { label: string }[]) => {
		const bar = options.marks[0] as unknown as {
			channels: { fill: { value: (d: unknown) => string } };
		};
		return rows.map((r) => bar.channels.fill.value(r));
	};

	it('keeps each group in its colour when a filter leaves fewer groups', () => {
		const all = ['GP', 'Practice nurse', 'Self-referral'];
		const both = [
			{ label: 'GP', referrals: 10 },
			{ label: 'Self-referral', referrals: 3 }
		];
		const one = [{ label: 'Self-referral', referrals: 3 }];
		const a = fills(referralsByGroupChart(both, { allLabels: all }), both);
		const b = fills(referralsByGroupChart(one, { allLabels: all }), one);
		expect(b[0]).toBe(a[1]);
		expect(a).toEqual([palette[0], palette[2]]);
	});

	it('orders the bars as given (largest first from the SQL) and grows with the groups', () => {
		const rows = Array.from({ length: 10 }, (_, i) => ({ label: `G${i}`, referrals: 10 - i }));
		const options = referralsByGroupChart(rows);
		expect(options.y.domain).toEqual(rows.map((r) => r.label));
		expect(options.height).toBe(10 * 28 + 40);
	});
});

describe('referralsByGroupChart: other columns, selection and suppression', () => {
	const rows = [
		{ label: 'GP', referrals: 40, people: 35 },
		{ label: 'Self-referral', referrals: null, people: null },
		{ label: 'Practice nurse', referrals: 20, people: 15 }
	];

	it('draws the chosen column under its label', () => {
		const options = referralsByGroupChart(rows, { value: 'people', xLabel: 'People' });
		const [bar] = marksOf(options, Plot.BarX);
		expect(drawn(bar).x2).toEqual([35, 15]);
		expect(options.x.label).toBe('People');
		expect(drawn(bar).title[0]).toBe('GP\nPeople: 35');
	});

	it('outlines the bars the page is filtered on, and only those', () => {
		const [bar] = marksOf(referralsByGroupChart(rows, { selected: ['GP'] }), Plot.BarX);
		expect(drawn(bar).stroke).toEqual([selectedStroke, 'none']);
	});

	it('draws no bar for a suppressed value, a * at zero instead, and keeps its place on the axis', () => {
		const options = referralsByGroupChart(rows);
		const [bar] = marksOf(options, Plot.BarX);
		expect(bar.data.map((d) => (d as { label: string }).label)).toEqual(['GP', 'Practice nurse']);
		expect(bar.tip).toBeTruthy();
		expect(bar.data[0]).toBe(rows[0]); // a click yields the row itself
		const [star] = marksOf(options, Plot.Text);
		expect(drawn(star)).toMatchObject({ x: [0], y: ['Self-referral'], text: ['*'] });
		expect(textsOf(options)).toEqual(['*']);
		expect(options.y.domain).toEqual(['GP', 'Self-referral', 'Practice nurse']);
	});
});
