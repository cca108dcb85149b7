// GP appointments before and after referral (METHODS.md "GP appointments"), from people counted
// by their (before, after) appointments.
import { meanInterval, summarise, wilsonInterval, type MeanSummary } from './intervals.ts';
import { minPairsForStatistics } from './outcomes.ts';

/** People with both counts, by their appointments before and after. */
export interface GpCell {
	before: number;
	after: number;
	people: number;
}

/** What the GP appointments figure reports. */
export interface GpChange {
	people: number;
	before: number;
	after: number;
	/** Change of the totals, as a share of the total before (−0.25 = a quarter fewer); null when before is 0. */
	percentChange: number | null;
	change: MeanSummary;
	ci95: { low: number; high: number } | null;
	/** People whose appointments fell, rose or stayed the same. */
	fell: number;
	rose: number;
	same: number;
	fellCi95: { low: number; high: number } | null;
	countsOnly: boolean;
}

/** The GP appointments figures from their cells. */
export function gpChange(cells: GpCell[]): GpChange {
	const total = (f: (c: GpCell) => number) => cells.reduce((s, c) => s + f(c) * c.people, 0);
	const people = total(() => 1);
	const before = total((c) => c.before);
	const after = total((c) => c.after);
	const count = (p: (c: GpCell) => boolean) => cells.filter(p).reduce((s, c) => s + c.people, 0);
	const change = summarise(cells.map((c) => ({ value: c.after - c.before, n: c.people })));
	const fell = count((c) => c.after < c.before);
	const enough = people >= minPairsForStatistics;
	return {
		people,
		before,
		after,
		percentChange: before > 0 ? (after - before) / before : null,
		change,
		ci95: enough ? meanInterval(change) : null,
		fell,
		rose: count((c) => c.after > c.before),
		same: count((c) => c.after === c.before),
		fellCi95: enough ? wilsonInterval(fell, people) : null,
		countsOnly: !enough
	};
}

/** People by change in appointments (after − before), for the distribution. */
export function gpChangeCounts(cells: GpCell[]) {
	const counts = new Map<number, number>();
	for (const c of cells)
		counts.set(c.after - c.before, (counts.get(c.after - c.before) ?? 0) + c.people);
	return [...counts].sort((a, b) => a[0] - b[0]).map(([change, people]) => ({ change, people }));
}
