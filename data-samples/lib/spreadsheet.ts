/**
 * A service's monitoring workbook: a "Read me" sheet, then "Referrals" with its own headers,
 * real date and number cells, NHS ethnic category codes, practice codes, wide SWEMWBS columns
 * and two documented defects.
 */
import writeExcelFile, { type SheetData } from 'write-excel-file/node';
import { ageBandOf } from './canonical.ts';
import { dayOf, utcDate, type Day } from './dates.ts';
import type { Episode } from './episodes.ts';
import { findRow, numberDefects, plant, type ExportRow } from './export-rows.ts';
import type { OutcomeRow } from './outcomes.ts';
import { pinZipTimestamps } from './zip-timestamps.ts';

/** Which referrals the spreadsheet export holds. */
export const spreadsheetScope = {
	service: 'Riverside Social Prescribing',
	from: dayOf(2024, 4, 1),
	description: 'Riverside Social Prescribing referrals received in 2024/25'
};

/** Headers of the "Referrals" sheet, in order. */
export const spreadsheetHeaders = [
	'Case number',
	'Patient ID',
	'Referral received',
	'Source of referral',
	'Presenting needs',
	'Provider',
	'Network',
	'Surgery',
	'Caseworker',
	'Date of first contact',
	'Closure date',
	'Closure reason',
	'Sessions',
	'Age band',
	'Sex',
	'Ethnic category',
	'Deprivation decile',
	'SWEMWBS baseline',
	'SWEMWBS follow up'
] as const;

/** Wide-form score headers, unpivoted into outcomes rather than mapped to a referrals column. */
export const spreadsheetScoreHeaders = ['SWEMWBS baseline', 'SWEMWBS follow up'];

const readMe = [
	'SYNTHETIC DATA: invented by data-samples/generate.ts; no real person, practice or service.',
	'Social prescribing referrals, 2024/25. One row per referral; SWEMWBS scores are raw totals (7-35).'
];

const dateOrNull = (day: Day | undefined) => (day === undefined ? null : utcDate(day));

function spreadsheetRow(e: Episode, scores: Map<string, Record<string, number>>): ExportRow {
	const p = e.person;
	const wide = scores.get(e.id) ?? {};
	const cells: ExportRow['cells'] = {
		'Case number': e.id,
		'Patient ID': p.id,
		'Referral received': utcDate(e.referralDay),
		'Source of referral': e.source.spreadsheet,
		'Presenting needs': e.reasons.map((r) => r.spreadsheet).join('; '),
		Provider: p.practice.service.name,
		Network: p.practice.pcn,
		Surgery: p.practice.code,
		Caseworker: e.linkWorker,
		'Date of first contact': dateOrNull(e.firstContactDay),
		'Closure date': dateOrNull(e.dischargeDay),
		'Closure reason': e.discharge?.spreadsheet ?? null,
		Sessions: e.contacts,
		'Age band': ageBandOf(e.age),
		Sex: p.sex.spreadsheet,
		'Ethnic category': p.ethnicity.spreadsheet,
		'Deprivation decile': p.imdDecile,
		'SWEMWBS baseline': wide.baseline ?? null,
		'SWEMWBS follow up': wide.followup ?? null
	};
	return { episode: e, cells };
}

/** SWEMWBS baseline and follow-up per referral. */
function swemwbsScores(outcomes: OutcomeRow[]) {
	const scores = new Map<string, Record<string, number>>();
	for (const o of outcomes) {
		if (o.measure !== 'SWEMWBS') continue;
		if (o.timepoint !== 'baseline' && o.timepoint !== 'followup') continue;
		scores.set(o.referralId, { ...scores.get(o.referralId), [o.timepoint]: o.score });
	}
	return scores;
}

/** The spreadsheet export: its rows (with defects) and its defects with row numbers. */
export function makeSpreadsheet(episodes: Episode[], outcomes: OutcomeRow[]) {
	const scores = swemwbsScores(outcomes);
	const rows = episodes
		.filter(
			(e) =>
				e.person.practice.service.name === spreadsheetScope.service &&
				e.referralDay >= spreadsheetScope.from
		)
		.map((e) => spreadsheetRow(e, scores));
	plant(
		findRow(rows, Math.floor(rows.length * 0.3)),
		{
			key: 'missing_referral_date',
			column: 'Referral received',
			value: '',
			effect: 'rejected',
			description: 'Referral received is empty'
		},
		null
	);
	plant(findRow(rows, Math.floor(rows.length * 0.6)), {
		key: 'invalid_ethnic_category',
		column: 'Ethnic category',
		value: 'Q',
		effect: 'issue',
		description: 'Ethnic category "Q" is not an NHS ethnic category code'
	});
	return { headers: [...spreadsheetHeaders], rows, defects: numberDefects(rows) };
}

/** The workbook's bytes, identical on every run (zip entry times are pinned). */
export async function spreadsheetBytes(headers: string[], rows: ExportRow[]): Promise<Uint8Array> {
	const header = headers.map((h) => ({ value: h, fontWeight: 'bold' as const }));
	const data: SheetData = [header, ...rows.map((r) => headers.map((h) => r.cells[h]))];
	const buffer = await writeExcelFile([
		{ sheet: 'Read me', data: readMe.map((line) => [line]), columns: [{ width: 100 }] },
		{
			sheet: 'Referrals',
			data,
			dateFormat: 'dd/mm/yyyy',
			columns: headers.map((h) => ({ width: Math.max(12, h.length + 2) })),
			stickyRowsCount: 1
		}
	]).toBuffer();
	return pinZipTimestamps(new Uint8Array(buffer), dayOf(2025, 3, 31));
}
