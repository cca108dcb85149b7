/** The headline figures of a view. */
export interface Headline extends Record<string, unknown> {
	referrals: number;
	people: number;
	without_person_id: number;
	open_cases: number;
	first_referral: string | null;
	last_referral: string | null;
}

const n = (v: number) => v.toLocaleString('en-GB');
const pct = (part: number, whole: number) => `${Math.round((100 * part) / whole)}%`;

/** "1,234 referrals of 1,100 people (2024/25)." */
export function headlineSentence(h: Headline, scope: string): string {
	if (!h.referrals) return `No referrals match these filters (${scope}).`;
	return `${n(h.referrals)} referrals of ${n(h.people)} people (${scope}).`;
}

/** "Referrals peaked at 212 in March 2024." */
export function monthSentence(rows: { month: string; referrals: number }[]): string {
	if (!rows.length) return 'No referrals in this period.';
	const top = rows.reduce((a, b) => (b.referrals > a.referrals ? b : a));
	const month = new Date(`${top.month}-01T00:00:00Z`).toLocaleDateString('en-GB', {
		month: 'long',
		year: 'numeric',
		timeZone: 'UTC'
	});
	return `Referrals peaked at ${n(top.referrals)} in ${month}, over ${rows.length} months.`;
}

/** "GP made 64% of referrals (2,001 of 3,120)." */
export function sourceSentence(
	rows: { label: string; referrals: number }[],
	total: number
): string {
	if (!rows.length || !total) return 'No referrals in this period.';
	const top = rows[0];
	return `${top.label} made ${pct(top.referrals, total)} of referrals (${n(top.referrals)} of ${n(total)}).`;
}

/** "Riverside PCN had the most referrals: 812 (26%)." */
export function pcnSentence(rows: { label: string; referrals: number }[], total: number): string {
	if (!rows.length || !total) return 'No referrals in this period.';
	const top = rows[0];
	return `${top.label} had the most referrals: ${n(top.referrals)} (${pct(top.referrals, total)}).`;
}
