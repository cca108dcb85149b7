import { filterKeys, type FilterKey } from '$lib/metrics/filters.ts';
import { financialYearsBetween } from '$lib/metrics/periods.ts';
import { filterOptions, latestDate } from '$lib/metrics/reach.ts';
import { dataset, query } from './dataset.svelte.ts';

// Each filter dimension's values, from a function of its key.
function valuesOf(f: (key: FilterKey) => string[]): Record<FilterKey, string[]> {
	const out: Partial<Record<FilterKey, string[]>> = {};
	for (const k of filterKeys) out[k] = f(k);
	return out as Record<FilterKey, string[]>;
}

/** What every page needs once per load: the filter choices, the data's span and the as-of date. */
class Setup {
	version = $state(-1);
	asOf = $state('');
	firstReferral = $state('');
	years = $state<string[]>([]);
	values = $state<Record<FilterKey, string[]>>(valuesOf(() => []));
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
		const [o] = await query(filterOptions());
		const [l] = await query(latestDate());
		const first = o.first_referral ?? '';
		const last = o.last_referral ?? '';
		this.years = first ? financialYearsBetween(first, last) : [];
		this.values = valuesOf((k) => (o[k] ?? []).map(String));
		this.firstReferral = first;
		this.practicesWithListSize = o.practices_with_list_size;
		this.asOf = l?.as_of ?? last;
		this.version = version;
	}
}

/** The loaded data's filter choices and as-of date. */
export const setup = new Setup();
