// The report as data: every sentence, table and note it prints, read from the catalogue's views
// (the same views the pages draw and the command-line tool prints). The HTML, the print view and
// the Word file are all drawn from this one model.
import type { FigureInput } from '../figures/catalogue/types.ts';
import { cellText, publishTotal, type FigureView } from '../figures/figure.ts';
import { attritionText, measureSentence } from '../figures/outcomes.ts';
import type { ImportTotals } from '../export/manifest.ts';
import type { Measure } from '../contract/measures.ts';
import type { MeasureStatistics } from '../stats/outcomes.ts';
import { formatCount } from '../util/format.ts';
import { methodNotes, type MethodNote } from './methods.ts';
import {
	compactRows,
	sectionFigures,
	sectionTitles,
	type ReportFigure,
	type SectionId
} from './sections.ts';
import type { Story } from './stories.ts';

/** What the user chose: the title block's words, the sections and the stories. */
export interface ReportOptions {
	title: string;
	organisation: string;
	sections: SectionId[];
	stories: Story[];
}

/** What the report is about besides the figures' views. */
export interface ReportContext {
	input: FigureInput;
	views: Record<string, FigureView | null>;
	/** The period and filters in words ("2024/25 · PCN: Riverside PCN"). */
	scope: string;
	/** The as-of date and the date produced, as printed (dd/mm/yyyy). */
	asOf: string;
	produced: string;
	synthetic: boolean;
	/** The import's report (files, rows, completeness, warnings); null when none is at hand. */
	imported: ImportTotals | null;
}

/** One summary sentence: its topic, its words (from the figure views) and its n. */
export interface SummaryLine {
	topic: string;
	text: string;
	n: string;
}

/** A figure as the report prints it: the card's words and a compact table. */
export interface DocFigure {
	id: string;
	title: string;
	sentence: string;
	n: string;
	caveat: string | null;
	table: { columns: string[]; numeric: boolean[]; rows: string[][]; more: number } | null;
}

/** Counts of rows as printed: in publication mode 1–7 are null (`*`) and others rounded to 5. */
export interface QualityFile {
	file: string;
	table: string;
	read: number | null;
	loaded: number | null;
	rejected: number | null;
	issues: number | null;
	/** Columns under 100% filled: name and share (0–1). */
	gaps: { column: string; share: number }[];
}

export type DocSection =
	| { id: 'summary'; title: string; lines: SummaryLine[] }
	| {
			id: 'reach' | 'referrals' | 'outcomes' | 'journeys' | 'comparison';
			title: string;
			figures: DocFigure[];
	  }
	| { id: 'stories'; title: string; stories: Story[] }
	| {
			id: 'quality';
			title: string;
			totals: {
				files: number;
				read: number | null;
				loaded: number | null;
				rejected: number | null;
				issues: number | null;
			};
			files: QualityFile[];
			/** Why rows were rejected or loaded with an issue: per file, column and reason. */
			reasons: {
				kind: 'Rejected' | 'Issue';
				file: string;
				column: string;
				reason: string;
				rows: number | null;
			}[];
			warnings: string[];
	  }
	| { id: 'methods'; title: string; notes: MethodNote[] };

/** The whole report. */
export interface ReportDoc {
	title: string;
	organisation: string;
	scope: string;
	asOf: string;
	produced: string;
	publication: boolean;
	synthetic: boolean;
	sections: DocSection[];
}

/** A figure's compact table: the chosen columns, at most `rows` rows (0: no table). */
export function compactTable(view: FigureView, spec: ReportFigure): DocFigure['table'] {
	const limit = spec.rows ?? compactRows;
	if (limit === 0 || view.rows.length === 0) return null;
	const columns = spec.columns
		? spec.columns.flatMap((k) => view.columns.filter((c) => c.key === k))
		: view.columns;
	const rows = view.rows
		.slice(0, limit)
		.map((r) => columns.map((c) => cellText((r as Record<string, unknown>)[c.key], c.kind)));
	return {
		columns: columns.map((c) => c.label),
		numeric: columns.map((c) => !!c.kind && c.kind !== 'text'),
		rows,
		more: Math.max(0, view.rows.length - limit)
	};
}

function docFigure(view: FigureView, spec: ReportFigure): DocFigure {
	return {
		id: spec.id,
		title: view.title,
		sentence: view.sentence,
		n: view.n,
		caveat: view.caveat?.trim() || null,
		table: compactTable(view, spec)
	};
}

/** Does the scope cover more than one unit of the Compare page's kind? */
export function comparesUnits(views: Record<string, FigureView | null>): boolean {
	return (views['compare-units']?.rows.length ?? 0) > 1;
}

/** The summary: 5–8 plain-English sentences read from the figures' views, each with its n. */
export function summaryLines(
	views: Record<string, FigureView | null>,
	input: FigureInput
): SummaryLine[] {
	const v = (id: string) => views[id] ?? null;
	const lines: SummaryLine[] = [];
	const add = (topic: string, n: string | undefined, ...texts: (string | undefined)[]) => {
		const text = texts.filter(Boolean).join(' ');
		if (text && n) lines.push({ topic, text, n });
	};
	add('Reach', v('headline')?.n, v('headline')?.sentence);
	add('Who we reach', v('people-by-imd-decile')?.n, v('people-by-imd-decile')?.sentence);
	add(
		'Sources and reasons',
		v('referrals-by-source')?.n,
		v('referrals-by-source')?.sentence,
		v('referral-reasons')?.sentence
	);
	add('Support given', v('engagement-funnel')?.n, v('engagement-funnel')?.sentence);
	const change = v('outcome-change') as
		(FigureView & { measure: Measure; statistics: MeasureStatistics }) | null;
	if (change) {
		const ctx = { publication: input.publication };
		add(
			'Outcomes',
			change.n,
			measureSentence(change.measure, change.statistics, ctx, { named: true }),
			attritionText(change.measure, change.statistics, ctx).replace(/\s*Their mean baseline.*$/, '')
		);
	} else add('Outcomes', v('outcome-summary')?.n, v('outcome-summary')?.sentence);
	add(
		'Time to contact and discharge',
		v('time-to-first-contact')?.n,
		v('time-to-first-contact')?.sentence,
		v('time-to-discharge')?.sentence
	);
	const gp = v('gp-appointments');
	add(
		'GP appointments',
		gp?.n,
		gp?.sentence,
		gp
			? 'There is no comparison group, and people are often referred at a peak of need, so some fall would happen anyway.'
			: undefined
	);
	return lines;
}

function quality(
	imported: ImportTotals | null,
	publication: boolean
): Extract<DocSection, { id: 'quality' }> {
	// A report leaves the organisation: its row counts follow the publication rules too.
	const n = (v: number | undefined) => publishTotal(v ?? 0, publication);
	const files = (imported?.files ?? []).map((f) => ({
		file: f.file,
		table: f.table,
		read: n(f.rows_read),
		loaded: n(f.rows_loaded),
		rejected: n(f.rows_rejected),
		issues: n(f.issues),
		gaps: f.completeness
			.filter((c) => c.share < 1)
			.map((c) => ({ column: c.column, share: c.share }))
	}));
	return {
		id: 'quality',
		title: sectionTitles.quality,
		totals: {
			files: files.length,
			read: n(imported?.rows_read),
			loaded: n(imported?.rows_loaded),
			rejected: n(imported?.rows_rejected),
			issues: n(imported?.issues)
		},
		files,
		reasons: [
			...(imported?.rejects ?? []).map((r) => ({ kind: 'Rejected' as const, ...r })),
			...(imported?.problems ?? []).map((r) => ({ kind: 'Issue' as const, ...r }))
		].map((r) => ({
			kind: r.kind,
			file: r.file,
			column: r.column,
			reason: r.reason,
			rows: n(r.rows)
		})),
		warnings: imported?.warnings ?? []
	};
}

/** The meaningful change of each measure in the report, as the Outcomes table states it. */
function meaningfulInUse(views: Record<string, FigureView | null>) {
	return (views['outcome-summary']?.rows ?? []).map((r) => ({
		measure: String(r.measure),
		rule: String(r.meaningful)
	}));
}

/** The report: the chosen sections, in order, from the views. */
export function buildReport(options: ReportOptions, ctx: ReportContext): ReportDoc {
	const { views, input } = ctx;
	const sections: DocSection[] = [];
	for (const id of options.sections) {
		if (id === 'summary')
			sections.push({ id, title: sectionTitles.summary, lines: summaryLines(views, input) });
		else if (id === 'stories') {
			if (options.stories.length)
				sections.push({ id, title: sectionTitles.stories, stories: options.stories });
		} else if (id === 'quality') sections.push(quality(ctx.imported, input.publication));
		else if (id === 'methods')
			sections.push({
				id,
				title: sectionTitles.methods,
				notes: methodNotes(input.settings, {
					publication: input.publication,
					meaningful: meaningfulInUse(views)
				})
			});
		else {
			if (id === 'comparison' && !comparesUnits(views)) continue;
			const figures = sectionFigures[id].flatMap((spec) => {
				const view = views[spec.id];
				return view ? [docFigure(view, spec)] : [];
			});
			if (figures.length) sections.push({ id, title: sectionTitles[id], figures });
		}
	}
	return {
		title: options.title.trim() || 'Social prescribing impact report',
		organisation: options.organisation.trim(),
		scope: ctx.scope,
		asOf: ctx.asOf,
		produced: ctx.produced,
		publication: input.publication,
		synthetic: ctx.synthetic,
		sections
	};
}

// The report's fixed wording, said once for the HTML and the Word file.

/** The reminder above the stories. */
export const storyReminder =
	'These stories were written for this report. Names have been changed and details that could identify a person left out.';

/** The note under a compact table that leaves rows out. */
export const moreRowsText = (more: number) =>
	`And ${formatCount(more)} more ${more === 1 ? 'row' : 'rows'}: the dashboard's table and CSV have them all.`;

/** The data-quality section's opening sentence. */
export function qualityText(
	t: Extract<DocSection, { id: 'quality' }>['totals'],
	publication: boolean
) {
	return `${formatCount(t.files)} ${t.files === 1 ? 'file' : 'files'}: ${formatCount(t.read)} rows read, ${formatCount(t.loaded)} loaded, ${formatCount(t.rejected)} rejected (each with its reason in the import report), and ${formatCount(t.issues)} ${t.issues === 1 ? 'issue' : 'issues'} in rows that were loaded. These are rows of the files, not people${publication ? ', rounded as publication mode rounds every count' : ''}.`;
}
