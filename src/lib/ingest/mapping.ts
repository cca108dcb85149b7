import {
	columnForHeader,
	headerKey,
	tableNames,
	tables,
	type TableName
} from '../contract/tables.ts';
import type { Profile } from '../contract/profile.ts';

/** What one source column feeds: a canonical column, a wide-form score, or nothing. */
export type Target =
	| { kind: 'column'; column: string }
	| { kind: 'score'; measure: string; timepoint: string }
	| { kind: 'ignore' };

/** One source column and where it goes. */
export interface ColumnMapping {
	index: number;
	header: string;
	target: Target;
}

/** A file's table and column mapping. */
export interface Mapping {
	table: TableName;
	columns: ColumnMapping[];
}

// "<measure> [6 month] <timepoint> [score]": "WEMWBS baseline", "UCLA-3 review 2",
// "SWEMWBS follow-up 2", "WEMWBS 6 month follow-up".
const scoreHeader =
	/^(.*?[a-z0-9].*?)[\s_:()-]*(?:(\d+)[\s_-]*(months?|weeks?|m|wks?|w)[\s_-]*)?(baseline|base line|pre|initial|start|first|follow[\s_-]*up(?:[\s_-]*\d+)?|followup|post|final|end|exit|review(?:[\s_-]*\d+)?)(?:[\s_-]*score)?[\s)]*$/i;

// Names of outcome measures services use; "Support plan start" is a date, not a score.
const measureWords =
	/wemwbs|warwick|^ons|lifesatisfaction|worthwhile|happiness|anxiety|ucla|lonel|^cel$|mycaw|^pam|activation|eq5d|eqvas|wellbeing|^gad7|^phq9|^core10|score/;

function looksLikeMeasure(measure: string, header: string): boolean {
	return measureWords.test(headerKey(measure)) || /score/i.test(header);
}

/** A wide-form score header such as "WEMWBS baseline" or "SWEMWBS follow-up", read as measure and timepoint. */
export function scoreColumn(header: string): { measure: string; timepoint: string } | undefined {
	const match = scoreHeader.exec(header.trim());
	if (!match) return undefined;
	const measure = match[1].trim();
	if (!looksLikeMeasure(measure, header)) return undefined;
	const word = match[4].toLowerCase().replace(/[\s_-]+/g, '');
	// "6 month follow-up" keeps its interval ("follow-up 6 months"), so a 12-week and a 6-month
	// follow-up of one row keep their order; "follow-up 2" keeps its number.
	const unit = match[3]?.toLowerCase().startsWith('m') ? 'months' : 'weeks';
	const number = /\d+$/.exec(word)?.[0] ?? (match[2] ? `${match[2]} ${unit}` : undefined);
	let timepoint = 'followup';
	if (['baseline', 'pre', 'initial', 'start', 'first'].includes(word)) timepoint = 'baseline';
	else if (word.startsWith('review')) timepoint = number ? `review ${number}` : 'review';
	else if (number) timepoint = `follow-up ${number}`;
	return { measure, timepoint };
}

/** Map each header of a file to a column of a table, by profile, then name or alias, then score pattern. */
export function mapHeaders(
	table: TableName,
	headers: string[],
	profile?: Profile
): ColumnMapping[] {
	const chosen = profile?.columns[table] ?? {};
	const used = new Set<string>();
	return headers.map((header, index) => {
		const target = targetFor(table, header, chosen[header], used);
		if (target.kind === 'column') used.add(target.column);
		return { index, header, target };
	});
}

function targetFor(
	table: TableName,
	header: string,
	saved: string | undefined,
	used: Set<string>
): Target {
	if (saved !== undefined) return parseTarget(saved);
	const column = columnForHeader(tables[table], header);
	if (column && !used.has(column.name)) return { kind: 'column', column: column.name };
	if (table === 'referrals' && !column) {
		const score = scoreColumn(header);
		if (score) return { kind: 'score', ...score };
	}
	return { kind: 'ignore' };
}

/** The text form of a target, as saved in a profile: column name, `score:measure:timepoint`, or "". */
export function formatTarget(target: Target): string {
	if (target.kind === 'column') return target.column;
	if (target.kind === 'score') return `score:${target.measure}:${target.timepoint}`;
	return '';
}

/** Read a target back from its text form. */
export function parseTarget(text: string): Target {
	if (text === '') return { kind: 'ignore' };
	if (text.startsWith('score:')) {
		const [, measure, timepoint] = text.split(':');
		return { kind: 'score', measure, timepoint };
	}
	return { kind: 'column', column: text };
}

/** Which table a file holds, from how many of its headers each table recognises. */
export function detectTable(headers: string[]): { table: TableName; recognised: boolean } {
	let best: { table: TableName; score: number; complete: boolean } = {
		table: 'referrals',
		score: -1,
		complete: false
	};
	for (const name of tableNames) {
		const table = tables[name];
		const matched = new Set(
			headers.map((h) => columnForHeader(table, h)?.name).filter((c): c is string => !!c)
		);
		const required = table.columns.filter((c) => c.need === 'required');
		const complete = required.every((c) => matched.has(c.name));
		// A table whose required columns are all present beats one that merely matches more headers.
		const score = (complete ? 1000 : 0) + matched.size;
		if (score > best.score || (score === best.score && complete && !best.complete)) {
			best = { table: name, score, complete };
		}
	}
	return { table: best.table, recognised: best.complete };
}

/** Required columns of a table that a mapping leaves unfilled. */
export function missingRequired(mapping: Mapping): string[] {
	const mapped = new Set(
		mapping.columns.flatMap((c) => (c.target.kind === 'column' ? [c.target.column] : []))
	);
	return tables[mapping.table].columns
		.filter((c) => c.need === 'required' && !mapped.has(c.name))
		.map((c) => c.name);
}

/** Headers no column was found for, shown as "listed and ignored". */
export function unmappedHeaders(mapping: Mapping): string[] {
	return mapping.columns.filter((c) => c.target.kind === 'ignore').map((c) => c.header);
}

export { headerKey };
