// Queries many figures share: the frame and the figures ask for them alike, so each runs once.
import { headline } from '../../metrics/reach.ts';
import type { FigureInput } from './types.ts';

/**
 * The headline of the view: referrals, people, open cases and the funnel's steps, in one pass
 * over the referrals. The headline cards, the totals shares are taken of and the funnel read it.
 */
export function headQuery({ filters, setup }: Pick<FigureInput, 'filters' | 'setup'>) {
	return headline(filters, setup.asOf, { funnel: true });
}
