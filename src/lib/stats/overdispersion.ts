// Overdispersion for proportion funnels, as FunnelPlotR 0.6.0 (R/od_adjustment.R,
// R/calculate_limits.R) and METHODS.md "Overdispersion": arcsine z-scores, 10% winsorising,
// the dispersion ratio phi and the between-unit variance tau².

const defaults = { trimBy: 0.1 };

/** R's type-7 quantile (the default of quantile()): linear interpolation at h = (k − 1) q. */
export function quantileType7(values: number[], q: number): number {
	if (values.length === 0) throw new Error('invalid values: empty');
	if (!(q >= 0 && q <= 1)) throw new Error(`invalid q: ${q}`);
	const sorted = [...values].sort((a, b) => a - b);
	const index = (sorted.length - 1) * q;
	const lo = Math.floor(index);
	const hi = Math.ceil(index);
	const h = index - lo;
	// R's form (1 − h) x[lo] + h x[hi], so equal neighbours give exactly that value.
	return h === 0 || sorted[hi] === sorted[lo] ? sorted[lo] : (1 - h) * sorted[lo] + h * sorted[hi];
}

/** Clamp each value to the trimBy and 1 − trimBy type-7 quantiles (FunnelPlotR winsorisation). */
export function winsorise(values: number[], trimBy = defaults.trimBy): number[] {
	const low = quantileType7(values, trimBy);
	const high = quantileType7(values, 1 - trimBy);
	return values.map((v) => Math.min(high, Math.max(low, v)));
}

/** The arcsine-scale standard error of a proportion with denominator n: 1 / (2 √n). */
export function arcsineSe(n: number): number {
	return 1 / (2 * Math.sqrt(n));
}

/** Unadjusted z-score of x / n against target on the arcsine scale. */
export function arcsineZ(x: number, n: number, target: number): number {
	return (Math.asin(Math.sqrt(x / n)) - Math.asin(Math.sqrt(target))) / arcsineSe(n);
}

export interface Dispersion {
	/** Mean of the squared winsorised z-scores; > 1 means overdispersed. */
	phi: number;
	/** Between-unit variance on the arcsine scale (0 when k φ < k − 1). */
	tau2: number;
}

/** φ and τ² for units (x, n) against the pooled target; null with fewer than 2 units (τ² undefined). */
export function dispersion(
	units: { numerator: number; denominator: number }[],
	target: number,
	trimBy = defaults.trimBy
): Dispersion | null {
	const k = units.length;
	if (k < 2) return null;
	const z = winsorise(
		units.map((u) => arcsineZ(u.numerator, u.denominator, target)),
		trimBy
	);
	const phi = z.reduce((sum, v) => sum + v * v, 0) / k;
	if (k * phi < k - 1) return { phi, tau2: 0 };
	// Weights w = 1 / s² = 4n.
	const w = units.map((u) => 4 * u.denominator);
	const sumW = w.reduce((a, b) => a + b, 0);
	const sumW2 = w.reduce((a, b) => a + b * b, 0);
	return { phi, tau2: Math.max(0, (k * phi - (k - 1)) / (sumW - sumW2 / sumW)) };
}

/** Limits sin²(asin √target ± z √(s² + τ²)) on [0, 1]; the angle is held within [0, π/2]. */
export function arcsineLimit(target: number, n: number, z: number, tau2: number): number {
	const angle = Math.asin(Math.sqrt(target)) + z * Math.sqrt(arcsineSe(n) ** 2 + tau2);
	// sin² folds back past 0 and π/2, so a wide limit would turn round; FunnelPlotR truncates
	// those to 0 and 1 (its monotonicity check), which holding the angle does at any n.
	const held = Math.min(Math.PI / 2, Math.max(0, angle));
	return Math.sin(held) ** 2;
}
