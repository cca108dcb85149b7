import type { Db } from '../db/types.ts';
import type { Filters } from '../metrics/filters.ts';
import { gpCells } from '../metrics/gp-use.ts';
import { measureFromRow, outcomeCells, outcomeMeasures } from '../metrics/outcomes.ts';
import { run } from '../metrics/run.ts';
import { gpChange, type GpCell } from '../stats/gp-change.ts';
import { changeRule, measureStatistics, type OutcomeCell } from '../stats/outcomes.ts';
import type { Presenter } from './publish.ts';

/** Settings the outcome figures state: thresholds per measure and the GP window. */
export interface OutcomeSettings {
	/** Meaningful change in points, by measure key, where the user changed the default. */
	meaningfulChange?: Record<string, number>;
	/** Months each side of referral the GP appointment counts cover (default 6). */
	gpWindowMonths?: number;
}

const interval = (ci: { low: number; high: number } | null, n: number, p: Presenter) =>
	ci ? [p.mean(ci.low, n), p.mean(ci.high, n)] : null;
// A statistic of a suppressed count is suppressed with it.
const hidden = (n: number, p: Presenter) => p.count(n) === '*';
// p-values to 4 significant figures: tiny ones stay readable as numbers (1.234e-12).
const significant = (x: number | null) => (x === null ? null : Number(x.toPrecision(4)));

/** The `outcomes` section of the summary: paired statistics per measure present in the data. */
export async function outcomesSummary(
	db: Db,
	filters: Filters,
	asOf: string,
	p: Presenter,
	settings: OutcomeSettings = {}
) {
	const cells = (await run(db, outcomeCells(filters, asOf))) as unknown as OutcomeCell[];
	const measures = (await run(db, outcomeMeasures())).map(measureFromRow);
	const present = measures.filter((m) => cells.some((c) => c.measure === m.key));
	const out: Record<string, unknown> = {};
	for (const m of present) {
		const rule = changeRule(m, settings.meaningfulChange?.[m.key]);
		const s = measureStatistics(m, cells, rule);
		const n = s.pairs;
		out[m.key] = {
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
	return out;
}

function shareInterval(
	ci: { low: number; high: number } | null,
	count: number,
	n: number,
	p: Presenter
) {
	if (!ci) return null;
	if (p.share(count, n) === '*') return '*';
	return [Math.round(ci.low * 1e4) / 1e4, Math.round(ci.high * 1e4) / 1e4];
}

/** The `gp_appointments` section: people with both counts, before and after referral. */
export async function gpSummary(
	db: Db,
	filters: Filters,
	p: Presenter,
	settings: OutcomeSettings = {}
) {
	const g = gpChange((await run(db, gpCells(filters))) as unknown as GpCell[]);
	return {
		window_months: settings.gpWindowMonths ?? 6,
		people: p.count(g.people),
		before: p.count(g.before),
		after: p.count(g.after),
		percent_change: hidden(g.people, p)
			? '*'
			: g.percentChange === null
				? null
				: Math.round(g.percentChange * 1e4) / 1e4,
		mean_change: p.mean(g.change.mean, g.people),
		ci95: interval(g.ci95, g.people, p),
		fell: p.count(g.fell),
		fell_share: p.share(g.fell, g.people)
	};
}
