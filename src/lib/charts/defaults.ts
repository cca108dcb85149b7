/** Options every chart starts from: system fonts, readable sizes, room for labels. */
export const defaults = {
	style: { fontFamily: 'inherit', fontSize: '13px', overflow: 'visible' },
	marginLeft: 48,
	marginBottom: 40,
	height: 280
};

/** Every nth label of a band axis, so labels this long fit the width, and never more than 14. */
export function thinTicks(labels: string[], width: number, margins: number): string[] {
	const longest = Math.max(1, ...labels.map((l) => l.length));
	const fit = Math.max(1, Math.min(14, Math.floor((width - margins) / (longest * 7 + 12))));
	const step = Math.ceil(labels.length / fit);
	return labels.filter((_, i) => i % step === 0);
}
