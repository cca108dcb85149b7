import { goto } from '$app/navigation';
import { page } from '$app/state';
import { filtersFromParams, filtersToParams, type Filters } from '$lib/metrics/filters.ts';

/** The filters of the current view, read from the URL (the URL is the single source). */
export function currentFilters(): Filters {
	return filtersFromParams(page.url.searchParams);
}

/** Change the filters: the URL changes, so the view can be bookmarked and shared. */
export function setFilters(filters: Filters) {
	const params = filtersToParams(filters).toString();
	return goto(`${page.url.pathname}${params ? `?${params}` : ''}`, {
		keepFocus: true,
		noScroll: true
	});
}
