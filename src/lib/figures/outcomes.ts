// What the Outcomes page's cards show for each measure: the paired statistics in words and as
// tables, under the small-number rules (METHODS.md "Statistics for a measure").
import { changeClasses } from '../charts/change-distribution.ts';
import type { Measure } from '../contract/measures.ts';
import type { ChangeRule, MeasureStatistics } from '../stats/outcomes.ts';
import { isSmall } from '../stats/small-numbers.ts';
import { decimal, formatCount as fc, formatShare as fs } from '../util/format.ts';
import { publish, publishTotal, share, type FigureContext, type FigureView } from './figure.ts';

// Scores of decimal measures (EQ-5D index) need more places than whole-number scales.
export const placesOf = (m: Measure) => (m.max - m.min <= 2 ? 3 : 1);

/** The meaningful change in words: "3 points" or "one band". */
export function ruleText(m: Measure, rule: ChangeRule): string {
	if (rule.kind === 'band') return 'one band';
	const p = rule.points;
	return `${decimal(p, Number.isInteger(p) ? 0 : placesOf(m))} point${p === 1 ? '' : 's'}`;
}

/** A mean as shown: hidden (`*`) when it rests on 1–7 people in publication mode. */
function shownMean(x: number, n: number, m: Measure, ctx: FigureContext): string {
	if (n === 0 || Number.isNaN(x)) return '—';
	if (ctx.publication && isSmall(n)) return '*';
	return decimal(x, placesOf(m));
}

const signed = (x: number, places: number) =>
	`${x > 0 ? '+' : x < 0 ? '−' : ''}${decimal(Math.abs(x), places)}`;

/** An interval as text: "2.1 to 3.4", or "—" when there is none. */
export function intervalText(ci: { low: number; high: number } | null, places: number): string {
	return ci ? `${signed(ci.low, places)} to ${signed(ci.high, places)}` : '—';
}

/** A p-value as journals print it. */
function pText(p: number | null): string {
	if (p === null) return '—';
	if (p < 0.001) return '< 0.001';
	return decimal(p, 3);
}

/** Why there is no interval or test, or what the measure's publisher advises: the small-number notes. */
export function smallNumberNote(m: Measure, s: MeasureStatistics, ctx: FigureContext): string {
	const notes: string[] = [];
	if (s.countsOnly)
		notes.push(`Fewer than 10 pairs: counts only, with no interval or test (METHODS.md).`);
	if (s.belowAdvice && m.advice)
		notes.push(
			`${m.advice.by} advises paired analysis with at least ${m.advice.pairs} people with both scores; there are ${fc(publishTotal(s.pairs, ctx.publication))}.`
		);
	return notes.join(' ');
}

/** The attrition line every outcome figure carries: follow-up rate and who was followed up. */
export function attritionText(m: Measure, s: MeasureStatistics, ctx: FigureContext): string {
	const eligible = publishTotal(s.eligible, ctx.publication);
	const followed = publishTotal(s.followedUp, ctx.publication);
	const rate = share(s.followedUp, s.eligible, ctx.publication);
	const who = s.eligibleAll
		? 'referrals with a baseline (none has been discharged yet)'
		: 'discharged referrals with a baseline';
	const means =
		s.baselineNotFollowed.n > 0
			? ` Their mean baseline was ${shownMean(s.baselineFollowed.mean, s.baselineFollowed.n, m, ctx)}, against ${shownMean(s.baselineNotFollowed.mean, s.baselineNotFollowed.n, m, ctx)} for those not followed up.`
			: '';
	return `Follow-up rate ${fs(rate)}: ${fc(followed)} of ${fc(eligible)} ${who} had a follow-up score.${means}`;
}

/** The headline reading of one measure: the change, its interval and who improved. */
export function measureSentence(
	m: Measure,
	s: MeasureStatistics,
	ctx: FigureContext,
	options: { named?: boolean } = {}
): string {
	const pairs = publishTotal(s.pairs, ctx.publication);
	if (s.pairs === 0) return `No referral has both a baseline and a follow-up ${m.name} score.`;
	const places = placesOf(m);
	const shown = !(ctx.publication && isSmall(s.pairs));
	const improved = share(s.improved, s.pairs, ctx.publication);
	const worse = share(s.deteriorated, s.pairs, ctx.publication);
	const rule = ruleText(m, s.rule);
	const moved = `${fs(improved)} improved by at least ${rule} and ${fs(worse)} got worse by at least ${rule}`;
	if (!shown) return `${fc(pairs)} referrals have both scores; too few to show their means.`;
	const rose = s.change.mean >= 0 ? 'rose' : 'fell';
	const ci = s.ci95 ? ` (95% CI ${intervalText(s.ci95, places)})` : '';
	return `For the ${fc(pairs)} referrals with both scores, the mean${options.named ? ` ${m.name}` : ''} ${rose} by ${decimal(Math.abs(s.change.mean), places)}${ci}, from ${decimal(s.baseline.mean, places)} to ${decimal(s.followup.mean, places)}; ${moved}.`;
}

/** One row per measure for the summary table. */
export function summaryView(
	list: { m: Measure; s: MeasureStatistics }[],
	ctx: FigureContext
): FigureView {
	const rows = list.map(({ m, s }) => {
		const places = placesOf(m);
		const hide = ctx.publication && isSmall(s.pairs);
		const stat = (text: string) => (hide ? '*' : text);
		const improved = share(s.improved, s.pairs, ctx.publication);
		const deteriorated = share(s.deteriorated, s.pairs, ctx.publication);
		return {
			measure: m.name,
			key: m.key,
			better: m.better === 'higher' ? 'Higher' : 'Lower',
			eligible: publishTotal(s.eligible, ctx.publication),
			pairs: publishTotal(s.pairs, ctx.publication),
			followup_rate: share(s.followedUp, s.eligible, ctx.publication),
			baseline_followed: shownMean(s.baselineFollowed.mean, s.baselineFollowed.n, m, ctx),
			baseline_not_followed: shownMean(s.baselineNotFollowed.mean, s.baselineNotFollowed.n, m, ctx),
			baseline: shownMean(s.baseline.mean, s.pairs, m, ctx),
			followup: shownMean(s.followup.mean, s.pairs, m, ctx),
			change: s.pairs ? stat(signed(s.change.mean, places)) : '—',
			ci: stat(intervalText(s.ci95, places)),
			p: stat(pText(s.pValue)),
			dz: stat(s.effectSizeDz === null ? '—' : decimal(s.effectSizeDz, 2)),
			meaningful: ruleText(m, s.rule),
			sd: s.pairs > 1 ? stat(decimal(s.change.sd, places)) : '—',
			improved,
			// An interval would give a hidden share (and its count) back.
			improved_ci: improved === null ? '*' : stat(shareInterval(s.improvedCi95)),
			deteriorated,
			deteriorated_ci: deteriorated === null ? '*' : stat(shareInterval(s.deterioratedCi95))
		};
	});
	// The first measure with pairs, in the registry's order (WEMWBS and SWEMWBS lead).
	const best = list.find((x) => x.s.pairs > 0);
	return {
		title: 'Outcome measures: the same people before and after',
		sentence: best
			? measureSentence(best.m, best.s, ctx, { named: true })
			: 'No outcome measure has both a baseline and a follow-up score in this view.',
		n: `${list.length} measure${list.length === 1 ? '' : 's'}`,
		caveat: [
			'Each row pairs one baseline and one later follow-up per referral (METHODS.md "Pairing"); means of different people are never compared. Eligible: referrals with a baseline that were discharged by the as-of date; the follow-up rate is the share of them followed up, and the two baseline means show whether those followed up started differently. Intervals and tests need 10 pairs. Change is follow-up minus baseline; for anxiety and loneliness, lower is better. No comparison group: some change would have happened anyway.',
			...list
				.filter(({ s }) => s.belowAdvice)
				.map(({ m, s }) => `${m.short ?? m.name}: ${smallNumberNote(m, s, ctx)}`)
		].join(' '),
		rows,
		columns: [
			{ key: 'measure', label: 'Measure' },
			{ key: 'eligible', label: 'Eligible', kind: 'count' },
			{ key: 'pairs', label: 'Pairs', kind: 'count' },
			{ key: 'followup_rate', label: 'Follow-up rate', kind: 'share' },
			{ key: 'baseline_followed', label: 'Baseline mean, followed up' },
			{ key: 'baseline_not_followed', label: 'Baseline mean, not followed up' },
			{ key: 'baseline', label: 'Mean at baseline' },
			{ key: 'followup', label: 'Mean at follow-up' },
			{ key: 'change', label: 'Mean change' },
			{ key: 'sd', label: 'SD of change' },
			{ key: 'ci', label: '95% CI of change' },
			{ key: 'p', label: 'p (paired t)' },
			{ key: 'dz', label: 'Effect size dz' },
			{ key: 'better', label: 'Better' },
			{ key: 'meaningful', label: 'Meaningful change' },
			{ key: 'improved', label: 'Improved', kind: 'share' },
			{ key: 'improved_ci', label: '95% CI improved' },
			{ key: 'deteriorated', label: 'Got worse', kind: 'share' },
			{ key: 'deteriorated_ci', label: '95% CI got worse' }
		]
	};
}

/** A share interval as text: "48% to 55%". */
export function shareInterval(ci: { low: number; high: number } | null): string {
	return ci ? `${fs(ci.low)} to ${fs(ci.high)}` : '—';
}

/** Improved, no meaningful change and got worse per measure, for the stacked chart. */
export function movementRows(list: { m: Measure; s: MeasureStatistics }[], ctx: FigureContext) {
	return list.flatMap(({ m, s }) => {
		const [improved, same, worse] = publish(
			[{ n: s.improved }, { n: s.pairs - s.improved - s.deteriorated }, { n: s.deteriorated }],
			{ additive: ['n'] },
			ctx.publication
		).map((r) => r.n);
		return [
			{ x: m.short ?? m.name, group: changeClasses[0], value: improved },
			{ x: m.short ?? m.name, group: changeClasses[1], value: same },
			{ x: m.short ?? m.name, group: changeClasses[2], value: worse }
		];
	});
}
