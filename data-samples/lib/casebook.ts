/**
 * A case-management system's CSV export of one service: Windows-1252, CRLF, UK dates (a few
 * with a time), its own headers and labels, wide WEMWBS columns, one unmapped column, and a
 * handful of realistic defects.
 */
import { csvLine, encodeCp1252 } from './csv.ts';
import { dayOf, partsOf, ukDate, type Day } from './dates.ts';
import type { Episode } from './episodes.ts';
import {
	cellText,
	findRow,
	numberDefects,
	plant,
	type Defect,
	type ExportRow
} from './export-rows.ts';
import type { OutcomeRow } from './outcomes.ts';
import type { Rng } from './random.ts';

/** Which referrals the casebook export holds. */
export const casebookScope = {
	service: 'Northside Connect',
	from: dayOf(2023, 4, 1),
	description:
		'Northside Connect referrals received from 1 April 2023 (when it moved to the case system)'
};

/** Headers in file order. "Notes flag" is deliberately not a canonical column. */
export const casebookHeaders = [
	'Client ID',
	'Referral ID',
	'Date of referral',
	'Referred by',
	'Reason for referral',
	'Service',
	'PCN',
	'GP Practice',
	'Link worker',
	'First contact',
	'Date discharged',
	'Reason for discharge',
	'No. of contacts',
	'Age',
	'Gender',
	'Ethnicity',
	'IMD decile',
	'Carer',
	'Notes flag',
	'WEMWBS baseline',
	'WEMWBS follow-up',
	'GP appts before',
	'GP appts after'
] as const;

/** Headers the importer should list as unmapped and ignore. */
export const casebookUnmapped = ['Notes flag'];
/** Wide-form score headers, unpivoted into outcomes rather than mapped to a referrals column. */
export const casebookScoreHeaders = ['WEMWBS baseline', 'WEMWBS follow-up'];

/** WEMWBS baseline and follow-up per referral, from the long outcomes. */
function wideScores(outcomes: OutcomeRow[], measure: string) {
	const scores = new Map<string, { baseline?: number; followup?: number }>();
	for (const o of outcomes) {
		if (o.measure !== measure || (o.timepoint !== 'baseline' && o.timepoint !== 'followup'))
			continue;
		const entry = scores.get(o.referralId) ?? {};
		entry[o.timepoint] = o.score;
		scores.set(o.referralId, entry);
	}
	return scores;
}

/** A UK date; now and then with the time of day the system stamped. */
const stamped = (rng: Rng, day: Day | undefined) =>
	day === undefined
		? null
		: ukDate(day, rng.chance(0.04) ? rng.int(8 * 60, 18 * 60 - 1) : undefined);

function casebookRow(rng: Rng, e: Episode, scores: ReturnType<typeof wideScores>): ExportRow {
	const p = e.person;
	const wide = scores.get(e.id) ?? {};
	const cells: ExportRow['cells'] = {
		'Client ID': p.id,
		'Referral ID': e.id,
		'Date of referral': stamped(rng, e.referralDay),
		'Referred by': e.source.casebook,
		'Reason for referral': e.reasons.map((r) => r.casebook).join(', '),
		Service: p.practice.service.name,
		PCN: p.practice.pcn,
		'GP Practice': p.practice.name,
		'Link worker': e.linkWorker,
		'First contact': stamped(rng, e.firstContactDay),
		'Date discharged': e.dischargeDay === undefined ? null : ukDate(e.dischargeDay),
		'Reason for discharge': e.discharge?.casebook ?? null,
		'No. of contacts': e.contacts,
		Age: e.age,
		Gender: p.sex.casebook,
		Ethnicity: p.ethnicity.casebook,
		'IMD decile': p.imdDecile,
		Carer: p.carer ? 'Y' : 'N',
		'Notes flag': rng.chance(0.2) ? 'Y' : null,
		'WEMWBS baseline': wide.baseline ?? null,
		'WEMWBS follow-up': wide.followup ?? null,
		'GP appts before': e.gpBefore ?? null,
		'GP appts after': e.gpAfter ?? null
	};
	return { episode: e, cells };
}

const inMonth = (year: number, month: number) => (row: ExportRow) => {
	const p = partsOf(row.episode.referralDay);
	return p.year === year && p.month === month;
};

/** The same day and month a year earlier, as a mistyped year would give. */
const yearEarlier = (day: Day) => {
	const p = partsOf(day);
	return dayOf(p.year - 1, p.month, p.day);
};

/** Closed, not on 29 February, and soon enough that a year's typo puts it before the referral. */
const closedWithinAYear = (row: ExportRow) => {
	const { dischargeDay, referralDay } = row.episode;
	if (dischargeDay === undefined) return false;
	const p = partsOf(dischargeDay);
	return !(p.month === 2 && p.day === 29) && yearEarlier(dischargeDay) < referralDay;
};

/** Plants the documented defects; returns the final rows (a duplicate is inserted). */
function plantDefects(rows: ExportRow[]): ExportRow[] {
	const n = rows.length;
	plant(findRow(rows, Math.floor(n * 0.08)), {
		key: 'empty_referral_id',
		column: 'Referral ID',
		value: '',
		effect: 'rejected',
		description: 'Referral ID is empty'
	});
	plant(findRow(rows, Math.floor(n * 0.2), inMonth(2024, 2)), {
		key: 'impossible_referral_date',
		column: 'Date of referral',
		value: '31/02/2024',
		effect: 'rejected',
		description: 'Date of referral is 31/02/2024, which does not exist'
	});
	const original = findRow(rows, Math.floor(n * 0.4));
	const copy: ExportRow = { episode: original.episode, cells: { ...original.cells } };
	rows.splice(rows.indexOf(original) + 1, 0, copy);
	// The only insertion, so the original's row number is final from here on.
	copy.defect = {
		key: 'exact_duplicate',
		column: 'Referral ID',
		value: String(copy.cells['Referral ID']),
		effect: 'rejected',
		description: `Exact copy of row ${rows.indexOf(original) + 2}`
	};
	const earlier = findRow(rows, Math.floor(n * 0.55) - 37);
	plant(findRow(rows, Math.floor(n * 0.55)), {
		key: 'reused_referral_id',
		column: 'Referral ID',
		value: String(earlier.cells['Referral ID']),
		effect: 'rejected',
		description: 'Referral ID already used by an earlier, different row'
	});
	const late = findRow(rows, Math.floor(n * 0.65), closedWithinAYear);
	plant(late, {
		key: 'discharge_before_referral',
		column: 'Date discharged',
		value: ukDate(yearEarlier(late.episode.dischargeDay as Day)),
		effect: 'issue',
		description: 'Date discharged is before the date of referral (year mistyped)'
	});
	plant(
		findRow(rows, Math.floor(n * 0.75)),
		{
			key: 'imd_decile_out_of_range',
			column: 'IMD decile',
			value: '11',
			effect: 'issue',
			description: 'IMD decile is 11 (valid deciles are 1 to 10)'
		},
		11
	);
	plant(findRow(rows, Math.floor(n * 0.85)), {
		key: 'unknown_referral_source',
		column: 'Referred by',
		value: 'Walk-in centre',
		effect: 'issue',
		description: 'Referred by "Walk-in centre" is not a known label; it falls to group other'
	});
	return rows;
}

/** The casebook export: its rows (with defects) and its defects with row numbers. */
export function makeCasebook(rng: Rng, episodes: Episode[], outcomes: OutcomeRow[]) {
	const scores = wideScores(outcomes, 'WEMWBS');
	const inScope = episodes.filter(
		(e) =>
			e.person.practice.service.name === casebookScope.service &&
			e.referralDay >= casebookScope.from
	);
	const rows = plantDefects(inScope.map((e) => casebookRow(rng, e, scores)));
	const defects: Defect[] = numberDefects(rows);
	return { headers: [...casebookHeaders], rows, defects };
}

/** The file's bytes: Windows-1252, CRLF, and two blank lines at the end. */
export function casebookBytes(headers: string[], rows: ExportRow[]): Uint8Array {
	const lines = [csvLine(headers)];
	for (const row of rows) lines.push(csvLine(headers.map((h) => cellText(row.cells[h]))));
	return encodeCp1252(lines.join('\r\n') + '\r\n\r\n\r\n');
}
