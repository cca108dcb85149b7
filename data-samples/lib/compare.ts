/** The differences planted for the Compare page to find; every other PCN follows the defaults. */
import { dayOf, isoDate, type Day } from './dates.ts';
import type { Episode } from './episodes.ts';

/** Mean wait, in days, from referral to first contact (before rounding up to a weekday). */
export const CONTACT_DAYS = 8;

/** A step in a PCN's new referrals: from `from` onwards, `factor` times the earlier rate. */
export interface ReferralStep {
	from: Day;
	factor: number;
}

/** One PCN is slower to first contact (a link worker post left vacant): waits half as long again. */
export const slowerContact = { pcn: 'Millbrook PCN', contactDays: 12 };

/** One PCN's referrals step up and stay up (a frailty pathway started referring in January 2024). */
export const referralShift = { pcn: 'Harbour PCN', step: { from: dayOf(2024, 1, 1), factor: 1.4 } };

/** The mean wait to first contact in a PCN (by its name in the first copy of the organisation). */
export const contactDaysOf = (pcn: string) =>
	pcn === slowerContact.pcn ? slowerContact.contactDays : CONTACT_DAYS;

/** The step in a PCN's referrals, if it has one. */
export const referralStepOf = (pcn: string): ReferralStep | undefined =>
	pcn === referralShift.pcn ? referralShift.step : undefined;

/** Per-PCN counts, keys sorted so the JSON is stable. */
function byPcn<T>(episodes: Episode[], value: (es: Episode[]) => T): Record<string, T> {
	const pcns = [...new Set(episodes.map((e) => e.person.practice.pcn))].sort();
	return Object.fromEntries(
		pcns.map((pcn) => [pcn, value(episodes.filter((e) => e.person.practice.pcn === pcn))])
	);
}

/** Year and month of a day, e.g. "2024-01". */
const monthOf = (day: Day) => isoDate(day).slice(0, 7);

/** What Compare should find, as counted from the episodes (the tests recount it from the CSVs). */
export function compareFacts(episodes: Episode[], asOf: Day) {
	// As METHODS.md "Contacted within 14 days": referrals at least 14 days before the as-of date.
	const contacted = (es: Episode[]) => {
		const due = es.filter((e) => e.referralDay <= asOf - 14);
		const soon = due.filter((e) => {
			const wait = (e.firstContactDay ?? Infinity) - e.referralDay;
			return wait >= 0 && wait <= 14;
		});
		return { contacted: soon.length, referrals: due.length };
	};
	const shifted = episodes.filter((e) => e.person.practice.pcn === referralShift.pcn);
	const months = [...new Set(episodes.map((e) => monthOf(e.referralDay)))].sort();
	return {
		slower_to_first_contact: {
			pcn: slowerContact.pcn,
			mean_days_to_first_contact: slowerContact.contactDays,
			other_pcns_mean_days: CONTACT_DAYS,
			contacted_within_14_days: byPcn(episodes, contacted)
		},
		referral_shift: {
			pcn: referralShift.pcn,
			from_month: monthOf(referralShift.step.from),
			factor: referralShift.step.factor,
			monthly_referrals: Object.fromEntries(
				months.map((m) => [m, shifted.filter((e) => monthOf(e.referralDay) === m).length])
			)
		}
	};
}
