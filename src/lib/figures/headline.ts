import { isSmall } from '../stats/small-numbers.ts';
import { describePeriod, type Period } from '../metrics/filters.ts';
import type { HeadlineRow } from '../metrics/reach.ts';
import { formatCount as fc } from '../util/format.ts';
import { publishTotal } from './figure.ts';

/** The headline figures of a view (see metrics/reach.ts headline). */
export type Headline = HeadlineRow;

/** "Up 12% on 2023/24 (2,051)": a count against the previous period; blank when there is none. */
export function changeText(
	now: number,
	before: number | undefined,
	previous: Period | undefined,
	publication: boolean
): string {
	if (before === undefined || !previous) return '';
	const when = describePeriod(previous);
	if (publication && (isSmall(now) || isSmall(before)))
		return `Change on ${when} not shown (small numbers)`;
	const was = fc(publishTotal(before, publication));
	if (before === 0) return `None in ${when}`;
	const pct = Math.round((100 * (now - before)) / before);
	if (pct === 0) return `No change on ${when} (${was})`;
	return `${pct > 0 ? 'Up' : 'Down'} ${Math.abs(pct)}% on ${when} (${was})`;
}

/** "2,384 referrals of 2,182 people (2024/25)." */
export function headlineSentence(h: Headline, scope: string, publication: boolean): string {
	if (!h.referrals) return `No referrals match these filters (${scope}).`;
	const n = (v: number) => fc(publishTotal(v, publication));
	return `${n(h.referrals)} referrals of ${n(h.people)} people (${scope}).`;
}
