/** Weighted draw tables for people and episodes, built once per world. */
import {
	dischargeAfterContact,
	dischargeWithoutContact,
	ethnicities,
	referralReasons,
	referralSources,
	sexes,
	type LabelChoice
} from './labels.ts';
import { WeightedTable } from './random.ts';
import type { Practice, World } from './world.ts';

// Age at first referral: adults skewed older, a few aged 16-17.
const ageBands: [min: number, max: number, weight: number][] = [
	[16, 17, 1],
	[18, 24, 6],
	[25, 34, 10],
	[35, 44, 12],
	[45, 54, 15],
	[55, 64, 17],
	[65, 74, 17],
	[75, 84, 15],
	[85, 96, 7]
];

/** The draw tables. */
export interface Draws {
	practice: WeightedTable<Practice>;
	age: WeightedTable<(typeof ageBands)[number]>;
	sex: WeightedTable<LabelChoice>;
	ethnicity: WeightedTable<LabelChoice>;
	source: WeightedTable<LabelChoice>;
	reason: WeightedTable<LabelChoice>;
	afterContact: WeightedTable<LabelChoice>;
	withoutContact: WeightedTable<LabelChoice>;
	carerReason: LabelChoice;
}

/** Builds the draw tables for a world. */
export function buildDraws(world: World): Draws {
	const byWeight = (c: LabelChoice) => c.weight;
	const carerReason = referralReasons.find((r) => r.group === 'carer');
	if (!carerReason) throw new Error('no carer reason');
	return {
		practice: new WeightedTable(world.practices, (p) => p.listSize * p.rateFactor),
		age: new WeightedTable(ageBands, (b) => b[2]),
		sex: new WeightedTable(sexes, byWeight),
		ethnicity: new WeightedTable(ethnicities, byWeight),
		source: new WeightedTable(referralSources, byWeight),
		reason: new WeightedTable(referralReasons, byWeight),
		afterContact: new WeightedTable(dischargeAfterContact, byWeight),
		withoutContact: new WeightedTable(dischargeWithoutContact, byWeight),
		carerReason
	};
}
