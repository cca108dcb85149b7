import { z } from 'zod';
import { declaredMeasureSchema } from './measures.ts';
import { tableNames, type TableName } from './tables.ts';

/** A saved mapping profile: header choices per table and category labels assigned to groups. */
export const profileSchema = z.object({
	kind: z.literal('sp-impact-mapping-profile'),
	version: z.literal(1),
	name: z.string().min(1),
	/** Per table: header as it appears in the file → canonical column, or "" to ignore it. */
	columns: z
		.partialRecord(
			z.enum(tableNames as [TableName, ...TableName[]]),
			z.record(z.string(), z.string())
		)
		.default({}),
	/** Per vocabulary: label as given → standard group. */
	categories: z.record(z.string(), z.record(z.string(), z.string())).default({}),
	/** Outcome measures the registry lacks, declared by the user. */
	measures: z.array(declaredMeasureSchema).default([]),
	/** SWEMWBS scores as exported: raw totals (converted), metric scores, or told apart by whole numbers. */
	swemwbs: z.enum(['auto', 'raw', 'metric']).default('auto')
});
export type Profile = z.infer<typeof profileSchema>;

/** An empty profile with a name. */
export function emptyProfile(name = 'My export'): Profile {
	return {
		kind: 'sp-impact-mapping-profile',
		version: 1,
		name,
		columns: {},
		categories: {},
		measures: [],
		swemwbs: 'auto'
	};
}

/** Parse a profile from JSON text; never throws on user data. */
export function parseProfile(text: string): { value?: Profile; errors: string[] } {
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch (e) {
		return { errors: [`not JSON: ${(e as Error).message}`] };
	}
	const result = profileSchema.safeParse(json);
	if (result.success) return { value: result.data, errors: [] };
	return {
		errors: result.error.issues.map((i) => `${i.path.join('.') || 'profile'}: ${i.message}`)
	};
}
