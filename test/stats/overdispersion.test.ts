import { describe, expect, it } from 'vitest';
import {
	arcsineLimit,
	arcsineZ,
	dispersion,
	quantileType7,
	winsorise
} from '../../src/lib/stats/overdispersion.ts';
import { proportionFunnel, wilsonLimits } from '../../src/lib/stats/funnel.ts';
import { normalQuantile } from '../../src/lib/stats/distributions.ts';

// FunnelPlotR 0.6.0 (nhs-r-community/FunnelPlotR) publishes reference values only for Poisson
// limits of standardised ratios (tests/testthat/test-poisson_limits.R); its proportion ("PR")
// path, R/od_adjustment.R transformed_zscore / winsorisation / phi_func / tau_func and
// R/calculate_limits.R, has no numeric tests. So the examples below are worked by hand, with
// the arithmetic beside them, or (the last) by an independent NumPy script.

describe('quantileType7 (R quantile(type = 7): h = (k − 1) q, linear between order statistics)', () => {
	it.each([
		{
			name: 'quantile(1:10, 0.1): h = 0.9 → 1 + 0.9 × 1',
			x: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
			q: 0.1,
			expected: 1.9
		},
		{
			name: 'quantile(1:10, 0.9): h = 8.1 → 9 + 0.1',
			x: [10, 9, 8, 7, 6, 5, 4, 3, 2, 1],
			q: 0.9,
			expected: 9.1
		},
		{
			name: 'quantile(c(1, 2, 3, 4), 0.9): h = 2.7 → 3 + 0.7',
			x: [4, 1, 3, 2],
			q: 0.9,
			expected: 3.7
		},
		{ name: 'quantile(c(5, 7), 0.5)', x: [7, 5], q: 0.5, expected: 6 },
		{ name: 'a single value', x: [3], q: 0.1, expected: 3 },
		{ name: 'the ends', x: [3, 1, 2], q: 1, expected: 3 }
	])('$name', ({ x, q, expected }) => {
		expect(quantileType7(x, q)).toBeCloseTo(expected, 14);
	});

	it('winsorises to the 10th and 90th percentiles', () => {
		// 1:10 → clamp to [1.9, 9.1]
		expect(winsorise([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]).map((v) => +v.toFixed(12))).toEqual([
			1.9, 2, 3, 4, 5, 6, 7, 8, 9, 9.1
		]);
	});
});

// Five units of n = 100 at 25%, 50%, 50%, 50%, 75%: pooled p̄ = 250 / 500 = 0.5.
// asin √0.5 = π/4, asin √0.25 = π/6, asin √0.75 = π/3; s = 1 / (2 √100) = 0.05.
// z = ±(π/12) / 0.05 = ±5π/3 for the outer units, 0 for the others.
// Sorted z: −5π/3, 0, 0, 0, 5π/3; h = (5 − 1) × 0.1 = 0.4, so the 10th percentile is
// 0.6 × (−5π/3) + 0.4 × 0 = −π, and the 90th (h = 3.6) is 0.4 × 0 + 0.6 × 5π/3 = π.
// Winsorised z: −π, 0, 0, 0, π. φ = 2π² / 5 = 3.9478.
// k φ = 2π² = 19.74 ≥ k − 1 = 4. w = 1 / s² = 400 each: Σw = 2000, Σw² = 800,000,
// Σw − Σw²/Σw = 2000 − 400 = 1600. τ² = (2π² − 4) / 1600 = 0.0098370.
// Limits at n = 100: sin²(π/4 ± z √(0.0025 + τ²)).
const handUnits = [
	{ unit: 'A', numerator: 25, denominator: 100 },
	{ unit: 'B', numerator: 50, denominator: 100 },
	{ unit: 'C', numerator: 50, denominator: 100 },
	{ unit: 'D', numerator: 50, denominator: 100 },
	{ unit: 'E', numerator: 75, denominator: 100 }
];
const handTau2 = (2 * Math.PI ** 2 - 4) / 1600;

describe('overdispersion worked by hand (five units, n = 100)', () => {
	it('z-scores on the arcsine scale', () => {
		expect(arcsineZ(25, 100, 0.5)).toBeCloseTo((-5 * Math.PI) / 3, 12);
		expect(arcsineZ(75, 100, 0.5)).toBeCloseTo((5 * Math.PI) / 3, 12);
	});

	it('φ = 2π²/5 and τ² = (2π² − 4)/1600', () => {
		const d = dispersion(handUnits, 0.5)!;
		expect(d.phi).toBeCloseTo((2 * Math.PI ** 2) / 5, 12);
		expect(d.tau2).toBeCloseTo(handTau2, 14);
	});

	it('draws the adjusted limits and flags only the outer units at 95%', () => {
		const f = proportionFunnel(handUnits, { overdispersion: true });
		expect(f.limits).toBe('overdispersed');
		const se = Math.sqrt(0.0025 + handTau2);
		const z95 = normalQuantile(0.975);
		const z998 = normalQuantile(0.999);
		const l = f.at(100);
		expect(l.l95).toBeCloseTo(Math.sin(Math.PI / 4 - z95 * se) ** 2, 14);
		expect(l.u95).toBeCloseTo(Math.sin(Math.PI / 4 + z95 * se) ** 2, 14);
		// Cross-checked with NumPy: 0.289115923217812, 0.710884076782188, 0.1830919235288814, 0.8169080764711184
		expect(l.l95).toBeCloseTo(0.289115923217812, 12);
		expect(l.u998).toBeCloseTo(0.8169080764711184, 12);
		expect(l.l998).toBeCloseTo(Math.sin(Math.PI / 4 - z998 * se) ** 2, 14);
		expect(f.points.map((p) => p.signal)).toEqual(['low_95', 'none', 'none', 'none', 'high_95']);
		// Without the switch, 25% and 75% are far outside the Wilson limits at n = 100.
		const plain = proportionFunnel(handUnits);
		expect(plain.points.map((p) => p.signal)).toEqual([
			'low_99.8',
			'none',
			'none',
			'none',
			'high_99.8'
		]);
	});
});

describe('no overdispersion: φ ≤ 1 draws Wilson limits and still reports φ and τ²', () => {
	// 48, 52, 50, 51, 49 of 100: p̄ = 0.5; z = (asin √p − π/4) / 0.05 ≈ ∓0.4001, 0, ±0.2000.
	// Winsorised at ±0.32009 (h = 0.4 between ±0.4001 and ±0.2000): φ ≈ 0.05698, k φ < 4, τ² = 0.
	it('limits: wilson', () => {
		const units = [48, 52, 50, 51, 49].map((x, i) => ({
			unit: String(i),
			numerator: x,
			denominator: 100
		}));
		const f = proportionFunnel(units, { overdispersion: true });
		expect(f.limits).toBe('wilson');
		expect(f.phi).toBeCloseTo(0.0569798971008977, 10); // NumPy, as below
		expect(f.tau2).toBe(0);
		expect(f.at(100)).toEqual(wilsonLimits(0.5, 100));
	});

	it('fewer than two units: no φ, Wilson limits', () => {
		const f = proportionFunnel([{ unit: 'A', numerator: 3, denominator: 10 }], {
			overdispersion: true
		});
		expect(f.phi).toBeNull();
		expect(f.limits).toBe('wilson');
	});
});

describe('overdispersion with unequal denominators (NumPy check)', () => {
	// Independent script (Python 3, NumPy 2, SciPy 1.17; np.quantile's default "linear" is R's
	// type 7): x = 30, 45, 12, 80, 20, 70; n = 60, 150, 40, 200, 100, 120; p̄ = 257/670.
	// z = 1.82025, −2.16197, −1.11644, 0.47567, −4.08508, 4.40852; winsorised to
	// [−3.12353, 3.11438]; φ = 4.819316587512023; w = 4n = 240, 600, 160, 800, 400, 480:
	// Σw = 2680, Σw² = 1,473,600, Σw − Σw²/Σw = 2130.149; τ² = (6 × 4.81932 − 5) / 2130.149
	// = 0.011227335118973045.
	const units = [
		[30, 60],
		[45, 150],
		[12, 40],
		[80, 200],
		[20, 100],
		[70, 120]
	].map(([x, n], i) => ({ unit: String(i), numerator: x, denominator: n }));
	const f = proportionFunnel(units, { overdispersion: true });

	it('φ and τ²', () => {
		expect(f.target).toBe(257 / 670);
		expect(f.phi).toBeCloseTo(4.819316587512023, 12);
		expect(f.tau2).toBeCloseTo(0.011227335118973045, 14);
	});

	it.each([
		{
			n: 40,
			expected: [0.1580063938427955, 0.639728814088312, 0.06577640602132954, 0.7748797768941911]
		},
		{
			n: 100,
			expected: [0.18008926535389422, 0.6112025547984418, 0.09065706743518452, 0.7349306006637754]
		},
		{
			n: 200,
			expected: [0.18838882160106132, 0.6007412040669382, 0.10058045852979414, 0.7199007233115443]
		}
	])('limits at n = $n', ({ n, expected }) => {
		const l = f.at(n);
		[l.l95, l.u95, l.l998, l.u998].forEach((v, i) => expect(v).toBeCloseTo(expected[i], 12));
	});
});

describe('arcsineLimit holds the angle within [0, π/2]', () => {
	it('wide limits stop at 0 and 1 instead of folding back', () => {
		// asin √0.9 + 3.09 × √(1/4) = 1.249 + 1.545 > π/2: sin² would fold back to 0.39.
		expect(arcsineLimit(0.9, 1, 3.090232, 0)).toBe(1);
		expect(arcsineLimit(0.1, 1, -3.090232, 0)).toBe(0);
	});
});
