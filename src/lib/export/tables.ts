// The cleaned data as it leaves: which tables, under which names, with which columns. Shared by
// the command-line export (native DuckDB) and the browser's download (duckdb-wasm).
import type { TableName } from '../contract/tables.ts';
import { ident } from '../db/sql.ts';
import { exportedPairsSql, pairColumns } from '../ingest/pairs-sql.ts';
import { storedColumns } from '../ingest/schema-sql.ts';
import { codedColumns } from '../metrics/coded.ts';

// Columns the import stores integer-coded (ENUMs, for speed): they leave as the text they hold.
const coded = new Set<string>(codedColumns);

/** One exported table: its name in the export, and the loaded table it is read from. */
export interface ExportTable {
	name: string;
	source: string;
	/** The columns kept, in order; `null` = every column (tables with no working columns). */
	columns: string[] | null;
	/** How the table is read back from the export's copy (`from`); plain `SELECT *` when absent. */
	readBack?: (from: string) => string;
}

/** The query that reads one table back from an export's copy of it (`from`). */
export const readBackSql = (table: ExportTable, from: string) =>
	table.readBack ? table.readBack(from) : `SELECT * FROM ${from}`;

const canonical = (t: TableName): ExportTable => ({
	name: t,
	source: t,
	// The contract's columns, the derived groups and keys, and `_file`/`_row` (where each row came
	// from, matching rejected_rows); the import's working columns (`_order`, `*__raw`...) stay.
	columns: storedColumns(t).map((c) => c.name)
});

/** Every table an export holds, in the order the manifest lists them. */
export const exportTables: ExportTable[] = [
	canonical('referrals'),
	canonical('outcomes'),
	// The pairs as pairing makes them; the referral columns they carry for speed are joined back
	// on reading (after the referrals, listed first).
	{
		name: 'outcome_pairs',
		source: 'outcome_pairs',
		columns: pairColumns,
		readBack: exportedPairsSql
	},
	canonical('onward_referrals'),
	canonical('practices'),
	{ name: 'referral_reasons', source: 'referral_reasons', columns: null },
	// The measures of this load (registry and any a profile declared): ranges and thresholds.
	{ name: 'outcome_measures', source: 'outcome_measures', columns: null },
	{ name: 'rejected_rows', source: 'import_rejects', columns: null },
	{ name: 'issues', source: 'import_issues', columns: null }
];

/** The query that reads one table as it is exported. */
export function exportSelectSql(table: ExportTable): string {
	const columns = table.columns
		? table.columns
				.map((c) =>
					table.source === 'referrals' && coded.has(c)
						? `${ident(c).text}::VARCHAR AS ${ident(c).text}`
						: ident(c).text
				)
				.join(', ')
		: '*';
	return `SELECT ${columns} FROM ${ident(table.source).text}`;
}
