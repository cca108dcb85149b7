/** Dates are whole days since 1970-01-01 (UTC), so arithmetic stays exact. */
export type Day = number;

const MS_PER_DAY = 86_400_000;

/** The day number of a calendar date. */
export function dayOf(year: number, month: number, day: number): Day {
	return Math.round(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

/** Year, month and day of a day number. */
export function partsOf(day: Day): { year: number; month: number; day: number } {
	const d = new Date(day * MS_PER_DAY);
	return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

const pad2 = (n: number) => (n < 10 ? '0' : '') + n;

/** ISO date, yyyy-mm-dd. */
export function isoDate(day: Day): string {
	const p = partsOf(day);
	return `${p.year}-${pad2(p.month)}-${pad2(p.day)}`;
}

/** UK date, dd/mm/yyyy, with an optional time of day in minutes. */
export function ukDate(day: Day, minutes?: number): string {
	const p = partsOf(day);
	const date = `${pad2(p.day)}/${pad2(p.month)}/${p.year}`;
	if (minutes === undefined) return date;
	return `${date} ${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
}

/** A JavaScript Date at UTC midnight, as spreadsheet writers expect. */
export function utcDate(day: Day): Date {
	return new Date(day * MS_PER_DAY);
}

/** The financial year label of a day, e.g. "2024/25" (1 April to 31 March). */
export function financialYear(day: Day): string {
	const p = partsOf(day);
	const start = p.month >= 4 ? p.year : p.year - 1;
	return `${start}/${pad2((start + 1) % 100)}`;
}

/** Whole years between a birth day and a later day. */
export function ageOn(birth: Day, on: Day): number {
	const b = partsOf(birth);
	const o = partsOf(on);
	const hadBirthday = o.month > b.month || (o.month === b.month && o.day >= b.day);
	return o.year - b.year - (hadBirthday ? 0 : 1);
}

/** Memoises isoDate over a range, for the large streamed file. */
export function isoDateCache(first: Day, last: Day): (day: Day) => string {
	const cache: string[] = [];
	for (let d = first; d <= last; d++) cache.push(isoDate(d));
	return (day) => (day >= first && day <= last ? cache[day - first] : isoDate(day));
}
