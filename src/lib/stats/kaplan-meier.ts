// Kaplan–Meier product-limit curve with Greenwood standard errors, log-scale pointwise limits
// and quantiles (METHODS.md "Time to first contact and to discharge"). Reproduces R's
// survival::survfit(Surv(time, status) ~ 1, conf.type = 'log') and quantile.survfit.
import { normalQuantile } from './distributions.ts';

/** Events and censorings at one time (rows as SQL gives them: GROUP BY time). */
export interface KmInput {
	time: number;
	events: number;
	censored: number;
}

/**
 * The curve just after one distinct time. `stdErr` is the standard error of S itself, as R's
 * `summary(fit)$std.err` (S × √Greenwood), not `fit$std.err`, which is on the log scale.
 * Where S = 0, R gives NaN for the standard error and NA for both limits: here stdErr is NaN
 * and lower = upper = 0.
 */
export interface KmStep {
	time: number;
	atRisk: number;
	events: number;
	censored: number;
	survival: number;
	stdErr: number;
	lower: number;
	upper: number;
}

/** A whole curve: totals, confidence level and one step per distinct time (censor-only too). */
export interface KmCurve {
	n: number;
	events: number;
	censored: number;
	level: number;
	steps: KmStep[];
}

/** A survival time quantile and its limits; null = not reached. */
export interface KmQuantile {
	estimate: number | null;
	lower: number | null;
	upper: number | null;
}

const defaults = { level: 0.95 };
// quantile.survfit's tolerance, sqrt(.Machine$double.eps), for "S equals 1 − p exactly".
const tolerance = Math.sqrt(Number.EPSILON);

/** The Kaplan–Meier curve of rows in any order; duplicate times summed, empty rows ignored. */
export function kaplanMeier(rows: KmInput[], level = defaults.level): KmCurve {
	if (!(level > 0 && level < 1)) throw new Error(`invalid level: ${level}`);
	const byTime = new Map<number, { events: number; censored: number }>();
	let n = 0;
	let events = 0;
	for (const row of rows) {
		if (!Number.isFinite(row.time)) throw new Error(`invalid time: ${JSON.stringify(row)}`);
		const { events: d, censored: c } = row;
		// Counts come from our own queries, so a bad one is a programmer error.
		if (!(d >= 0 && c >= 0 && Number.isFinite(d + c)))
			throw new Error(`invalid count: ${JSON.stringify(row)}`);
		if (d + c === 0) continue;
		const at = byTime.get(row.time) ?? { events: 0, censored: 0 };
		at.events += d;
		at.censored += c;
		byTime.set(row.time, at);
		n += d + c;
		events += d;
	}
	const z = normalQuantile(1 - (1 - level) / 2);
	const steps: KmStep[] = [];
	let atRisk = n;
	let survival = 1;
	let greenwood = 0;
	for (const time of [...byTime.keys()].sort((a, b) => a - b)) {
		const { events: d, censored: c } = byTime.get(time)!;
		// Events come first at a tied time: those censored then are still at risk, as in R.
		survival *= 1 - d / atRisk;
		greenwood += d / (atRisk * (atRisk - d));
		const se = Math.sqrt(greenwood);
		const zero = survival === 0;
		steps.push({
			time,
			atRisk,
			events: d,
			censored: c,
			survival,
			stdErr: zero ? NaN : survival * se,
			lower: zero ? 0 : Math.exp(Math.log(survival) - z * se),
			upper: zero ? 0 : Math.min(1, Math.exp(Math.log(survival) + z * se))
		});
		atRisk -= d + c;
	}
	return { n, events, censored: n - events, level, steps };
}

/**
 * The p-th survival time quantile, 0 < p ≤ 1 (0.5 median; 0.25 = smallest t with S(t) ≤ 0.75),
 * with its limits, as R's quantile.survfit. Lower limit from the lower pointwise curve, upper
 * from the upper one, as METHODS.md says; but R applies the midpoint rule (below) to the limits
 * as well as the estimate, which METHODS.md does not mention, and either limit may be not reached.
 */
export function survivalQuantile(curve: KmCurve, p: number): KmQuantile {
	// p = 0 is left out: R's answer there is an artefact (0, or NA when S never drops).
	if (!(p > 0 && p <= 1)) throw new Error(`invalid probability: ${p}`);
	const x = [0, ...curve.steps.map((s) => s.time)];
	// 1 − curve from time 0; R's limits are NA where S = 0, and NaN stands in for NA.
	const y = (curveOf: 'survival' | 'lower' | 'upper') => [
		0,
		...curve.steps.map((s) => (curveOf !== 'survival' && s.survival === 0 ? NaN : 1 - s[curveOf]))
	];
	return {
		estimate: findQuantile(x, y('survival'), p),
		lower: findQuantile(x, y('lower'), p),
		upper: findQuantile(x, y('upper'), p)
	};
}

// Port of survival's internal findq(): x times (from 0), y = 1 − curve (NaN for NA).
function findQuantile(x: number[], y: number[], p: number): number | null {
	// R checks max(y) against min(probs); with one p per call that is p itself.
	if (!(y.reduce((m, v) => (v > m ? v : m), -Infinity) >= p)) return null;
	const xmax = x[x.length - 1];
	// Keep the first point of each distinct y (duplicated(), NA counting as one value).
	const keptX: number[] = [];
	const keptY: number[] = [];
	const seen = new Set<number>(); // SameValueZero: NaN matches NaN, as NA does in duplicated()
	y.forEach((v, i) => {
		if (seen.has(v)) return;
		seen.add(v);
		keptX.push(x[i]);
		keptY.push(v);
	});
	// approx(y ± tol, 1:n, p, 'constant', f = 1): the point with the smallest y + shift ≥ p.
	// "Smallest y", not "first": an upper curve can rise again, and approx() sorts by y.
	const index = (shift: number): number | undefined => {
		let best: number | undefined;
		keptY.forEach((v, i) => {
			if (!(v + shift >= p)) return;
			if (best === undefined || v < keptY[best]) best = i;
		});
		return best;
	};
	const i1 = index(tolerance);
	const last = keptY[keptY.length - 1];
	// S stays at exactly 1 − p to the end: midpoint of where it got there and the last time.
	if (i1 !== undefined && !Number.isNaN(last) && Math.abs(p - last) < tolerance)
		return (keptX[i1] + xmax) / 2;
	const i2 = index(-tolerance);
	// When S equals 1 − p over an interval, i1 and i2 straddle it and this is its midpoint.
	return i1 === undefined || i2 === undefined ? null : (keptX[i1] + keptX[i2]) / 2;
}

function stepAt(curve: KmCurve, t: number): KmStep | undefined {
	if (Number.isNaN(t)) throw new Error(`invalid time: ${t}`);
	return curve.steps.findLast((step) => step.time <= t);
}

/** S(t): the curve's value at time t, 1 before the first step. */
export function survivalAt(curve: KmCurve, t: number): number {
	return stepAt(curve, t)?.survival ?? 1;
}

/** Events up to and including day t: the count a share "within t days" rests on. */
export function eventsBy(curve: KmCurve, t: number): number {
	return curve.steps.filter((s) => s.time <= t).reduce((a, s) => a + s.events, 0);
}

/** 1 − S(t) with its limits (1 − upper, 1 − lower), e.g. share contacted within 7 days. */
export function shareBy(
	curve: KmCurve,
	t: number
): { share: number; lower: number; upper: number } {
	const step = stepAt(curve, t);
	if (!step) return { share: 0, lower: 0, upper: 0 };
	return { share: 1 - step.survival, lower: 1 - step.upper, upper: 1 - step.lower };
}
