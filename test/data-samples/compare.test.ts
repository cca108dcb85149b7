// What the Compare page should find in the committed sample (data-samples/README.md, "What
// Compare should find"), recounted from the canonical CSVs: one PCN slower to first contact,
// below the 99.8% funnel limit; one PCN whose monthly referrals step up and stay up (a shift).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';

const dir = fileURLToPath(new URL('../../data-samples/canonical/', import.meta.url));
type Row = Record<string, string>;
const referrals = Papa.parse<Row>(readFileSync(`${dir}synthetic-referrals.csv`, 'utf8'), {
	header: true,
	skipEmptyLines: true
}).data;
const expected = JSON.parse(readFileSync(`${dir}expected.json`, 'utf8'));
const asOf = expected.as_of as string;
const days = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;
const pcns = [...new Set(referrals.map((r) => r.pcn))].sort();

/** Funnel limits around p̄ for a unit of size n: the inverted Wilson method of METHODS.md. */
function funnelLimits(p: number, n: number, z: number): [lower: number, upper: number] {
	const z2 = z * z;
	const a = p * (n / z2 + 1);
	const b = Math.sqrt(
		(-8 * p * (n / z2 + 1)) ** 2 -
			64 * (1 / z2 + 1 / n) * p * (n * (p * (n / z2 + 2) - 1) + z2 * (p - 1))
	);
	const c = 1 / z2 + 1 / n;
	return [Math.max(0, (a - b / 8) / c / n), Math.min(1, (a + b / 8) / c / n)];
}
const z998 = 3.090232306167813; // qnorm(0.999) in R

/** Per PCN: referrals at least 14 days before the as-of date, and those contacted within 14 days. */
function contactedWithin14Days(): Record<string, { contacted: number; referrals: number }> {
	const counts = Object.fromEntries(pcns.map((p) => [p, { contacted: 0, referrals: 0 }]));
	for (const r of referrals) {
		if (days(r.referral_date, asOf) < 14) continue;
		counts[r.pcn].referrals++;
		const wait = r.first_contact_date ? days(r.referral_date, r.first_contact_date) : -1;
		if (wait >= 0 && wait <= 14) counts[r.pcn].contacted++;
	}
	return counts;
}

/** Monthly referrals of a PCN over the complete months April 2022 to March 2025, oldest first. */
function monthlyReferrals(pcn: string): Map<string, number> {
	const months = new Map<string, number>();
	for (let i = 0; i < 36; i++) {
		const d = new Date(Date.UTC(2022, 3 + i, 1));
		months.set(d.toISOString().slice(0, 7), 0);
	}
	for (const r of referrals.filter((r) => r.pcn === pcn)) {
		const month = r.referral_date.slice(0, 7);
		months.set(month, (months.get(month) as number) + 1);
	}
	return months;
}

describe('funnel limits used here', () => {
	it('match the published check of METHODS.md (PHEindicatormethods, 303 PCTs)', () => {
		const [lower, upper] = funnelLimits(0.80642448, 110_000, z998);
		expect(lower).toBeCloseTo(0.80274317, 7);
		expect(upper).toBeCloseTo(0.81010578, 7);
	});
});

describe('the sample has something for Compare to find', () => {
	it('has one PCN slower to first contact: below the 99.8% limit, the others within it', () => {
		const counts = contactedWithin14Days();
		expect(counts).toEqual(expected.compare.slower_to_first_contact.contacted_within_14_days);
		const slower = expected.compare.slower_to_first_contact.pcn;
		expect(pcns).toContain(slower);
		const total = Object.values(counts).reduce(
			(sum, c) => ({ x: sum.x + c.contacted, n: sum.n + c.referrals }),
			{ x: 0, n: 0 }
		);
		const share = (pcn: string) => counts[pcn].contacted / counts[pcn].referrals;
		for (const pcn of pcns) {
			const [lower, upper] = funnelLimits(total.x / total.n, counts[pcn].referrals, z998);
			if (pcn === slower) expect(share(pcn), pcn).toBeLessThan(lower);
			else {
				expect(share(pcn), pcn).toBeGreaterThanOrEqual(lower);
				expect(share(pcn), pcn).toBeLessThanOrEqual(upper);
			}
		}
		const others = pcns.filter((p) => p !== slower).map(share);
		expect(share(slower)).toBeLessThan(Math.min(...others) - 0.08);
		expect(counts[slower].referrals).toBeGreaterThan(900);
	});

	it('has one PCN whose monthly referrals shift up from the documented month and stay up', () => {
		const { pcn, from_month: from, monthly_referrals } = expected.compare.referral_shift;
		const months = monthlyReferrals(pcn);
		expect(Object.fromEntries(months)).toEqual(monthly_referrals);
		const values = [...months.values()];
		const mean = values.reduce((a, b) => a + b, 0) / values.length;
		// Every month from the step on sits above the PCN's own mean: at least 9 in a row, so an
		// XmR chart shows a shift (7 or more points on one side of the mean).
		const after = [...months].filter(([month]) => month >= from).map(([, n]) => n);
		expect(after.length).toBeGreaterThanOrEqual(9);
		for (const n of after) expect(n).toBeGreaterThan(mean);
		// The month before the step is not part of the run.
		const before = [...months].filter(([month]) => month < from).map(([, n]) => n);
		expect(before.at(-1)).toBeLessThan(mean);
		// The step is the PCN's own: its share of all referrals rises by more than a quarter after
		// the step, while no other PCN's share moves by as much.
		const shareChange = (unit: string) => {
			const inPeriod = (later: boolean) => {
				const rows = referrals.filter((r) => r.referral_date.slice(0, 7) >= from === later);
				return rows.filter((r) => r.pcn === unit).length / rows.length;
			};
			return inPeriod(true) / inPeriod(false);
		};
		expect(shareChange(pcn)).toBeGreaterThan(1.25);
		for (const other of pcns.filter((p) => p !== pcn)) {
			expect(Math.abs(shareChange(other) - 1), other).toBeLessThan(shareChange(pcn) - 1);
		}
	});
});
