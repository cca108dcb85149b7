import { goto } from '$app/navigation';
import { page } from '$app/state';
import {
	filtersFromParams,
	publicationIn,
	withPublication,
	filtersToParams,
	type FilterKey,
	type Filters
} from '$lib/metrics/filters.ts';

/** The filters of the current view, read from the URL (the URL is the single source). */
export function currentFilters(): Filters {
	return filtersFromParams(page.url.searchParams);
}

/** Is publication mode on? It is in the URL too (`publication=1`), so it survives a reload. */
export function publicationOn(): boolean {
	return publicationIn(page.url.search);
}

/** The query string of a view: its filters and publication mode. */
export function viewSearch(filters: Filters = currentFilters(), publication = publicationOn()) {
	const params = filtersToParams(filters);
	if (publication) params.set('publication', '1');
	const text = params.toString();
	return text ? `?${text}` : '';
}

function go(search: string) {
	return goto(`${page.url.pathname}${search}`, { keepFocus: true, noScroll: true });
}

/** Change the filters: the URL changes, so the view can be bookmarked and shared. */
export function setFilters(filters: Filters) {
	return go(viewSearch(filters));
}

/** Add a value to a filter, or take it off when it is already there (a click on a bar). */
export function toggleFilter(key: FilterKey, value: string) {
	const filters = currentFilters();
	const values = filters[key];
	filters[key] = values.includes(value) ? values.filter((v) => v !== value) : [...values, value];
	return setFilters(filters);
}

/** Turn publication mode on or off, keeping the other parameters (the load page's `next`). */
export function setPublication(on: boolean) {
	return go(withPublication(page.url.search, on));
}
