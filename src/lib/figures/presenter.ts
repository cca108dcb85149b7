// How figures print their numbers for the command-line tool and the notebooks: as they are, or under
// the publication rules of METHODS.md ("Small numbers and publication"), with `*` for a suppressed value.
import {
	publishCells,
	publishCount,
	publishMean,
	publishRate,
	publishShare
} from '../stats/small-numbers.ts';
import { round } from '../util/format.ts';

/** A printed count: the number, or `*` when publication mode suppresses it. */
export type Shown = number | '*';

/** Turns counts, shares and rates into printed values. */
export interface Presenter {
	/** One count. */
	count(n: number): Shown;
	/** Counts that add up to a total: secondary suppression applies among them. */
	cells(counts: Record<string, number>): Record<string, Shown>;
	/** Counts that overlap, so add up to no total: each published on its own. */
	counts(counts: Record<string, number>): Record<string, Shown>;
	/** A share 0–1 to 4 decimals (null when the denominator is 0); `hidden` suppresses it. */
	share(numerator: number, denominator: number, hidden?: boolean): number | null | '*';
	/** A rate to 2 decimals, with the referrals behind it; `hidden` suppresses it. */
	rate(rate: number, referrals: number, hidden?: boolean): number | '*';
	/** A mean (or a statistic of one) to `places` decimals, over n people; null stays null. */
	mean(value: number | null, n: number, places?: number): number | null | '*';
}

const star = (v: number | null): Shown => v ?? '*';
const mapValues = <T>(o: Record<string, number>, f: (n: number) => T): Record<string, T> =>
	Object.fromEntries(Object.entries(o).map(([k, n]) => [k, f(n)]));

/** Figures as they are. */
export const plain: Presenter = {
	count: (n) => n,
	cells: (counts) => ({ ...counts }),
	counts: (counts) => ({ ...counts }),
	share: (numerator, denominator) => (denominator ? round(numerator / denominator, 4) : null),
	rate: (rate) => round(rate, 2),
	mean: (value, _n, places = 2) =>
		value === null || Number.isNaN(value) ? null : round(value, places)
};

/** Figures under the publication rules: 1–7 as `*`, other counts to the nearest 5. */
export const publication: Presenter = {
	count: (n) => star(publishCount(n)),
	cells(counts) {
		const keys = Object.keys(counts);
		const published = publishCells(keys.map((k) => counts[k]));
		return Object.fromEntries(keys.map((k, i) => [k, star(published[i])]));
	},
	counts: (counts) => mapValues(counts, (n) => star(publishCount(n))),
	share(numerator, denominator, hidden = false) {
		const share = hidden ? null : publishShare(numerator, denominator);
		return share === null ? '*' : round(share, 4);
	},
	rate(rate, referrals, hidden = false) {
		const published = hidden ? null : publishRate(rate, referrals);
		return published === null ? '*' : round(published, 2);
	},
	mean(value, n, places = 2) {
		if (value === null || Number.isNaN(value)) return null;
		return publishMean(value, n) === null ? '*' : round(value, places);
	}
};

/** The keys of printed counts that are suppressed. */
export function suppressed(shown: Record<string, Shown>): Set<string> {
	return new Set(Object.keys(shown).filter((k) => shown[k] === '*'));
}
