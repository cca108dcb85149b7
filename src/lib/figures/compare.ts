// What the Compare page's cards show: funnel plots of an indicator across units and XmR run
// charts per unit, with the publication rules applied (METHODS.md "Comparing services and PCNs"
// and "Small numbers and publication"). Sentences name only units beyond the 99.8% limits or
// with a special cause; nothing is ranked.
import type { FunnelPlotLimits, FunnelPlotPoint } from '../charts/funnel-plot.ts';
import type { RunPoint } from '../charts/run-chart.ts';
import type { Funnel, MeanFunnel, Signal } from '../stats/funnel.ts';
import type { KmQuantile } from '../stats/kaplan-meier.ts';
import {
	isSmall,
	publishCells,
	publishCount,
	publishMean,
	publishShare
} from '../stats/small-numbers.ts';
import type { Improvement, Xmr } from '../stats/spc.ts';
import { decimal, formatCount as fc, formatNumber, round } from '../util/format.ts';
import { valueLabel, type FigureContext, type FigureView } from './figure.ts';
import { formatDays, formatInterval } from './time-to-event.ts';

/** How a unit kind reads. */
export const unitNames = {
	service: ['Service', 'services'],
	pcn: ['PCN', 'PCNs'],
	practice: ['Practice', 'practices'],
	link_worker: ['Link worker', 'link workers']
} as const;

export type UnitKind = keyof typeof unitNames;

/** How a value is shown: a share as a percentage, a rate per 1,000 (a year), or a mean in points. */
export interface Scale {
	/** Shown value = proportion × factor (100 for %, 1,000 / years for a rate). */
	factor: number;
	/** Decimal places shown. */
	places: number;
	/** The value's name in a table header and on the y axis: "Contacted within 14 days (%)". */
	label: string;
	/** The factor of the CLI's values: 1 for a share (0–1), `factor` for a rate or a mean. */
	keyFactor: number;
	/** After a value in a sentence: "%", or "" for a rate or a mean (its label says what it is). */
	suffix: string;
}

const signalWords: Record<Signal, string> = {
	'high_99.8': 'Above 99.8%',
	high_95: 'Above 95%',
	none: 'Within',
	low_95: 'Below 95%',
	'low_99.8': 'Below 99.8%'
};

/** A funnel's limits for the CLI: [lower, upper], to 4 decimals of the proportion (× factor). */
const pair = (lo: number, hi: number, factor: number) => [
	round(lo * factor, 4),
	round(hi * factor, 4)
];

/**
 * A funnel across units, published. In publication mode a unit's numerator and denominator are
 * counts (1–7 hidden, others to the nearest 5, secondary suppression across units, since they add
 * up to the totals); a unit with either hidden is drawn without its value, limits or signal,
 * since the limits at its denominator would give the denominator back, and the table says so.
 */
export function funnelView(
	funnel: Funnel | MeanFunnel,
	what: {
		title: string;
		unit: UnitKind;
		numerator: string;
		denominator: string;
		scale: Scale;
		caveat: string;
		/** A mean, not a proportion: numerator and denominator are the mean and its n. */
		mean?: boolean;
	},
	ctx: FigureContext
) {
	const on = ctx.publication;
	const { factor, places, keyFactor } = what.scale;
	const pts = funnel.points;
	const nums = what.mean
		? pts.map((p) => p.numerator)
		: publishedCounts(
				pts.map((p) => p.numerator ?? 0),
				on
			);
	const dens = publishedCounts(
		pts.map((p) => p.denominator),
		on
	);
	const rows = pts.map((p, i) => {
		const hidden = on && (dens[i] === null || (!what.mean && nums[i] === null));
		const limits = hidden ? null : p.limits;
		return {
			unit: p.unit,
			label: valueLabel(p.unit),
			numerator: what.mean
				? hidden || p.value === null || p.numerator === null
					? null
					: round(p.numerator, 2)
				: nums[i],
			denominator: dens[i],
			value: hidden || p.value === null ? null : p.value * factor,
			l95: limits ? limits.l95 * factor : null,
			u95: limits ? limits.u95 * factor : null,
			l998: limits ? limits.l998 * factor : null,
			u998: limits ? limits.u998 * factor : null,
			signal: hidden ? null : p.signal,
			signal_text: hidden ? 'Not shown (small numbers)' : p.signal ? signalWords[p.signal] : '–'
		};
	});
	const [name, plural] = unitNames[what.unit];
	const beyond = (s: Signal) => rows.filter((r) => r.signal === s).map((r) => r.label);
	const high = beyond('high_99.8');
	const low = beyond('low_99.8');
	const target = funnel.target === null ? null : funnel.target * factor;
	const targetText = target === null ? '' : `${formatNumber(target, places)}${what.scale.suffix}`;
	const sentence =
		funnel.target === null
			? 'Nothing to compare in this view.'
			: high.length + low.length === 0
				? `No ${name === 'PCN' ? 'PCN' : name.toLowerCase()} is beyond the 99.8% limits around the overall ${targetText}: the differences are within what chance would give.`
				: [
						high.length ? `${list(high)} ${high.length === 1 ? 'is' : 'are'} above` : '',
						low.length ? `${list(low)} ${low.length === 1 ? 'is' : 'are'} below` : ''
					]
						.filter(Boolean)
						.join('; ') + ` the 99.8% limits around the overall ${targetText}.`;
	const ns = pts.map((p) => p.denominator).filter((n) => n > 0);
	const curve: FunnelPlotLimits[] = curvePoints(Math.min(...ns), Math.max(...ns)).map((n) => {
		const l = funnel.at(n);
		return {
			x: n,
			l95: l.l95 * factor,
			u95: l.u95 * factor,
			l998: l.l998 * factor,
			u998: l.u998 * factor
		};
	});
	const denominatorTotal = pts.reduce((a, p) => a + p.denominator, 0);
	const limitsText =
		funnel.limits === 'overdispersed'
			? `Limits adjusted for overdispersion (φ = ${formatNumber(funnel.phi ?? 0, 2)}, τ² = ${formatNumber(funnel.tau2 ?? 0, 5)}).`
			: funnel.phi !== null
				? `φ = ${formatNumber(funnel.phi, 2)}${funnel.phi <= 1 ? ', no overdispersion: unadjusted limits' : ''}.`
				: '95% and 99.8% limits (inverted Wilson, as PHE Fingertips).';
	const view = {
		title: what.title,
		sentence,
		n: `${rows.length} ${rows.length === 1 ? plural.replace(/s$/, '') : plural} · ${fc(publish(denominatorTotal, on))} ${what.denominator.toLowerCase()}`,
		caveat: `${what.caveat} ${limitsText} A unit's place in the funnel is not a ranking.`,
		rows,
		columns: [
			{ key: 'label', label: name },
			{
				key: 'numerator',
				label: what.numerator,
				kind: what.mean ? ('text' as const) : ('count' as const)
			},
			{ key: 'denominator', label: what.denominator, kind: 'count' as const },
			{ key: 'value', label: what.scale.label, kind: 'text' as const },
			{ key: 'limits95', label: '95% limits', kind: 'text' as const },
			{ key: 'limits998', label: '99.8% limits', kind: 'text' as const },
			{ key: 'signal_text', label: 'Signal' }
		]
	} satisfies FigureView;
	const shownRows = rows.map((r) => ({
		...r,
		value: r.value === null ? null : formatNumber(r.value, places),
		numerator:
			typeof r.numerator === 'number' && what.mean ? formatNumber(r.numerator, 2) : r.numerator,
		limits95:
			r.l95 === null ? '*' : `${formatNumber(r.l95, places)}–${formatNumber(r.u95!, places)}`,
		limits998:
			r.l998 === null ? '*' : `${formatNumber(r.l998, places)}–${formatNumber(r.u998!, places)}`
	}));
	const points: FunnelPlotPoint[] = rows.map((r) => ({
		label: r.label,
		x: r.denominator ?? 0,
		y: r.value,
		signal: r.signal
	}));
	return {
		...view,
		rows: shownRows.map((r) => ({ ...r, value: r.value ?? '*' })),
		chart: { points, curve, target, places },
		keys: {
			target: funnel.target === null ? null : round(funnel.target * keyFactor, 4),
			limits: funnel.limits,
			phi: funnel.phi === null ? null : round(funnel.phi, 4),
			tau2: funnel.tau2 === null ? null : round(funnel.tau2, 6),
			units: rows.map((r, i) => ({
				unit: r.unit,
				numerator: r.numerator ?? '*',
				denominator: r.denominator ?? '*',
				value:
					r.value === null
						? pts[i].value === null
							? null
							: '*'
						: round((r.value / factor) * keyFactor, 4),
				limits95:
					r.l95 === null
						? pts[i].limits
							? '*'
							: null
						: pair(r.l95 / factor, r.u95! / factor, keyFactor),
				limits998:
					r.l998 === null
						? pts[i].limits
							? '*'
							: null
						: pair(r.l998 / factor, r.u998! / factor, keyFactor),
				signal: r.signal ?? (pts[i].signal ? '*' : null)
			}))
		}
	};
}

// The denominators the limit curves are drawn through, from half the smallest unit's to a little
// past the largest's: dense at the small end, where they bend.
function curvePoints(minN: number, maxN: number): number[] {
	const from = Math.max(1, Math.floor(minN / 2));
	const to = Math.ceil(maxN * 1.1);
	const out = new Set<number>();
	for (let i = 0; i <= 80; i++) out.add(Math.round(from + (to - from) * (i / 80) ** 2));
	return [...out].sort((a, b) => a - b);
}

const publish = (n: number, on: boolean) => (on ? publishCount(n) : n);

function publishedCounts(counts: number[], on: boolean): (number | null)[] {
	return on ? publishCells(counts) : counts;
}

function list(names: string[]): string {
	if (names.length <= 1) return names.join('');
	return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** The most units a run chart draws as small multiples. */
const chartedUnits = 30;

/** One run chart per unit (and all units), published: what the card, the chart and the CLI read. */
export function runView(
	series: { unit: string; chart: Xmr & { improvement: Improvement }; counts: number[] }[],
	what: {
		title: string;
		unit: UnitKind;
		yLabel: string;
		places: number;
		count?: boolean;
		caveat: string;
	},
	ctx: FigureContext
) {
	const on = ctx.publication;
	const points: RunPoint[] = [];
	const rows: Record<string, unknown>[] = [];
	const named: string[] = [];
	const mineOf: RunPoint[][] = [];
	for (const s of series) {
		const mine: RunPoint[] = [];
		mineOf.push(mine);
		// In publication mode a month resting on 1–7 referrals is drawn without its value; a count
		// is published as counts are (secondary suppression within the unit's months).
		const shown = what.count && on ? publishCells(s.counts) : null;
		const total = s.counts.reduce((a, n) => a + n, 0);
		const limitsHidden = on && isSmall(total);
		s.chart.points.forEach((p, i) => {
			const hidden = on && (what.count ? shown![i] === null : isSmall(s.counts[i]));
			const value = hidden ? null : what.count && shown ? shown[i] : p.value;
			mine.push({
				unit: valueLabel(s.unit),
				period: p.period,
				value,
				mean: limitsHidden ? null : p.mean,
				lpl: limitsHidden ? null : p.lpl,
				upl: limitsHidden ? null : p.upl,
				type: hidden ? 'common_cause' : p.type
			});
		});
		points.push(...mine);
		const special = s.chart.points.filter((p) => p.type !== 'common_cause');
		if (s.unit !== 'all' && special.length && !limitsHidden) named.push(valueLabel(s.unit));
		rows.push({
			unit: valueLabel(s.unit),
			points: s.chart.points.length,
			mean: limitsHidden || s.chart.mean === null ? null : formatNumber(s.chart.mean, what.places),
			limits:
				limitsHidden || s.chart.lpl === null
					? s.chart.enough
						? '*'
						: 'Fewer than 12 months: no limits'
					: `${formatNumber(s.chart.lpl, what.places)} to ${formatNumber(s.chart.upl!, what.places)}`,
			special: limitsHidden ? '*' : String(special.length),
			variation: limitsHidden ? '*' : variationWords(s.chart.variation),
			assurance: limitsHidden ? '*' : (s.chart.assurance ?? '–')
		});
	}
	const [, plural] = unitNames[what.unit];
	// Small multiples stay readable: all units together and the 30 with the most referrals (or
	// months); the table and the CLI have every unit.
	const total = (x: (typeof series)[number]) => x.counts.reduce((a, n) => a + n, 0);
	const drawn = new Set(
		[
			series[0],
			...series
				.slice(1)
				.sort((a, b) => total(b) - total(a))
				.slice(0, chartedUnits)
		].map((x) => valueLabel(x.unit))
	);
	const units = series.map((x) => valueLabel(x.unit)).filter((u) => drawn.has(u));
	const capped = series.length > drawn.size;
	return {
		title: what.title,
		sentence: named.length
			? `Special-cause variation in ${list(named)}: see the marked points (each kind has its own shape) or the table.`
			: `No special-cause variation in any of the ${plural} or overall.`,
		n: `${series.length - 1} ${plural} and all, ${series[0]?.chart.points.length ?? 0} complete months`,
		caveat: capped
			? `${what.caveat} The chart shows all ${plural} together and the ${chartedUnits} with the most referrals; the table has all ${series.length - 1}.`
			: what.caveat,
		rows,
		columns: [
			{ key: 'unit', label: 'Unit' },
			{ key: 'points', label: 'Months', kind: 'count' as const },
			{ key: 'mean', label: 'Mean' },
			{ key: 'limits', label: 'Process limits' },
			{ key: 'special', label: 'Special-cause points' },
			{ key: 'variation', label: 'Variation (last point)' },
			{ key: 'assurance', label: 'Assurance' }
		],
		chart: {
			points: points.filter((p) => drawn.has(p.unit)),
			units,
			yLabel: what.yLabel,
			places: what.places,
			// The words of Making Data Count's variation and assurance icons, on each unit's chart.
			icons: rows
				.filter((r) => drawn.has(r.unit as string))
				.map((r) => ({
					unit: r.unit as string,
					text: [
						r.variation === '–' || r.variation === '*'
							? ''
							: `Variation: ${String(r.variation).toLowerCase()}`,
						r.assurance === '–' || r.assurance === '*' ? '' : `assurance: ${r.assurance}`
					]
						.filter(Boolean)
						.join(' · ')
				}))
		},
		keys: Object.fromEntries(
			series.map((s, k) => {
				const mine = mineOf[k];
				const hidden = rows[k].variation === '*';
				return [
					s.unit,
					{
						improvement: s.chart.improvement,
						mean: hidden ? '*' : s.chart.mean === null ? null : round(s.chart.mean, 4),
						lpl: hidden ? '*' : s.chart.lpl === null ? null : round(s.chart.lpl, 4),
						upl: hidden ? '*' : s.chart.upl === null ? null : round(s.chart.upl, 4),
						target: s.chart.target,
						points: s.chart.points.map((p, i) => ({
							period: p.period,
							value: mine[i].value === null ? '*' : round(mine[i].value!, 4),
							type: hidden || mine[i].value === null ? '*' : p.type,
							rule: hidden || mine[i].value === null ? '*' : p.rule
						})),
						variation: hidden ? '*' : s.chart.variation,
						assurance: hidden ? '*' : s.chart.assurance
					}
				];
			})
		)
	};
}

function variationWords(t: Xmr['variation']): string {
	if (t === null) return '–';
	return {
		common_cause: 'Common cause',
		special_cause_improvement: 'Improvement',
		special_cause_concern: 'Concern',
		special_cause_neutral_high: 'High',
		special_cause_neutral_low: 'Low'
	}[t];
}

/** One unit's row of the side-by-side table, before publication. */
export interface UnitSummary {
	unit: string;
	referrals: number;
	people: number;
	firstContact: KmQuantile | null;
	discharge: KmQuantile | null;
	goalsMet: number;
	discharged: number;
	measures: {
		key: string;
		name: string;
		followedUp: number;
		eligible: number;
		pairs: number;
		meanChange: number | null;
		ci95: { low: number; high: number } | null;
	}[];
}

/**
 * Every unit side by side: referrals, people, median days to first contact and to discharge
 * (Kaplan–Meier, 95% CI), goals met, and per measure the follow-up rate and mean change with
 * their intervals. Sortable, never ranked. Publication: referrals published across units with
 * secondary suppression, people one by one; a median or mean on 1–7 is hidden, as is a share
 * whose numerator or denominator is 1–7.
 */
export function unitsView(units: UnitSummary[], unit: UnitKind, ctx: FigureContext) {
	const on = ctx.publication;
	const referrals = publishedCounts(
		units.map((u) => u.referrals),
		on
	);
	const measureList = [
		...new Map(units.flatMap((u) => u.measures.map((m) => [m.key, m.name] as const)))
	];
	const shareOf = (x: number, n: number) => (on ? publishShare(x, n) : n > 0 ? x / n : null);
	const days = (q: KmQuantile | null, n: number) =>
		!q || (on && isSmall(n))
			? on && q
				? '*'
				: '–'
			: q.estimate === null
				? 'not reached'
				: `${formatDays(q.estimate)} (${formatInterval(q)})`;
	const rows = units.map((u, i) => {
		const row: Record<string, unknown> = {
			unit: u.unit,
			label: valueLabel(u.unit),
			referrals: referrals[i],
			people: publish(u.people, on),
			first_contact: days(u.firstContact, u.referrals),
			discharge: days(u.discharge, u.referrals),
			goals_met: shareOf(u.goalsMet, u.discharged)
		};
		for (const [key] of measureList) {
			const m = u.measures.find((x) => x.key === key);
			row[`followup_${key}`] = m ? shareOf(m.followedUp, m.eligible) : null;
			const mean =
				m && m.pairs > 0 ? (on ? publishMean(m.meanChange, m.pairs) : m.meanChange) : null;
			row[`change_${key}`] =
				!m || m.pairs === 0
					? '–'
					: mean === null
						? '*'
						: `${signedText(mean)}${m.ci95 ? ` (${signedText(m.ci95.low)} to ${signedText(m.ci95.high)})` : ''}`;
		}
		return row;
	});
	const [name, plural] = unitNames[unit];
	return {
		title: `${plural[0].toUpperCase()}${plural.slice(1)} side by side`,
		sentence: `${units.length} ${units.length === 1 ? plural.replace(/s$/, '') : plural}. Sort by any column to find a unit; the funnel plots above say which differences are beyond chance.`,
		n: `${fc(
			publish(
				units.reduce((a, u) => a + u.referrals, 0),
				on
			)
		)} referrals`,
		caveat:
			'Medians with their 95% confidence intervals (Kaplan–Meier); mean changes with their 95% t intervals (from 10 pairs). Do not rank units on this table: small units vary most by chance.',
		sortable: true,
		rows,
		columns: [
			{ key: 'label', label: name },
			{ key: 'referrals', label: 'Referrals', kind: 'count' as const },
			{ key: 'people', label: 'People', kind: 'count' as const },
			{ key: 'first_contact', label: 'Median days to first contact (95% CI)' },
			{ key: 'discharge', label: 'Median days to discharge (95% CI)' },
			{ key: 'goals_met', label: 'Goals met (share)', kind: 'share' as const },
			...measureList.flatMap(([key, label]) => [
				{ key: `followup_${key}`, label: `${label}: follow-up rate`, kind: 'share' as const },
				{ key: `change_${key}`, label: `${label}: mean change (95% CI)` }
			])
		],
		keys: units.map((u, i) => {
			const hide = (n: number) => on && isSmall(n);
			const q = (k: KmQuantile | null) =>
				!k ? null : hide(u.referrals) ? '*' : { median: k.estimate, ci95: [k.lower, k.upper] };
			const share = (v: unknown) => (v === null ? (on ? '*' : null) : round(v as number, 4));
			return {
				unit: u.unit,
				referrals: referrals[i] ?? '*',
				people: publish(u.people, on) ?? '*',
				median_days_to_first_contact: q(u.firstContact),
				median_days_to_discharge: q(u.discharge),
				goals_met_share: share(rows[i].goals_met),
				...Object.fromEntries(
					u.measures.flatMap((m) => {
						const mean = m.pairs > 0 ? m.meanChange : null;
						const hidden = hide(m.pairs);
						return [
							[`followup_rate_${m.key}`, share(rows[i][`followup_${m.key}`])],
							[
								`mean_change_${m.key}`,
								mean === null
									? null
									: hidden
										? '*'
										: {
												mean: round(mean, 2),
												ci95: m.ci95 ? [round(m.ci95.low, 2), round(m.ci95.high, 2)] : null
											}
							]
						];
					})
				)
			};
		})
	} satisfies FigureView & { sortable: boolean; keys: unknown };
}

// A change as read: "+2.31", "−0.50" (a true minus sign), "0.00".
const signedText = (v: number) => `${v > 0 ? '+' : ''}${decimal(v, 2)}`.replace('-', '−');
