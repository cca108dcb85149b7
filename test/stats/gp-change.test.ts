import { describe, expect, it } from 'vitest';
import { gpChange, gpChangeCounts, type GpCell } from '../../src/lib/stats/gp-change.ts';

// Reference values from R 4.2.2 (Debian r-base-core), printed with sprintf("%.17g", ...):
//   g <- rbind(c(6,3,2), c(4,4,3), c(10,5,1), c(2,3,2), c(8,4,1), c(0,1,1), c(5,2,2), c(3,3,1),
//     c(12,6,1), c(1,0,1))                       # before, after, people
//   before <- rep(g[,1], g[,3]); after <- rep(g[,2], g[,3]); d <- after - before
//   sum(before); sum(after); (sum(after) - sum(before)) / sum(before)
//   mean(d); sd(d); t.test(after - before)$conf.int
//   sum(d < 0); prop.test(sum(d < 0), length(d), correct = FALSE)$conf.int; table(d)

function expectRelClose(actual: number | null | undefined, expected: number, rel = 1e-12): void {
	expect(actual, `expected ${expected}`).toBeTypeOf('number');
	const error = Math.abs(actual! - expected) / (expected === 0 ? 1 : Math.abs(expected));
	expect(error, `${actual} vs ${expected}`).toBeLessThanOrEqual(rel);
}

const cell = (before: number, after: number, people: number): GpCell => ({
	before,
	after,
	people
});

// 15 people: changes −3 ×2, 0 ×3, −5, +1 ×2, −4, +1, −3 ×2, 0, −6, −1.
const fifteen = [
	cell(6, 3, 2),
	cell(4, 4, 3),
	cell(10, 5, 1),
	cell(2, 3, 2),
	cell(8, 4, 1),
	cell(0, 1, 1),
	cell(5, 2, 2),
	cell(3, 3, 1),
	cell(12, 6, 1),
	cell(1, 0, 1)
];

describe('gpChange against R', () => {
	it('15 people: totals, percentage change, mean change with its t interval, share that fell', () => {
		const g = gpChange(fifteen);
		expect(g).toMatchObject({
			people: 15,
			before: 72, // R: sum(before)
			after: 47, //  R: sum(after)
			fell: 8,
			rose: 3,
			same: 4,
			countsOnly: false
		});
		expectRelClose(g.percentChange, -0.34722222222222221); // (47 − 72) / 72
		expect(g.change.n).toBe(15);
		expectRelClose(g.change.mean, -1.6666666666666667);
		expectRelClose(g.change.sd, 2.3196879921559237);
		// R: t.test(after - before)$conf.int
		expectRelClose(g.ci95!.low, -2.9512670589122876);
		expectRelClose(g.ci95!.high, -0.38206627442104607);
		// R: prop.test(8, 15, correct = FALSE)$conf.int
		expectRelClose(g.fellCi95!.low, 0.30116980025498397);
		expectRelClose(g.fellCi95!.high, 0.7519046463426261);
	});

	it('the fixture of test/metrics/outcomes.test.ts: 12 people', () => {
		// R: b <- c(0,1,2,3,3,4,6,6,7,8,9,10); a <- c(1,3,2,0,1,2,2,3,4,6,9,5); sd(a - b);
		//   t.test(a - b)$conf.int; prop.test(8, 12, correct = FALSE)$conf.int
		const cells = [
			[0, 1],
			[1, 3],
			[2, 2],
			[3, 0],
			[3, 1],
			[4, 2],
			[6, 2],
			[6, 3],
			[7, 4],
			[8, 6],
			[9, 9],
			[10, 5]
		].map(([b, a]) => cell(b, a, 1));
		const g = gpChange(cells);
		expect(g).toMatchObject({ people: 12, before: 59, after: 38, fell: 8, rose: 2, same: 2 });
		expectRelClose(g.percentChange, -21 / 59);
		expectRelClose(g.change.mean, -1.75);
		expectRelClose(g.change.sd, 2.0943647333651407);
		expectRelClose(g.ci95!.low, -3.080695865794528);
		expectRelClose(g.ci95!.high, -0.41930413420547236);
		expectRelClose(g.fellCi95!.low, 0.39062208887279953);
		expectRelClose(g.fellCi95!.high, 0.86187990890878696);
	});

	it('under 10 people: counts and the mean, no intervals', () => {
		const nine = [cell(6, 3, 2), cell(4, 4, 3), cell(10, 5, 1), cell(2, 3, 2), cell(8, 4, 1)];
		const g = gpChange(nine);
		expect(g).toMatchObject({
			people: 9,
			before: 12 + 12 + 10 + 4 + 8,
			after: 6 + 12 + 5 + 6 + 4,
			fell: 4,
			rose: 2,
			same: 3,
			ci95: null,
			fellCi95: null,
			countsOnly: true
		});
		expectRelClose(g.change.mean, (-6 + 0 - 5 + 2 - 4) / 9);
		const ten = gpChange([...nine, cell(1, 1, 1)]);
		expect([ten.people, ten.countsOnly, ten.ci95 === null]).toEqual([10, false, false]);
	});

	it('no appointments before: no percentage change; no people: nothing to report', () => {
		expect(gpChange([cell(0, 2, 3), cell(0, 0, 1)]).percentChange).toBeNull();
		expect(gpChange([])).toMatchObject({
			people: 0,
			before: 0,
			after: 0,
			percentChange: null,
			fell: 0,
			ci95: null,
			fellCi95: null,
			countsOnly: true
		});
	});
});

describe('gpChangeCounts', () => {
	it('people by change, as R table(d)', () => {
		expect(gpChangeCounts(fifteen)).toEqual([
			{ change: -6, people: 1 },
			{ change: -5, people: 1 },
			{ change: -4, people: 1 },
			{ change: -3, people: 4 },
			{ change: -1, people: 1 },
			{ change: 0, people: 4 },
			{ change: 1, people: 3 }
		]);
		// Cells with the same change add up, whatever their counts before and after.
		expect(gpChangeCounts([cell(5, 2, 1), cell(9, 6, 2), cell(3, 0, 4)])).toEqual([
			{ change: -3, people: 7 }
		]);
		expect(gpChangeCounts([])).toEqual([]);
	});
});
