import { z } from 'zod';

/** One standard group of a category vocabulary, with the labels services use for it. */
export const categoryGroupSchema = z.object({
	key: z.string().regex(/^[a-z0-9_]+$/),
	label: z.string(),
	synonyms: z.array(z.string())
});
export type CategoryGroup = z.infer<typeof categoryGroupSchema>;

/** A category vocabulary: its standard groups; labels that match none fall to `fallback`. */
export const vocabularySchema = z.object({
	key: z.string(),
	label: z.string(),
	groups: z.array(categoryGroupSchema).min(1),
	fallback: z.string()
});
export type Vocabulary = z.infer<typeof vocabularySchema>;

const g = (key: string, label: string, ...synonyms: string[]): CategoryGroup => ({
	key,
	label,
	synonyms
});

const referralSource = vocabularySchema.parse({
	key: 'referral_source',
	label: 'Referral source',
	fallback: 'other',
	groups: [
		g(
			'gp',
			'GP',
			'GP',
			'General practitioner',
			'Doctor',
			'GP referral',
			'Dr',
			'Salaried GP',
			'GP partner'
		),
		g(
			'practice_nurse',
			'Practice nurse',
			'Nurse',
			'Practice nurse',
			'Nurse practitioner',
			'ANP',
			'HCA',
			'Healthcare assistant'
		),
		g(
			'other_practice_staff',
			'Other practice staff',
			'Receptionist',
			'Care navigator',
			'Practice manager',
			'Admin',
			'Reception',
			'Practice staff'
		),
		g(
			'arrs_role',
			'ARRS role',
			'Pharmacist',
			'Clinical pharmacist',
			'Physiotherapist',
			'First contact physio',
			'Paramedic',
			'Health and wellbeing coach',
			'Health coach',
			'Care coordinator',
			'Mental health practitioner',
			'ARRS'
		),
		g(
			'secondary_care',
			'Secondary care',
			'Hospital',
			'Secondary care',
			'Acute trust',
			'A&E',
			'Consultant',
			'Outpatients',
			'Discharge team'
		),
		g(
			'community_health',
			'Community health',
			'Community health',
			'District nurse',
			'Community nursing',
			'Health visitor',
			'Community mental health team',
			'CMHT',
			'Talking therapies',
			'IAPT',
			'Midwife'
		),
		g(
			'social_care',
			'Social care',
			'Social care',
			'Social worker',
			'Adult social care',
			'Local authority',
			'Council'
		),
		g(
			'vcse',
			'Voluntary sector (VCSE)',
			'VCSE',
			'Voluntary sector',
			'Charity',
			'Community group',
			'Third sector',
			'Voluntary organisation'
		),
		g(
			'self',
			'Self-referral',
			'Self',
			'Self referral',
			'Self-referral',
			'Self referred',
			'Family',
			'Friend',
			'Family/friend'
		),
		g(
			'other',
			'Other',
			'Other',
			'Police',
			'Fire service',
			'Housing association',
			'Job centre',
			'DWP',
			'Pharmacy',
			'Community pharmacy',
			'Community pharmacist'
		)
	]
});

const referralReason = vocabularySchema.parse({
	key: 'referral_reason',
	label: 'Referral reason',
	fallback: 'other',
	groups: [
		g(
			'mental_health',
			'Mental health and low mood',
			'Mental health',
			'Low mood',
			'Depression',
			'Anxiety',
			'Stress',
			'Emotional wellbeing',
			'Wellbeing',
			'Mental wellbeing'
		),
		g(
			'loneliness',
			'Loneliness and isolation',
			'Loneliness',
			'Lonely',
			'Isolation',
			'Social isolation',
			'Loneliness/isolation',
			'Loneliness and isolation'
		),
		g(
			'financial',
			'Money and debt',
			'Debt',
			'Money',
			'Financial',
			'Finances',
			'Benefits',
			'Welfare benefits',
			'Money worries',
			'Cost of living',
			'Fuel poverty'
		),
		g('housing', 'Housing', 'Housing', 'Homelessness', 'Housing issues', 'Housing/homelessness'),
		g('bereavement', 'Bereavement', 'Bereavement', 'Grief', 'Loss'),
		g(
			'physical_health',
			'Physical health and long-term conditions',
			'Physical health',
			'Long term condition',
			'Long-term condition',
			'LTC',
			'Chronic pain',
			'Weight',
			'Weight management',
			'Frailty',
			'Mobility'
		),
		g(
			'physical_activity',
			'Physical activity and lifestyle',
			'Physical activity',
			'Exercise',
			'Lifestyle',
			'Healthy lifestyle',
			'Diet'
		),
		g(
			'carer',
			'Caring responsibilities',
			'Carer',
			'Carer support',
			'Caring',
			'Caring responsibilities'
		),
		g(
			'employment_education',
			'Work, training and education',
			'Employment',
			'Unemployment',
			'Work',
			'Education',
			'Training',
			'Volunteering'
		),
		g(
			'substance_use',
			'Alcohol and drugs',
			'Alcohol',
			'Drugs',
			'Substance misuse',
			'Substance use',
			'Smoking'
		),
		g(
			'relationships',
			'Relationships and family',
			'Relationships',
			'Family',
			'Family issues',
			'Domestic abuse',
			'Relationship breakdown'
		),
		g(
			'practical',
			'Practical support',
			'Practical support',
			'Transport',
			'Digital inclusion',
			'Form filling',
			'Food',
			'Food poverty'
		),
		g('other', 'Other', 'Other')
	]
});

const dischargeReason = vocabularySchema.parse({
	key: 'discharge_reason',
	label: 'Discharge reason',
	fallback: 'other',
	groups: [
		g(
			'goals_met',
			'Goals met',
			'Goals met',
			'Goals achieved',
			'Completed',
			'Outcomes achieved',
			'Support completed',
			'Goal achieved'
		),
		g(
			'referred_on',
			'Referred on',
			'Referred on',
			'Referred to other service',
			'Onward referral',
			'Transferred',
			'Signposted'
		),
		g(
			'disengaged',
			'Disengaged',
			'Disengaged',
			'Did not engage',
			'DNA',
			'Stopped engaging',
			'Lost to follow up',
			'No longer engaging'
		),
		g(
			'declined',
			'Declined',
			'Declined',
			'Declined support',
			'Refused',
			'Not wanted',
			'Patient declined'
		),
		g(
			'not_contactable',
			'Not contactable',
			'Not contactable',
			'Unable to contact',
			'No contact',
			'Uncontactable',
			'Could not contact'
		),
		g('moved_away', 'Moved away', 'Moved away', 'Moved', 'Moved out of area', 'Left practice'),
		g('deceased', 'Deceased', 'Deceased', 'Died', 'Passed away'),
		g('other', 'Other', 'Other', 'Inappropriate referral', 'Not eligible')
	]
});

const sex = vocabularySchema.parse({
	key: 'sex',
	label: 'Sex',
	fallback: 'not_stated',
	groups: [
		g('female', 'Female', 'F', 'Female', 'Woman', 'W', '2'),
		g('male', 'Male', 'M', 'Male', 'Man', '1'),
		g('other', 'Other', 'Other', 'Non-binary', 'Nonbinary', 'Intersex', '9', 'Indeterminate', 'I'),
		g(
			'not_stated',
			'Not stated',
			'Not stated',
			'Not known',
			'Unknown',
			'Prefer not to say',
			'U',
			'X',
			'0',
			'Not recorded'
		)
	]
});

// NHS ethnic category codes (Data Dictionary "Ethnic Category") and their names.
const ethnicity = vocabularySchema.parse({
	key: 'ethnicity',
	label: 'Ethnicity',
	fallback: 'not_stated',
	groups: [
		g(
			'white',
			'White',
			'A',
			'B',
			'C',
			'White',
			'White British',
			'White: British',
			'White - British',
			'White Irish',
			'White: Irish',
			'Irish',
			'British',
			'Any other White background',
			'White other',
			'Other White',
			'White: Any other White background',
			'Gypsy or Irish Traveller',
			'White: English, Welsh, Scottish, Northern Irish or British'
		),
		g(
			'mixed',
			'Mixed',
			'D',
			'E',
			'F',
			'G',
			'Mixed',
			'Mixed: White and Black Caribbean',
			'White and Black Caribbean',
			'Mixed: White and Black African',
			'White and Black African',
			'Mixed: White and Asian',
			'White and Asian',
			'Any other mixed background',
			'Mixed other',
			'Mixed or Multiple ethnic groups'
		),
		g(
			'asian',
			'Asian',
			'H',
			'J',
			'K',
			'L',
			'Asian',
			'Asian or Asian British',
			'Indian',
			'Asian or Asian British: Indian',
			'Asian - Indian',
			'Pakistani',
			'Asian or Asian British: Pakistani',
			'Asian - Pakistani',
			'Bangladeshi',
			'Asian or Asian British: Bangladeshi',
			'Asian - Bangladeshi',
			'Any other Asian background',
			'Asian other'
		),
		g(
			'black',
			'Black',
			'M',
			'N',
			'P',
			'Black',
			'Black or Black British',
			'Caribbean',
			'Black or Black British: Caribbean',
			'Black Caribbean',
			'African',
			'Black or Black British: African',
			'Black African',
			'Any other Black background',
			'Black other',
			'Black, Black British, Caribbean or African'
		),
		g(
			'other',
			'Other ethnic group',
			'R',
			'S',
			'Other',
			'Other ethnic group',
			'Any other ethnic group',
			'Arab',
			'Other: Arab',
			'Chinese',
			'Asian: Chinese',
			'Other Ethnic Groups: Chinese'
		),
		g(
			'not_stated',
			'Not stated',
			'Z',
			'99',
			'Not stated',
			'Not known',
			'Unknown',
			'Prefer not to say',
			'Not recorded',
			'Declined'
		)
	]
});

const onwardCategory = vocabularySchema.parse({
	key: 'onward_category',
	label: 'Onward support category',
	fallback: 'other',
	groups: [
		g(
			'financial_advice',
			'Financial advice',
			'Financial advice',
			'Money advice',
			'Debt advice',
			'Benefits advice',
			'Welfare rights',
			'Citizens Advice',
			'Financial'
		),
		g(
			'mental_health',
			'Mental health',
			'Mental health',
			'Talking therapies',
			'Counselling',
			'IAPT',
			'Mind'
		),
		g(
			'physical_activity',
			'Physical activity',
			'Physical activity',
			'Exercise',
			'Walking group',
			'Sport',
			'Leisure centre',
			'Gym'
		),
		g(
			'arts_creative',
			'Arts and creative',
			'Arts',
			'Arts and creative',
			'Creative',
			'Art group',
			'Music',
			'Crafts',
			'Singing'
		),
		g(
			'nature_gardening',
			'Nature and gardening',
			'Nature',
			'Gardening',
			'Green',
			'Nature and gardening',
			'Allotment',
			'Green social prescribing'
		),
		g(
			'social_groups_befriending',
			'Social groups and befriending',
			'Befriending',
			'Social group',
			'Social groups',
			'Lunch club',
			'Community group',
			'Peer support',
			'Social'
		),
		g(
			'volunteering_employment',
			'Volunteering and employment',
			'Volunteering',
			'Employment',
			'Employment support',
			'Job centre',
			'Work'
		),
		g(
			'education_skills',
			'Education and skills',
			'Education',
			'Skills',
			'Learning',
			'Adult learning',
			'Digital skills',
			'Training'
		),
		g('housing', 'Housing', 'Housing', 'Housing support', 'Homelessness'),
		g('food', 'Food', 'Food', 'Foodbank', 'Food bank', 'Food parcel', 'Community pantry'),
		g('carers', 'Carers', 'Carers', 'Carers support', 'Carer support', 'Carers centre'),
		g('bereavement', 'Bereavement', 'Bereavement', 'Bereavement support', 'Cruse'),
		g(
			'substance_use',
			'Alcohol and drugs',
			'Substance use',
			'Substance misuse',
			'Alcohol',
			'Drugs',
			'Drug and alcohol'
		),
		g(
			'health_services',
			'Health services',
			'Health services',
			'Health',
			'NHS service',
			'Weight management',
			'Stop smoking',
			'Physio'
		),
		g('social_care', 'Social care', 'Social care', 'Adult social care', 'Care package'),
		g(
			'legal_advocacy',
			'Legal and advocacy',
			'Legal',
			'Advocacy',
			'Legal advice',
			'Legal and advocacy'
		),
		g('other', 'Other', 'Other')
	]
});

const onwardKind = vocabularySchema.parse({
	key: 'onward_kind',
	label: 'Onward support kind',
	fallback: 'referral',
	groups: [
		g(
			'referral',
			'Referral',
			'Referral',
			'Referred',
			'Ref',
			'R',
			'Onward referral',
			'Formal referral'
		),
		g('signpost', 'Signpost', 'Signpost', 'Signposted', 'Signposting', 'S', 'Information given')
	]
});

/** Every category vocabulary of the contract, by key. */
export const vocabularies = {
	referral_source: referralSource,
	referral_reason: referralReason,
	discharge_reason: dischargeReason,
	sex,
	ethnicity,
	onward_category: onwardCategory,
	onward_kind: onwardKind
} as const;

export type VocabularyKey = keyof typeof vocabularies;

/** The matching key of a label: lower case, letters and digits only ("Self-referral" → "selfreferral"). */
export function labelKey(label: string): string {
	return label.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

/** The group a label belongs to in a vocabulary, or undefined when no synonym matches. */
export function groupOf(vocabulary: Vocabulary, label: string): string | undefined {
	const key = labelKey(label);
	for (const group of vocabulary.groups) {
		if (labelKey(group.key) === key || group.synonyms.some((s) => labelKey(s) === key)) {
			return group.key;
		}
	}
	return undefined;
}
