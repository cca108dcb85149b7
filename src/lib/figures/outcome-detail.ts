// The figures of one chosen measure: each person's change, baseline against follow-up, bands
// before and after, and the mean change by group (a forest plot).
import { changeClasses } from '../charts/change-distribution.ts';
import type { Measure } from '../contract/measures.ts';
import { meanInterval } from '../stats/intervals.ts';
import {
	bandShares,
	changeCounts,
	direction,
	minPairsForStatistics,
	type MeasureStatistics,
	type OutcomeCell
} from '../stats/outcomes.ts';
import { publishCells } from '../stats/small-numbers.ts';
import { decimal, formatCount as fc, formatShare as fs } from '../util/format.ts';
import {
	type FigureContext,
	groupLabel,
	notRecorded,
	publish,
	publishTotal,
	share
} from './figure.ts';
import { attritionText, intervalText, placesOf, ruleText, smallNumberNote } from './outcomes.ts';

const noComparison =
	'No comparison group: some change would have happened anyway (people are often referred at a low point).';

// The caveat of every figure of a measure: attrition, small numbers, no comparison group.
const caveatOf = (m: Measure, s: MeasureStatistics, ctx: FigureContext) =>
	[attritionText(m, s, ctx), smallNumberNote(m, s, ctx), noComparison].filter(Boolean).join(' ');

// Decimal measures are binned for the distribution: a tenth of their meaningful change.
const stepOf = (m: Measure) => (placesOf(m) === 3 ? 0.02 : 1);

/** Each pair's change as a distribution, with the meaningful change marked. */
export function changeView(
	m: Measure,
	s: MeasureStatistics,
	cells: OutcomeCell[],
	ctx: FigureContext
) {
	const step = stepOf(m);
	const rows = publish(
		changeCounts(m, cells, step, s.rule).map((r) => ({
			change: r.change,
			people: r.n,
			movement: changeClasses[1 - r.movement]
		})),
		{ additive: ['people'] },
		ctx.publication
	);
	const rule = ruleText(m, s.rule);
	const improved = share(s.improved, s.pairs, ctx.publication);
	return {
		view: {
			title: `${m.name}: each person's change`,
			sentence: s.pairs
				? `${fs(improved)} of ${fc(publishTotal(s.pairs, ctx.publication))} pairs improved by at least ${rule} (the meaningful change), ${fs(share(s.deteriorated, s.pairs, ctx.publication))} got worse by at least as much.`
				: 'No pairs in this view.',
			n: `${fc(publishTotal(s.pairs, ctx.publication))} pairs`,
			caveat: `Meaningful change: ${rule} (a setting).${s.rule.kind === 'band' ? ' For this measure, moving one band up or down counts.' : ''} ${caveatOf(m, s, ctx)}`,
			rows: rows.map((r) => ({ ...r, label: decimal(r.change, step < 1 ? 2 : 0) })),
			columns: [
				{ key: 'label', label: 'Change (follow-up − baseline)' },
				{ key: 'movement', label: 'Reading' },
				{ key: 'people', label: 'Pairs', kind: 'count' as const }
			]
		},
		step
	};
}

/** Baseline against follow-up, one dot per pair of scores (sized by how many share it). */
export function scatterView(
	m: Measure,
	s: MeasureStatistics,
	cells: OutcomeCell[],
	ctx: FigureContext
) {
	const paired = new Map<string, { baseline: number; followup: number; people: number }>();
	for (const c of cells) {
		if (c.measure !== m.key || c.followup === null) continue;
		const key = `${c.baseline}|${c.followup}`;
		const cell = paired.get(key) ?? { baseline: c.baseline, followup: c.followup, people: 0 };
		cell.people += c.n;
		paired.set(key, cell);
	}
	const rows = publish([...paired.values()], { additive: ['people'] }, ctx.publication);
	const better = m.better === 'higher' ? 'above' : 'below';
	const up = cells
		.filter((c) => c.measure === m.key && c.followup !== null)
		.reduce(
			(n, c) =>
				n + (Math.sign(c.followup! - c.baseline) === (m.better === 'higher' ? 1 : -1) ? c.n : 0),
			0
		);
	return {
		title: `${m.name}: baseline against follow-up`,
		sentence: s.pairs
			? `${fs(share(up, s.pairs, ctx.publication))} of pairs lie ${better} the line of no change, where follow-up is better than baseline.`
			: 'No pairs in this view.',
		n: `${fc(publishTotal(s.pairs, ctx.publication))} pairs`,
		caveat: caveatOf(m, s, ctx),
		rows,
		columns: [
			{ key: 'baseline', label: 'Baseline' },
			{ key: 'followup', label: 'Follow-up' },
			{ key: 'people', label: 'Pairs', kind: 'count' as const }
		]
	};
}

/** For a banded measure: the share of pairs in each band at baseline and at follow-up. */
export function bandView(
	m: Measure,
	s: MeasureStatistics,
	cells: OutcomeCell[],
	ctx: FigureContext
) {
	const counts = bandShares(m, cells);
	const base = publish(
		counts.map((c) => ({ n: c.baseline })),
		{ additive: ['n'] },
		ctx.publication
	);
	const follow = publish(
		counts.map((c) => ({ n: c.followup })),
		{ additive: ['n'] },
		ctx.publication
	);
	const rows = counts.map((c, i) => ({
		band: c.band,
		baseline: base[i].n,
		baseline_share: base[i].n === null ? null : share(c.baseline, s.pairs, ctx.publication),
		followup: follow[i].n,
		followup_share: follow[i].n === null ? null : share(c.followup, s.pairs, ctx.publication)
	}));
	const top = m.better === 'higher' ? counts.length - 1 : 0;
	const moved = cells
		.filter((c) => c.measure === m.key && c.followup !== null)
		.reduce(
			(n, c) => n + (direction(m, { kind: 'band' }, c.baseline, c.followup!) > 0 ? c.n : 0),
			0
		);
	return {
		title: `${m.name}: bands before and after`,
		sentence: s.pairs
			? `In the best band (${counts[top].band}): ${fs(rows[top].baseline_share)} at baseline and ${fs(rows[top].followup_share)} at follow-up; ${fs(share(moved, s.pairs, ctx.publication))} moved up at least one band.`
			: 'No pairs in this view.',
		n: `${fc(publishTotal(s.pairs, ctx.publication))} pairs`,
		caveat: caveatOf(m, s, ctx),
		rows,
		columns: [
			{ key: 'band', label: 'Band' },
			{ key: 'baseline', label: 'Pairs at baseline', kind: 'count' as const },
			{ key: 'baseline_share', label: 'Share at baseline', kind: 'share' as const },
			{ key: 'followup', label: 'Pairs at follow-up', kind: 'count' as const },
			{ key: 'followup_share', label: 'Share at follow-up', kind: 'share' as const }
		]
	};
}

/** Mean change per group, as the forest plot and its table show it. */
export interface GroupChange {
	measure: string;
	dimension: string;
	group: string;
	n: number;
	mean: number;
	sd: number;
}

const dimensionLabels: Record<string, string> = {
	service: 'Service',
	pcn: 'PCN',
	age_band: 'Age band',
	sex: 'Sex',
	imd: 'IMD decile'
};

/** The mean change with its 95% CI by service, PCN, age band, sex and IMD decile. */
export function forestView(
	m: Measure,
	s: MeasureStatistics,
	groups: GroupChange[],
	ctx: FigureContext
) {
	const places = placesOf(m);
	const order = Object.keys(dimensionLabels);
	const mine = groups
		.filter((g) => g.measure === m.key)
		.sort((a, b) => order.indexOf(a.dimension) - order.indexOf(b.dimension));
	// Each dimension's groups add up to the pairs, so they are published together: a lone hidden
	// group takes the next smallest with it (secondary suppression), and so do its mean and CI.
	const shownN = new Map<GroupChange, number | null>();
	for (const d of order) {
		const ofD = mine.filter((g) => g.dimension === d);
		const published = ctx.publication ? publishCells(ofD.map((g) => g.n)) : ofD.map((g) => g.n);
		ofD.forEach((g, i) => shownN.set(g, published[i]));
	}
	const rows = mine.map((g) => {
		const enough = g.n >= minPairsForStatistics;
		const hidden = shownN.get(g) === null;
		const ci = enough ? meanInterval({ n: g.n, mean: g.mean, sd: g.sd }) : null;
		const label =
			g.dimension === 'sex'
				? groupLabel('sex', g.group)
				: g.group === 'unknown'
					? notRecorded
					: g.group;
		return {
			dimension: dimensionLabels[g.dimension] ?? g.dimension,
			group: label,
			n: shownN.get(g) ?? null,
			mean: hidden || !enough ? null : g.mean,
			low: hidden ? null : (ci?.low ?? null),
			high: hidden ? null : (ci?.high ?? null),
			change: hidden ? '*' : enough ? decimal(g.mean, places) : 'fewer than 10 pairs',
			ci: hidden ? '*' : intervalText(ci, places)
		};
	});
	return {
		title: `${m.name}: mean change by group`,
		sentence: s.pairs
			? `Overall the mean changed by ${decimal(s.change.mean, places)}${s.ci95 ? ` (95% CI ${intervalText(s.ci95, places)})` : ''}; groups whose intervals overlap it are not clearly different.`
			: 'No pairs in this view.',
		n: `${fc(publishTotal(s.pairs, ctx.publication))} pairs`,
		caveat: `Groups with fewer than 10 pairs show no mean or interval. Intervals are not adjusted for comparing many groups. Meaningful change: ${ruleText(m, s.rule)} (a setting${s.rule.kind === 'points' ? '; the dotted lines' : ''}). ${caveatOf(m, s, ctx)}`,
		rows,
		columns: [
			{ key: 'dimension', label: 'By' },
			{ key: 'group', label: 'Group' },
			{ key: 'n', label: 'Pairs', kind: 'count' as const },
			{ key: 'change', label: 'Mean change' },
			{ key: 'ci', label: '95% CI' }
		]
	};
}
