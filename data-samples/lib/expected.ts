/** Counts computed while generating, written to expected.json for the tests to compare with. */
import { columnForHeader, tables } from '../../src/lib/contract/tables.ts';
import { financialYear } from './dates.ts';
import type { Episode } from './episodes.ts';
import type { Defect, ExportRow } from './export-rows.ts';
import { groupOrFallback } from './labels.ts';

/** Counts by key, with keys sorted so the JSON is stable. */
export function tally(values: Iterable<string>): Record<string, number> {
	const counts = new Map<string, number>();
	for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
	const sorted = [...counts.keys()].sort();
	return Object.fromEntries(sorted.map((k) => [k, counts.get(k) as number]));
}

/** Counts of the canonical referrals file. */
export function countCanonical(episodes: Episode[]) {
	const people = new Set(episodes.map((e) => e.person.id));
	return {
		referrals: episodes.length,
		people: people.size,
		people_referred_more_than_once: new Set(
			episodes.filter((e) => e.sequence > 1).map((e) => e.person.id)
		).size,
		open_cases: episodes.filter((e) => e.dischargeDay === undefined).length,
		by_referral_source_group: tally(
			episodes.map((e) => groupOrFallback('referral_source', e.source.canonical))
		),
		by_service: tally(episodes.map((e) => e.person.practice.service.name)),
		by_pcn: tally(episodes.map((e) => e.person.practice.pcn)),
		by_practice: tally(episodes.map((e) => e.person.practice.name)),
		by_financial_year: tally(episodes.map((e) => financialYear(e.referralDay))),
		by_sex_group: tally(episodes.map((e) => groupOrFallback('sex', e.person.sex.canonical)))
	};
}

/** The header of an export that maps to a canonical referrals column. */
function headerFor(headers: string[], column: string): string {
	const header = headers.find((h) => columnForHeader(tables.referrals, h)?.name === column);
	if (header === undefined) throw new Error(`no header for ${column}`);
	return header;
}

/** Counts of a shaped export: rows written, loaded and rejected given its defects, and groups. */
export function countExport(
	headers: string[],
	rows: ExportRow[],
	defects: Defect[],
	[baselineHeader, followupHeader]: string[]
) {
	const loaded = rows.filter((r) => r.defect?.effect !== 'rejected');
	const text = (column: string) => {
		const header = headerFor(headers, column);
		return loaded.map((r) => String(r.cells[header] ?? ''));
	};
	const paired = loaded.filter(
		(r) => r.cells[baselineHeader] !== null && r.cells[followupHeader] !== null
	);
	return {
		rows_written: rows.length,
		rows_loaded: loaded.length,
		rows_rejected: rows.length - loaded.length,
		people: new Set(text('person_id')).size,
		score_pairs: paired.length,
		by_referral_source_group: tally(
			text('referral_source').map((l) => groupOrFallback('referral_source', l))
		),
		by_service: tally(text('service')),
		by_pcn: tally(text('pcn')),
		by_practice: tally(text('practice')),
		by_financial_year: tally(loaded.map((r) => financialYear(r.episode.referralDay))),
		defects: Object.fromEntries(
			defects.map((d) => [
				d.key,
				{ row: d.row, column: d.column, value: d.value, effect: d.effect }
			])
		)
	};
}
