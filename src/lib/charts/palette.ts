/**
 * One accessible categorical palette, used on every page: NHS identity colours, each with at
 * least 3:1 contrast on white (WCAG 1.4.11, non-text contrast), and no two closer than ΔE*76 21
 * (11 under deuteranopia, Machado et al. 2009): NHS blue, a dark orange, green, plum, a mid blue,
 * purple, pink, dark green, violet and grey. (It replaced NHS light blue, orange and warm yellow,
 * under 3:1, and the dark red that sat ΔE 20 from plum.)
 */
export const palette = [
	'#005eb8',
	'#c55a00',
	'#009639',
	'#7c2855',
	'#0087b5',
	'#330072',
	'#ae2573',
	'#006747',
	'#6b4c9a',
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
