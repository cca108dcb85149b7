/** A small seeded pseudo-random generator (mulberry32) with the draws the generator needs. */
export class Rng {
	private state: number;

	constructor(seed: number) {
		this.state = seed >>> 0;
	}

	/** A float in [0, 1). */
	next(): number {
		this.state = (this.state + 0x6d2b79f5) >>> 0;
		let t = this.state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	/** An integer in [min, max], both included. */
	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}

	/** True with probability p. */
	chance(p: number): boolean {
		return this.next() < p;
	}

	/** One item, uniformly. */
	pick<T>(items: readonly T[]): T {
		return items[Math.floor(this.next() * items.length)];
	}

	/** A standard normal draw (Box–Muller). */
	normal(): number {
		const u = 1 - this.next();
		return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
	}

	/** An exponential draw with the given mean. */
	exponential(mean: number): number {
		return -Math.log(1 - this.next()) * mean;
	}

	/** A Poisson count (Knuth; fine for the small means used here). */
	poisson(mean: number): number {
		const limit = Math.exp(-mean);
		let k = 0;
		let p = this.next();
		while (p > limit) {
			k++;
			p *= this.next();
		}
		return k;
	}

	/** A child generator, so one part of the data can change without reshuffling the rest. */
	fork(salt: number): Rng {
		return new Rng(Math.imul(this.int(0, 0x7fffffff) ^ salt, 0x9e3779b1));
	}
}

/** Picks items by weight; build once, draw many times. */
export class WeightedTable<T> {
	private readonly cumulative: number[] = [];
	private readonly total: number;

	constructor(
		readonly items: readonly T[],
		weightOf: (item: T) => number
	) {
		let sum = 0;
		for (const item of items) {
			sum += weightOf(item);
			this.cumulative.push(sum);
		}
		this.total = sum;
	}

	/** One item, with probability proportional to its weight. */
	draw(rng: Rng): T {
		const target = rng.next() * this.total;
		let lo = 0;
		let hi = this.cumulative.length - 1;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (this.cumulative[mid] > target) hi = mid;
			else lo = mid + 1;
		}
		return this.items[lo];
	}
}

/** Clamps a number into [min, max]. */
export function clamp(value: number, min: number, max: number): number {
	return Math.min(max, Math.max(min, value));
}
