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

/**
 * The steps of a curve as columns, one entry per distinct time in increasing order (censor-only
 * times too), each column a `KmStep` field: held this way because a split by a thousand
 * services makes a hundred thousand steps, and as many objects cost more to build than the sums.
 */
export type KmSteps = { [K in keyof KmStep]: Float64Array };

/** A whole curve: totals, confidence level and its steps (`stepList()` reads them as objects). */
export interface KmCurve {
	n: number;
	events: number;
	censored: number;
	level: number;
	steps: KmSteps;
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
	const times = distinctTimes(rows);
	let n = 0;
	let events = 0;
	for (const { events: d, censored: c } of times) {
		n += d + c;
		events += d;
	}
	const z = normalQuantile(1 - (1 - level) / 2);
	// The eight columns share one buffer: a curve per unit and month makes tens of thousands of
	// curves, and each typed array with its own buffer costs more to allocate than its sums.
	const size = times.length;
	const buffer = new Float64Array(8 * size);
	const column = (k: number) => buffer.subarray(k * size, (k + 1) * size);
	const steps: KmSteps = {
		time: column(0),
		atRisk: column(1),
		events: column(2),
		censored: column(3),
		survival: column(4),
		stdErr: column(5),
		lower: column(6),
		upper: column(7)
	};
	let atRisk = n;
	let survival = 1;
	let greenwood = 0;
	for (let i = 0; i < size; i++) {
		const { time, events: d, censored: c } = times[i];
		// Events come first at a tied time: those censored then are still at risk, as in R.
		survival *= 1 - d / atRisk;
		greenwood += d / (atRisk * (atRisk - d));
		const se = Math.sqrt(greenwood);
		const zero = survival === 0;
		steps.time[i] = time;
		steps.atRisk[i] = atRisk;
		steps.events[i] = d;
		steps.censored[i] = c;
		steps.survival[i] = survival;
		steps.stdErr[i] = zero ? NaN : survival * se;
		steps.lower[i] = zero ? 0 : Math.exp(Math.log(survival) - z * se);
		steps.upper[i] = zero ? 0 : Math.min(1, Math.exp(Math.log(survival) + z * se));
		atRisk -= d + c;
	}
	return { n, events, censored: n - events, level, steps };
}

/** A curve's steps as objects, in time order. */
export function stepList({ steps }: KmCurve): KmStep[] {
	return Array.from(steps.time, (_, i) => ({
		time: steps.time[i],
		atRisk: steps.atRisk[i],
		events: steps.events[i],
		censored: steps.censored[i],
		survival: steps.survival[i],
		stdErr: steps.stdErr[i],
		lower: steps.lower[i],
		upper: steps.upper[i]
	}));
}

// The rows with any events or censorings, one per time in increasing order. Rows as the
// queries give them (ordered by day, each day once) are taken as they are; any others are
// summed by time and sorted.
function distinctTimes(rows: KmInput[]): KmInput[] {
	const kept: KmInput[] = [];
	let ordered = true;
	for (const row of rows) {
		if (!Number.isFinite(row.time)) throw new Error(`invalid time: ${JSON.stringify(row)}`);
		const { events: d, censored: c } = row;
		// Counts come from our own queries, so a bad one is a programmer error.
		if (!(d >= 0 && c >= 0 && Number.isFinite(d + c)))
			throw new Error(`invalid count: ${JSON.stringify(row)}`);
		if (d + c === 0) continue;
		if (kept.length && !(row.time > kept[kept.length - 1].time)) ordered = false;
		kept.push(row);
	}
	if (ordered) return kept;
	const byTime = new Map<number, KmInput>();
	for (const { time, events, censored } of kept) {
		const at = byTime.get(time) ?? { time, events: 0, censored: 0 };
		at.events += events;
		at.censored += censored;
		byTime.set(time, at);
	}
	return [...byTime.values()].sort((a, b) => a.time - b.time);
}

/**
 * The p-th survival time quantile, 0 < p ≤ 1 (0.5 median; 0.25 = smallest t with S(t) ≤ 0.75),
 * with its limits, as R's quantile.survfit. Lower limit from the lower pointwise curve, upper
 * from the upper one, as METHODS.md says; but R applies the midpoint rule (below) to the limits
 * as well as the estimate, which METHODS.md does not mention, and either limit may be not reached.
 */
export function survivalQuantile(curve: KmCurve, p: number): KmQuantile {
	return survivalQuantiles(curve, [p])[0];
}

/** `survivalQuantile()` at several probabilities, reading the curve once. */
export function survivalQuantiles(curve: KmCurve, ps: number[]): KmQuantile[] {
	checkProbabilities(ps);
	const { survival, lower: low, upper: high } = curve.steps;
	const x = timesFromZero(curve);
	// R's limits are NA where S = 0, and NaN stands in for NA.
	const estimate = quantilePoints(x, oneMinus(curve, survival, false));
	const lower = quantilePoints(x, oneMinus(curve, low, true));
	const upper = quantilePoints(x, oneMinus(curve, high, true));
	return ps.map((p) => ({
		estimate: findQuantile(estimate, p),
		lower: findQuantile(lower, p),
		upper: findQuantile(upper, p)
	}));
}

/**
 * `survivalQuantile(curve, p).estimate` alone, without the limits' work: for a median per unit
 * and month, tens of thousands of curves whose limits are not shown.
 */
export function survivalQuantileEstimate(curve: KmCurve, p: number): number | null {
	checkProbabilities([p]);
	const y = oneMinus(curve, curve.steps.survival, false);
	return findQuantile(quantilePoints(timesFromZero(curve), y), p);
}

function checkProbabilities(ps: number[]) {
	// p = 0 is left out: R's answer there is an artefact (0, or NA when S never drops).
	for (const p of ps) if (!(p > 0 && p <= 1)) throw new Error(`invalid probability: ${p}`);
}

// What R's findq() reads: the curve's times from time 0 (x), and 1 − the curve or one of its
// limits at each (y, 0 at time 0; NaN where S = 0 when `naAtZero`).
function timesFromZero({ steps }: KmCurve): Float64Array {
	const x = new Float64Array(steps.time.length + 1);
	x.set(steps.time, 1);
	return x;
}

function oneMinus({ steps }: KmCurve, column: Float64Array, naAtZero: boolean): Float64Array {
	const y = new Float64Array(column.length + 1);
	for (let i = 0; i < column.length; i++)
		y[i + 1] = naAtZero && steps.survival[i] === 0 ? NaN : 1 - column[i];
	return y;
}

/** What survival's internal findq() reads of one curve, whatever the probability. */
type QuantilePoints = { max: number; xmax: number; keptX: number[]; keptY: number[] };

// x times (from 0), y = 1 − curve (NaN for NA): the highest y (NaN never is), the last time,
// and the first point of each distinct y.
function quantilePoints(x: Float64Array, y: Float64Array): QuantilePoints {
	let max = -Infinity;
	for (const v of y) if (v > max) max = v;
	return { max, xmax: x[x.length - 1], ...firstOfEach(x, y) };
}

// Port of survival's internal findq() for one probability.
function findQuantile({ max, xmax, keptX, keptY }: QuantilePoints, p: number): number | null {
	// R checks max(y) against min(probs); taking one p at a time, that is p itself.
	if (!(max >= p)) return null;
	// approx(y ± tol, 1:n, p, 'constant', f = 1): the point with the smallest y + shift ≥ p.
	// "Smallest y", not "first": an upper curve can rise again, and approx() sorts by y.
	const index = (shift: number): number | undefined => {
		let best: number | undefined;
		for (let i = 0; i < keptY.length; i++)
			if (keptY[i] + shift >= p && (best === undefined || keptY[i] < keptY[best])) best = i;
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

// The first point of each distinct y (R's duplicated(), NA counting as one value). While y
// rises, a value is new when it is above the last kept and repeated when equal to it; once y
// falls back or is NaN, a set (SameValueZero: NaN matches NaN, as NA does) decides.
function firstOfEach(x: Float64Array, y: Float64Array) {
	const keptX: number[] = [];
	const keptY: number[] = [];
	let seen: Set<number> | null = null;
	for (let i = 0; i < y.length; i++) {
		const v = y[i];
		if (!seen) {
			const last = keptY[keptY.length - 1];
			if (keptY.length > 0 && v === last) continue;
			if (keptY.length > 0 && !(v > last)) seen = new Set(keptY);
		}
		if (seen) {
			if (seen.has(v)) continue;
			seen.add(v);
		}
		keptX.push(x[i]);
		keptY.push(v);
	}
	return { keptX, keptY };
}

// The last step at or before time t (-1 before the first).
function stepAt({ steps }: KmCurve, t: number): number {
	if (Number.isNaN(t)) throw new Error(`invalid time: ${t}`);
	return steps.time.findLastIndex((time) => time <= t);
}

/** S(t): the curve's value at time t, 1 before the first step. */
export function survivalAt(curve: KmCurve, t: number): number {
	const i = stepAt(curve, t);
	return i < 0 ? 1 : curve.steps.survival[i];
}

/** Events up to and including day t: the count a share "within t days" rests on. */
export function eventsBy(curve: KmCurve, t: number): number {
	return curve.steps.events.subarray(0, stepAt(curve, t) + 1).reduce((a, d) => a + d, 0);
}

/** 1 − S(t) with its limits (1 − upper, 1 − lower), e.g. share contacted within 7 days. */
export function shareBy(
	curve: KmCurve,
	t: number
): { share: number; lower: number; upper: number } {
	const i = stepAt(curve, t);
	if (i < 0) return { share: 0, lower: 0, upper: 0 };
	const { survival, lower, upper } = curve.steps;
	return { share: 1 - survival[i], lower: 1 - upper[i], upper: 1 - lower[i] };
}
