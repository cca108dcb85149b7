import { goto } from '$app/navigation';
import { page } from '$app/state';
import type { Filters } from '$lib/metrics/filters.ts';
import {
	asOfIn,
	filtersFromParams,
	settingsParams,
	publicationIn,
	withPublication,
	filtersToParams
} from '$lib/state/url.ts';

/** The filters of the current view, read from the URL (the URL is the single source). */
export function currentFilters(): Filters {
	return filtersFromParams(page.url.searchParams);
}

/** Pages where publication mode is on unless turned off: the printable report. */
const publicationByDefault = () => page.url.pathname === '/report';

/** Is publication mode on? It is in the URL too (`publication=1`), so it survives a reload. */
export function publicationOn(): boolean {
	return publicationIn(page.url.search, publicationByDefault());
}

/** The as-of date the view asks for, if any (otherwise the latest date in the data). */
export function asOfSetting(): string | undefined {
	return asOfIn(page.url.searchParams);
}

/**
 * The query string of a view: its filters, publication mode and settings (the as-of date and
 * page settings, kept as they are so a filter change does not reset them).
 */
export function viewSearch(
	filters: Filters = currentFilters(),
	publication = publicationOn(),
	settings = settingsParams(page.url.searchParams)
) {
	const params = filtersToParams(filters);
	if (publication) params.set('publication', '1');
	// Off where the page's default is on: said outright, so it stays off.
	else if (publicationByDefault()) params.set('publication', '0');
	for (const [k, v] of settings) params.append(k, v);
	const text = params.toString();
	return text ? `?${text}` : '';
}

/** Change settings of the view (null removes one), keeping its filters. */
export function setViewSettings(changes: Record<string, string | null>) {
	const settings = settingsParams(page.url.searchParams);
	for (const [k, v] of Object.entries(changes)) {
		if (v === null || v === '') settings.delete(k);
		else settings.set(k, v);
	}
	return go(viewSearch(currentFilters(), publicationOn(), settings));
}

function go(search: string) {
	return goto(`${page.url.pathname}${search}`, { keepFocus: true, noScroll: true });
}

/** Change the filters: the URL changes, so the view can be bookmarked and shared. */
export function setFilters(filters: Filters) {
	return go(viewSearch(filters));
}

/** Turn publication mode on or off, keeping the other parameters (the load page's `next`). */
export function setPublication(on: boolean) {
	return go(withPublication(page.url.search, on, publicationByDefault()));
}
