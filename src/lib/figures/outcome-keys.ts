// The outcome and GP statistics as the command-line tool and the notebooks print them: numbers,
// with `*` where publication mode hides one (METHODS.md "Statistics for a measure").
import type { Measure } from '../contract/measures.ts';
import type { GpChange } from '../stats/gp-change.ts';
import type { ChangeRule, MeasureStatistics } from '../stats/outcomes.ts';
import type { Presenter } from './presenter.ts';
import { round } from '../util/format.ts';

const interval = (ci: { low: number; high: number } | null, n: number, p: Presenter) =>
	ci ? [p.mean(ci.low, n), p.mean(ci.high, n)] : null;
// A statistic of a suppressed count is suppressed with it.
const hidden = (n: number, p: Presenter) => p.count(n) === '*';
// p-values to 4 significant figures: tiny ones stay readable as numbers (1.234e-12).
const significant = (x: number | null) => (x === null ? null : Number(x.toPrecision(4)));

function shareInterval(
	ci: { low: number; high: number } | null,
	count: number,
	n: number,
	p: Presenter
) {
	if (!ci) return null;
	if (p.share(count, n) === '*') return '*';
	return [round(ci.low, 4), round(ci.high, 4)];
}

/** One measure's paired statistics, as printed. */
export function measureKeys(m: Measure, rule: ChangeRule, s: MeasureStatistics, p: Presenter) {
	const n = s.pairs;
	return {
		name: m.name,
		meaningful_change: rule.kind === 'band' ? 'one band' : rule.points,
		eligible: p.count(s.eligible),
		pairs: p.count(n),
		followup_rate: p.share(s.followedUp, s.eligible),
		baseline_mean_followed_up: p.mean(s.baselineFollowed.mean, s.baselineFollowed.n),
		baseline_mean_not_followed_up: p.mean(s.baselineNotFollowed.mean, s.baselineNotFollowed.n),
		baseline_mean: p.mean(s.baseline.mean, n),
		followup_mean: p.mean(s.followup.mean, n),
		mean_change: p.mean(s.change.mean, n),
		sd_change: p.mean(n > 1 ? s.change.sd : null, n),
		ci95: interval(s.ci95, n, p),
		p_value: hidden(n, p) ? '*' : significant(s.pValue),
		effect_size_dz: p.mean(s.effectSizeDz, n),
		improved_meaningfully: p.count(s.improved),
		deteriorated_meaningfully: p.count(s.deteriorated),
		improved_share: p.share(s.improved, n),
		improved_share_ci95: s.countsOnly ? null : shareInterval(s.improvedCi95, s.improved, n, p)
	};
}

/** GP appointments before and after referral, as printed. */
export function gpKeys(g: GpChange, months: number, p: Presenter) {
	return {
		window_months: months,
		people: p.count(g.people),
		before: p.count(g.before),
		after: p.count(g.after),
		percent_change: hidden(g.people, p)
			? '*'
			: g.percentChange === null
				? null
				: round(g.percentChange, 4),
		mean_change: p.mean(g.change.mean, g.people),
		ci95: interval(g.ci95, g.people, p),
		fell: p.count(g.fell),
		fell_share: p.share(g.fell, g.people)
	};
}
