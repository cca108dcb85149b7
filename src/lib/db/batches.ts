// DuckDB hands results over in vectors of 2,048 rows; a Parquet row group wants ~100k. This
// gathers the small pieces into batches of the size asked for, for `Db.scan` on either engine.
import type { ColumnBatch } from './types.ts';

/** Collects column pieces and calls `onBatch` each time `size` rows (or more) are held. */
export function rebatch(
	names: string[],
	size: number,
	onBatch: (batch: ColumnBatch) => Promise<void> | void
) {
	let columns: unknown[][] = names.map(() => []);
	let rows = 0;
	const emit = async () => {
		const batch = { names, columns, rows };
		columns = names.map(() => []);
		rows = 0;
		await onBatch(batch);
	};
	return {
		/** Add one piece: one array per column, all of length `n`. */
		async push(piece: unknown[][], n: number) {
			// A loop, not push(...values): spreading a large piece can overflow the call stack.
			piece.forEach((values, c) => {
				const column = columns[c];
				for (let i = 0; i < n; i++) column.push(values[i]);
			});
			rows += n;
			if (rows >= size) await emit();
		},
		/** Hand over what is left. */
		async end() {
			if (rows > 0) await emit();
		}
	};
}
