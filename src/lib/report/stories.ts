// Case stories the user writes for the report, and the report profile file that keeps them (with
// the title and organisation) between sessions. A story is screened by the identifier guard's
// value rules before it is added; a hit refuses it with the kind found, never the value.
import { z } from 'zod';
import type { Db } from '../db/types.ts';
import { nhsMacroSql, textIdentifiersSql } from '../ingest/guard.ts';
import { run } from '../metrics/run.ts';

/** The most stories a report holds. */
export const maxStories = 5;

const storySchema = z.object({
	title: z.string().trim().min(1, 'a story needs a title').max(120),
	text: z.string().trim().min(1, 'a story needs some text').max(3000)
});
export type Story = z.infer<typeof storySchema>;

/** The saved report profile: title, organisation and stories. */
export const reportProfileSchema = z.object({
	kind: z.literal('sp-impact-report-profile'),
	version: z.literal(1),
	title: z.string().max(200).default(''),
	organisation: z.string().max(200).default(''),
	stories: z.array(storySchema).max(maxStories).default([])
});
export type ReportProfile = z.infer<typeof reportProfileSchema>;

/** A profile as JSON text, ready to save. */
export function reportProfileText(p: Omit<ReportProfile, 'kind' | 'version'>): string {
	const profile: ReportProfile = { kind: 'sp-impact-report-profile', version: 1, ...p };
	return JSON.stringify(profile, null, 2) + '\n';
}

/** Parse a report profile from JSON text; never throws on user data. */
export function parseReportProfile(text: string): { value?: ReportProfile; errors: string[] } {
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		return { errors: ['the file is not a report profile (it is not JSON)'] };
	}
	const result = reportProfileSchema.safeParse(json);
	if (result.success) return { value: result.data, errors: [] };
	return {
		errors: result.error.issues.map((i) => `${i.path.join('.') || 'profile'}: ${i.message}`)
	};
}

const kinds = {
	nhs_number: 'an NHS number',
	email: 'an email address',
	phone: 'a phone number',
	postcode: 'a full postcode',
	date_of_birth: 'a full date, which could be a date of birth'
} as const;

/**
 * Why a story may not be added, or null when it may: a missing title or text, too long, or an
 * identifier in its title or text (named by kind, never quoted).
 */
export async function storyProblem(db: Db, story: Story): Promise<string | null> {
	const parsed = storySchema.safeParse(story);
	if (!parsed.success) return parsed.error.issues[0].message;
	await db.exec(nhsMacroSql);
	for (const [part, text] of [
		['title', parsed.data.title],
		['text', parsed.data.text]
	] as const) {
		const [found] = await run(db, textIdentifiersSql(text));
		const hit = (Object.keys(kinds) as (keyof typeof kinds)[]).filter((k) => found?.[k]);
		if (hit.length)
			return `The story's ${part} looks as if it holds ${hit.map((k) => kinds[k]).join(' and ')}. Take it out (and change names and other details that could identify a person) before adding the story.`;
	}
	return null;
}
