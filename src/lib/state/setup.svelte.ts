import { filterKeys, type FilterKey } from '$lib/metrics/filters.ts';
import { financialYearsBetween } from '$lib/metrics/periods.ts';
import { filterOptions, latestDate } from '$lib/metrics/reach.ts';
import { dataset, query } from './dataset.svelte.ts';

/** What every page needs once per load: the filter choices, the data's span and the as-of date. */
class Setup {
	version = $state(-1);
	asOf = $state('');
	firstReferral = $state('');
	years = $state<string[]>([]);
	values = $state<Record<FilterKey, string[]>>(
		Object.fromEntries(filterKeys.map((k) => [k, []])) as unknown as Record<FilterKey, string[]>
	);
	practicesWithListSize = $state(0);
	private pending: Promise<void> | undefined;
	private pendingVersion = -1;

	/** Read the choices for the loaded data (once per load). */
	ensure(): Promise<void> {
		if (this.pendingVersion === dataset.version && this.pending) return this.pending;
		this.pendingVersion = dataset.version;
		this.pending = this.read(dataset.version);
		return this.pending;
	}

	private async read(version: number) {
		const [o] = await query<Record<string, unknown>>(filterOptions());
		const [l] = await query<{ as_of: string }>(latestDate());
		const first = (o.first_referral as string | null) ?? '';
		const last = (o.last_referral as string | null) ?? '';
		this.years = first ? financialYearsBetween(first, last) : [];
		this.values = Object.fromEntries(
			filterKeys.map((k) => [k, ((o[k] as unknown[] | null) ?? []).map(String)])
		) as unknown as Record<FilterKey, string[]>;
		this.firstReferral = first;
		this.practicesWithListSize = Number(o.practices_with_list_size ?? 0);
		this.asOf = l?.as_of ?? last;
		this.version = version;
	}
}

/** The loaded data's filter choices and as-of date. */
export const setup = new Setup();
