import * as Plot from '@observablehq/plot';
import { describe, it, expect } from 'vitest';
import {
	decileGroups,
	imdDecilesChart,
	otherDecileColour,
	type DecileRow
} from '../../src/lib/charts/imd-deciles.ts';
import { primary } from '../../src/lib/charts/palette.ts';
import { drawn, marksOf, textsOf } from './marks.ts';

// Deciles out of order, one suppressed, and people of unknown decile.
const rows: DecileRow[] = [
	{ decile: '10', people: 20, share: 0.05 },
	...Array.from({ length: 8 }, (_, i) => ({ decile: String(i + 1), people: 45, share: 0.1125 })),
	{ decile: '9', people: null, share: null },
	{ decile: 'unknown', people: 30, share: null }
];

describe('imdDecilesChart', () => {
	it('puts deciles 1 to 10 in order and leaves unknown out', () => {
		const options = imdDecilesChart(rows);
		expect(options.x.domain).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
		const [bar] = marksOf(options, Plot.BarY);
		expect(bar.data.some((d) => (d as DecileRow).decile === 'unknown')).toBe(false);
		expect(options.x.label).toBe('IMD decile (1 = most deprived)');
		expect(options.y.percent).toBe(true);
	});

	it('colours Core20 (deciles 1–2) blue and the others grey-blue', () => {
		const options = imdDecilesChart(rows);
		const [bar] = marksOf(options, Plot.BarY);
		const byDecile = Object.fromEntries(
			drawn(bar).x.map((decile, i) => [decile, drawn(bar).fill[i]])
		);
		expect(byDecile['1']).toBe(decileGroups[0]);
		expect(byDecile['2']).toBe(decileGroups[0]);
		expect(byDecile['3']).toBe(decileGroups[1]);
		expect(options.color).toMatchObject({
			domain: decileGroups,
			range: [primary, otherDecileColour]
		});
	});

	it('draws a dashed rule at an even spread of 10%, labelled', () => {
		const options = imdDecilesChart(rows);
		const rules = marksOf(options, Plot.RuleY);
		expect(rules.map((r) => r.data)).toContainEqual([0.1]);
		expect(textsOf(options)).toContain('Even spread (10%)');
	});

	it('draws no column for a suppressed share, a * on the baseline instead', () => {
		const options = imdDecilesChart(rows);
		const [bar] = marksOf(options, Plot.BarY);
		expect(bar.tip).toBeTruthy();
		expect(bar.data).toHaveLength(9);
		expect(bar.data).toContain(rows[0]); // a click yields the row itself
		const [star] = marksOf(options, Plot.Text);
		expect(drawn(star)).toMatchObject({ x: ['9'], y: [0], text: ['*'] });
	});
});
