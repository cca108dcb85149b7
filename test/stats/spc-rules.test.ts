import { describe, expect, it } from 'vitest';
import {
	firedRules,
	partOfSevenTrend,
	partOfTwoInThree,
	sevenPointOneSideMean,
	sevenPointTrend,
	twoInThree
} from '../../src/lib/stats/spc-rules.ts';

// Ported from NHSRplotthedots 0.2.2 (nhs-r-community/NHSRplotthedots),
// tests/testthat/test-ptd_calculate_point_type.R; each case names its test_that block and
// the R call. rep(x, k) is written out; numeric(k) is k zeros.
const rep = (x: number, k: number): number[] => Array<number>(k).fill(x);
const range = (a: number, b: number): number[] =>
	Array.from({ length: Math.abs(b - a) + 1 }, (_, i) => (a <= b ? a + i : a - i));

describe('"ptd_seven_point_one_side_mean works as expected"', () => {
	it.each([
		{ name: 'numeric()', input: [], expected: [] },
		{ name: 'rep(1, 6)', input: rep(1, 6), expected: rep(0, 6) },
		{ name: 'c(rep(1, 6), -1)', input: [...rep(1, 6), -1], expected: rep(0, 7) },
		{ name: 'c(rep(1, 8), -1)', input: [...rep(1, 8), -1], expected: [...rep(0, 6), 1, 1, 0] },
		{ name: 'c(rep(-1, 8), 1)', input: [...rep(-1, 8), 1], expected: [...rep(0, 6), 1, 1, 0] }
	])('$name', ({ input, expected }) => {
		expect(sevenPointOneSideMean(input)).toEqual(expected);
	});
});

describe('"ptd_part_of_seven_trend works as expected"', () => {
	it.each([
		{ name: 'numeric()', input: [], expected: [] },
		{ name: 'rep(0, 6)', input: rep(0, 6), expected: rep(0, 6) },
		{ name: 'c(rep(0, 6), 1, 0)', input: [...rep(0, 6), 1, 0], expected: [...rep(1, 7), 0] },
		{ name: 'c(rep(0, 7), 1, 0)', input: [...rep(0, 7), 1, 0], expected: [0, ...rep(1, 7), 0] },
		{ name: 'c(rep(0, 6), -1, 0)', input: [...rep(0, 6), -1, 0], expected: [...rep(1, 7), 0] },
		{ name: 'c(rep(0, 7), -1, 0)', input: [...rep(0, 7), -1, 0], expected: [0, ...rep(1, 7), 0] }
	])('$name', ({ input, expected }) => {
		expect(partOfSevenTrend(input)).toEqual(expected);
	});
});

describe('"ptd_seven_point_trend works as expected"', () => {
	it.each([
		{ name: 'numeric()', input: [], expected: [] },
		{ name: '1:6', input: range(1, 6), expected: rep(0, 6) },
		{
			name: 'c(1:3, 3:6): a tie breaks it',
			input: [...range(1, 3), ...range(3, 6)],
			expected: rep(0, 7)
		},
		{ name: '1:7', input: range(1, 7), expected: [...rep(0, 6), 1] },
		{ name: 'c(2, 1:7, 3)', input: [2, ...range(1, 7), 3], expected: [...rep(0, 7), 1, 0] },
		{ name: '7:1', input: range(7, 1), expected: [...rep(0, 6), -1] },
		{ name: 'c(2, 7:1, 3)', input: [2, ...range(7, 1), 3], expected: [...rep(0, 7), -1, 0] }
	])('$name', ({ input, expected }) => {
		expect(sevenPointTrend(input)).toEqual(expected);
	});
});

describe('"ptd_two_in_three works as expected"', () => {
	it.each([
		{ name: 'numeric()', v: [], rtm: [], expected: [] },
		{ name: 'numeric(3), numeric(1)', v: rep(0, 3), rtm: [0], expected: rep(0, 3) },
		{ name: 'c(1, 0, 1), c(1, 1, 1)', v: [1, 0, 1], rtm: [1, 1, 1], expected: [1, 1, 1] },
		{ name: 'c(0, 1, 1), c(1, 1, 1)', v: [0, 1, 1], rtm: [1, 1, 1], expected: [1, 1, 1] },
		{ name: 'c(1, 1, 0), c(1, 1, 1)', v: [1, 1, 0], rtm: [1, 1, 1], expected: [1, 1, 1] },
		{
			name: 'c(0, 0, 1, 0, 1, 0, 0), rep(1, 7)',
			v: [0, 0, 1, 0, 1, 0, 0],
			rtm: rep(1, 7),
			expected: [0, 0, 1, 1, 1, 0, 0]
		},
		{
			name: 'c(0, 0, 1, 1, 0, 0, 0), rep(1, 7)',
			v: [0, 0, 1, 1, 0, 0, 0],
			rtm: rep(1, 7),
			expected: [0, 1, 1, 1, 1, 0, 0]
		}
	])('$name', ({ v, rtm, expected }) => {
		expect(twoInThree(v, rtm)).toEqual(expected);
	});
});

describe('"ptd_two_in_three works as expected when points are on opposite sides of the mean"', () => {
	it.each([
		{ name: 'c(1, 0, 1), c(1, -1, 1)', v: [1, 0, 1], rtm: [1, -1, 1] },
		{ name: 'c(0, 1, 1), c(1, -1, 1)', v: [0, 1, 1], rtm: [1, -1, 1] },
		{ name: 'c(1, 1, 0), c(1, -1, 1)', v: [1, 1, 0], rtm: [1, -1, 1] },
		{
			name: 'c(0, 0, 1, 0, 1, 0, 0), alternating from 1',
			v: [0, 0, 1, 0, 1, 0, 0],
			rtm: [1, -1, 1, -1, 1, -1, 1]
		},
		{
			name: 'c(0, 0, 1, 1, 0, 0, 0), alternating from -1',
			v: [0, 0, 1, 1, 0, 0, 0],
			rtm: [-1, 1, -1, 1, -1, 1, -1]
		}
	])('$name', ({ v, rtm }) => {
		expect(twoInThree(v, rtm)).toEqual(rep(0, v.length));
	});
});

describe('"ptd_part_of_two_in_three works as expected"', () => {
	// Each case computes t = ptd_two_in_three(v, rtm), then ptd_part_of_two_in_three(t, v),
	// except where the R test passes other arguments (noted).
	it.each([
		{ name: 'a: numeric()', v: [], rtm: [], expected: [] },
		{ name: 'c: c(1, 0, 1)', v: [1, 0, 1], rtm: [1, 1, 1], expected: [1, 0, 1] },
		{ name: 'd: c(0, 1, 1)', v: [0, 1, 1], rtm: [1, 1, 1], expected: [0, 1, 1] },
		{ name: 'e: c(1, 1, 0)', v: [1, 1, 0], rtm: [1, 1, 1], expected: [1, 1, 0] },
		{
			name: 'f: c(0, 0, 1, 0, 1, 0, 0)',
			v: [0, 0, 1, 0, 1, 0, 0],
			rtm: rep(1, 7),
			expected: [0, 0, 1, 0, 1, 0, 0]
		},
		{ name: 'h: c(1, 0, 0, 1)', v: [1, 0, 0, 1], rtm: rep(1, 4), expected: [0, 0, 0, 0] },
		{ name: 'i: c(1, 0, 0, 1, 1)', v: [1, 0, 0, 1, 1], rtm: rep(1, 5), expected: [0, 0, 0, 1, 1] }
	])('$name', ({ v, rtm, expected }) => {
		expect(partOfTwoInThree(twoInThree(v, rtm), v)).toEqual(expected);
	});

	it('b: ptd_part_of_two_in_three(bv, bt) with bv = numeric(3), brtm = numeric(1)', () => {
		const bt = twoInThree(rep(0, 3), [0]);
		expect(partOfTwoInThree(rep(0, 3), bt)).toEqual(rep(0, 3));
	});

	it('g: ptd_part_of_two_in_three(gv, gv) with gv = c(0, 0, 1, 1, 0, 0, 0)', () => {
		const gv = [0, 0, 1, 1, 0, 0, 0];
		expect(partOfTwoInThree(gv, gv)).toEqual(gv);
	});
});

describe('"ptd_special_cause_type works as expected"', () => {
	// The R test mocks the part-of vectors; firedRules takes them as arguments, so the mocks
	// become inputs. y = 1:8, relative_to_mean = c(rep(1, 4), rep(-1, 4)), outside_limits =
	// c(0, 0, 0, 0, 0, 1, -1, 0), part of trend c(1, -1, 0, …), part of 7 on one side
	// c(0, 0, 1, -1, 0, …), part of two in three c(0, 0, 0, 0, 1, 0, 0, 0). The first rule that
	// fires names the point, as R's case_when.
	it('names each point by the first rule, in order', () => {
		const fired = firedRules(range(1, 8), [...rep(1, 4), ...rep(-1, 4)], {
			outside: [0, 0, 0, 0, 0, 1, -1, 0],
			trend: [1, -1, 0, 0, 0, 0, 0, 0],
			shift: [0, 0, 1, -1, 0, 0, 0, 0],
			twoInThree: [0, 0, 0, 0, 1, 0, 0, 0]
		});
		const label = (i: number) => {
			const f = fired[i][0];
			if (!f) return 'Common Cause';
			const above = f.direction === 1;
			switch (f.rule) {
				case 'outside_limits':
					return above ? 'Above UCL' : 'Below LCL';
				case 'trend':
					return `7 Point Trend (${above ? 'In' : 'De'}creasing)`;
				case 'two_in_three':
					return `2 in 3 ${above ? 'Above' : 'Below'} CL`;
				case 'shift':
					return `7 Points ${above ? 'Above' : 'Below'} CL`;
			}
		};
		expect(fired.map((_, i) => label(i))).toEqual([
			'7 Point Trend (Increasing)',
			'7 Point Trend (Increasing)',
			'7 Points Above CL',
			'7 Points Above CL',
			'2 in 3 Below CL',
			'Below LCL',
			'Below LCL',
			'Common Cause'
		]);
	});
});
