// The registry of outcome measures (METHODS.md "Outcome measures"): a new measure is data, not
// code. Each entry gives its range, which direction is better, its meaningful change and, for
// banded measures, its bands.
import { z } from 'zod';

/** One band of a banded measure: scores up to `upTo` (inclusive) and above the previous band. */
const bandSchema = z.object({ label: z.string().min(1), upTo: z.number() });

/** An outcome measure: what its scores mean and what counts as a meaningful change. */
export const measureSchema = z
	.object({
		key: z.string().regex(/^[a-z0-9_]+$/, 'lower case letters, digits and _ only'),
		name: z.string().min(1),
		/** A short label for chart axes ("WEMWBS"); the name when absent. */
		short: z.string().optional(),
		min: z.number(),
		max: z.number(),
		better: z.enum(['higher', 'lower']),
		/** Points of change that count as meaningful; null for a band measure (one band). */
		meaningfulChange: z.number().positive().nullable(),
		/** Bands in ascending order of score, the last ending at max. */
		bands: z.array(bandSchema).default([]),
		/** Labels exports use for it ("Short WEMWBS"); matched ignoring case, spaces and punctuation. */
		aliases: z.array(z.string()).default([]),
		/** Raw totals converted to another scale before any arithmetic (SWEMWBS). */
		conversion: z.enum(['swemwbs']).optional(),
		/** A published minimum of people with both scores for a paired analysis, and who advises it. */
		advice: z.object({ pairs: z.number().int().positive(), by: z.string().min(1) }).optional(),
		note: z.string().optional(),
		source: z.string().optional()
	})
	.refine((m) => m.min < m.max, { message: 'min must be below max' })
	.refine((m) => m.meaningfulChange !== null || m.bands.length > 1, {
		message: 'a measure without a meaningful change in points needs bands'
	});
export type Measure = z.infer<typeof measureSchema>;

/** What a user declares for a measure the registry lacks (saved in the mapping profile). */
export const declaredMeasureSchema = z.object({
	name: z.string().min(1),
	min: z.number(),
	max: z.number(),
	better: z.enum(['higher', 'lower']),
	meaningfulChange: z.number().positive(),
	aliases: z.array(z.string()).default([])
});
export type DeclaredMeasure = z.infer<typeof declaredMeasureSchema>;

const ons4Bands = [
	{ label: 'Low (0–4)', upTo: 4 },
	{ label: 'Medium (5–6)', upTo: 6 },
	{ label: 'High (7–8)', upTo: 8 },
	{ label: 'Very high (9–10)', upTo: 10 }
];
const ons4 = (key: string, name: string, aliases: string[]) => ({
	key: `ons4_${key}`,
	name: `ONS4: ${name}`,
	short: `ONS4 ${key.replace('_', ' ')}`,
	min: 0,
	max: 10,
	better: 'higher' as const,
	meaningfulChange: null,
	bands: ons4Bands,
	aliases,
	source: 'ONS personal well-being thresholds'
});

const registryData = [
	{
		key: 'wemwbs',
		short: 'WEMWBS',
		name: 'Warwick-Edinburgh Mental Wellbeing Scale',
		min: 14,
		max: 70,
		better: 'higher',
		meaningfulChange: 3,
		aliases: [
			'WEMWBS',
			'Warwick-Edinburgh Mental Wellbeing Scale',
			'Warwick Edinburgh',
			'WEMWBS 14'
		],
		advice: { pairs: 30, by: 'Warwick Medical School' },
		note: 'Warwick advises paired analysis and at least 30 people with both scores.',
		source: 'Warwick Medical School'
	},
	{
		key: 'swemwbs',
		short: 'SWEMWBS',
		name: 'Short Warwick-Edinburgh Mental Wellbeing Scale',
		min: 7,
		max: 35,
		better: 'higher',
		meaningfulChange: 3,
		conversion: 'swemwbs',
		// Warwick's advice covers both scales; METHODS.md names WEMWBS.
		advice: { pairs: 30, by: 'Warwick Medical School' },
		aliases: [
			'SWEMWBS',
			'Short WEMWBS',
			'S-WEMWBS',
			'WEMWBS short',
			'SWEMWBS raw',
			'SWEMWBS metric',
			'SWEMWBS metric score',
			'Short WEMWBS metric',
			'Short Warwick-Edinburgh Mental Wellbeing Scale',
			'WEMWBS 7'
		],
		note: 'Raw totals are converted to metric scores before any arithmetic.',
		source: 'Warwick Medical School; meaningful change: Shah et al. 2018 (2.77 × SEM = 2.87)'
	},
	ons4('life_satisfaction', 'life satisfaction', [
		'ONS4 life satisfaction',
		'ONS life satisfaction',
		'Life satisfaction',
		'ONS4 satisfaction',
		'ONS satisfied'
	]),
	ons4('worthwhile', 'things you do are worthwhile', [
		'ONS4 worthwhile',
		'ONS worthwhile',
		'Worthwhile'
	]),
	ons4('happiness', 'happiness yesterday', [
		'ONS4 happiness',
		'ONS happiness',
		'Happiness',
		'ONS4 happy',
		'ONS happy'
	]),
	{
		...ons4('anxiety', 'anxiety yesterday', [
			'ONS4 anxiety',
			'ONS anxiety',
			'Anxiety',
			'ONS4 anxious',
			'ONS anxious'
		]),
		better: 'lower',
		bands: [
			{ label: 'Very low (0–1)', upTo: 1 },
			{ label: 'Low (2–3)', upTo: 3 },
			{ label: 'Medium (4–5)', upTo: 5 },
			{ label: 'High (6–10)', upTo: 10 }
		]
	},
	{
		key: 'ucla3',
		short: 'UCLA-3',
		name: 'UCLA 3-item loneliness scale',
		min: 3,
		max: 9,
		better: 'lower',
		meaningfulChange: 1,
		bands: [
			{ label: 'Not lonely (3–5)', upTo: 5 },
			{ label: 'Lonely (6–9)', upTo: 9 }
		],
		aliases: ['UCLA-3', 'UCLA 3', 'UCLA', 'UCLA loneliness', 'UCLA 3-item loneliness', 'UCLA3'],
		note: 'Scores of 6–9 are counted as lonely.'
	},
	{
		key: 'cel',
		short: 'CEL',
		name: 'Campaign to End Loneliness tool',
		min: 0,
		max: 12,
		better: 'lower',
		meaningfulChange: 1,
		aliases: ['CEL', 'Campaign to End Loneliness', 'Campaign to End Loneliness tool', 'CTEL']
	},
	{
		key: 'mycaw_concern',
		short: 'MYCaW concern',
		name: 'MYCaW concern rating',
		min: 0,
		max: 6,
		better: 'lower',
		meaningfulChange: 1,
		aliases: ['MYCaW concern', 'MYCaW concern rating', 'MYCaW concerns', 'MYCaW concern 1']
	},
	{
		key: 'mycaw_wellbeing',
		short: 'MYCaW wellbeing',
		name: 'MYCaW wellbeing',
		min: 0,
		max: 6,
		better: 'lower',
		meaningfulChange: 1,
		aliases: ['MYCaW wellbeing', 'MYCaW well-being', 'MYCaW wellbeing rating']
	},
	{
		key: 'pam',
		short: 'PAM',
		name: 'Patient Activation Measure score',
		min: 0,
		max: 100,
		better: 'higher',
		meaningfulChange: 3,
		bands: [
			{ label: 'Level 1 (up to 47.0)', upTo: 47 },
			{ label: 'Level 2 (47.1–55.1)', upTo: 55.1 },
			{ label: 'Level 3 (55.2–72.4)', upTo: 72.4 },
			{ label: 'Level 4 (above 72.4)', upTo: 100 }
		],
		aliases: ['PAM', 'Patient Activation Measure', 'PAM score', 'Patient activation'],
		note: 'Import the licensed PAM score; it is never computed here.'
	},
	{
		key: 'eq5d_index',
		short: 'EQ-5D index',
		name: 'EQ-5D index value',
		min: -0.594,
		max: 1,
		better: 'higher',
		meaningfulChange: 0.08,
		aliases: [
			'EQ-5D',
			'EQ-5D index',
			'EQ5D',
			'EQ-5D index value',
			'EQ-5D-3L index',
			'EQ-5D-5L index'
		]
	},
	{
		key: 'eq_vas',
		short: 'EQ VAS',
		name: 'EQ VAS',
		min: 0,
		max: 100,
		better: 'higher',
		meaningfulChange: 7,
		aliases: ['EQ VAS', 'EQ-VAS', 'EQ-5D VAS', 'EQVAS', 'EQ visual analogue scale']
	}
];

/** The registry, parsed once: a wrong entry fails the first import, and the tests. */
export const measures: Measure[] = registryData.map((m) => measureSchema.parse(m));

/** A label as the alias match sees it: lower case letters and digits only. */
const measureLabelKey = (label: string) => label.toLowerCase().replace(/[^a-z0-9]/g, '');

/** A declared measure as a registry entry; its key is its name made safe. */
function declaredToMeasure(d: DeclaredMeasure): Measure {
	const key = d.name
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '_')
		.replace(/^_|_$/g, '');
	return measureSchema.parse({ ...d, key: key || 'measure', aliases: [d.name, ...d.aliases] });
}

/** The registry plus a profile's declared measures (a declared one replaces a registry one of the same key). */
export function allMeasures(declared: DeclaredMeasure[] = []): Measure[] {
	const own = declared.map(declaredToMeasure);
	const keys = new Set(own.map((m) => m.key));
	return [...measures.filter((m) => !keys.has(m.key)), ...own];
}

/** Alias key → measure key, for every label of every measure (its key and name too). */
export function measureAliases(list: Measure[]): Map<string, string> {
	const out = new Map<string, string>();
	for (const m of list) {
		for (const label of [m.key, m.name, ...m.aliases]) {
			const k = measureLabelKey(label);
			if (k && !out.has(k)) out.set(k, m.key);
		}
	}
	return out;
}

/** The measure of a key, from a list (the registry by default). */
export function measureOf(key: string, list: Measure[] = measures): Measure | undefined {
	return list.find((m) => m.key === key);
}

/** SWEMWBS raw total (7–35) → metric score (Warwick Medical School conversion table). */
export const swemwbsMetric: Record<number, number> = {
	7: 7.0,
	8: 9.51,
	9: 11.25,
	10: 12.4,
	11: 13.33,
	12: 14.08,
	13: 14.75,
	14: 15.32,
	15: 15.84,
	16: 16.36,
	17: 16.88,
	18: 17.43,
	19: 17.98,
	20: 18.59,
	21: 19.25,
	22: 19.98,
	23: 20.73,
	24: 21.54,
	25: 22.35,
	26: 23.21,
	27: 24.11,
	28: 25.03,
	29: 26.02,
	30: 27.03,
	31: 28.13,
	32: 29.31,
	33: 30.7,
	34: 32.55,
	35: 35.0
};

/** The band (index) a score falls in: the first band whose upper end it does not pass. */
export function bandOf(m: Measure, score: number): number {
	const i = m.bands.findIndex((b) => score <= b.upTo);
	return i === -1 ? m.bands.length - 1 : i;
}
