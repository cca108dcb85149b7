import { z } from 'zod';
import { vocabularies, type VocabularyKey } from './vocabularies.ts';

/** How a canonical column's text is read. */
export const columnTypeSchema = z.enum([
	'text',
	'date',
	'category',
	'list',
	'integer',
	'number',
	'boolean',
	'age'
]);
export type ColumnType = z.infer<typeof columnTypeSchema>;

/** One column of a canonical table. */
export const columnSchema = z.object({
	name: z.string().regex(/^[a-z][a-z0-9_]*$/),
	type: columnTypeSchema,
	need: z.enum(['required', 'recommended', 'optional']),
	description: z.string(),
	example: z.string(),
	aliases: z.array(z.string()),
	vocabulary: z.string().optional(),
	min: z.number().optional(),
	max: z.number().optional()
});
export type Column = z.infer<typeof columnSchema>;

/** One canonical table. */
export const tableSchema = z.object({
	name: z.enum(['referrals', 'outcomes', 'onward_referrals', 'practices']),
	label: z.string(),
	description: z.string(),
	columns: z.array(columnSchema).min(1)
});
export type Table = z.infer<typeof tableSchema>;
export type TableName = Table['name'];

type ColumnInput = Omit<Column, 'aliases'> & { aliases?: string[]; vocabulary?: VocabularyKey };
const col = (c: ColumnInput): Column => ({ aliases: [], ...c });

const referralId = (need: Column['need']) =>
	col({
		name: 'referral_id',
		type: 'text',
		need,
		description:
			'The referral episode this row belongs to; unique per episode in the referrals file.',
		example: 'R000123',
		aliases: [
			'Referral ID',
			'Referral number',
			'Referral ref',
			'Referral reference',
			'Episode ID',
			'Case ID',
			'Case number',
			'Case reference',
			'Ref',
			'Referral',
			'Episode'
		]
	});

const referrals = tableSchema.parse({
	name: 'referrals',
	label: 'Referrals',
	description: 'One row per referral episode.',
	columns: [
		referralId('required'),
		col({
			name: 'person_id',
			type: 'text',
			need: 'recommended',
			description:
				'Pseudonymous person identifier; repeats when a person is re-referred. Never an NHS number.',
			example: 'P004512',
			aliases: [
				'Person ID',
				'Client ID',
				'Patient ID',
				'Client reference',
				'Client ref',
				'Patient reference',
				'Pseudonymised ID',
				'Pseudo ID',
				'Service user ID',
				'Individual ID',
				'Person'
			]
		}),
		col({
			name: 'referral_date',
			type: 'date',
			need: 'required',
			description: 'Date the referral was received.',
			example: '2024-05-14',
			aliases: [
				'Date of referral',
				'Referral date',
				'Referral received',
				'Date referred',
				'Referred on',
				'Date received',
				'Referral received date',
				'Date referral received',
				'Start date',
				'Referral start'
			]
		}),
		col({
			name: 'referral_source',
			type: 'category',
			vocabulary: 'referral_source',
			need: 'recommended',
			description: 'Who referred the person.',
			example: 'GP',
			aliases: [
				'Referred by',
				'Referral source',
				'Source of referral',
				'Referrer',
				'Referrer type',
				'Referrer role',
				'Source',
				'Referral route',
				'Referring organisation',
				'Referrer organisation'
			]
		}),
		col({
			name: 'referral_reasons',
			type: 'list',
			vocabulary: 'referral_reason',
			need: 'recommended',
			description: 'Reasons for referral, several separated by ";" (also "," "|" or "/").',
			example: 'Loneliness; Debt',
			aliases: [
				'Referral reason',
				'Referral reasons',
				'Reason for referral',
				'Reasons for referral',
				'Reason',
				'Reasons',
				'Presenting need',
				'Presenting needs',
				'Presenting issues',
				'Needs',
				'Primary need'
			]
		}),
		col({
			name: 'service',
			type: 'text',
			need: 'recommended',
			description: 'The social prescribing service or provider.',
			example: 'Northside Connect',
			aliases: [
				'Service',
				'Provider',
				'Service name',
				'Organisation',
				'Team',
				'Scheme',
				'Programme'
			]
		}),
		col({
			name: 'pcn',
			type: 'text',
			need: 'recommended',
			description: 'Primary Care Network.',
			example: 'Riverside PCN',
			aliases: ['PCN', 'PCN name', 'Primary care network', 'Network']
		}),
		col({
			name: 'practice',
			type: 'text',
			need: 'optional',
			description: 'GP practice: name or ODS code.',
			example: 'Y01234',
			aliases: [
				'Practice',
				'GP Practice',
				'GP surgery',
				'Surgery',
				'Practice name',
				'Practice code',
				'ODS code',
				'Registered practice',
				'GP'
			]
		}),
		col({
			name: 'link_worker',
			type: 'text',
			need: 'optional',
			description: 'Pseudonymous link worker.',
			example: 'LW07',
			aliases: [
				'Link worker',
				'Link worker ID',
				'Social prescriber',
				'Worker',
				'Caseworker',
				'Case worker',
				'Allocated worker',
				'Staff ID',
				'Keyworker'
			]
		}),
		col({
			name: 'first_contact_date',
			type: 'date',
			need: 'optional',
			description: 'Date of the first contact with the link worker.',
			example: '2024-05-20',
			aliases: [
				'First contact',
				'First contact date',
				'Date of first contact',
				'Date first contacted',
				'First appointment',
				'Initial contact date',
				'First seen'
			]
		}),
		col({
			name: 'discharge_date',
			type: 'date',
			need: 'optional',
			description: 'Date the episode closed; empty while the case is open.',
			example: '2024-08-30',
			aliases: [
				'Discharge date',
				'Date discharged',
				'Date of discharge',
				'Closed date',
				'Date closed',
				'Closure date',
				'End date',
				'Case closed'
			]
		}),
		col({
			name: 'discharge_reason',
			type: 'category',
			vocabulary: 'discharge_reason',
			need: 'optional',
			description: 'Why the episode closed.',
			example: 'Goals met',
			aliases: [
				'Discharge reason',
				'Reason for discharge',
				'Closure reason',
				'Reason closed',
				'Outcome of referral',
				'Discharge outcome',
				'Exit reason'
			]
		}),
		col({
			name: 'contacts',
			type: 'integer',
			need: 'optional',
			min: 0,
			description: 'Number of contacts during the episode.',
			example: '6',
			aliases: [
				'Contacts',
				'No. of contacts',
				'Number of contacts',
				'Contact count',
				'Total contacts',
				'Sessions',
				'Sessions attended',
				'No of sessions',
				'Number of sessions',
				'Appointments attended'
			]
		}),
		col({
			name: 'age_band',
			type: 'age',
			need: 'optional',
			description: 'Age band at referral (0-17, 18-24, ... 85+); a whole age is banded on import.',
			example: '45-54',
			aliases: ['Age band', 'Age group', 'Age range', 'Age', 'Age at referral']
		}),
		col({
			name: 'sex',
			type: 'category',
			vocabulary: 'sex',
			need: 'optional',
			description: 'Sex or gender as recorded.',
			example: 'Female',
			aliases: ['Sex', 'Gender', 'Sex/gender']
		}),
		col({
			name: 'ethnicity',
			type: 'category',
			vocabulary: 'ethnicity',
			need: 'optional',
			description: 'NHS ethnic category code (A-Z) or name.',
			example: 'A',
			aliases: ['Ethnicity', 'Ethnic group', 'Ethnic category', 'Ethnic origin', 'Ethnicity code']
		}),
		col({
			name: 'imd_decile',
			type: 'integer',
			need: 'optional',
			min: 1,
			max: 10,
			description: 'Index of Multiple Deprivation decile of the home area; 1 = most deprived.',
			example: '2',
			aliases: [
				'IMD decile',
				'IMD',
				'Deprivation decile',
				'IMD 2019 decile',
				'Index of multiple deprivation decile'
			]
		}),
		col({
			name: 'carer',
			type: 'boolean',
			need: 'optional',
			description: 'Whether the person is an unpaid carer (yes/no).',
			example: 'no',
			aliases: ['Carer', 'Is carer', 'Carer status', 'Unpaid carer']
		}),
		col({
			name: 'gp_appointments_before',
			type: 'integer',
			need: 'optional',
			min: 0,
			description: 'GP appointments in the window before referral.',
			example: '5',
			aliases: [
				'GP appointments before',
				'GP appts before',
				'GP attendances before',
				'GP appointments pre',
				'Appointments before',
				'GP appointments 6 months before',
				'GP appts 6 months before'
			]
		}),
		col({
			name: 'gp_appointments_after',
			type: 'integer',
			need: 'optional',
			min: 0,
			description: 'GP appointments in the window after referral.',
			example: '3',
			aliases: [
				'GP appointments after',
				'GP appts after',
				'GP attendances after',
				'GP appointments post',
				'Appointments after',
				'GP appointments 6 months after',
				'GP appts 6 months after'
			]
		})
	]
});

const outcomes = tableSchema.parse({
	name: 'outcomes',
	label: 'Outcome scores',
	description:
		'One row per score (long form). Wide-form score columns in the referrals file, such as "WEMWBS baseline", are unpivoted into this table.',
	columns: [
		referralId('required'),
		col({
			name: 'measure',
			type: 'text',
			need: 'required',
			description: 'The measure, e.g. WEMWBS, SWEMWBS, ONS4 life satisfaction, UCLA-3.',
			example: 'WEMWBS',
			aliases: [
				'Measure',
				'Outcome measure',
				'Tool',
				'Scale',
				'Questionnaire',
				'Assessment',
				'Assessment type'
			]
		}),
		col({
			name: 'timepoint',
			type: 'text',
			need: 'required',
			description: 'baseline, followup, or a label such as "review 1".',
			example: 'baseline',
			aliases: ['Timepoint', 'Time point', 'Stage', 'Assessment point', 'When', 'Occasion']
		}),
		col({
			name: 'assessed_on',
			type: 'date',
			need: 'optional',
			description: 'Date the score was taken.',
			example: '2024-05-20',
			aliases: [
				'Assessed on',
				'Assessment date',
				'Date assessed',
				'Date',
				'Score date',
				'Date completed'
			]
		}),
		col({
			name: 'score',
			type: 'number',
			need: 'required',
			description: 'The total score.',
			example: '44',
			aliases: ['Score', 'Total score', 'Total', 'Value', 'Result']
		})
	]
});

const onwardReferrals = tableSchema.parse({
	name: 'onward_referrals',
	label: 'Onward referrals and signposts',
	description: 'One row per onward referral or signpost to another service.',
	columns: [
		referralId('required'),
		col({
			name: 'referred_on',
			type: 'date',
			need: 'optional',
			description: 'Date of the onward referral or signpost.',
			example: '2024-06-02',
			aliases: [
				'Date referred on',
				'Onward referral date',
				'Date of onward referral',
				'Signposted on',
				'Date'
			]
		}),
		col({
			name: 'organisation',
			type: 'text',
			need: 'recommended',
			description: 'The organisation or activity the person was connected to.',
			example: 'Citizens Advice',
			aliases: [
				'Organisation',
				'Organization',
				'Referred to',
				'Service referred to',
				'Provider',
				'Destination',
				'Agency'
			]
		}),
		col({
			name: 'category',
			type: 'category',
			vocabulary: 'onward_category',
			need: 'recommended',
			description: 'Kind of support.',
			example: 'Financial advice',
			aliases: [
				'Category',
				'Support category',
				'Type of support',
				'Support type',
				'Onward referral category',
				'Activity type'
			]
		}),
		col({
			name: 'kind',
			type: 'category',
			vocabulary: 'onward_kind',
			need: 'optional',
			description: '"referral" (a formal referral) or "signpost".',
			example: 'referral',
			aliases: ['Kind', 'Referral or signpost', 'Type', 'Referral type', 'Signpost or referral']
		}),
		col({
			name: 'attended',
			type: 'boolean',
			need: 'optional',
			description: 'Whether the person attended, where recorded (yes/no).',
			example: 'yes',
			aliases: ['Attended', 'Did attend', 'Engaged', 'Took up']
		})
	]
});

const practices = tableSchema.parse({
	name: 'practices',
	label: 'Practices',
	description: 'Optional: list sizes, for referral rates per 1,000 registered patients.',
	columns: [
		col({
			name: 'practice',
			type: 'text',
			need: 'required',
			description: 'GP practice: the same name or ODS code as in the referrals file.',
			example: 'Y01234',
			aliases: ['Practice', 'GP Practice', 'Practice name', 'Practice code', 'ODS code', 'Surgery']
		}),
		col({
			name: 'pcn',
			type: 'text',
			need: 'recommended',
			description: 'Primary Care Network of the practice.',
			example: 'Riverside PCN',
			aliases: ['PCN', 'PCN name', 'Primary care network', 'Network']
		}),
		col({
			name: 'list_size',
			type: 'integer',
			need: 'required',
			min: 1,
			description: 'Registered patients.',
			example: '9800',
			aliases: [
				'List size',
				'Registered patients',
				'Practice list size',
				'Patients',
				'Population',
				'Registered population',
				'Weighted list size'
			]
		})
	]
});

/** The canonical tables, in load order: referrals first, since the others refer to them. */
export const tables: Record<TableName, Table> = {
	referrals,
	outcomes,
	onward_referrals: onwardReferrals,
	practices
};
export const tableNames = Object.keys(tables) as TableName[];

/** The vocabulary a category or list column uses. */
export function vocabularyOf(column: Column) {
	return column.vocabulary ? vocabularies[column.vocabulary as VocabularyKey] : undefined;
}

/** The matching key of a header: lower case, letters and digits only ("No. of contacts" → "noofcontacts"). */
export function headerKey(header: string): string {
	return header
		.toLowerCase()
		.replace(/^\ufeff/, '')
		.replace(/[^a-z0-9]+/g, '');
}

/** The canonical column a header names in a table, by column name or alias. */
export function columnForHeader(table: Table, header: string): Column | undefined {
	const key = headerKey(header);
	if (!key) return undefined;
	return table.columns.find(
		(c) => headerKey(c.name) === key || c.aliases.some((a) => headerKey(a) === key)
	);
}

/** Age bands from METHODS.md, youngest first. */
export const ageBands = [
	'0-17',
	'18-24',
	'25-34',
	'35-44',
	'45-54',
	'55-64',
	'65-74',
	'75-84',
	'85+'
] as const;
