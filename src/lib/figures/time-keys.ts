// The time measures as the command-line tool and the notebooks print them: numbers, with `*`
// where publication mode hides one (METHODS.md "Time to first contact and to discharge").
import { eventsBy, shareBy, survivalQuantile, type KmCurve } from '../stats/kaplan-meier.ts';
import type { Presenter } from './presenter.ts';
import { round } from '../util/format.ts';

/**
 * A time figure: referrals = events + censored + excluded (those made by the as-of date), and
 * the median, its 95% interval and quartiles in days (null = not reached). In publication mode
 * the days are `*` when the referrals followed number 1–7, as a mean on 1–7 would be.
 */
export function timeKeys(c: KmCurve, excluded: number, p: Presenter) {
	const hidden = p.count(c.n) === '*';
	const median = survivalQuantile(c, 0.5);
	const q = (prob: number) => survivalQuantile(c, prob).estimate;
	// Events, censored and excluded add up to the referrals: secondary suppression among them.
	const cells = p.cells({ events: c.events, censored: c.censored, excluded });
	return {
		referrals: p.count(c.n + excluded),
		events: cells.events,
		censored: cells.censored,
		excluded: cells.excluded,
		median_days: hidden ? ('*' as const) : median.estimate,
		ci95: hidden ? ('*' as const) : [median.lower, median.upper],
		quartiles: hidden ? ('*' as const) : [q(0.25), median.estimate, q(0.75)]
	};
}

/**
 * The share with a first contact within t days (1 − S(t)), to 4 decimals; `*` in publication
 * mode when it rests on 1–7 referrals or 1–7 contacted by then; null with no referrals.
 */
export function withinKey(c: KmCurve, days: number, p: Presenter): number | null | '*' {
	if (c.n === 0) return null;
	if (p.count(c.n) === '*' || p.count(eventsBy(c, days)) === '*') return '*';
	return round(shareBy(c, days).share, 4);
}
