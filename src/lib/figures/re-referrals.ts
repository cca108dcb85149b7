import { histogramRows } from '../charts/histogram.ts';
import { gapBands, type RepeatPeopleRow, type ReReferralGapsRow } from '../metrics/re-referrals.ts';
import { formatCount as fc, formatShare as fs } from '../util/format.ts';
import { publish, publishTotal, share, type FigureContext, type FigureView } from './figure.ts';

/** The labels of the re-referral bands (metrics/re-referrals.ts gapBands), and "Over 365 days". */
export const gapLabels = [
	...gapBands.map((to, i) => `${i === 0 ? 0 : gapBands[i - 1] + 1}–${to}`),
	`Over ${gapBands[gapBands.length - 1]}`
];

/** Re-referrals: people with more than one episode, and episodes within 365 days of an earlier discharge. */
export function reReferralsView(
	repeat: RepeatPeopleRow,
	gaps: ReReferralGapsRow[],
	ctx: FigureContext
) {
	const on = ctx.publication;
	const filled = gapLabels.map((label, i) => ({
		label,
		episodes: gaps.find((g) => g.band === i + 1)?.episodes ?? 0,
		highlight: i < gapBands.length
	}));
	const within = filled.filter((r) => r.highlight).reduce((a, r) => a + r.episodes, 0);
	const shown = publish(filled, { additive: ['episodes'] }, on);
	const p = (v: number) => fc(publishTotal(v, on));
	const days = gapBands[gapBands.length - 1];
	return {
		view: {
			title: 'Re-referrals',
			sentence: repeat.episodes
				? `${p(within)} referrals (${fs(share(within, repeat.episodes, on))}) came within ${days} days of the same person's earlier discharge; ${p(repeat.people_with_multiple)} of ${p(repeat.people)} people had more than one episode.`
				: 'No referrals with a person ID in this selection.',
			n: `${p(repeat.episodes)} referrals of ${p(repeat.people)} people`,
			caveat:
				"Days from the same person's latest earlier discharge to the new referral; the earlier episode may be before the period. Needs a person ID" +
				(repeat.without_person_id
					? `: ${p(repeat.without_person_id)} referrals without one are left out.`
					: '.'),
			rows: shown.map((r) => ({ label: r.label, episodes: r.episodes })),
			columns: [
				{ key: 'label', label: 'Days since the earlier discharge' },
				{ key: 'episodes', label: 'Referrals', kind: 'count' }
			]
		} satisfies FigureView,
		chart: histogramRows(shown, 'episodes'),
		within: publishTotal(within, on),
		peopleWithMultiple: publishTotal(repeat.people_with_multiple, on)
	};
}
