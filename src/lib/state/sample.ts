import referralsUrl from '../../../data-samples/canonical/synthetic-referrals.csv?url';
import outcomesUrl from '../../../data-samples/canonical/synthetic-outcomes.csv?url';
import onwardUrl from '../../../data-samples/canonical/synthetic-onward-referrals.csv?url';
import practicesUrl from '../../../data-samples/canonical/synthetic-practices.csv?url';
import { fromBrowserFile, type InputFile } from '$lib/ingest/input.ts';

const files = [
	['synthetic-referrals.csv', referralsUrl],
	['synthetic-outcomes.csv', outcomesUrl],
	['synthetic-onward-referrals.csv', onwardUrl],
	['synthetic-practices.csv', practicesUrl]
] as const;

/** The synthetic sample, served by the app itself, as files the user could have dropped. */
export async function sampleInputs(): Promise<InputFile[]> {
	return Promise.all(
		files.map(async ([name, url]) => {
			const response = await fetch(url);
			if (!response.ok) throw new Error(`could not fetch the sample ${name}: ${response.status}`);
			const blob = await response.blob();
			return fromBrowserFile(new File([blob], name, { type: 'text/csv' }));
		})
	);
}
