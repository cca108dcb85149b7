import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { groupOf, vocabularies } from '../../src/lib/contract/vocabularies.ts';
import { scratchDir } from '../helpers/import.ts';
import { cli, numbersOutsideImport, smallCountsOutsideImport, summary } from './run-cli.ts';

const canonicalDir = join(import.meta.dirname, '..', '..', 'data-samples', 'canonical');
const canonical = ['referrals', 'onward-referrals', 'practices'].map((t) =>
	join(canonicalDir, `synthetic-${t}.csv`)
);
const expected = JSON.parse(readFileSync(join(canonicalDir, 'expected.json'), 'utf8')).canonical;

// The canonical samples are clean CSV with no quoted fields, so a plain split reads them.
function readCsv(name: string): Record<string, string>[] {
	const [head, ...lines] = readFileSync(join(canonicalDir, name), 'utf8').trim().split('\n');
	const columns = head.split(',');
	return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [columns[i], v])));
}

const round = (x: number, places: number) => Math.round(x * 10 ** places) / 10 ** places;
const countBy = <T>(items: T[], key: (item: T) => string) => {
	const out: Record<string, number> = {};
	for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
	return out;
};

// Hand-checkable: six referrals of four people, written out below.
//  id  person date        source         reasons               service pcn    practice    contact    discharged          contacts age    sex ethnicity imd
//  B1  Q1     2024-04-02  GP             Loneliness; Debt      North   PCN A  Practice 1  2024-04-10 2024-06-01 Goals met 3       25-34  F   A (white)  1
//  B2  Q1     2024-07-15  Self referral  Low mood              North   PCN A  Practice 1  —          open                0       35-44  F   —          2
//  B3  Q2     2024-05-20  Nurse          Debt                  South   PCN B  Practice 3  —          2024-08-01 Ref. on   2       65-74  M   H (asian)  5
//  B4  —      2024-08-09  GP             —                     South   PCN B  Practice 3  2024-08-12 open                —       —      —   —          —
//  B5  Q3     2024-10-01  Pharmacist     Loneliness            North   PCN A  Practice 2  2024-10-03 2024-12-01 Goals met 1       85+    X   N (black)  10
//  B6  Q3     2025-01-10  GP             Low mood; Loneliness  North   PCN A  Practice 2  —          open                1       85+    —   —          —
// Onward: B1 signposted to Green Gym (gardening); B4 to Citizens Advice (debt advice); B5 referred
// to Citizens Advice (welfare rights) and Mind (counselling). Practices 1, 2, 3: lists 500, 250, 800.
const handReferrals = `referral_id,person_id,referral_date,referral_source,referral_reasons,service,pcn,practice,first_contact_date,discharge_date,discharge_reason,contacts,age_band,sex,ethnicity,imd_decile
B1,Q1,2024-04-02,GP,Loneliness; Debt,North,PCN A,Practice 1,2024-04-10,2024-06-01,Goals met,3,25-34,F,A,1
B2,Q1,2024-07-15,Self referral,Low mood,North,PCN A,Practice 1,,,,0,35-44,F,,2
B3,Q2,2024-05-20,Nurse,Debt,South,PCN B,Practice 3,,2024-08-01,Referred on,2,65-74,M,H,5
B4,,2024-08-09,GP,,South,PCN B,Practice 3,2024-08-12,,,,,,,
B5,Q3,2024-10-01,Pharmacist,Loneliness,North,PCN A,Practice 2,2024-10-03,2024-12-01,Goals met,1,85+,X,N,10
B6,Q3,2025-01-10,GP,Low mood; Loneliness,North,PCN A,Practice 2,,,,1,85+,,,
`;
const handOnward = `referral_id,referred_on,organisation,category,kind
B1,2024-04-20,Green Gym,Gardening,signpost
B4,2024-08-20,Citizens Advice,Debt advice,signpost
B5,2024-10-10,Citizens Advice,Welfare rights,referral
B5,2024-10-12,Mind,Counselling,referral
`;
const handPractices = `practice,pcn,list_size
Practice 1,PCN A,500
Practice 2,PCN A,250
Practice 3,PCN B,800
`;
// Rates run from the first referral (2024-04-02) to the as-of date 2025-03-31: 364 days.
const handYears = 364 / 365.25;
const handRate = (referrals: number, list: number) =>
	round((1000 * referrals) / list / handYears, 2);

const handSummary = {
	reach: {
		referrals: 6,
		people: 4, // Q1, Q2, Q3, and B4 without a person ID
		by_source: { gp: 3, arrs_role: 1, practice_nurse: 1, self: 1 },
		by_pcn: { 'PCN A': 4, 'PCN B': 2 },
		by_practice: { 'Practice 1': 2, 'Practice 2': 2, 'Practice 3': 2 },
		by_service: { North: 4, South: 2 },
		people_with_multiple_referrals: 2, // Q1 and Q3
		// Contacted: all but B2 (no contact date, 0 contacts). Supported: B1 (goals met, a
		// signpost), B3 (referred on), B4 (a signpost), B5 (goals met, referrals); not B2, B6.
		funnel: { referred: 6, contacted: 5, supported: 4, goals_met: 2 },
		by_month: {
			'2024-04': 1,
			'2024-05': 1,
			'2024-07': 1,
			'2024-08': 1,
			'2024-10': 1,
			'2025-01': 1
		},
		by_quarter: { '2024/25 Q1': 2, '2024/25 Q2': 2, '2024/25 Q3': 1, '2024/25 Q4': 1 },
		// Each person by their latest referral recording the value: Q1 by B2 (35-44, female, IMD 2)
		// but B1 for ethnicity (B2 has none); Q3 by B6 (85+) but B5 for sex, ethnicity and IMD.
		by_age_band: { '35-44': 1, '65-74': 1, '85+': 1, unknown: 1 },
		by_sex: { female: 1, male: 1, not_stated: 1, unknown: 1 },
		by_ethnicity: { white: 1, asian: 1, black: 1, unknown: 1 },
		by_imd_decile: { 1: 0, 2: 1, 3: 0, 4: 0, 5: 1, 6: 0, 7: 0, 8: 0, 9: 0, 10: 1, unknown: 1 },
		core20_share: 0.3333, // Q1 (decile 2) of the three people with a known decile
		referral_rate_per_1000: {
			practices: {
				'Practice 1': handRate(2, 500), //  B1 B2: 4.01
				'Practice 2': handRate(2, 250), //  B5 B6: 8.03
				'Practice 3': handRate(2, 800) //   B3 B4: 2.51
			},
			pcns: { 'PCN A': handRate(4, 750), 'PCN B': handRate(2, 800) }
		},
		// People, as IIF PC-01 counted: Practice 1 Q1 (B1, B2); Practice 2 Q3 (B5, B6); Practice 3
		// Q2 (B3) and B4 (no person ID: a person of its own). PCN A: Q1, Q3; PCN B: Q2, B4.
		people_referred_per_1000: {
			practices: {
				'Practice 3': handRate(2, 800), // 2.51
				'Practice 2': handRate(1, 250), // 4.01
				'Practice 1': handRate(1, 500) //  2.01
			},
			pcns: { 'PCN A': handRate(2, 750), 'PCN B': handRate(2, 800) }
		},
		rate_thresholds: [12, 16]
	},
	referrals: {
		by_source: { gp: 3, arrs_role: 1, practice_nurse: 1, self: 1 },
		by_source_label: { GP: 3, 'Self referral': 1, Nurse: 1, Pharmacist: 1 },
		// Loneliness: B1 B5 B6; Debt: B1 B3; Low mood: B2 B6; B4 gives none.
		by_reason: { loneliness: 3, financial: 2, mental_health: 2, not_recorded: 1 },
		onward: {
			referrals: 2,
			signposts: 2,
			by_category: { financial_advice: 2, mental_health: 1, nature_gardening: 1 },
			by_organisation: { 'Citizens Advice': 2, 'Green Gym': 1, Mind: 1 }
		}
	}
};

describe('sp-impact summary on the canonical samples', () => {
	let json: Awaited<ReturnType<typeof summary>>;
	const referrals = readCsv('synthetic-referrals.csv');
	const onward = readCsv('synthetic-onward-referrals.csv');
	const practices = readCsv('synthetic-practices.csv');
	beforeAll(async () => {
		json = await summary(...canonical);
	}, 60_000);

	it('matches the counts in expected.json', () => {
		expect(json.as_of).toBe('2025-03-31');
		expect(json.import).toMatchObject({ rows_read: 6014 + 8490 + 20, rows_rejected: 0 });
		expect(json.reach).toMatchObject({
			referrals: expected.referrals,
			people: expected.people,
			people_with_multiple_referrals: expected.people_referred_more_than_once,
			by_source: expected.by_referral_source_group,
			by_pcn: expected.by_pcn,
			by_practice: expected.by_practice,
			by_service: expected.by_service
		});
		expect(json.referrals.by_source).toEqual(expected.by_referral_source_group);
		expect(json.referrals.onward.referrals + json.referrals.onward.signposts).toBe(
			expected.onward_referral_rows
		);
	});

	it('by quarter: financial quarter labels that add up to each financial year', () => {
		const quarters = Object.keys(json.reach.by_quarter);
		expect(quarters).toHaveLength(12);
		for (const q of quarters) expect(q).toMatch(/^\d{4}\/\d{2} Q[1-4]$/);
		expect(quarters.slice(0, 4)).toEqual(['2022/23 Q1', '2022/23 Q2', '2022/23 Q3', '2022/23 Q4']);
		const byYear: Record<string, number> = {};
		for (const [q, n] of Object.entries<number>(json.reach.by_quarter))
			byYear[q.slice(0, 7)] = (byYear[q.slice(0, 7)] ?? 0) + n;
		expect(byYear).toEqual(expected.by_financial_year);
	});

	it('by month: every month of the three years, as counted from the file', () => {
		expect(json.reach.by_month).toEqual(countBy(referrals, (r) => r.referral_date.slice(0, 7)));
		expect(Object.keys(json.reach.by_month)).toHaveLength(36);
	});

	it('the funnel, as counted from the files', () => {
		const supportedIds = new Set(onward.map((o) => o.referral_id));
		const count = (f: (r: Record<string, string>) => boolean) => referrals.filter(f).length;
		expect(json.reach.funnel).toEqual({
			referred: referrals.length,
			contacted: count((r) => r.first_contact_date !== '' || Number(r.contacts) >= 1),
			supported: count(
				(r) =>
					supportedIds.has(r.referral_id) ||
					['Goals met', 'Referred on'].includes(r.discharge_reason)
			),
			goals_met: count((r) => r.discharge_reason === 'Goals met')
		});
	});

	it('people by age band, sex, ethnicity and IMD decile: each person once, by their latest referral', () => {
		// Every referral in the sample records all four, so a person's latest referral gives them.
		const latest = new Map<string, Record<string, string>>();
		const ordered = [...referrals].sort(
			(a, b) =>
				a.referral_date.localeCompare(b.referral_date) || a.referral_id.localeCompare(b.referral_id)
		);
		for (const r of ordered) latest.set(r.person_id, r);
		const people = [...latest.values()];
		expect(json.reach.by_age_band).toEqual(countBy(people, (r) => r.age_band));
		expect(json.reach.by_sex).toEqual(countBy(people, (r) => groupOf(vocabularies.sex, r.sex)!));
		expect(json.reach.by_ethnicity).toEqual(
			countBy(people, (r) => groupOf(vocabularies.ethnicity, r.ethnicity)!)
		);
		const imd = countBy(people, (r) => r.imd_decile);
		expect(Object.keys(json.reach.by_imd_decile)).toEqual([
			...Array.from({ length: 10 }, (_, i) => String(i + 1)),
			'unknown'
		]);
		expect(json.reach.by_imd_decile).toEqual({ ...imd, unknown: 0 });
		expect(json.reach.core20_share).toBe(round((imd['1'] + imd['2']) / people.length, 4));
	});

	it('referral rates per 1,000 from the list sizes and expected.json', () => {
		// 2022-04-01 to the as-of date 2025-03-31: 1,096 days.
		const years = 1096 / 365.25;
		const lists: Record<string, number> = {};
		const pcnReferrals: Record<string, number> = {};
		const rate = (n: number, list: number) => round((1000 * n) / list / years, 2);
		const byPractice = Object.fromEntries(
			practices.map((p) => {
				lists[p.pcn] = (lists[p.pcn] ?? 0) + Number(p.list_size);
				const n = expected.by_practice[p.practice];
				pcnReferrals[p.pcn] = (pcnReferrals[p.pcn] ?? 0) + n;
				return [p.practice, rate(n, Number(p.list_size))];
			})
		);
		expect(json.reach.referral_rate_per_1000).toEqual({
			practices: byPractice,
			pcns: Object.fromEntries(Object.keys(lists).map((k) => [k, rate(pcnReferrals[k], lists[k])]))
		});
		expect(json.reach.referral_rate_per_1000.practices['Weavers Lane – Hillside Surgery']).toBe(
			13.8
		);
	});

	it('referrals by source label, reason and onward support, as counted from the files', () => {
		const r = json.referrals;
		expect(r.by_source_label).toEqual(countBy(referrals, (x) => x.referral_source));
		// A referral is counted once per reason group it gives.
		const reasons: Record<string, number> = { not_recorded: 0 };
		for (const x of referrals) {
			const groups = new Set(
				x.referral_reasons.split(';').map((l) => groupOf(vocabularies.referral_reason, l.trim()))
			);
			for (const g of groups) reasons[g!] = (reasons[g!] ?? 0) + 1;
		}
		expect(r.by_reason).toEqual(reasons);
		expect(r.onward).toEqual({
			referrals: onward.filter((o) => o.kind === 'referral').length,
			signposts: onward.filter((o) => o.kind === 'signpost').length,
			by_category: countBy(onward, (o) => groupOf(vocabularies.onward_category, o.category)!),
			by_organisation: countBy(onward, (o) => o.organisation)
		});
	});

	it('--publication: every count 8 or more rounded to 5, 1–7 hidden, import left as it is', async () => {
		const args = ['--pcn', 'Harbour PCN', '--from', '2024-04-01', ...canonical];
		const raw = await summary(...args);
		const published = await summary('--publication', ...args);
		expect(published.publication).toBe(true);
		expect(raw.publication).toBeUndefined();
		expect(published.import).toEqual(raw.import);
		expect(smallCountsOutsideImport(published)).toEqual([]);
		// Each count is hidden or rounded; a small one is always hidden.
		const counts = new Map(numbersOutsideImport(raw));
		const shown = new Map<string, unknown>();
		const walk = (v: unknown, path: string): void => {
			if (v !== null && typeof v === 'object')
				Object.entries(v).forEach(([k, x]) => walk(x, `${path}.${k}`));
			else shown.set(path, v);
		};
		walk({ reach: published.reach, referrals: published.referrals }, '');
		for (const [path, n] of counts) {
			// Outcomes are checked in outcomes-summary.test.ts (their means are not counts).
			if (
				!/^\.(reach|referrals)\./.test(path) ||
				/core20_share|per_1000|rate_thresholds/.test(path)
			)
				continue;
			const v = shown.get(path);
			if (n >= 1 && n <= 7) expect(v, path).toBe('*');
			else expect([Math.round(n / 5) * 5, '*'], path).toContain(v);
		}
		// A group that adds up to a total never hides exactly one cell.
		const { reach, referrals: refs } = published;
		const groups = [
			reach.by_source,
			reach.by_practice,
			reach.by_month,
			reach.by_quarter,
			reach.by_age_band,
			reach.by_sex,
			reach.by_ethnicity,
			reach.by_imd_decile,
			refs.by_source_label,
			refs.onward.by_category,
			refs.onward.by_organisation
		];
		for (const g of groups) expect(Object.values(g).filter((v) => v === '*').length).not.toBe(1);
		expect(reach.core20_share).toBe(raw.reach.core20_share);
		// Published rates are worked out from the rounded counts (rate × list size gives no exact count).
		const levels = [
			['practices', 'by_practice'],
			['pcns', 'by_pcn']
		] as const;
		for (const [level, counts] of levels) {
			for (const [key, value] of Object.entries(reach.referral_rate_per_1000[level])) {
				const rounded = reach[counts][key];
				if (value === '*' || rounded === '*') continue;
				const exact = raw.reach.referral_rate_per_1000[level][key];
				expect(value).toBeCloseTo((exact * rounded) / raw.reach[counts][key], 1);
			}
			// A people rate is hidden with its unit's referrals, and otherwise worked out from a people
			// count rounded to 5: rate × list size × years / 1,000 gives a multiple of 5 back (the years:
			// 1 April 2024 to the as-of date, 365 days; the rate's 2 decimals leave under 0.2 people).
			const lists: Record<string, number> = {};
			for (const p of practices) {
				const unit = level === 'practices' ? p.practice : p.pcn;
				lists[unit] = (lists[unit] ?? 0) + Number(p.list_size);
			}
			for (const [key, value] of Object.entries(reach.people_referred_per_1000[level])) {
				if (reach[counts][key] === '*') expect(value, key).toBe('*');
				if (value === '*') continue;
				const people = ((value as number) * lists[key] * (365 / 365.25)) / 1000;
				expect(Math.abs(people - Math.round(people / 5) * 5), key).toBeLessThan(0.2);
			}
		}
	});
});

describe('sp-impact summary on a hand-checked file', () => {
	let files: Awaited<ReturnType<typeof scratchDir>>;
	let paths: string[];
	beforeAll(async () => {
		files = await scratchDir();
		paths = [
			await files.write('hand-referrals.csv', handReferrals),
			await files.write('hand-onward.csv', handOnward),
			await files.write('hand-practices.csv', handPractices)
		];
	});
	afterAll(() => files.remove());

	it('prints every figure', async () => {
		const json = await summary('--as-of', '2025-03-31', ...paths);
		expect(json.import).toMatchObject({ rows_read: 13, rows_loaded: 13, rows_rejected: 0 });
		expect({ reach: json.reach, referrals: json.referrals }).toEqual(handSummary);
		expect(Object.keys(json.reach.by_quarter)).toEqual([
			'2024/25 Q1',
			'2024/25 Q2',
			'2024/25 Q3',
			'2024/25 Q4'
		]);
		expect(json.reach.referral_rate_per_1000.practices).toEqual({
			'Practice 1': 4.01,
			'Practice 2': 8.03,
			'Practice 3': 2.51
		});
	});

	it('a financial year given by --from and --to counts its 365 days, though its first referral came on 2 April', async () => {
		const json = await summary('--from', '2024-04-01', '--to', '2025-03-31', ...paths);
		// 1000 × 2 referrals / 500 / (365 / 365.25) = 4.0027; clipped to 364 days it was 4.01.
		const fy = (n: number, list: number) => round((1000 * n) / list / (365 / 365.25), 2);
		expect(json.reach.referral_rate_per_1000.practices).toEqual({
			'Practice 1': fy(2, 500),
			'Practice 2': fy(2, 250),
			'Practice 3': fy(2, 800)
		});
		expect(json.reach.referral_rate_per_1000.practices['Practice 1']).toBe(4);
		expect(json.reach.people_referred_per_1000).toEqual({
			practices: { 'Practice 3': fy(2, 800), 'Practice 2': fy(1, 250), 'Practice 1': fy(1, 500) },
			pcns: { 'PCN A': fy(2, 750), 'PCN B': fy(2, 800) }
		});
		expect(json.reach.people_referred_per_1000.practices['Practice 1']).toBe(2);
	});

	it('a period that runs past the as-of date counts its whole length, and the figure says so', async () => {
		// 1 April 2024 to 31 December 2025: 365 + 275 = 640 days; the data end on 10 January 2025.
		const args = ['--from', '2024-04-01', '--to', '2025-12-31', ...paths];
		const json = await summary(...args);
		expect(json.as_of).toBe('2025-01-10');
		// Practice 1: 1 person (Q1) × 1000 / 500 / (640 / 365.25) = 1.1414.
		expect(json.reach.people_referred_per_1000.practices['Practice 1']).toBe(1.14);
		const { stdout } = await cli('figures', '--figure', 'referral-rate-by-practice', ...args);
		expect(JSON.parse(stdout).figures['referral-rate-by-practice'].caveat).toContain(
			'The period runs past the as-of date (10/01/2025) and its rates count its whole length, so they read low until it is over.'
		);
		// A period inside the data says nothing of the kind.
		const inside = await cli(
			'figures',
			'--figure',
			'referral-rate-by-practice',
			'--from',
			'2024-04-01',
			'--to',
			'2024-12-31',
			...paths
		);
		expect(JSON.parse(inside.stdout).figures['referral-rate-by-practice'].caveat).not.toContain(
			'runs past'
		);
	});

	it('--rate-thresholds sets the reference lines, printed and stated on the figures', async () => {
		const json = await summary('--rate-thresholds', '20,8', ...paths);
		expect(json.reach.rate_thresholds).toEqual([8, 20]);
		const { code, stdout } = await cli(
			'figures',
			'--rate-thresholds',
			'20,8',
			'--figure',
			'referral-rate-by-pcn',
			...paths
		);
		expect(code).toBe(0);
		const figure = JSON.parse(stdout).figures['referral-rate-by-pcn'];
		expect(figure.caveat).toContain(
			'Reference lines at 8 and 20 people per 1,000 a year: the former IIF PC-01 thresholds'
		);
		// Neither PCN reaches 8: PCN A 2.68, PCN B 2.51 people per 1,000 a year.
		expect(figure.sentence).toMatch(/^0 of 2 PCNs referred at least 8 people per 1,000/);
		const bad = await cli('summary', '--rate-thresholds', '12,x', ...paths);
		expect(bad.code).toBe(1);
		expect(bad.stderr).toContain('invalid --rate-thresholds: 12,x');
	});

	it('without a practices file, no referral rates', async () => {
		const json = await summary(paths[0], paths[1]);
		expect(json.as_of).toBe('2025-01-10'); // B6, the latest date anywhere
		expect(json.reach.referral_rate_per_1000).toBeNull();
	});

	it.each([
		{
			name: '--pcn',
			args: ['--pcn', 'PCN B'], // B3 B4
			expected: {
				reach: { referrals: 2, people: 2, by_practice: { 'Practice 3': 2 } },
				referrals: { onward: { referrals: 0, signposts: 1 } },
				rates: { practices: { 'Practice 3': handRate(2, 800) }, pcns: { 'PCN B': 2.51 } }
			}
		},
		{
			name: '--practice',
			args: ['--practice', 'Practice 2'], // B5 B6, both Q3
			expected: {
				reach: { referrals: 2, people: 1, people_with_multiple_referrals: 1 },
				referrals: {
					by_reason: { loneliness: 2, mental_health: 1, not_recorded: 0 },
					onward: { referrals: 2, signposts: 0 }
				},
				rates: { practices: { 'Practice 2': 8.03 }, pcns: { 'PCN A': handRate(2, 250) } }
			}
		},
		{
			name: '--service, repeated',
			args: ['--service', 'North', '--service', 'South'],
			expected: { reach: { referrals: 6, people: 4 }, referrals: {} }
		},
		{
			name: '--pcn with --from and --to',
			args: ['--pcn', 'PCN A', '--from', '2024-07-01', '--to', '2024-12-31'], // B2 B5
			expected: {
				reach: {
					referrals: 2,
					by_month: { '2024-07': 1, '2024-10': 1 },
					by_quarter: { '2024/25 Q2': 1, '2024/25 Q3': 1 },
					funnel: { referred: 2, contacted: 1, supported: 1, goals_met: 1 }
				},
				referrals: {}
			}
		},
		{
			name: 'filters that match nothing',
			args: ['--pcn', 'PCN B', '--practice', 'Practice 1'],
			expected: {
				reach: { referrals: 0, people: 0, by_pcn: {}, core20_share: null },
				referrals: { onward: { referrals: 0, signposts: 0, by_category: {} } }
			}
		}
	])('filters: $name', async ({ args, expected: want }) => {
		const json = await summary('--as-of', '2025-03-31', ...args, ...paths);
		expect(json.reach).toMatchObject(want.reach);
		expect(json.referrals).toMatchObject(want.referrals);
		if ('rates' in want) expect(json.reach.referral_rate_per_1000).toEqual(want.rates);
	});

	it('--publication hides every count of 1–7, and shares and rates that rest on them', async () => {
		const json = await summary('--publication', '--as-of', '2025-03-31', ...paths);
		expect(json.publication).toBe(true);
		expect(json.import).toMatchObject({ rows_read: 13, rows_loaded: 13 }); // not rounded
		expect(smallCountsOutsideImport(json)).toEqual([]);
		const star = (o: Record<string, number>) =>
			Object.fromEntries(Object.entries(o).map(([k, n]) => [k, n === 0 ? 0 : '*']));
		const { reach, referrals } = handSummary;
		expect(json.reach).toEqual({
			referrals: '*',
			people: '*',
			by_source: star(reach.by_source),
			by_pcn: star(reach.by_pcn),
			by_practice: star(reach.by_practice),
			by_service: star(reach.by_service),
			people_with_multiple_referrals: '*',
			funnel: star(reach.funnel),
			by_month: star(reach.by_month),
			by_quarter: star(reach.by_quarter),
			by_age_band: star(reach.by_age_band),
			by_sex: star(reach.by_sex),
			by_ethnicity: star(reach.by_ethnicity),
			by_imd_decile: star(reach.by_imd_decile), // zeros stay 0
			core20_share: '*',
			referral_rate_per_1000: {
				practices: { 'Practice 1': '*', 'Practice 2': '*', 'Practice 3': '*' },
				pcns: { 'PCN A': '*', 'PCN B': '*' }
			},
			people_referred_per_1000: {
				practices: { 'Practice 1': '*', 'Practice 2': '*', 'Practice 3': '*' },
				pcns: { 'PCN A': '*', 'PCN B': '*' }
			},
			rate_thresholds: [12, 16]
		});
		expect(json.referrals).toEqual({
			by_source: star(referrals.by_source),
			by_source_label: star(referrals.by_source_label),
			by_reason: star(referrals.by_reason),
			onward: {
				referrals: '*',
				signposts: '*',
				by_category: star(referrals.onward.by_category),
				by_organisation: star(referrals.onward.by_organisation)
			}
		});
	});

	it('--publication: secondary suppression, and shares and rates that would give a hidden cell back', async () => {
		// 32 people referred on 1 April 2024: 20 by a GP at Practice 1 (list 3,000), 9 by a nurse at
		// Practice 2 and 3 self-referred at Practice 3 (lists 4,000), all in PCN A. IMD decile 1 for
		// 9 people, 2 for 3, 6 for 20. Each small cell (3) is hidden, and so is the next smallest (9).
		const row = (i: number) => {
			const [source, practice] = i < 20 ? ['GP', 1] : i < 29 ? ['Nurse', 2] : ['Self', 3];
			const imd = i < 9 ? 1 : i < 12 ? 2 : 6;
			return `S${i},P${i},2024-04-01,${source},Practice ${practice},PCN A,${imd}\n`;
		};
		const path = await files.write(
			'sources.csv',
			'referral_id,person_id,referral_date,referral_source,practice,pcn,imd_decile\n' +
				Array.from({ length: 32 }, (_, i) => row(i)).join('')
		);
		const list = await files.write(
			'list.csv',
			'practice,pcn,list_size\nPractice 1,PCN A,3000\nPractice 2,PCN A,4000\nPractice 3,PCN A,4000\n'
		);
		const json = await summary('--publication', '--as-of', '2025-03-31', path, list);
		// Rates over 365 days: 1 April 2024 to 31 March 2025.
		const rate = (n: number, list: number) => round((1000 * n) / list / (365 / 365.25), 2);
		expect(json.reach).toMatchObject({
			referrals: 30, // 32 to the nearest 5
			people: 30,
			by_source: { gp: 20, practice_nurse: '*', self: '*' },
			by_practice: { 'Practice 1': 20, 'Practice 2': '*', 'Practice 3': '*' },
			by_month: { '2024-04': 30 },
			by_quarter: { '2024/25 Q1': 30 },
			by_imd_decile: { 1: '*', 2: '*', 6: 20, unknown: 0 },
			// publishShare(12, 32) would show 0.375, and with decile 6 (20) give deciles 1 and 2 back.
			core20_share: '*',
			referral_rate_per_1000: {
				// Practice 2's 9 referrals are not small, but its list size would give them back.
				practices: { 'Practice 1': rate(20, 3000), 'Practice 2': '*', 'Practice 3': '*' },
				// From the published 30, not the true 32.
				pcns: { 'PCN A': rate(30, 11000) }
			},
			// 32 people, one referral each: the same counts, so the same rules hide the same cells.
			people_referred_per_1000: {
				practices: { 'Practice 1': rate(20, 3000), 'Practice 2': '*', 'Practice 3': '*' },
				pcns: { 'PCN A': rate(30, 11000) }
			}
		});
		expect(json.reach.referral_rate_per_1000.practices['Practice 1']).toBe(6.67);
		expect(json.referrals.by_source_label).toEqual({ GP: 20, Nurse: '*', Self: '*' });
	});
});

describe('sp-impact summary outcomes on the shaped exports', () => {
	const all = JSON.parse(readFileSync(join(canonicalDir, 'expected.json'), 'utf8'));
	const exportsDir = join(canonicalDir, '..', 'exports');
	// The generator counts referrals with a baseline and a follow-up score (expected.json
	// score_pairs); the wide columns pair the same way through the import and pairing SQL.
	it.each([
		['casebook_export', 'wemwbs'],
		['spreadsheet_export', 'swemwbs']
	])(
		'%s: %s pairs as expected.json counts them',
		async (name, measure) => {
			const want = all[name];
			const json = await summary(join(exportsDir, want.file.replace('exports/', '')));
			expect(Object.keys(json.outcomes)).toEqual([measure]);
			expect(json.outcomes[measure].pairs).toBe(want.score_pairs);
		},
		60_000
	);
});
