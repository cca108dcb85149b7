/** The clean canonical files: UTF-8, comma-separated, ISO dates, canonical column names. */
import { ageBands } from '../../src/lib/contract/tables.ts';
import { csvLine } from './csv.ts';
import { isoDate, type Day } from './dates.ts';
import type { Episode } from './episodes.ts';
import type { OnwardRow } from './onward.ts';
import type { OutcomeRow } from './outcomes.ts';
import type { World } from './world.ts';

/** Canonical referrals columns, in file order. */
export const referralColumns = [
	'referral_id',
	'person_id',
	'referral_date',
	'referral_source',
	'referral_reasons',
	'service',
	'pcn',
	'practice',
	'link_worker',
	'first_contact_date',
	'discharge_date',
	'discharge_reason',
	'contacts',
	'age_band',
	'sex',
	'ethnicity',
	'imd_decile',
	'carer',
	'gp_appointments_before',
	'gp_appointments_after'
] as const;

/** The age band (METHODS.md) of a whole age. */
export function ageBandOf(age: number): string {
	if (age < 18) return ageBands[0];
	if (age < 25) return ageBands[1];
	if (age >= 85) return ageBands[ageBands.length - 1];
	return ageBands[Math.floor((age - 5) / 10)];
}

const yesNo = (value: boolean | undefined) => (value === undefined ? '' : value ? 'yes' : 'no');

/** The canonical fields of one episode; `iso` can be a cached formatter for large files. */
export function referralFields(e: Episode, iso: (day: Day) => string = isoDate): string {
	const p = e.person;
	const optionalDay = (day: Day | undefined) => (day === undefined ? undefined : iso(day));
	return csvLine([
		e.id,
		p.id,
		iso(e.referralDay),
		e.source.canonical,
		e.reasons.map((r) => r.canonical).join('; '),
		p.practice.service.name,
		p.practice.pcn,
		p.practice.name,
		e.linkWorker,
		optionalDay(e.firstContactDay),
		optionalDay(e.dischargeDay),
		e.discharge?.canonical,
		e.contacts,
		ageBandOf(e.age),
		p.sex.canonical,
		p.ethnicity.canonical,
		p.imdDecile,
		yesNo(p.carer),
		e.gpBefore,
		e.gpAfter
	]);
}

const file = (header: readonly string[], lines: string[]) =>
	[header.join(','), ...lines, ''].join('\n');

/** synthetic-referrals.csv */
export function referralsCsv(episodes: Episode[]): string {
	return file(
		referralColumns,
		episodes.map((e) => referralFields(e))
	);
}

/** synthetic-outcomes.csv */
export function outcomesCsv(rows: OutcomeRow[]): string {
	const header = ['referral_id', 'measure', 'timepoint', 'assessed_on', 'score'];
	return file(
		header,
		rows.map((r) => csvLine([r.referralId, r.measure, r.timepoint, isoDate(r.assessedOn), r.score]))
	);
}

/** synthetic-onward-referrals.csv */
export function onwardCsv(rows: OnwardRow[]): string {
	const header = ['referral_id', 'referred_on', 'organisation', 'category', 'kind', 'attended'];
	const line = (r: OnwardRow) =>
		csvLine([
			r.referralId,
			isoDate(r.referredOn),
			r.organisation,
			r.category,
			r.kind,
			yesNo(r.attended)
		]);
	return file(header, rows.map(line));
}

/** synthetic-practices.csv */
export function practicesCsv(world: World): string {
	const lines = world.practices.map((p) => csvLine([p.name, p.pcn, p.listSize]));
	return file(['practice', 'pcn', 'list_size'], lines);
}
