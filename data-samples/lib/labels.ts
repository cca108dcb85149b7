/**
 * The labels services write, by standard group, with how often each occurs. Each entry gives
 * the label used in the canonical files, in the case-management (casebook) export and in the
 * spreadsheet export, so one referral reads differently in each, as real exports do.
 */
import { groupOf, vocabularies, type VocabularyKey } from '../../src/lib/contract/vocabularies.ts';

/** One label choice: its standard group, weight and per-format labels. */
export interface LabelChoice {
	group: string;
	weight: number;
	canonical: string;
	casebook: string;
	spreadsheet: string;
}

/** The three shapes a referral is written in. */
export type LabelFormat = 'canonical' | 'casebook' | 'spreadsheet';

const choice = (
	group: string,
	weight: number,
	canonical: string,
	casebook = canonical,
	spreadsheet = canonical
): LabelChoice => ({ group, weight, canonical, casebook, spreadsheet });

/** Who referred; GP about 60%. */
export const referralSources: LabelChoice[] = [
	choice('gp', 57, 'GP', 'GP', 'GP referral'),
	choice('gp', 3, 'GP', 'Dr', 'Salaried GP'),
	choice('practice_nurse', 6, 'Practice nurse', 'Practice Nurse', 'Nurse'),
	choice('practice_nurse', 1.5, 'Nurse practitioner', 'ANP', 'Nurse practitioner'),
	choice('other_practice_staff', 3, 'Care navigator', 'Receptionist', 'Care navigator'),
	choice('arrs_role', 3, 'Care coordinator'),
	choice('arrs_role', 2, 'Health and wellbeing coach', 'Health coach'),
	choice('arrs_role', 1.5, 'Clinical pharmacist', 'Pharmacist'),
	choice('arrs_role', 1.5, 'Mental health practitioner'),
	choice('arrs_role', 0.8, 'First contact physio', 'Physiotherapist'),
	choice('self', 7, 'Self-referral', 'Self-referral', 'Self referral'),
	choice('self', 1.2, 'Family/friend', 'Family', 'Family/friend'),
	choice('vcse', 3.5, 'Voluntary organisation', 'VCSE', 'Charity'),
	choice('social_care', 2.5, 'Social worker', 'Social worker', 'Adult social care'),
	choice('secondary_care', 1.5, 'Hospital', 'Discharge team', 'Hospital'),
	choice('community_health', 1.5, 'District nurse'),
	choice('community_health', 1, 'Talking therapies', 'IAPT', 'Talking therapies'),
	choice('other', 0.8, 'Housing association'),
	choice('other', 0.5, 'Job centre', 'DWP', 'Job centre')
];

/** Reasons for referral; mental health and loneliness the commonest. */
export const referralReasons: LabelChoice[] = [
	choice('mental_health', 13, 'Low mood'),
	choice('mental_health', 8, 'Anxiety'),
	choice('mental_health', 5, 'Mental health', 'Mental wellbeing', 'Emotional wellbeing'),
	choice('mental_health', 3, 'Stress'),
	choice('loneliness', 15, 'Loneliness', 'Loneliness', 'Lonely'),
	choice('loneliness', 8, 'Social isolation', 'Isolation', 'Social isolation'),
	choice('financial', 6, 'Debt', 'Debt', 'Money worries'),
	choice('financial', 4, 'Benefits', 'Welfare benefits', 'Benefits'),
	choice('financial', 3, 'Cost of living', 'Fuel poverty', 'Cost of living'),
	choice('housing', 6, 'Housing', 'Housing issues', 'Housing'),
	choice('housing', 1, 'Homelessness'),
	choice('bereavement', 6, 'Bereavement', 'Grief', 'Bereavement'),
	choice('physical_health', 3, 'Long-term condition', 'LTC', 'Long term condition'),
	choice('physical_health', 2, 'Chronic pain'),
	choice('physical_health', 2, 'Mobility', 'Frailty', 'Mobility'),
	choice('carer', 4, 'Carer support', 'Caring responsibilities', 'Carer'),
	choice('physical_activity', 2.5, 'Physical activity', 'Exercise', 'Healthy lifestyle'),
	choice('employment_education', 2, 'Employment', 'Unemployment', 'Work'),
	choice('substance_use', 1, 'Alcohol'),
	choice('relationships', 1.5, 'Relationships', 'Family issues', 'Relationship breakdown'),
	choice('practical', 2, 'Digital inclusion', 'Transport', 'Form filling')
];

/** Discharge reasons once a link worker has made contact. */
export const dischargeAfterContact: LabelChoice[] = [
	choice('goals_met', 50, 'Goals met', 'Goals achieved', 'Completed'),
	choice('referred_on', 18, 'Referred on', 'Referred to other service', 'Onward referral'),
	choice('disengaged', 14, 'Disengaged', 'Did not engage', 'Lost to follow up'),
	choice('declined', 7, 'Declined', 'Declined support', 'Patient declined'),
	choice('moved_away', 4, 'Moved away', 'Moved out of area', 'Left practice'),
	choice('deceased', 1, 'Deceased', 'Died', 'Deceased'),
	choice('other', 2, 'Other', 'Inappropriate referral', 'Not eligible')
];

/** Discharge reasons when no contact was made. */
export const dischargeWithoutContact: LabelChoice[] = [
	choice('not_contactable', 60, 'Not contactable', 'Unable to contact', 'Uncontactable'),
	choice('declined', 35, 'Declined', 'Declined support', 'Patient declined'),
	choice('moved_away', 3, 'Moved away', 'Moved out of area', 'Left practice'),
	choice('deceased', 1, 'Deceased', 'Died', 'Deceased'),
	choice('other', 1, 'Other', 'Inappropriate referral', 'Not eligible')
];

/** Sex or gender as recorded; about 60% female. */
export const sexes: LabelChoice[] = [
	choice('female', 60, 'Female', 'Female', 'F'),
	choice('male', 38.6, 'Male', 'Male', 'M'),
	choice('other', 0.4, 'Other', 'Non-binary', 'I'),
	choice('not_stated', 1, 'Not stated', 'Prefer not to say', 'U')
];

/** Ethnicity: canonical and casebook use names, the spreadsheet the NHS code. */
export const ethnicities: LabelChoice[] = [
	choice('white', 80, 'White British', 'White British', 'A'),
	choice('white', 1, 'White Irish', 'White: Irish', 'B'),
	choice('white', 5, 'Any other White background', 'White other', 'C'),
	choice('mixed', 0.6, 'White and Black Caribbean', 'Mixed: White and Black Caribbean', 'D'),
	choice('mixed', 0.4, 'White and Black African', 'Mixed: White and Black African', 'E'),
	choice('mixed', 0.5, 'White and Asian', 'Mixed: White and Asian', 'F'),
	choice('mixed', 0.5, 'Any other mixed background', 'Mixed other', 'G'),
	choice('asian', 2.5, 'Indian', 'Asian or Asian British: Indian', 'H'),
	choice('asian', 3, 'Pakistani', 'Asian or Asian British: Pakistani', 'J'),
	choice('asian', 1, 'Bangladeshi', 'Asian or Asian British: Bangladeshi', 'K'),
	choice('asian', 0.8, 'Any other Asian background', 'Asian other', 'L'),
	choice('black', 1, 'Caribbean', 'Black or Black British: Caribbean', 'M'),
	choice('black', 1.5, 'African', 'Black or Black British: African', 'N'),
	choice('black', 0.3, 'Any other Black background', 'Black other', 'P'),
	// Code R is "Chinese" in the NHS list, grouped as other; the plain name "Chinese" is asian
	// in the vocabulary, so the long name keeps the code and the name in the same group.
	choice('other', 0.4, 'Other Ethnic Groups: Chinese', 'Other Ethnic Groups: Chinese', 'R'),
	choice('other', 1, 'Any other ethnic group', 'Any other ethnic group', 'S'),
	choice('not_stated', 4.5, 'Not stated', 'Not stated', 'Z')
];

/** The label of a choice in a format. */
export function labelIn(item: LabelChoice, format: LabelFormat): string {
	return item[format];
}

/** The standard group of a label, or the vocabulary's fallback where no synonym matches. */
export function groupOrFallback(vocabulary: VocabularyKey, label: string): string {
	const v = vocabularies[vocabulary];
	return groupOf(v, label) ?? v.fallback;
}

/** Throws if any label would not map to its declared group: a programmer error in a table. */
export function checkLabelTables(): void {
	const tables: [VocabularyKey, LabelChoice[]][] = [
		['referral_source', referralSources],
		['referral_reason', referralReasons],
		['discharge_reason', dischargeAfterContact],
		['discharge_reason', dischargeWithoutContact],
		['sex', sexes],
		['ethnicity', ethnicities]
	];
	for (const [key, items] of tables) {
		for (const item of items) {
			for (const label of [item.canonical, item.casebook, item.spreadsheet]) {
				const group = groupOf(vocabularies[key], label);
				if (group !== item.group) throw new Error(`invalid ${key} label: ${label} (${group})`);
			}
		}
	}
}
