// The settings of a view besides its filters, as the figures read them. The pages keep them in
// the URL (state/url.ts reads them); the command-line tool takes them as options.
import type { Split } from '../../metrics/journeys.ts';
import type { CompareBy } from '../../metrics/compare.ts';
import type { Improvement } from '../../stats/spc.ts';
import { iifThresholds } from '../../metrics/rates.ts';

/** Settings the figures state and the user can change. */
export interface ViewSettings {
	/** How time to discharge is split (`split=service|pcn`). */
	split: Split;
	/** The outcome measure the detail figures show (`measure=wemwbs`); null: the first with pairs. */
	measure: string | null;
	/** Meaningful change in points by measure key, where the user changed the default (`change_wemwbs=4`). */
	thresholds: Record<string, number>;
	/** Months each side of referral the GP appointment counts cover (`gp_months`, default 6). */
	gpMonths: number;
	/** The referral source group whose labels are shown (`source=gp`); null: none chosen. */
	source: string | null;
	/** What the Compare page puts side by side (`by=pcn`). */
	by: CompareBy;
	/** Funnel limits adjusted for overdispersion (`overdispersion=1`). */
	overdispersion: boolean;
	/** The run charts' rule set: NHSRplotthedots (`ptd`, default) or Making Data Count's Excel tool (`rules=mdc`). */
	rules: 'ptd' | 'mdc';
	/** A run chart's target, by its key (`target_referrals=40`). */
	targets: Record<string, number>;
	/** A run chart's improvement direction where the user changed it (`improve_referrals=increase`). */
	improvement: Record<string, Improvement>;
	/** The month a run chart starts a new mean and limits, by its key (`rebase_referrals=2024-04`). */
	rebase: Record<string, string>;
	/** Reference lines of the people-referred rates, per 1,000 a year (`rate_thresholds=12,16`). */
	rateThresholds: number[];
}

/** The default settings: no split, the first measure, METHODS.md's thresholds, 6 months, IIF 12 and 16. */
export const defaultSettings: ViewSettings = {
	split: 'none',
	measure: null,
	thresholds: {},
	gpMonths: 6,
	source: null,
	by: 'service',
	overdispersion: false,
	rules: 'ptd',
	targets: {},
	improvement: {},
	rebase: {},
	rateThresholds: iifThresholds
};
