import * as Plot from '@observablehq/plot';
import { describe, it, expect } from 'vitest';
import { ageSexPyramidChart, type PyramidRow } from '../../src/lib/charts/age-sex-pyramid.ts';
import { drawn, marksOf, textsOf } from './marks.ts';

const ageBands = ['18–24', '25–34', '35–44'];
const rows: PyramidRow[] = [
	{ age_band: '18–24', sex: 'female', people: 40 },
	{ age_band: '18–24', sex: 'male', people: 25 },
	{ age_band: '25–34', sex: 'female', people: null },
	{ age_band: '25–34', sex: 'male', people: 30 },
	{ age_band: '35–44', sex: 'other', people: 10 }
];

describe('ageSexPyramidChart', () => {
	it('draws female bars to the left and male bars to the right, other sexes not at all', () => {
		const [bar] = marksOf(ageSexPyramidChart(rows, { ageBands }), Plot.BarX);
		const { x2, title } = drawn(bar);
		expect(x2).toEqual([-40, 25, 30]);
		expect(bar.data).toEqual([rows[0], rows[1], rows[3]]);
		// The tip never shows a negative count.
		expect(title[0]).toBe('Female, 18–24\nPeople: 40');
	});

	it('puts the oldest age band at the top and labels both sides', () => {
		const options = ageSexPyramidChart(rows, { ageBands });
		expect(options.y.domain).toEqual(['35–44', '25–34', '18–24']);
		expect(textsOf(options)).toEqual(expect.arrayContaining(['Female', 'Male']));
	});

	it('labels x ticks as unsigned counts on an axis symmetric about zero', () => {
		const { x } = ageSexPyramidChart(rows, { ageBands });
		expect(x.domain).toEqual([-40, 40]);
		expect(x.tickFormat(-1200)).toBe('1,200');
	});

	it('writes * at zero, on its side, for a suppressed count', () => {
		const options = ageSexPyramidChart(rows, { ageBands });
		const stars = marksOf(options, Plot.Text)
			.map(drawn)
			.filter((d) => d.text.includes('*'));
		expect(stars).toEqual([{ x: [0], y: ['25–34'], text: ['*'] }]);
	});
});
