import type { Db } from '../db/types.ts';
import {
	contactsFigure,
	dischargeFigure,
	firstContactFigure,
	reReferralsFigure,
	workersFigure
} from '../figures/catalogue/journeys.ts';
import { viewOf } from '../figures/catalogue/run.ts';
import type { FigureView } from '../figures/figure.ts';
import type { Presenter } from '../figures/presenter.ts';
import type { Filters } from '../metrics/filters.ts';
import { cliViews, keyedCells } from './figures.ts';

/**
 * The journeys keys of the summary (top level, as issue 5 names them): time to discharge and to
 * first contact, contacts, discharge reasons, re-referrals and open cases per link worker, read
 * from the Journeys page's figures.
 */
export async function journeysSummary(db: Db, filters: Filters, asOf: string, p: Presenter) {
	const figures = [
		firstContactFigure,
		dischargeFigure,
		contactsFigure,
		reReferralsFigure,
		workersFigure
	];
	const { views } = await cliViews(
		db,
		[...figures.map((f) => f.id), 'discharge-reasons'],
		filters,
		asOf,
		p
	);
	// Their queries are aggregates of one row, so these figures always have a view.
	const keys = <K>(figure: {
		id: string;
		view: (...args: never[]) => (FigureView & { keys: K }) | null;
	}) => {
		const view = viewOf(views, figure);
		if (!view) throw new Error(`figure ${figure.id} has no view`);
		return view.keys;
	};
	return {
		time_to_discharge: keys(dischargeFigure),
		time_to_first_contact: keys(firstContactFigure),
		contacts: keys(contactsFigure),
		discharge_reasons: keyedCells(views['discharge-reasons'], 'key', 'episodes'),
		re_referrals: keys(reReferralsFigure),
		caseload: viewOf(views, workersFigure)?.keys ?? {}
	};
}
