// The statistics of one outcome measure (METHODS.md "Pairing" and "Statistics for a measure"),
// from the cells SQL counts: referrals by baseline score, follow-up score (null when not
// followed up) and whether they were discharged.
import { bandOf, type Measure } from '../contract/measures.ts';
import {
	effectSizeDz,
	meanInterval,
	pairedTTest,
	summariseBy,
	wilsonInterval,
	type MeanSummary
} from './intervals.ts';

/** Referrals with one baseline and follow-up score, as the outcome cells query gives them. */
export interface OutcomeCell {
	measure: string;
	baseline: number;
	followup: number | null;
	discharged: boolean;
	n: number;
}

/** Below this many pairs, counts only: no interval or test (METHODS.md). */
export const minPairsForStatistics = 10;
// Changes are differences of stored decimals: 20.40 − 17.43 must still count as 2.97, and
// 0.58 − 0.50 as 0.08, so comparisons allow for the last bits of a double.
const tolerance = 1e-9;

/** How a measure's change is judged: by points, or by moving at least one band. */
export type ChangeRule = { kind: 'points'; points: number } | { kind: 'band' };

/** The rule for a measure, with a user's threshold in points where the measure has one. */
export function changeRule(m: Measure, points?: number): ChangeRule {
	if (m.meaningfulChange === null) return { kind: 'band' };
	return { kind: 'points', points: points ?? m.meaningfulChange };
}

/** +1 when a pair moved meaningfully in the better direction, −1 the worse, 0 neither. */
export function direction(
	m: Measure,
	rule: ChangeRule,
	baseline: number,
	followup: number
): number {
	const sign = m.better === 'higher' ? 1 : -1;
	if (rule.kind === 'band') {
		const moved = (bandOf(m, followup) - bandOf(m, baseline)) * sign;
		return Math.sign(moved);
	}
	const better = (followup - baseline) * sign;
	if (better >= rule.points - tolerance) return 1;
	if (-better >= rule.points - tolerance) return -1;
	return 0;
}

/** Everything reported for one measure; intervals and tests null below 10 pairs. */
export interface MeasureStatistics {
	measure: string;
	eligible: number;
	/** Every referral with a baseline and a follow-up. */
	pairs: number;
	/** Eligible referrals with a follow-up. */
	followedUp: number;
	followupRate: number | null;
	/** True when no referral with a baseline was discharged, so all with a baseline are eligible. */
	eligibleAll: boolean;
	baselineFollowed: MeanSummary;
	baselineNotFollowed: MeanSummary;
	baseline: MeanSummary;
	followup: MeanSummary;
	change: MeanSummary;
	ci95: { low: number; high: number } | null;
	pValue: number | null;
	effectSizeDz: number | null;
	improved: number;
	deteriorated: number;
	improvedCi95: { low: number; high: number } | null;
	deterioratedCi95: { low: number; high: number } | null;
	rule: ChangeRule;
	/** Fewer than 10 pairs: counts only. */
	countsOnly: boolean;
	/** Fewer pairs than the measure's published advice (Warwick's 30 for (S)WEMWBS). */
	belowAdvice: boolean;
}

/** The statistics of one measure from its cells. */
export function measureStatistics(
	m: Measure,
	cells: OutcomeCell[],
	rule: ChangeRule = changeRule(m)
): MeasureStatistics {
	const own = cells.filter((c) => c.measure === m.key);
	const eligibleAll = !own.some((c) => c.discharged);
	// One pass (Compare works out every unit's statistics from half a million cells at 1M).
	type Paired = OutcomeCell & { followup: number };
	const paired: Paired[] = [];
	const followed: OutcomeCell[] = [];
	const notFollowed: OutcomeCell[] = [];
	let pairs = 0;
	let eligibleN = 0;
	let followedN = 0;
	let improved = 0;
	let deteriorated = 0;
	for (const c of own) {
		if (c.followup !== null) {
			paired.push(c as Paired);
			pairs += c.n;
			const d = direction(m, rule, c.baseline, c.followup);
			if (d === 1) improved += c.n;
			else if (d === -1) deteriorated += c.n;
		}
		if (eligibleAll || c.discharged) {
			eligibleN += c.n;
			if (c.followup !== null) {
				followed.push(c);
				followedN += c.n;
			} else notFollowed.push(c);
		}
	}
	const change = summariseBy(paired, (c) => c.followup - c.baseline);
	const enough = pairs >= minPairsForStatistics;
	return {
		measure: m.key,
		eligible: eligibleN,
		pairs,
		followedUp: followedN,
		followupRate: eligibleN ? followedN / eligibleN : null,
		eligibleAll,
		baselineFollowed: summariseBy(followed, (c) => c.baseline),
		baselineNotFollowed: summariseBy(notFollowed, (c) => c.baseline),
		baseline: summariseBy(paired, (c) => c.baseline),
		followup: summariseBy(paired, (c) => c.followup),
		change,
		ci95: enough ? meanInterval(change) : null,
		pValue: enough ? (pairedTTest(change)?.p ?? null) : null,
		effectSizeDz: enough ? effectSizeDz(change) : null,
		improved,
		deteriorated,
		improvedCi95: enough ? wilsonInterval(improved, pairs) : null,
		deterioratedCi95: enough ? wilsonInterval(deteriorated, pairs) : null,
		rule,
		countsOnly: !enough,
		belowAdvice: m.advice !== undefined && pairs < m.advice.pairs
	};
}

/** Pairs by band at baseline and at follow-up, for a banded measure. */
export function bandShares(m: Measure, cells: OutcomeCell[]) {
	const paired = cells.filter((c) => c.measure === m.key && c.followup !== null);
	return m.bands.map((band, i) => ({
		band: band.label,
		baseline: paired.filter((c) => bandOf(m, c.baseline) === i).reduce((s, c) => s + c.n, 0),
		followup: paired.filter((c) => bandOf(m, c.followup!) === i).reduce((s, c) => s + c.n, 0)
	}));
}

/**
 * Pairs by change (follow-up − baseline), rounded to `step` so decimal scores bin together, and
 * by their movement (+1 improved, 0 neither, −1 deteriorated, by `direction`): a bin can hold
 * pairs on both sides of the threshold (SWEMWBS 2.55 and 3.20 both round to 3), and each keeps
 * the reading the statistics give it.
 */
export function changeCounts(
	m: Measure,
	cells: OutcomeCell[],
	step = 1,
	rule: ChangeRule = changeRule(m)
) {
	const counts = new Map<string, { change: number; movement: number; n: number }>();
	for (const c of cells) {
		if (c.measure !== m.key || c.followup === null) continue;
		const change = Number((Math.round((c.followup - c.baseline) / step) * step).toFixed(6));
		// Math.sign gives −0 for no change on a lower-is-better band measure; + 0 makes it 0.
		const movement = direction(m, rule, c.baseline, c.followup) + 0;
		const key = `${change}|${movement}`;
		const bin = counts.get(key) ?? { change, movement, n: 0 };
		bin.n += c.n;
		counts.set(key, bin);
	}
	return [...counts.values()].sort((a, b) => a.change - b.change || b.movement - a.movement);
}
