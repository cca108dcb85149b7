import * as Plot from '@observablehq/plot';
import { describe, it, expect } from 'vitest';
import {
	beforeAfterChart,
	beforeAfterColours,
	maxWidth,
	type BeforeAfterRow
} from '../../src/lib/charts/before-after.ts';
import { palette, primary } from '../../src/lib/charts/palette.ts';
import { drawn, marksOf, textsOf } from './marks.ts';

const rows: BeforeAfterRow[] = [
	{ when: '6 months before', value: 1812 },
	{ when: '6 months after', value: 640 }
];
const yLabel = 'GP appointments';

describe('beforeAfterChart', () => {
	it('draws two columns, before then after, in NHS grey and NHS blue', () => {
		const options = beforeAfterChart(rows, { yLabel });
		expect(options.x.domain).toEqual(['6 months before', '6 months after']);
		const [bar] = marksOf(options, Plot.BarY);
		expect(bar.tip).toBeTruthy();
		expect(drawn(bar)).toMatchObject({ y1: [0, 0], y2: [1812, 640] });
		expect(options.color).toEqual({ domain: options.x.domain, range: [palette[9], primary] });
		expect(beforeAfterColours).toEqual(['#768692', '#005eb8']);
		expect(options.y.label).toBe(yLabel);
		expect(drawn(bar).title[0]).toBe('6 months before\nGP appointments: 1,812');
	});

	it('labels each column on top, in UK format, and a mean to one place', () => {
		const options = beforeAfterChart(rows, { yLabel });
		expect(textsOf(options)).toEqual(['1,812', '640']);
		const [label] = marksOf(options, Plot.Text);
		expect(drawn(label).y).toEqual([1812, 640]);
		// Room above the taller column for its label.
		expect(options.y.domain[1]).toBeGreaterThan(1812 * 1.1);
		const means = [
			{ when: 'Before', value: 2.44 },
			{ when: 'After', value: 1.8 }
		];
		expect(textsOf(beforeAfterChart(means, { yLabel }))).toEqual(['2.4', '1.8']);
	});

	it('draws no column for a suppressed value and a * on the axis instead', () => {
		const hidden = [rows[0], { when: '6 months after', value: null }];
		const options = beforeAfterChart(hidden, { yLabel });
		const [bar] = marksOf(options, Plot.BarY);
		expect(bar.data).toEqual([rows[0]]);
		const [label] = marksOf(options, Plot.Text);
		expect(drawn(label)).toMatchObject({ y: [1812, 0], text: ['1,812', '*'] });
		expect(options.x.domain).toEqual(['6 months before', '6 months after']);
	});

	it('stays narrow enough to read as two bars', () => {
		expect(beforeAfterChart(rows, { yLabel, width: 1200 }).width).toBe(maxWidth);
		expect(beforeAfterChart(rows, { yLabel, width: 320 }).width).toBe(320);
	});
});
