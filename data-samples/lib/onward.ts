/** Onward referrals and signposts: 0–4 per contacted episode, led by the referral reasons. */
import { AS_OF, type Episode } from './episodes.ts';
import type { Day } from './dates.ts';
import { groupOf, vocabularies } from '../../src/lib/contract/vocabularies.ts';
import type { Rng } from './random.ts';

/** One row of the onward referrals table. */
export interface OnwardRow {
	referralId: string;
	referredOn: Day;
	organisation: string;
	category: string;
	kind: 'referral' | 'signpost';
	attended?: boolean;
}

/** An organisation, the category label services write for it, and its standard group. */
interface Organisation {
	name: string;
	category: string;
	group: string;
}

const org = (group: string, name: string, category: string): Organisation => ({
	name,
	category,
	group
});

// Local names are invented; a few national charities appear as services would write them.
const organisations: Organisation[] = [
	org('financial_advice', 'Citizens Advice', 'Debt advice'),
	org('financial_advice', 'Northside Money Advice', 'Money advice'),
	org('financial_advice', 'Council Welfare Rights Service', 'Welfare rights'),
	org('mental_health', 'Mind', 'Mental health'),
	org('mental_health', 'NHS Talking Therapies', 'Talking therapies'),
	org('mental_health', 'Riverside Counselling Service', 'Counselling'),
	org('physical_activity', 'Millbrook Walking Group', 'Walking group'),
	org('physical_activity', 'Harbour Leisure Centre', 'Leisure centre'),
	org('arts_creative', 'Art for Wellbeing', 'Art group'),
	org('arts_creative', 'Eastfield Community Choir', 'Singing'),
	org('nature_gardening', 'Greenhill Community Garden', 'Gardening'),
	org('nature_gardening', 'Canal Green Allotments', 'Allotment'),
	org('social_groups_befriending', 'Café Connect', 'Social group'),
	org('social_groups_befriending', 'Age UK', 'Befriending'),
	org('social_groups_befriending', 'Friendship Lunch Club', 'Lunch club'),
	org('social_groups_befriending', 'Men’s Shed', 'Peer support'),
	org('volunteering_employment', 'Volunteer Centre', 'Volunteering'),
	org('volunteering_employment', 'Jobcentre Plus', 'Employment support'),
	org('education_skills', 'Adult Learning Service', 'Adult learning'),
	org('education_skills', 'Digital Buddies', 'Digital skills'),
	org('housing', 'Council Housing Options', 'Housing'),
	org('housing', 'Shelter', 'Housing support'),
	org('food', 'Northside Foodbank', 'Foodbank'),
	org('food', 'Riverside Community Pantry', 'Community pantry'),
	org('carers', 'Carers Centre', 'Carers support'),
	org('bereavement', 'Cruse Bereavement Support', 'Bereavement support'),
	org('substance_use', 'Recovery Hub', 'Drug and alcohol'),
	org('health_services', 'NHS Stop Smoking Service', 'Stop smoking'),
	org('health_services', 'Weight Management Programme', 'Weight management'),
	org('social_care', 'Adult Social Care', 'Adult social care'),
	org('legal_advocacy', 'Advocacy Together', 'Advocacy')
];

/** Where link workers send people, by referral-reason group. */
const destinationsByReason: Record<string, string[]> = {
	mental_health: ['mental_health', 'arts_creative', 'nature_gardening', 'physical_activity'],
	loneliness: ['social_groups_befriending', 'arts_creative', 'volunteering_employment'],
	financial: ['financial_advice', 'food'],
	housing: ['housing', 'legal_advocacy'],
	bereavement: ['bereavement', 'social_groups_befriending'],
	physical_health: ['health_services', 'physical_activity'],
	physical_activity: ['physical_activity', 'nature_gardening'],
	carer: ['carers'],
	employment_education: ['volunteering_employment', 'education_skills'],
	substance_use: ['substance_use'],
	relationships: ['legal_advocacy', 'mental_health'],
	practical: ['education_skills', 'social_care']
};

/** Throws if a category label would not map to its declared group: a programmer error. */
export function checkOnwardCategories(): void {
	for (const o of organisations) {
		const group = groupOf(vocabularies.onward_category, o.category);
		if (group !== o.group) throw new Error(`invalid onward category: ${o.category} (${group})`);
	}
}

const countWeights = [0.22, 0.3, 0.25, 0.15, 0.08];

function drawCount(rng: Rng, episode: Episode): number {
	let r = rng.next();
	let count = 0;
	while (count < countWeights.length - 1 && r >= countWeights[count]) r -= countWeights[count++];
	return episode.discharge?.group === 'referred_on' ? Math.max(1, count) : count;
}

/** An organisation led by one of the reasons most of the time, otherwise any. */
function drawOrganisation(rng: Rng, episode: Episode): Organisation {
	if (rng.chance(0.7)) {
		const groups = destinationsByReason[rng.pick(episode.reasons).group] ?? [];
		const fitting = organisations.filter((o) => groups.includes(o.group));
		if (fitting.length > 0) return rng.pick(fitting);
	}
	return rng.pick(organisations);
}

/** Referrals are often attended; a signpost's take-up is usually unknown. */
function drawAttended(rng: Rng, kind: OnwardRow['kind']): boolean | undefined {
	const [yes, no] = kind === 'referral' ? [0.55, 0.2] : [0.2, 0.1];
	const r = rng.next();
	return r < yes ? true : r < yes + no ? false : undefined;
}

/** The onward rows of all contacted episodes, in referral order. */
export function makeOnwardReferrals(rng: Rng, episodes: Episode[]): OnwardRow[] {
	const rows: OnwardRow[] = [];
	for (const episode of episodes) {
		const start = episode.firstContactDay;
		if (start === undefined) continue;
		const end = episode.dischargeDay ?? AS_OF;
		const count = drawCount(rng, episode);
		const chosen = new Set<Organisation>();
		for (let tries = 0; chosen.size < count && tries < 20; tries++) {
			chosen.add(drawOrganisation(rng, episode));
		}
		const dated = [...chosen].map((o) => ({ o, day: start + rng.int(0, end - start) }));
		dated.sort((a, b) => a.day - b.day);
		for (const { o, day } of dated) {
			const kind = rng.chance(0.55) ? 'referral' : 'signpost';
			rows.push({
				referralId: episode.id,
				referredOn: day,
				organisation: o.name,
				category: o.category,
				kind,
				attended: drawAttended(rng, kind)
			});
		}
	}
	return rows;
}
