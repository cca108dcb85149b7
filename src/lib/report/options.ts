// The report's choices kept in the address (title, organisation, sections), so a report can be
// bookmarked and shared; the stories live in the report profile file instead.
import { sectionIds, type SectionId } from './sections.ts';

/** The report's choices as the address holds them. */
export interface ReportChoices {
	title: string;
	organisation: string;
	sections: SectionId[];
}

/** Read the choices from the address; unknown sections are ignored, none given means all. */
export function reportChoicesFromParams(params: URLSearchParams): ReportChoices {
	const given = params.get('sections');
	const sections =
		given === null ? [...sectionIds] : sectionIds.filter((id) => given.split(',').includes(id));
	return {
		title: params.get('report_title') ?? '',
		organisation: params.get('report_org') ?? '',
		sections
	};
}

/** The address parameters of changed choices (null removes one: the default). */
export function reportChoiceParams(choices: Partial<ReportChoices>): Record<string, string | null> {
	const out: Record<string, string | null> = {};
	if (choices.title !== undefined) out.report_title = choices.title.trim() ? choices.title : null;
	if (choices.organisation !== undefined)
		out.report_org = choices.organisation.trim() ? choices.organisation : null;
	if (choices.sections !== undefined)
		out.sections =
			choices.sections.length === sectionIds.length
				? null
				: sectionIds.filter((id) => choices.sections!.includes(id)).join(',');
	return out;
}
