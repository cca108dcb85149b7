// What a browser tab can load, and what the user is told past it. duckdb-wasm is 32-bit: its
// memory stops at 4 GiB, and DuckDB's own limit there is 3.1 GiB, with no disk to spill to.
// Measured in Chromium on 2 December 2026 (README, "Performance"), generated referrals exports:
// 2M referrals (407 MB) load with 2.9 GiB of wasm memory; 2.5M (510 MB) ran out of memory after
// 2 minutes, and 5M (1,026 MB) after 2½.

/**
 * The most CSV a tab is asked to load at once (bytes, all files together): past it a file is
 * refused before a byte is read, rather than failing minutes later. Below it, a file that still
 * does not fit is stopped by the engine's out-of-memory error, said in the same words.
 */
export const tabMaxBytes = 450e6;

const fewer =
	'Load fewer years at a time (export one financial year, say), or use the command-line tool ' +
	'sp-impact, which runs the same figures on files of any size (see the README).';

const size = (bytes: number) => `${Math.round(bytes / 1e6).toLocaleString('en-GB')} MB`;

/** Why a file is too large to try in this tab (with the files already chosen), or null. */
export function tooLargeForTab(name: string, bytes: number, chosenBytes: number): string | null {
	if (bytes + chosenBytes <= tabMaxBytes) return null;
	const together = chosenBytes > 0 ? ` with the ${size(chosenBytes)} already chosen` : '';
	return `${name}: is ${size(bytes)}${together}, more than a browser tab can load (about ${size(tabMaxBytes)} of exports at once). Nothing was read. ${fewer}`;
}

/** What the user is told when the engine ran out of memory while reading or loading `names`. */
export function outOfMemoryMessage(names: string[], loadedBefore: boolean): string {
	const files = names.join(', ');
	const kept = loadedBefore ? 'The data loaded before is unchanged' : 'Nothing was loaded';
	return `${files}: too large for this browser tab, which ran out of memory (a tab can use about 3 GB). ${kept}, and the files were taken off the list to free the memory. ${fewer}`;
}
