import type { Db } from '../db/types.ts';
import { gpTotalsFigure, outcomeSummaryFigure } from '../figures/catalogue/outcomes.ts';
import { viewOf } from '../figures/catalogue/run.ts';
import type { ViewSettings } from '../figures/catalogue/settings.ts';
import { gpKeys } from '../figures/outcome-keys.ts';
import type { Presenter } from '../figures/presenter.ts';
import type { Filters } from '../metrics/filters.ts';
import { gpChange } from '../stats/gp-change.ts';
import { cliViews } from './figures.ts';

/** Settings the outcome figures state: thresholds per measure and the GP window. */
export interface OutcomeSettings {
	/** Meaningful change in points, by measure key, where the user changed the default. */
	meaningfulChange?: Record<string, number>;
	/** Months each side of referral the GP appointment counts cover (default 6). */
	gpWindowMonths?: number;
}

/** The CLI's outcome options as the figures' view settings. */
export function viewSettings(settings: OutcomeSettings = {}): Partial<ViewSettings> {
	return { thresholds: settings.meaningfulChange ?? {}, gpMonths: settings.gpWindowMonths ?? 6 };
}

/** The `outcomes` section of the summary: paired statistics per measure present in the data. */
export async function outcomesSummary(
	db: Db,
	filters: Filters,
	asOf: string,
	p: Presenter,
	settings: OutcomeSettings = {}
) {
	const { views } = await cliViews(
		db,
		[outcomeSummaryFigure.id],
		filters,
		asOf,
		p,
		viewSettings(settings)
	);
	return viewOf(views, outcomeSummaryFigure)?.keys ?? {};
}

/** The `gp_appointments` section: people with both counts, before and after referral. */
export async function gpSummary(
	db: Db,
	filters: Filters,
	asOf: string,
	p: Presenter,
	settings: OutcomeSettings = {}
) {
	const totals = gpTotalsFigure;
	const { views, input } = await cliViews(
		db,
		[totals.id],
		filters,
		asOf,
		p,
		viewSettings(settings)
	);
	// With no one counted the figure is not drawn; the summary still prints its zeros.
	return viewOf(views, totals)?.keys ?? gpKeys(gpChange([]), input.settings.gpMonths, p);
}
