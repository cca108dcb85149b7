import { ageBands } from '../contract/tables.ts';
import type { PeopleProfileRow } from '../metrics/reach.ts';
import { formatCount as fc, formatShare as fs } from '../util/format.ts';
import {
	type FigureContext,
	type FigureView,
	groupLabel,
	notRecorded,
	publish,
	publishTotal,
	share,
	valueLabel
} from './figure.ts';

// Who we reach: people (each once, by their latest recorded values) by deprivation, ethnicity,
// age and sex.

/** A row of the people profile (metrics/reach.ts peopleProfile). */
export type ProfileRow = PeopleProfileRow;

/** People summed over the profile by some of its attributes: `["sex"]` gives people by sex. */
export function rollup<K extends keyof Omit<ProfileRow, 'people'>>(rows: ProfileRow[], keys: K[]) {
	const sums = new Map<string, Pick<ProfileRow, K> & { people: number }>();
	for (const row of rows) {
		const id = keys.map((k) => row[k]).join('\u0000');
		const sum = sums.get(id) ?? {
			...(Object.fromEntries(keys.map((k) => [k, row[k]])) as Pick<ProfileRow, K>),
			people: 0
		};
		sum.people += row.people;
		sums.set(id, sum);
	}
	return [...sums.values()];
}

type KeyPeople = { key: string; people: number };

/** People by IMD decile, with the Core20 share (deciles 1–2) against the 20% of an even spread. */
export function imdView(rows: KeyPeople[], ctx: FigureContext) {
	const order = (k: string) => (k === 'unknown' ? 99 : Number(k));
	const sorted = [...rows].sort((a, b) => order(a.key) - order(b.key));
	const known = sorted.filter((r) => r.key !== 'unknown').reduce((a, r) => a + r.people, 0);
	const core20 = sorted
		.filter((r) => r.key === '1' || r.key === '2')
		.reduce((a, r) => a + r.people, 0);
	const total = sorted.reduce((a, r) => a + r.people, 0);
	const shown = publish(
		sorted.map((r) => ({
			decile: r.key,
			label:
				r.key === 'unknown'
					? notRecorded
					: r.key === '1'
						? '1 (most deprived)'
						: r.key === '10'
							? '10 (least deprived)'
							: r.key,
			people: r.people,
			share: 0
		})),
		{ additive: ['people'], shares: [{ key: 'share', numerator: 'people', denominator: known }] },
		ctx.publication
	).map((r) => ({ ...r, share: r.decile === 'unknown' ? null : r.share }));
	// A share whose decile 1 or 2 is hidden would give it back (with the known total and the
	// other decile), so it is hidden with them.
	const coreHidden = shown.some((r) => (r.decile === '1' || r.decile === '2') && r.people === null);
	const core = coreHidden ? null : share(core20, known, ctx.publication);
	return {
		core20: core,
		view: {
			title: 'People by IMD decile',
			sentence: known
				? `${fs(core)} of people referred with a recorded decile live in the most deprived fifth of areas (Core20, deciles 1–2), against 20% for an even spread.`
				: 'No IMD deciles are recorded for these referrals.',
			n: `${fc(publishTotal(total, ctx.publication))} people (${fc(publishTotal(known, ctx.publication))} with a decile)`,
			caveat:
				'Each person once, by the decile on their latest referral in the period that records one. Decile 1 is the most deprived tenth of areas in England.',
			rows: shown,
			columns: [
				{ key: 'label', label: 'IMD decile' },
				{ key: 'people', label: 'People', kind: 'count' },
				{ key: 'share', label: 'Share of known', kind: 'share' }
			]
		} satisfies FigureView
	};
}

/** People by ethnicity group. */
export function ethnicityView(rows: KeyPeople[], ctx: FigureContext) {
	const known = rows
		.filter((r) => r.key !== 'unknown' && r.key !== 'not_stated')
		.reduce((a, r) => a + r.people, 0);
	const total = rows.reduce((a, r) => a + r.people, 0);
	const sorted = [...rows].sort((a, b) => b.people - a.people);
	const shown = publish(
		sorted.map((r) => ({ ...r, label: groupLabel('ethnicity', r.key), share: 0 })),
		{ additive: ['people'], shares: [{ key: 'share', numerator: 'people', denominator: total }] },
		ctx.publication
	);
	const top = shown[0];
	return {
		title: 'People by ethnicity',
		sentence: top
			? `${top.label}: ${fs(top.share)} of people referred; ${fc(publishTotal(total - known, ctx.publication))} not stated or not recorded.`
			: 'No referrals in this period.',
		n: `${fc(publishTotal(total, ctx.publication))} people`,
		caveat:
			'Each person once, by the ethnicity on their latest referral in the period that records one; grouped from NHS ethnic category codes.',
		rows: shown,
		columns: [
			{ key: 'label', label: 'Ethnicity' },
			{ key: 'people', label: 'People', kind: 'count' },
			{ key: 'share', label: 'Share', kind: 'share' }
		]
	} satisfies FigureView;
}

type AgeSexRow = { age_band: string; sex: string; people: number };

/** People by age band and sex, for the pyramid. */
export function pyramidView(rows: AgeSexRow[], ctx: FigureContext) {
	const order = (a: string) =>
		(ageBands as readonly string[]).indexOf(a) + (a === 'unknown' ? 100 : 0);
	const sorted = [...rows].sort(
		(a, b) => order(a.age_band) - order(b.age_band) || a.sex.localeCompare(b.sex)
	);
	const shown = publish(
		sorted.map((r) => ({
			...r,
			label: valueLabel(r.age_band),
			sex_label: groupLabel('sex', r.sex)
		})),
		{ additive: ['people'] },
		ctx.publication
	);
	const total = rows.reduce((a, r) => a + r.people, 0);
	const sum = (f: (r: AgeSexRow) => boolean) => rows.filter(f).reduce((a, r) => a + r.people, 0);
	const female = sum((r) => r.sex === 'female');
	const drawn = sum((r) => (r.sex === 'female' || r.sex === 'male') && r.age_band !== 'unknown');
	const bands = new Map<string, number>();
	for (const r of rows)
		if (r.age_band !== 'unknown') bands.set(r.age_band, (bands.get(r.age_band) ?? 0) + r.people);
	const [topBand] = [...bands].sort((a, b) => b[1] - a[1]);
	return {
		title: 'People by age and sex',
		sentence: total
			? `${fs(share(female, total, ctx.publication))} of people referred were female${topBand ? `; the largest age band was ${topBand[0]}` : ''}.`
			: 'No referrals in this period.',
		n: `${fc(publishTotal(total, ctx.publication))} people`,
		caveat: `The chart shows female and male people with a recorded age band (${fc(publishTotal(drawn, ctx.publication))}); the table has everyone. Each person once, by their latest recorded values.`,
		rows: shown,
		columns: [
			{ key: 'label', label: 'Age band' },
			{ key: 'sex_label', label: 'Sex' },
			{ key: 'people', label: 'People', kind: 'count' }
		]
	} satisfies FigureView;
}

const attributeNames = {
	age_band: ['Age band', 'People by age band'],
	sex: ['Sex', 'People by sex']
} as const;

/** People by age band or by sex alone (latest recorded value per person), in key order. */
export function peopleByView(
	attribute: keyof typeof attributeNames,
	rows: KeyPeople[],
	ctx: FigureContext
) {
	const [name, title] = attributeNames[attribute];
	// Key order, as the SQL sorts text (code units), so ties in secondary suppression fall alike.
	const sorted = [...rows].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
	const total = rows.reduce((a, r) => a + r.people, 0);
	const shown = publish(
		sorted.map((r) => ({
			...r,
			label:
				attribute === 'sex' ? groupLabel('sex', r.key) : r.key === 'unknown' ? notRecorded : r.key,
			share: 0
		})),
		{ additive: ['people'], shares: [{ key: 'share', numerator: 'people', denominator: total }] },
		ctx.publication
	);
	const top = [...shown].sort((a, b) => (b.people ?? -1) - (a.people ?? -1))[0];
	return {
		title,
		sentence: top
			? `${top.label}: ${fc(top.people)} people (${fs(top.share)}), the most of any ${name.toLowerCase()}.`
			: 'No referrals in this period.',
		n: `${fc(publishTotal(total, ctx.publication))} people`,
		caveat:
			'Each person once, by the value on their latest referral in the period that records one.',
		rows: shown,
		columns: [
			{ key: 'label', label: name },
			{ key: 'people', label: 'People', kind: 'count' },
			{ key: 'share', label: 'Share', kind: 'share' }
		]
	} satisfies FigureView;
}
