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
	const sorted = [...new Set(labels)].sort();
	const index = sorted.indexOf(label);
	return palette[(index < 0 ? 0 : index) % palette.length];
}
