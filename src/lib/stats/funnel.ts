// Funnel plots comparing units' proportions (and means) with the pooled value (METHODS.md
// "Comparing services and PCNs"): PHE inverted-Wilson limits by default, FunnelPlotR's
// overdispersed arcsine limits as a switch.

import { normalQuantile } from './distributions.ts';
import { arcsineLimit, dispersion } from './overdispersion.ts';

export type Signal = 'high_99.8' | 'high_95' | 'none' | 'low_95' | 'low_99.8';
export interface FunnelLimits {
	l95: number;
	u95: number;
	l998: number;
	u998: number;
}

// Two-sided 95% and 99.8%.
const z95 = normalQuantile(0.975);
const z998 = normalQuantile(0.999);

const noLimits: FunnelLimits = { l95: NaN, u95: NaN, l998: NaN, u998: NaN };

function checkN(n: number): void {
	if (!(n > 0 && Number.isFinite(n))) throw new Error(`invalid n: ${n}`);
}

// PHEindicatormethods R/utils.R sigma_adjustment, with z² = z·z.
function invertedWilson(p: number, n: number, z: number): [number, number] {
	const z2 = z * z;
	const a = p * (n / z2 + 1);
	// At p = 1 the radicand is 0 in exact arithmetic; rounding can take it just below.
	const radicand =
		(-8 * p * (n / z2 + 1)) ** 2 -
		64 * (1 / z2 + 1 / n) * p * (n * (p * (n / z2 + 2) - 1) + z2 * (p - 1));
	const b = Math.sqrt(Math.max(0, radicand));
	const c = 1 / z2 + 1 / n;
	const clamp = (v: number) => Math.min(1, Math.max(0, v));
	return [clamp((a - b / 8) / c / n), clamp((a + b / 8) / c / n)];
}

/** Inverted-Wilson limits (PHEindicatormethods) for a target proportion and a denominator. */
export function wilsonLimits(target: number, n: number): FunnelLimits {
	if (!(target >= 0 && target <= 1)) throw new Error(`invalid target: ${target}`);
	checkN(n);
	// Every unit at 0% (or 100%): the limits close on the target, exactly.
	if (target === 0 || target === 1) return { l95: target, u95: target, l998: target, u998: target };
	const [l95, u95] = invertedWilson(target, n, z95);
	const [l998, u998] = invertedWilson(target, n, z998);
	return { l95, u95, l998, u998 };
}

/** The signal of a value against limits, in METHODS.md's order, strict inequalities. */
export function funnelSignal(value: number, limits: FunnelLimits): Signal {
	if (value < limits.l998) return 'low_99.8';
	if (value < limits.l95) return 'low_95';
	if (value > limits.u998) return 'high_99.8';
	if (value > limits.u95) return 'high_95';
	return 'none';
}

export interface FunnelInput {
	unit: string;
	numerator: number;
	denominator: number;
}
export interface FunnelPoint extends FunnelInput {
	value: number | null;
	limits: FunnelLimits | null;
	signal: Signal | null;
}
export interface Funnel {
	/** Pooled Σx / Σn (null when Σn = 0). */
	target: number | null;
	/** Which limits are drawn. */
	limits: 'wilson' | 'overdispersed';
	/** With the overdispersion switch on (null when off, or with fewer than 2 units). */
	phi: number | null;
	tau2: number | null;
	/** Units with denominator 0 get value, limits and signal null. */
	points: FunnelPoint[];
	/** The limits at any denominator, for drawing smooth curves; NaN when there is no target. */
	at(n: number): FunnelLimits;
}

function checkInput(u: FunnelInput): void {
	const { numerator: x, denominator: n } = u;
	if (!(Number.isInteger(n) && n >= 0)) throw new Error(`invalid denominator: ${n}`);
	if (!(Number.isInteger(x) && x >= 0 && x <= n)) throw new Error(`invalid numerator: ${x}`);
}

/** Funnel of proportions x / n against the pooled target; overdispersion adjusts only when φ > 1. */
export function proportionFunnel(
	units: FunnelInput[],
	options: { overdispersion?: boolean } = {}
): Funnel {
	units.forEach(checkInput);
	const counted = units.filter((u) => u.denominator > 0);
	const sumX = counted.reduce((s, u) => s + u.numerator, 0);
	const sumN = counted.reduce((s, u) => s + u.denominator, 0);
	const target = sumN > 0 ? sumX / sumN : null;
	const od = options.overdispersion && target !== null ? dispersion(counted, target) : null;
	const adjusted = od !== null && od.phi > 1;
	const at = (n: number): FunnelLimits => {
		checkN(n);
		if (target === null) return noLimits;
		if (!adjusted) return wilsonLimits(target, n);
		return {
			l95: arcsineLimit(target, n, -z95, od.tau2),
			u95: arcsineLimit(target, n, z95, od.tau2),
			l998: arcsineLimit(target, n, -z998, od.tau2),
			u998: arcsineLimit(target, n, z998, od.tau2)
		};
	};
	const points = units.map((u): FunnelPoint => {
		if (u.denominator === 0) return { ...u, value: null, limits: null, signal: null };
		const value = u.numerator / u.denominator;
		const limits = at(u.denominator);
		return { ...u, value, limits, signal: funnelSignal(value, limits) };
	});
	return {
		target,
		limits: adjusted ? 'overdispersed' : 'wilson',
		phi: od?.phi ?? null,
		tau2: od?.tau2 ?? null,
		points,
		at
	};
}

export interface MeanFunnelPoint extends Omit<FunnelPoint, 'numerator'> {
	/** The unit's mean (null when it has none). */
	numerator: number | null;
}
export interface MeanFunnel extends Omit<Funnel, 'limits' | 'points'> {
	limits: 'normal';
	phi: null;
	tau2: null;
	points: MeanFunnelPoint[];
}

/** Funnel for a mean (mean change): centre = overall mean; limits mean ± z × sd / √n. */
export function meanFunnel(
	units: { unit: string; n: number; mean: number | null }[],
	overall: { mean: number; sd: number } | null
): MeanFunnel {
	if (overall && overall.sd < 0) throw new Error(`invalid sd: ${overall.sd}`);
	// An overall SD from one pair is undefined (NaN): no limits rather than an error on user data.
	const centre =
		overall && Number.isFinite(overall.mean) && Number.isFinite(overall.sd) ? overall : null;
	const at = (n: number): FunnelLimits => {
		checkN(n);
		if (!centre) return noLimits;
		const se = centre.sd / Math.sqrt(n);
		const { mean } = centre;
		return {
			l95: mean - z95 * se,
			u95: mean + z95 * se,
			l998: mean - z998 * se,
			u998: mean + z998 * se
		};
	};
	const points = units.map((u): MeanFunnelPoint => {
		if (!(Number.isInteger(u.n) && u.n >= 0)) throw new Error(`invalid n: ${u.n}`);
		const base = { unit: u.unit, numerator: u.mean, denominator: u.n };
		if (u.n === 0 || u.mean === null || !centre) {
			return { ...base, value: null, limits: null, signal: null };
		}
		const limits = at(u.n);
		return { ...base, value: u.mean, limits, signal: funnelSignal(u.mean, limits) };
	});
	return { target: centre?.mean ?? null, limits: 'normal', phi: null, tau2: null, points, at };
}
