// GP appointments before and after referral (METHODS.md "GP appointments"), with the caveat
// written where the figure stands.
import type { GpChange } from '../stats/gp-change.ts';
import { isSmall } from '../stats/small-numbers.ts';
import { formatCount as fc, formatShare as fs } from '../util/format.ts';
import { publish, publishTotal, share, type FigureContext } from './figure.ts';
import { signed } from '../charts/change-distribution.ts';
import { intervalText } from './outcomes.ts';
import { decimal } from '../util/format.ts';

/** The caveat METHODS.md requires beside any GP appointment figure. */
const gpCaveat =
	'No comparison group. People are often referred at a peak of need, so some fall would happen anyway (regression to the mean). For scale, a 2017 review of UK evaluations found an average 28% fall in GP demand across 7 studies, all at high risk of bias.';

const windowText = (months: number) =>
	`${months} month${months === 1 ? '' : 's'} before and ${months} after referral (the window the export's counts cover: a setting, stated)`;

/** Total appointments before and after, with the change per person. */
export function gpTotalsView(g: GpChange, months: number, ctx: FigureContext) {
	const people = publishTotal(g.people, ctx.publication);
	const hide = ctx.publication && isSmall(g.people);
	const before = publishTotal(g.before, ctx.publication);
	const after = publishTotal(g.after, ctx.publication);
	const pct = g.percentChange === null || hide ? null : g.percentChange;
	const fell = share(g.fell, g.people, ctx.publication);
	const mean = hide || g.people === 0 ? '*' : decimal(g.change.mean, 2);
	const ci = hide ? '*' : intervalText(g.ci95, 2);
	const sentence =
		g.people === 0
			? 'No one in this view has GP appointment counts both before and after referral.'
			: `${fc(people)} people with both counts had ${fc(before)} GP appointments before referral and ${fc(after)} after${pct === null ? '' : ` (${pct <= 0 ? 'down' : 'up'} ${fs(Math.abs(pct))})`}; the mean change per person was ${mean} (95% CI ${ci}), and ${fs(fell)} had fewer appointments.`;
	return {
		title: 'GP appointments before and after referral',
		sentence,
		n: `${fc(people)} people`,
		caveat: `Window: ${windowText(months)}. A person referred more than once counts once, by their earliest referral with both counts. ${g.countsOnly ? 'Fewer than 10 people: no interval. ' : ''}${gpCaveat}`,
		rows: [
			{ when: `${months} months before`, value: before },
			{ when: `${months} months after`, value: after }
		],
		columns: [
			{ key: 'when', label: 'Window' },
			{ key: 'value', label: 'GP appointments', kind: 'count' as const }
		],
		stats: { mean, ci, fell, pct }
	};
}

/** People by their change in appointments (after − before). */
export function gpChangeView(
	g: GpChange,
	counts: { change: number; people: number }[],
	months: number,
	ctx: FigureContext
) {
	const rows = publish(counts, { additive: ['people'] }, ctx.publication);
	const fell = share(g.fell, g.people, ctx.publication);
	const rose = share(g.rose, g.people, ctx.publication);
	const same = share(g.same, g.people, ctx.publication);
	return {
		title: 'Change in GP appointments per person',
		sentence:
			g.people === 0
				? 'No one in this view has both counts.'
				: `${fs(fell)} of people had fewer GP appointments after referral, ${fs(same)} the same number and ${fs(rose)} more.`,
		n: `${fc(publishTotal(g.people, ctx.publication))} people`,
		caveat: `Window: ${windowText(months)}. ${gpCaveat}`,
		// Signed as the other change figures write it, with a true minus sign.
		rows: rows.map((r) => ({ ...r, label: signed(r.change) })),
		columns: [
			{ key: 'label', label: 'Change (after − before)' },
			{ key: 'people', label: 'People', kind: 'count' as const }
		]
	};
}
