/** Outcome scores (long form): baselines at first contact, follow-ups near discharge. */
import { AS_OF, type Episode } from './episodes.ts';
import type { Day } from './dates.ts';
import { clamp, type Rng } from './random.ts';
import type { MeasureSet } from './world.ts';

/** One score row of the outcomes table. */
export interface OutcomeRow {
	referralId: string;
	measure: string;
	timepoint: string;
	assessedOn: Day;
	score: number;
}

/** A measure: its range and how the latent wellbeing and change become a score. */
interface Measure {
	label: string;
	min: number;
	max: number;
	baseline: (wellbeing: number) => number;
	change: (change: number) => number;
}

const measure = (
	label: string,
	[min, max]: [number, number],
	[mean, sd]: [number, number],
	[changeMean, changeSd]: [number, number]
): Measure => ({
	label,
	min,
	max,
	baseline: (z) => mean + sd * z,
	change: (u) => changeMean + changeSd * u
});

// Baselines are low, as in social prescribing populations; changes are modest. The anxiety
// and loneliness scales run the other way (lower is better), hence the negative sd and change.
const wemwbs = measure('WEMWBS', [14, 70], [40, 9], [2.3, 7]);
const swemwbs = measure('SWEMWBS', [7, 35], [19, 4], [1.3, 3.2]);
const ons4 = [
	measure('ONS4 life satisfaction', [0, 10], [4.6, 2], [0.6, 1.8]),
	measure('ONS4 worthwhile', [0, 10], [5.2, 2], [0.5, 1.7]),
	measure('ONS4 happiness', [0, 10], [4.8, 2.2], [0.6, 2]),
	measure('ONS4 anxiety', [0, 10], [5.8, -2.3], [-0.7, -2])
];
const ucla3 = measure('UCLA-3', [3, 9], [6.6, -1.5], [-0.5, -1.1]);

const measureSets: Record<MeasureSet, Measure[]> = {
	wemwbs_ucla: [wemwbs, ucla3],
	swemwbs_ons4: [swemwbs, ...ons4],
	ons4_ucla: [...ons4, ucla3]
};

/** The chance a discharged episode with a baseline is followed up, by discharge group. */
const followUpChance: Record<string, number> = { goals_met: 0.72, referred_on: 0.6 };

/** Each item answers a little differently: the latent values plus item noise. */
function score(m: Measure, rng: Rng, wellbeing: number, change?: number): number {
	const base = m.baseline(wellbeing + 0.35 * rng.normal());
	const value = change === undefined ? base : base + m.change(change + 0.35 * rng.normal());
	return clamp(Math.round(value), m.min, m.max);
}

/** Timepoints an episode is scored at: baseline, sometimes a review, and maybe a follow-up. */
function timepointsOf(rng: Rng, episode: Episode): [string, Day, number | undefined][] {
	const first = episode.firstContactDay;
	if (first === undefined || !rng.chance(0.85)) return [];
	const baselineDay = Math.min(first + rng.int(0, 7), AS_OF);
	const points: [string, Day, number | undefined][] = [['baseline', baselineDay, undefined]];
	const end = episode.dischargeDay;
	const chance = followUpChance[episode.discharge?.group ?? ''] ?? 0.15;
	if (end !== undefined && end - baselineDay >= 120 && rng.chance(0.15)) {
		const mid = baselineDay + Math.floor((end - baselineDay) / 2);
		points.push(['review 1', mid, episode.change * 0.5]);
	}
	if (end !== undefined && end - baselineDay >= 28 && rng.chance(chance)) {
		points.push(['followup', Math.max(baselineDay + 21, end - rng.int(0, 7)), episode.change]);
	}
	return points;
}

/** The outcome rows of all episodes, in referral order. */
export function makeOutcomes(rng: Rng, episodes: Episode[]): OutcomeRow[] {
	const rows: OutcomeRow[] = [];
	for (const episode of episodes) {
		const measures = measureSets[episode.person.practice.service.measures];
		for (const [timepoint, assessedOn, change] of timepointsOf(rng, episode)) {
			for (const m of measures) {
				const value = score(m, rng, episode.wellbeing, change);
				rows.push({
					referralId: episode.id,
					measure: m.label,
					timepoint,
					assessedOn,
					score: value
				});
			}
		}
	}
	return rows;
}
