// `sp-impact compare` on the synthetic sample, whose generator plants what Compare should find
// (data-samples/README.md "What Compare should find"; the facts are in expected.json `compare`):
// Millbrook PCN slower to first contact, Harbour PCN's referrals stepping up from January 2024.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { wilsonLimits } from '../../src/lib/stats/funnel.ts';
import { cli, smallCountsOutsideImport } from './run-cli.ts';

const dir = join(import.meta.dirname, '..', '..', 'data-samples', 'canonical');
const sample = ['referrals', 'outcomes', 'onward-referrals', 'practices'].map((t) =>
	join(dir, `synthetic-${t}.csv`)
);
const planted = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')).compare;

async function compare(...argv: string[]) {
	const { code, stdout, stderr } = await cli('compare', ...argv, ...sample);
	if (code !== 0) throw new Error(`sp-impact exited ${code}: ${stderr}`);
	return JSON.parse(stdout);
}

type Unit = {
	unit: string;
	numerator: number | '*';
	denominator: number | '*';
	value: number | '*' | null;
	limits95: [number, number] | '*' | null;
	limits998: [number, number] | '*' | null;
	signal: string | null;
};

describe('sp-impact compare on the sample', () => {
	it('finds Millbrook PCN below the 99.8% limit for contact within 14 days, and no other PCN beyond it', async () => {
		const json = await compare('--by', 'pcn');
		expect(json.by).toBe('pcn');
		const f = json.funnels.contacted_within_14_days;
		const counts = planted.slower_to_first_contact.contacted_within_14_days;
		// The generator's own counts per PCN (referrals at least 14 days before the as-of date).
		const units = f.units as Unit[];
		expect(Object.fromEntries(units.map((u) => [u.unit, [u.numerator, u.denominator]]))).toEqual(
			Object.fromEntries(
				Object.entries(counts).map(([pcn, c]) => {
					const { contacted, referrals } = c as { contacted: number; referrals: number };
					return [pcn, [contacted, referrals]];
				})
			)
		);
		const x = units.reduce((a, u) => a + (u.numerator as number), 0);
		const n = units.reduce((a, u) => a + (u.denominator as number), 0);
		expect(f.target).toBeCloseTo(x / n, 4);
		expect(f.limits).toBe('wilson');
		for (const u of units) {
			// Each limit is the inverted-Wilson limit at the unit's denominator (stats/funnel.ts,
			// checked there against PHEindicatormethods' published values).
			const l = wilsonLimits(x / n, u.denominator as number);
			expect(u.limits998).toEqual(
				[+l.l998.toFixed(4), +l.u998.toFixed(4)].map((v) => expect.closeTo(v, 4))
			);
			expect(u.value).toBeCloseTo((u.numerator as number) / (u.denominator as number), 4);
		}
		const signals = Object.fromEntries(units.map((u) => [u.unit, u.signal]));
		expect(signals['Millbrook PCN']).toBe('low_99.8');
		for (const [pcn, s] of Object.entries(signals))
			if (pcn !== 'Millbrook PCN') expect(s, pcn).not.toMatch(/99\.8/);
	});

	it("shows Harbour PCN's step in monthly referrals as a shift, and counts every month as the generator wrote it", async () => {
		const json = await compare('--by', 'pcn');
		const harbour = json.spc.referrals['Harbour PCN'];
		const written = planted.referral_shift.monthly_referrals as Record<string, number>;
		expect(
			Object.fromEntries(
				harbour.points.map((p: { period: string; value: number }) => [p.period, p.value])
			)
		).toEqual(written);
		expect(harbour.improvement).toBe('neutral');
		const mean = harbour.mean as number;
		expect(mean).toBeCloseTo(
			Object.values(written).reduce((a, b) => a + b, 0) / Object.keys(written).length,
			4
		);
		// Every month from the step on is above the mean: a shift, flagged high (neutral measure).
		const after = harbour.points.filter(
			(p: { period: string }) => p.period >= planted.referral_shift.from_month
		);
		expect(after.length).toBeGreaterThanOrEqual(9);
		for (const p of after) expect(p.type, p.period).toBe('special_cause_neutral_high');
		expect(after.some((p: { rule: string }) => p.rule === 'shift')).toBe(true);
		// All units together, and every PCN, have a chart.
		expect(Object.keys(json.spc.referrals).sort()).toEqual(
			['all', ...Object.keys(planted.slower_to_first_contact.contacted_within_14_days)].sort()
		);
		expect(json.spc.median_days_to_first_contact['Millbrook PCN'].improvement).toBe('decrease');
	});

	it('adjusts for overdispersion when asked, and states φ and τ²', async () => {
		const json = await compare('--by', 'practice', '--overdispersion');
		const f = json.funnels.supported;
		expect(typeof f.phi).toBe('number');
		expect(typeof f.tau2).toBe('number');
		expect(f.limits).toBe(f.phi > 1 ? 'overdispersed' : 'wilson');
	});

	it('takes a target and the Making Data Count rules, and gives the assurance', async () => {
		const json = await compare(
			'--by',
			'service',
			'--rules',
			'mdc',
			'--target',
			'contacted_within_14_days=70'
		);
		const all = json.spc.contacted_within_14_days.all;
		expect(all.target).toBe(70);
		expect(['pass', 'fail', 'inconsistent']).toContain(all.assurance);
	});

	it('in publication mode prints no count from 1 to 7', async () => {
		for (const by of ['service', 'pcn', 'practice', 'link_worker']) {
			const json = await compare('--by', by, '--publication');
			expect(json.publication).toBe(true);
			expect(smallCountsOutsideImport({ funnels: json.funnels, units: json.units }), by).toEqual(
				[]
			);
		}
	});

	it.each([
		[[], 'invalid --by: (none)'],
		[['--by', 'region'], 'invalid --by: region'],
		[['--by', 'pcn', '--rules', 'excel'], 'invalid --rules: excel'],
		[['--by', 'pcn', '--target', 'wemwbs=3'], 'invalid --target: wemwbs=3']
	])('refuses %j with a usage message', async (argv, message) => {
		const { code, stderr } = await cli('compare', ...argv, ...sample);
		expect(code).toBe(1);
		expect(stderr).toContain(message);
	});

	it('refuses compare options given to summary', async () => {
		const { code, stderr } = await cli('summary', '--by', 'pcn', ...sample);
		expect(code).toBe(1);
		expect(stderr).toContain('are for sp-impact compare');
	});
});
