/** Options every chart starts from: system fonts, readable sizes, room for labels. */
export const defaults = {
	style: { fontFamily: 'inherit', fontSize: '13px', overflow: 'visible' },
	marginLeft: 48,
	marginBottom: 40,
	height: 280
};

/**
 * The x scale of a vertical bar chart: a band per label, in order, labels thinned to fit the
 * width (`width` is the chart's); `label` is the axis title (none by default).
 */
export function bandX(
	domain: string[],
	options: { width?: number; label?: string | null; padding?: number } = {}
) {
	return {
		type: 'band' as const,
		domain,
		label: options.label ?? null,
		padding: options.padding ?? 0.15,
		ticks: thinTicks(domain, options.width ?? 640, defaults.marginLeft + 20)
	};
}

/** Every nth label of a band axis, so labels this long fit the width, and never more than 14. */
export function thinTicks(labels: string[], width: number, margins: number): string[] {
	const longest = Math.max(1, ...labels.map((l) => l.length));
	const fit = Math.max(1, Math.min(14, Math.floor((width - margins) / (longest * 7 + 12))));
	const step = Math.ceil(labels.length / fit);
	return labels.filter((_, i) => i % step === 0);
}
