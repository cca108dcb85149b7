// Normal and Student t distributions, pure TypeScript, checked against R in
// test/stats/distributions.test.ts.

const LN_SQRT_2PI = 0.9189385332046728; // log(sqrt(2 * pi))

function checkP(p: number): void {
	if (!(p >= 0 && p <= 1)) throw new Error(`invalid p: ${p}`);
}

function checkDf(df: number): void {
	if (!(df > 0 && Number.isFinite(df))) throw new Error(`invalid df: ${df}`);
}

function polyval(coefficients: number[], x: number): number {
	let sum = 0;
	for (let i = coefficients.length - 1; i >= 0; i--) sum = sum * x + coefficients[i];
	return sum;
}

// Wichura (1988) AS241 PPND16 coefficients, lowest power first.
const AS241 = {
	a: [
		3.3871328727963665, 133.14166789178438, 1971.5909503065513, 13731.69376550946,
		45921.95393154987, 67265.7709270087, 33430.57558358813, 2509.0809287301227
	],
	b: [
		1, 42.31333070160091, 687.1870074920579, 5394.196021424751, 21213.794301586597,
		39307.89580009271, 28729.085735721943, 5226.495278852546
	],
	c: [
		1.4234371107496835, 4.630337846156546, 5.769497221460691, 3.6478483247632045,
		1.2704582524523684, 0.2417807251774506, 0.022723844989269184, 0.0007745450142783414
	],
	d: [
		1, 2.053191626637759, 1.6763848301838038, 0.6897673349851, 0.14810397642748008,
		0.015198666563616457, 0.0005475938084995345, 1.0507500716444169e-9
	],
	e: [
		6.657904643501103, 5.463784911164114, 1.7848265399172913, 0.29656057182850487,
		0.026532189526576124, 0.0012426609473880784, 2.7115555687434876e-5, 2.0103343992922881e-7
	],
	f: [
		1, 0.599832206555888, 0.1369298809227358, 0.014875361290850615, 0.0007868691311456133,
		1.8463183175100548e-5, 1.421511758316446e-7, 2.0442631033899397e-15
	]
};

/** Standard normal quantile (Wichura 1988, AS241; about 1e-16 relative). */
export function normalQuantile(p: number): number {
	checkP(p);
	if (p === 0) return -Infinity;
	if (p === 1) return Infinity;
	const q = p - 0.5;
	if (Math.abs(q) <= 0.425) {
		const r = 0.180625 - q * q;
		return (q * polyval(AS241.a, r)) / polyval(AS241.b, r);
	}
	// Work in the nearer tail so that tiny p keep their precision.
	let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
	let x: number;
	if (r <= 5) {
		r -= 1.6;
		x = polyval(AS241.c, r) / polyval(AS241.d, r);
	} else {
		r -= 5;
		x = polyval(AS241.e, r) / polyval(AS241.f, r);
	}
	return q < 0 ? -x : x;
}

// Stirling correction lgamma(x) - [(x - 1/2) log x - x + log sqrt(2 pi)], for x >= 10.
function stirlingCorrection(x: number): number {
	const x2 = 1 / (x * x);
	const series = [1 / 12, -1 / 360, 1 / 1260, -1 / 1680, 1 / 1188, -691 / 360360, 1 / 156];
	return polyval(series, x2) / x;
}

function logGamma(x: number): number {
	// Shift up to x >= 10 so the Stirling series is accurate to machine precision.
	let shift = 0;
	while (x < 10) {
		shift += Math.log(x);
		x += 1;
	}
	return (x - 0.5) * Math.log(x) - x + LN_SQRT_2PI + stirlingCorrection(x) - shift;
}

// log B(a, b) without the cancellation of lgamma(a) + lgamma(b) - lgamma(a + b) at large df.
// Here one argument is always 1/2, so only R's lbeta split for (small, large) is needed.
function logBeta(a: number, b: number): number {
	const p = Math.min(a, b);
	const q = Math.max(a, b);
	if (q < 10) return logGamma(p) + logGamma(q) - logGamma(p + q);
	const corr = stirlingCorrection(q) - stirlingCorrection(p + q);
	return logGamma(p) + corr + p - p * Math.log(p + q) + (q - 0.5) * Math.log1p(-p / (p + q));
}

// Lentz's method divides by these; keep them off zero.
const nonZero = (v: number): number => (Math.abs(v) < 1e-300 ? 1e-300 : v);

// Continued fraction for the incomplete beta (Numerical Recipes betacf, modified Lentz).
function betaContinuedFraction(x: number, a: number, b: number): number {
	let c = 1;
	let d = 1 / nonZero(1 - ((a + b) * x) / (a + 1));
	let h = d;
	// Iterations grow like sqrt(max(a, b)) near the switch point: a few dozen at df = 1e6.
	for (let m = 1; m <= 100_000; m++) {
		const m2 = 2 * m;
		const even = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
		d = 1 / nonZero(1 + even * d);
		c = nonZero(1 + even / c);
		h *= d * c;
		const odd = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
		d = 1 / nonZero(1 + odd * d);
		c = nonZero(1 + odd / c);
		const delta = d * c;
		h *= delta;
		if (Math.abs(delta - 1) < 1e-16) return h;
	}
	return h;
}

// Regularised incomplete beta I_x(a, b). Callers pass 1 - x and both logs computed from
// unrounded inputs: at df = 1e6, a * log(x) from a rounded x is off by ~1e-10.
function incompleteBeta(
	x: number,
	oneMinusX: number,
	logX: number,
	logOneMinusX: number,
	a: number,
	b: number
): number {
	if (x <= 0) return 0;
	if (oneMinusX <= 0) return 1;
	const front = Math.exp(a * logX + b * logOneMinusX - logBeta(a, b));
	// Evaluate the fraction on the side where it converges quickly.
	if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
	return 1 - (front * betaContinuedFraction(oneMinusX, b, a)) / b;
}

// P(T > |t|): half of I_{df / (df + t^2)}(df / 2, 1 / 2).
function tUpperTail(t: number, df: number): number {
	const t2 = t * t;
	const oneMinusX = t2 / (df + t2);
	const logX = -Math.log1p(t2 / df);
	return 0.5 * incompleteBeta(df / (df + t2), oneMinusX, logX, Math.log(oneMinusX), df / 2, 0.5);
}

/** Student t CDF P(T <= t); relative error ~1e-14 at small df, growing with df to ~1e-10 at 1e6. */
export function tCdf(t: number, df: number): number {
	checkDf(df);
	if (Number.isNaN(t)) return NaN;
	if (t === Infinity) return 1;
	if (t === -Infinity) return 0;
	const tail = tUpperTail(t, df);
	return t < 0 ? tail : 1 - tail;
}

function tDensity(t: number, df: number): number {
	const logDensity =
		-((df + 1) / 2) * Math.log1p((t * t) / df) - 0.5 * Math.log(df) - logBeta(df / 2, 0.5);
	return Math.exp(logDensity);
}

// P(0 < T < t) for t >= 0, accurate near t = 0 where 0.5 - tUpperTail would cancel.
function tCentre(t: number, df: number): number {
	const t2 = t * t;
	const y = t2 / (df + t2);
	return 0.5 * incompleteBeta(y, df / (df + t2), Math.log(y), -Math.log1p(t2 / df), 0.5, df / 2);
}

/** Student t quantile: the t with tCdf(t, df) = p (Cornish-Fisher, then safeguarded Newton). */
export function tQuantile(p: number, df: number): number {
	checkP(p);
	checkDf(df);
	if (p === 0) return -Infinity;
	if (p === 1) return Infinity;
	if (p === 0.5) return 0;
	// Solve for q > 0 with P(T > q) = tail; 1 - p and 0.5 - tail are exact in floating point.
	const tail = p < 0.5 ? p : 1 - p;
	const sign = p < 0.5 ? -1 : 1;
	let q = -cornishFisher(normalQuantile(tail), df);
	// From df = 1e4 the expansion matches R's qt to machine precision, better than inverting
	// tCdf, whose error grows with df.
	if (df >= 1e4) return sign * q;
	if (!(q > 0 && Number.isFinite(q))) q = 1;
	const inTail = tail < 0.25;
	const centre = 0.5 - tail;
	let low = 0;
	let high = Infinity;
	for (let i = 0; i < 200; i++) {
		// Tails: Newton on log P(T > q) against log q, nearly linear where the tail is a power
		// law. Centre: Newton on P(0 < T < q), which keeps relative precision for tiny q.
		const upper = inTail ? tUpperTail(q, df) : 0;
		const miss = inTail ? upper - tail : centre - tCentre(q, df);
		if (miss > 0) low = q;
		else if (miss < 0) high = q;
		else break;
		const density = tDensity(q, df);
		let next = inTail
			? q * Math.exp((Math.log(upper / tail) * upper) / (q * density))
			: q + miss / density;
		// Keep the iterate inside the bracket; bisect (or grow) when it leaves.
		if (!(next > low && next < high)) next = high === Infinity ? 4 * q : (low + high) / 2;
		if (!Number.isFinite(next)) break; // q^2 overflows past 1e154, far beyond p = 1e-300
		const step = Math.abs(next - q);
		q = next;
		if (step <= 1e-13 * q || high - low <= 1e-15 * q) break;
	}
	return sign * q;
}

// Cornish-Fisher expansion of the t quantile in powers of 1 / df (Abramowitz & Stegun 26.7.5).
function cornishFisher(z: number, df: number): number {
	const z2 = z * z;
	const g1 = (z2 + 1) / 4;
	const g2 = ((5 * z2 + 16) * z2 + 3) / 96;
	const g3 = (((3 * z2 + 19) * z2 + 17) * z2 - 15) / 384;
	const g4 = ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) / 92160;
	return z * (1 + (g1 + (g2 + (g3 + g4 / df) / df) / df) / df);
}
