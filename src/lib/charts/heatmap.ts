import * as Plot from '@observablehq/plot';
import { formatCount } from '../util/format.ts';
import { defaults } from './defaults.ts';

/** A cell of a two-way table: its row, column and value (null when suppressed). */
export interface CellRow {
	row: string;
	column: string;
	value: number | null;
}

/** The fill of a suppressed cell: NHS pale grey, so it reads as "no value shown". */
export const suppressedFill = '#e8edee';

// Above this fraction of the largest value the blues are dark enough to need white text.
const darkFrom = 0.55;

/** A two-way table as coloured cells, each showing its value; rows and columns in the given order. */
export function heatmapChart(
	rows: CellRow[],
	options: {
		width?: number;
		rows: string[];
		columns: string[];
		valueLabel: string;
		rowLabel?: string;
		columnLabel?: string;
	}
) {
	const { columns, valueLabel } = options;
	const max = Math.max(1, ...rows.map((r) => r.value ?? 0));
	const longestRow = Math.max(0, ...options.rows.map((r) => r.length));
	const longestColumn = Math.max(0, ...columns.map((c) => c.length));
	const marginLeft = Math.min(220, 12 + longestRow * 7);
	// Rotate the column labels when they would not fit side by side under their cells.
	const cellWidth = ((options.width ?? 640) - marginLeft - 20) / Math.max(1, columns.length);
	const rotate = longestColumn * 7 + 8 > cellWidth;
	// Slanted labels need about a line's height of room each; closer than that they stand upright.
	const upright = rotate && cellWidth < 26;
	const marginBottom = rotate ? Math.min(160, 24 + longestColumn * (upright ? 7 : 5.5)) : 40;
	const shown = rows.filter((r) => r.value != null);
	const hidden = rows.filter((r) => r.value == null);
	return {
		...defaults,
		width: options.width,
		// Height grows with the rows; the colour legend sits above, outside the plot.
		height: 8 + marginBottom + Math.max(1, options.rows.length) * 32,
		marginTop: 8,
		marginLeft,
		marginRight: 20,
		marginBottom,
		x: {
			domain: columns,
			label: options.columnLabel ?? null,
			tickRotate: upright ? -90 : rotate ? -40 : 0
		},
		y: { domain: options.rows, label: options.rowLabel ?? null },
		color: {
			type: 'linear' as const,
			scheme: 'blues' as const,
			domain: [0, max],
			label: valueLabel,
			legend: true
		},
		marks: [
			Plot.cell(shown, {
				x: 'column',
				y: 'row',
				fill: 'value',
				inset: 0.5,
				title: (d: CellRow) => `${d.row} · ${d.column}\n${valueLabel}: ${formatCount(d.value)}`,
				tip: true
			}),
			Plot.cell(hidden, { x: 'column', y: 'row', fill: suppressedFill, inset: 0.5 }),
			Plot.text(rows, {
				x: 'column',
				y: 'row',
				text: (d: CellRow) => formatCount(d.value),
				fontSize: cellWidth < 40 ? 10 : undefined,
				fill: (d: CellRow) => ((d.value ?? 0) / max > darkFrom ? 'white' : 'black')
			})
		]
	};
}
