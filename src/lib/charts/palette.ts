/**
 * One accessible categorical palette (NHS identity blues first, then colours distinguishable
 * under the common colour-vision deficiencies), used on every page.
 */
export const palette = [
	'#005eb8',
	'#ed8b00',
	'#009639',
	'#7c2855',
	'#41b6e6',
	'#8a1538',
	'#ffb81c',
	'#330072',
	'#00a499',
	'#768692'
];

/** The NHS blue for single-series charts. */
export const primary = '#005eb8';

/** A stable colour for a category: the same label gets the same colour on every page. */
export function colourFor(label: string, labels: string[]): string {
	const index = indexOf(labels).get(label) ?? 0;
	return palette[index % palette.length];
}

// Each label's place among the sorted labels, worked out once per list (a chart asks per bar).
const indexes = new WeakMap<string[], Map<string, number>>();
function indexOf(labels: string[]): Map<string, number> {
	let index = indexes.get(labels);
	if (!index) {
		index = new Map([...new Set(labels)].sort().map((l, i) => [l, i]));
		indexes.set(labels, index);
	}
	return index;
}
