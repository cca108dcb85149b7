// Numbers as the dashboard writes them, in one place: the UK's separators, published values
// (null: suppressed) as `*`, and rounding for printed JSON. The pages, charts, report, CLI and
// notebooks all read numbers through these.

const countFormat = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const shareFormat = new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 0 });

// A number format is costly to make (toLocaleString makes one per call, ~20 µs): each kind is
// made once and kept, and formats exactly as toLocaleString('en-GB', options) would.
const formats = new Map<string, Intl.NumberFormat>();
function formatter(key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
	let f = formats.get(key);
	if (!f) formats.set(key, (f = new Intl.NumberFormat('en-GB', options)));
	return f;
}

/** `x` rounded to `places` decimals, as printed in JSON (2 for rates, 4 for shares). */
export function round(x: number, places: number): number {
	return Math.round(x * 10 ** places) / 10 ** places;
}

/** A number as the UK writes it, to at most `places` decimals: "6,038", "60.5". */
export function formatNumber(x: number, places = 0): string {
	return formatter(`upTo${places}`, { maximumFractionDigits: places }).format(x);
}

/** A number to exactly `places` decimals, as the UK writes it: "3.0", "-1.24". */
export function decimal(x: number, places = 1): string {
	const options = { minimumFractionDigits: places, maximumFractionDigits: places };
	return formatter(`exactly${places}`, options).format(x);
}

/** A published count for reading: '*' when suppressed, else with thousands separators ('1,235'). */
export function formatCount(v: number | null | undefined): string {
	return v == null ? '*' : countFormat.format(v);
}

/** A published share for reading: '*' when suppressed, else a whole percentage like '64%'. */
export function formatShare(v: number | null | undefined): string {
	return v == null ? '*' : shareFormat.format(v);
}

/** A published rate for reading: '*' when suppressed, else to one decimal place ('12.0'). */
export function formatRate(v: number | null | undefined): string {
	return v == null ? '*' : decimal(v, 1);
}

/** A file's size in words: KB under a megabyte (at least 1 KB), else MB to one decimal. */
export function formatBytes(bytes: number): string {
	return bytes < 1e6
		? `${Math.max(1, Math.round(bytes / 1e3))} KB`
		: `${(bytes / 1e6).toFixed(1)} MB`;
}
