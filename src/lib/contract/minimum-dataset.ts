// The national minimum dataset of the PRSB Social Prescribing Information Standard (v1.1, January
// 2023; owned by NHS England from 1 January 2026), against the columns of this data contract.
// The standard's minimum dataset is four sets of terms underpinned by SNOMED CT codes: patient
// demographic information, needs and concerns, support offered (including referred-to
// activities), and outcomes (NHS England / PRSB; the PCN DES 2024/25 asks that referrals to link
// workers be recorded with the national SNOMED codes).
import type { TableName } from './tables.ts';

/** A column of the contract, by table. */
export interface ContractColumn {
	table: TableName;
	column: string;
}

/** One part of the minimum dataset: which columns carry it, and what they do not carry. */
export interface MinimumDatasetPart {
	key: 'demographics' | 'needs' | 'support' | 'outcomes';
	/** The part as the standard names it. */
	name: string;
	/** What the part records, in plain words. */
	about: string;
	/** The contract's columns that carry it. */
	columns: ContractColumn[];
	/** Where an export meeting the contract does not meet the part. */
	gaps: string[];
}

const c = (table: TableName, ...columns: string[]): ContractColumn[] =>
	columns.map((column) => ({ table, column }));

const noSnomed =
	'No SNOMED CT codes: the standard codes its terms; the contract carries labels as the case-management system gives them, grouped by its own vocabularies.';

/** The four parts, in the standard's order. */
export const minimumDataset: MinimumDatasetPart[] = [
	{
		key: 'demographics',
		name: 'Person demographics',
		about: 'Who the person is, and where they are registered.',
		columns: [
			...c('referrals', 'person_id', 'age_band', 'sex', 'ethnicity', 'imd_decile', 'carer'),
			...c('referrals', 'practice', 'pcn')
		],
		gaps: [
			'No direct identifiers, on purpose: no NHS number, name, date of birth or address. The export is anonymised; a pseudonymous person_id stands for the person, an age band for the date of birth, and the IMD decile of their area for the address.',
			'Ethnicity as the NHS ethnic category (codes A to Z, or their names), not as SNOMED CT.'
		]
	},
	{
		key: 'needs',
		name: 'Needs and concerns',
		about: 'Why the person was referred, by whom and when: what matters to them.',
		columns: c('referrals', 'referral_reasons', 'referral_source', 'referral_date'),
		gaps: [
			noSnomed,
			'Reasons are those given at referral; needs found later in conversation with the link worker are not a column of their own.'
		]
	},
	{
		key: 'support',
		name: 'Support offered, including the activities referred to',
		about: 'What the link worker did, and the services and activities the person was connected to.',
		columns: [
			...c('referrals', 'service', 'link_worker', 'first_contact_date', 'contacts'),
			...c('onward_referrals', 'referral_id', 'referred_on', 'organisation', 'category', 'kind'),
			...c('onward_referrals', 'attended')
		],
		gaps: [noSnomed]
	},
	{
		key: 'outcomes',
		name: 'Outcomes',
		about: 'How things changed for the person, and how the episode ended.',
		columns: [
			...c('outcomes', 'measure', 'timepoint', 'assessed_on', 'score'),
			...c('referrals', 'discharge_date', 'discharge_reason'),
			...c('referrals', 'gp_appointments_before', 'gp_appointments_after')
		],
		gaps: [
			'Outcome measures by name (WEMWBS, ONS4, UCLA-3 and the rest of the registry), not by SNOMED CT code; the scores themselves are carried.',
			'Discharge reasons are grouped by the contract’s own list, not coded.'
		]
	}
];
