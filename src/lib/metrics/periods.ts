/** A date range, inclusive, as ISO dates. */
export interface DateRange {
	from: string;
	to: string;
}

const iso = (y: number, m: number, d: number) =>
	`${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** The financial year (April to March) a date falls in, as `2024/25`. */
export function financialYear(date: string): string {
	const [y, m] = date.split('-').map(Number);
	const start = m >= 4 ? y : y - 1;
	return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
}

/** The financial quarter a date falls in, as `2024/25 Q1` (Q1 = April to June). */
export function financialQuarter(date: string): string {
	const m = Number(date.split('-')[1]);
	return `${financialYear(date)} Q${Math.floor(((m + 8) % 12) / 3) + 1}`;
}

/** The dates of a financial year label such as `2024/25`, or undefined when it is not one. */
export function financialYearRange(label: string): DateRange | undefined {
	const match = /^(\d{4})\/(\d{2})$/.exec(label);
	if (!match) return undefined;
	const start = Number(match[1]);
	if ((start + 1) % 100 !== Number(match[2])) return undefined;
	return { from: iso(start, 4, 1), to: iso(start + 1, 3, 31) };
}

/** The dates of a financial quarter label such as `2024/25 Q3`, or undefined. */
export function financialQuarterRange(label: string): DateRange | undefined {
	const match = /^(\d{4}\/\d{2}) Q([1-4])$/.exec(label);
	if (!match) return undefined;
	const year = financialYearRange(match[1]);
	if (!year) return undefined;
	const start = Number(year.from.slice(0, 4));
	const q = Number(match[2]);
	const month = (((q - 1) * 3 + 3) % 12) + 1; // Q1 → 4, Q2 → 7, Q3 → 10, Q4 → 1
	const y = q === 4 ? start + 1 : start;
	const end = new Date(Date.UTC(y, month - 1 + 3, 0)).getUTCDate();
	return { from: iso(y, month, 1), to: iso(y, month + 2, end) };
}

/** Financial years from the one containing `first` to the one containing `last`, oldest first. */
export function financialYearsBetween(first: string, last: string): string[] {
	const years: string[] = [];
	let start = Number(financialYear(first).slice(0, 4));
	const end = Number(financialYear(last).slice(0, 4));
	for (; start <= end; start++)
		years.push(`${start}/${String((start + 1) % 100).padStart(2, '0')}`);
	return years;
}

/** Whether a string is a real calendar date in ISO form. */
export function isIsoDate(text: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
	const d = new Date(`${text}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/** A date as the UK writes it: 31/03/2025. */
export function ukDate(date: string): string {
	const [y, m, d] = date.split('-');
	return `${d}/${m}/${y}`;
}

const dayMs = 86_400_000;
const addDays = (date: string, days: number) =>
	new Date(Date.parse(`${date}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);

/** Days from one ISO date to another, both counted: 2024-04-01 to 2024-04-30 is 30. */
export function daysBetween(from: string, to: string): number {
	return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs) + 1;
}

/** The year or quarter before a financial year or quarter label: `2024/25 Q1` → `2023/24 Q4`. */
export function previousLabel(label: string): string | undefined {
	const range = financialQuarterRange(label) ?? financialYearRange(label);
	if (!range) return undefined;
	const before = addDays(range.from, -1);
	return financialQuarterRange(label) ? financialQuarter(before) : financialYear(before);
}

/** The range of the same length that ends the day before `range` starts. */
export function previousRange(range: DateRange): DateRange {
	const to = addDays(range.from, -1);
	return { from: addDays(to, -(daysBetween(range.from, range.to) - 1)), to };
}
