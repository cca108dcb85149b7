/** Options every chart starts from: system fonts, readable sizes, room for labels. */
export const defaults = {
	style: { fontFamily: 'inherit', fontSize: '13px', overflow: 'visible' },
	marginLeft: 48,
	marginBottom: 40,
	height: 280
};

/**
 * The ticks of an axis of counts whose largest value is `max`, to spread into the axis's options:
 * whole numbers only, written as whole numbers. Plot's own ticks are whole numbers from 10 up,
 * but below they fall at halves (0.5, 1.5 people), which a count never is; from 10 up (or with
 * no count) the axis keeps Plot's own.
 */
export function countTicks(max: number): { ticks?: number[]; tickFormat?: string } {
	if (!Number.isFinite(max) || max >= 10) return {};
	return {
		ticks: Array.from({ length: Math.max(1, Math.ceil(max)) + 1 }, (_, i) => i),
		tickFormat: 'd'
	};
}

/** The largest of some counts (nulls and missing ones skipped), 0 when there are none. */
export const largest = (values: (number | null | undefined)[]) =>
	Math.max(0, ...values.filter((v): v is number => typeof v === 'number'));

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

/** A label broken at spaces into lines of at most `chars` characters (a longer word is a line of its own). */
export function wrapLabel(label: string, chars: number): string[] {
	const lines: string[] = [];
	for (const word of label.split(/\s+/).filter(Boolean)) {
		const last = lines.length - 1;
		if (last >= 0 && lines[last].length + 1 + word.length <= chars) lines[last] += ` ${word}`;
		else lines.push(word);
	}
	return lines;
}

/**
 * The x scale and bottom margin of a vertical bar chart whose every bar is labelled (`width` is
 * the chart's): each label wrapped onto lines that fit its band, or, where a word is wider than a
 * band, every label turned upright.
 */
export function bandXEvery(
	domain: string[],
	options: { width?: number; label?: string | null; padding?: number; margins?: number } = {}
) {
	const band =
		((options.width ?? 640) - (options.margins ?? defaults.marginLeft + 20)) / domain.length;
	// About 7 px a character at 13 px; a little room between neighbours.
	const chars = Math.max(1, Math.floor((band - 6) / 7));
	const wrapped = new Map(domain.map((d) => [d, wrapLabel(d, chars)]));
	const fits = [...wrapped.values()].every((lines) => lines.every((l) => l.length <= chars));
	const longest = Math.max(1, ...domain.map((d) => d.length));
	const lines = Math.max(1, ...[...wrapped.values()].map((l) => l.length));
	return {
		x: {
			type: 'band' as const,
			domain,
			label: options.label ?? null,
			padding: options.padding ?? 0.15,
			ticks: domain,
			...(fits ? { tickFormat: (d: string) => wrapped.get(d)!.join('\n') } : { tickRotate: -90 })
		},
		marginBottom: fits ? 24 + 15 * lines : 16 + longest * 7
	};
}
