/** Format days since 1970-01-01 as YYYY-MM-DD. */
export function formatEpochDay(days: number): string {
	return new Date(days * 86_400_000).toISOString().slice(0, 10);
}

/** Format milliseconds since the epoch as `YYYY-MM-DD HH:MM:SS` (plain TIMESTAMP, no zone). */
export function formatEpochMs(ms: number): string {
	return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** BIGINT and HUGEINT become numbers before they reach JSON or charts. */
export function toNumber(value: bigint | number): number {
	return typeof value === 'bigint' ? Number(value) : value;
}
