// Dates as a UK reader types and reads them, whatever the browser's language: 31/03/2025, and
// months as 03/2025. The browser's own date inputs follow its language (an en-US browser shows
// 03/31/2025), so the app's controls are text inputs that read and write these forms.
import { isIsoDate, ukDate } from '../metrics/periods.ts';

/** What a typed date reads as: an ISO date, null for an empty box, or an error in words. */
export type ParsedDate = { value: string | null } | { error: string };

/**
 * A date typed as dd/mm/yyyy (one-digit day and month, and `-` or `.` between, allowed) or as
 * yyyy-mm-dd; empty is null. Anything else, or a day that does not exist, is an error.
 */
export function parseUkDate(text: string): ParsedDate {
	const t = text.trim();
	if (!t) return { value: null };
	const uk = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
	const iso = uk
		? `${uk[3]}-${uk[2].padStart(2, '0')}-${uk[1].padStart(2, '0')}`
		: /^\d{4}-\d{2}-\d{2}$/.test(t)
			? t
			: null;
	if (!iso) return { error: `“${t}” is not a date: type it as dd/mm/yyyy, such as 31/03/2025.` };
	if (!isIsoDate(iso)) return { error: `${t} is not a day of the calendar.` };
	return { value: iso };
}

/** A month typed as mm/yyyy (or yyyy-mm), as `yyyy-mm`; empty is null. */
export function parseUkMonth(text: string): ParsedDate {
	const t = text.trim();
	if (!t) return { value: null };
	const uk = /^(\d{1,2})[/.-](\d{4})$/.exec(t);
	const iso = uk ? `${uk[2]}-${uk[1].padStart(2, '0')}` : /^\d{4}-\d{2}$/.test(t) ? t : null;
	const month = iso ? Number(iso.slice(5)) : 0;
	if (!iso || month < 1 || month > 12)
		return { error: `“${t}” is not a month: type it as mm/yyyy, such as 04/2024.` };
	return { value: iso };
}

/** An ISO date (yyyy-mm-dd) or month (yyyy-mm) as the UK writes it; '' stays ''. */
export function ukDateText(iso: string | null | undefined): string {
	if (!iso) return '';
	return iso.length === 7 ? `${iso.slice(5)}/${iso.slice(0, 4)}` : ukDate(iso);
}
