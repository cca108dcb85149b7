import { csvCell } from '../util/csv.ts';
import { tables, type TableName } from './tables.ts';

/** A CSV template for a table: the canonical headers and one example row, from the contract. */
export function templateCsv(table: TableName): string {
	const columns = tables[table].columns;
	return (
		[columns.map((c) => c.name).join(','), columns.map((c) => csvCell(c.example)).join(',')].join(
			'\r\n'
		) + '\r\n'
	);
}

/** Plain words for a column's type, for the export format page. */
export function typeWords(type: string): string {
	return (
		{
			text: 'text',
			date: 'date (dd/mm/yyyy or yyyy-mm-dd)',
			category: 'category',
			list: 'list (separate with ;)',
			integer: 'whole number',
			number: 'number',
			boolean: 'yes / no',
			age: 'age in years or age band'
		}[type] ?? type
	);
}
