// The report's "Methods and caveats", for a lay reader: how the figures were worked out, in the
// settings of this report, and where each method comes from (METHODS.md names the sources).
import type { ViewSettings } from '../figures/catalogue/settings.ts';

/** One paragraph: a short heading and its text. */
export interface MethodNote {
	heading: string;
	text: string;
}

/**
 * The methods notes of a report: pairing and follow-up, Kaplan–Meier, the meaningful changes in
 * use (measure → rule text, as the Outcomes table states them), funnel and run chart rules,
 * suppression, and what no comparison group means.
 */
export function methodNotes(
	settings: ViewSettings,
	options: { publication: boolean; meaningful: { measure: string; rule: string }[] }
): MethodNote[] {
	const rules =
		settings.rules === 'mdc'
			? "NHS England's Making Data Count Excel tool (2023): no screening of large moving ranges, limits and icons from 13 points"
			: 'NHSRplotthedots 0.2.2, the NHS-R Community package: large moving ranges screened out, limits from 12 points';
	const thresholds = options.meaningful.length
		? options.meaningful.map((m) => `${m.measure}: ${m.rule}`).join('; ')
		: 'no outcome measure is in this report';
	return [
		{
			heading: 'The same people before and after',
			text: 'Each outcome figure compares the same referrals at two points: their first score (the baseline) and their latest later score (the follow-up). The averages of different groups of people are never compared. A referral that had a baseline and has been discharged was due a follow-up; the follow-up rate is the share of those that had one. Those followed up may differ from those who were not, so the report gives both groups’ starting scores side by side.'
		},
		{
			heading: 'How much change counts',
			text: `A person "improved meaningfully" when their score moved in the better direction by at least the measure's meaningful change, set from the measure's published guidance. In this report: ${thresholds}. Intervals are 95% confidence intervals (t intervals for mean changes, Wilson intervals for shares); with fewer than 10 pairs only counts are shown.`
		},
		{
			heading: 'Time to first contact and to discharge',
			text: 'Waits are estimated with the Kaplan–Meier method, which counts cases that are still open (censored at the as-of date) rather than dropping them, so long waits are not hidden. Medians and quartiles carry 95% confidence intervals; the results match R’s survival package on the same data.'
		},
		{
			heading: 'Fair comparisons',
			text: `Funnel plots draw each unit against its number of cases, with limits that show how much variation chance alone gives (95% and 99.8%, Public Health England's method${settings.overdispersion ? ', widened for overdispersion as FunnelPlotR does' : ''}). Only a unit beyond the 99.8% limits is named. Run charts (statistical process control) follow ${rules}. Units are never ranked: small units vary most by chance.`
		},
		{
			heading: 'Small numbers',
			text: options.publication
				? 'This report is in publication mode: counts from 1 to 7 are shown as *, other counts are rounded to the nearest 5, a percentage or mean of fewer than 8 is not shown, and where a hidden count could be worked out from a total, the next smallest is hidden too. Percentages are worked out from the true counts.'
				: 'This report is not in publication mode: it shows exact counts, including small ones. Turn publication mode on before sharing it outside the organisation.'
		},
		{
			heading: 'What the figures cannot show',
			text: 'There is no comparison group: some of the change would have happened anyway. People are often referred at a low point, so some improvement, and some fall in GP appointments, is expected from that alone (regression to the mean). The figures describe what happened to the people referred; they do not prove that social prescribing caused it.'
		},
		{
			heading: 'Sources',
			text: 'Outcome measures and meaningful changes: Warwick Medical School (WEMWBS, SWEMWBS), the Office for National Statistics (ONS4) and the measures’ own publishers. Funnel limits: Public Health England / OHID Fingertips (PHEindicatormethods); overdispersion: FunnelPlotR 0.6.0. Run charts: NHS England “Making Data Count” and NHSRplotthedots. Kaplan–Meier: R survival. GP appointments: a 2017 review of UK evaluations by Polley and colleagues. Full definitions are in the dashboard’s METHODS.md.'
		}
	];
}
