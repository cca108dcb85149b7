// The report's sections: which catalogue figures each lays out, and the columns of each figure's
// compact table. No figure is rebuilt here; a section names figures by their catalogue id.
import { compareFunnels, compareRuns, unitsFigure } from '../figures/catalogue/compare.ts';

/** A figure in the report: its catalogue id, and the table columns it prints (all by default). */
export interface ReportFigure {
	id: string;
	/** Column keys of the compact table, in order; the figure's own columns when absent. */
	columns?: string[];
	/** Rows the compact table prints at most; the rest are counted in a note. */
	rows?: number;
	/** Draw the figure's chart (default); false prints its table only, to keep the report short. */
	chart?: boolean;
}

/** The sections a user can include, in the report's order. */
export const sectionIds = [
	'summary',
	'reach',
	'referrals',
	'outcomes',
	'journeys',
	'comparison',
	'stories',
	'quality',
	'methods'
] as const;
export type SectionId = (typeof sectionIds)[number];

export const sectionTitles: Record<SectionId, string> = {
	summary: 'Summary',
	reach: 'Reach and who we reach',
	referrals: 'Referrals and support',
	outcomes: 'Outcomes',
	journeys: 'Journeys',
	comparison: 'Comparison',
	stories: 'Stories',
	quality: 'Data quality',
	methods: 'Methods and caveats'
};

/** Compact tables print this many rows unless a figure says otherwise. */
export const compactRows = 12;

/** The key figures of each figure section. */
export const sectionFigures: Record<
	'reach' | 'referrals' | 'outcomes' | 'journeys' | 'comparison',
	ReportFigure[]
> = {
	reach: [
		{ id: 'referrals-by-quarter' },
		{ id: 'referrals-by-pcn' },
		{ id: 'referrals-by-service' },
		{ id: 'referral-rate-by-pcn' },
		{ id: 'people-by-imd-decile' },
		{ id: 'people-by-ethnicity' },
		{ id: 'people-by-age-and-sex', rows: 0 },
		{ id: 'engagement-funnel' }
	],
	referrals: [
		{ id: 'referrals-by-source' },
		{ id: 'referral-reasons' },
		{ id: 'onward-by-category', columns: ['label', 'referrals', 'signposts', 'total'] },
		{ id: 'onward-kinds' }
	],
	outcomes: [
		{
			id: 'outcome-summary',
			columns: ['measure', 'eligible', 'pairs', 'followup_rate', 'change', 'ci', 'improved']
		},
		{ id: 'outcome-change', rows: 0 },
		{ id: 'outcome-forest', rows: 0 },
		{ id: 'gp-appointments' }
	],
	journeys: [
		{ id: 'time-to-first-contact' },
		{
			id: 'time-to-discharge',
			columns: ['label', 'referrals', 'events', 'censored', 'median', 'interval']
		},
		{ id: 'contacts-per-episode', rows: 0 },
		{ id: 'discharge-reasons' },
		{ id: 'caseload-per-link-worker', rows: 0 }
	],
	comparison: [
		// The key funnels drawn; each measure's follow-up rate and mean change as their tables.
		...compareFunnels.map((f) =>
			/^compare-(followed-up|mean-change)-/.test(f.id)
				? { id: f.id, chart: false }
				: { id: f.id, rows: 0 }
		),
		...compareRuns.map((f) => ({ id: f.id, rows: 0 })),
		{
			id: unitsFigure.id,
			columns: ['label', 'referrals', 'people', 'first_contact', 'discharge', 'goals_met']
		}
	]
};

/** Does the report draw this figure's chart? */
export const drawnInReport = (id: string): boolean =>
	Object.values(sectionFigures).every((list) =>
		list.every((f) => f.id !== id || f.chart !== false)
	);

/** Every catalogue figure the report may lay out, each once. */
export const reportFigureIds: string[] = [
	...new Set(Object.values(sectionFigures).flatMap((list) => list.map((f) => f.id)))
];
