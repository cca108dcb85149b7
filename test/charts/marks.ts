// Read chart options as a user would see them, without a DOM: which marks, drawing which data.
import * as Plot from '@observablehq/plot';

/** A mark as the tests read it: its data, pointer (`tip`) and Plot's own channel evaluation. */
export interface MarkLike {
	data: unknown[];
	tip: unknown;
	initialize(): { data: unknown[]; channels: Record<string, { value: ArrayLike<unknown> }> };
}

type MarkClass = abstract new (...args: never[]) => Plot.RenderableMark;

/** The chart's marks of one kind (e.g. Plot.BarX), in drawing order. */
export function marksOf(options: { marks: unknown[] }, kind: MarkClass): MarkLike[] {
	return options.marks.filter((m) => m instanceof kind) as unknown as MarkLike[];
}

/** What a mark draws: each channel's values (one per drawn datum), as Plot computes them before rendering. */
export function drawn(mark: MarkLike): Record<string, unknown[]> {
	const { channels } = mark.initialize();
	return Object.fromEntries(Object.entries(channels).map(([k, c]) => [k, Array.from(c.value)]));
}

/** Every text the chart writes, across its text marks. */
export function textsOf(options: { marks: unknown[] }): unknown[] {
	return marksOf(options, Plot.Text).flatMap((m) => drawn(m).text ?? []);
}
