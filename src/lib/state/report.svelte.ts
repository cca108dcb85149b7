import type { Story } from '$lib/report/stories.ts';

/**
 * The report's stories for this session: written on the Report page, saved and loaded as a
 * report profile file (they may be long, so they are not kept in the address).
 */
class ReportStories {
	list = $state<Story[]>([]);
}

export const reportStories = new ReportStories();
