import type { Row } from './types.ts';

/** SQL text with its positional parameters; `R` is the type of the rows it returns. */
export interface Sql<R extends Row = Row> {
	text: string;
	params: unknown[];
	/** Phantom: carries the row type to where the query runs; never set. */
	readonly __row?: R;
}

/** The row type of a query: `RowOf<typeof q>`. */
export type RowOf<Q> = Q extends Sql<infer R> ? R : never;

/** A raw SQL fragment spliced into a `sql` template as text, not as a parameter. */
export class Raw {
	constructor(readonly text: string) {}
}

/** Mark trusted SQL text (built by this codebase, never user data) for splicing. */
export function raw(text: string): Raw {
	return new Raw(text);
}

/** Quote an identifier: the one way user-influenced names reach SQL text. */
export function ident(name: string): Raw {
	return new Raw(`"${name.replace(/"/g, '""')}"`);
}

/** Quote a string literal, for the few places DuckDB takes no parameter (table function options). */
export function literal(value: string): Raw {
	return new Raw(`'${value.replace(/'/g, "''")}'`);
}

/**
 * Tagged template: `${value}` becomes a `?` parameter; arrays become `(?, ?, ?)`;
 * `Raw` and nested `Sql` are spliced in, keeping their parameters in order.
 */
export function sql<R extends Row = Row>(
	strings: TemplateStringsArray,
	...values: unknown[]
): Sql<R> {
	let text = strings[0];
	const params: unknown[] = [];
	values.forEach((value, i) => {
		if (value instanceof Raw) text += value.text;
		else if (isSql(value)) {
			text += value.text;
			params.push(...value.params);
		} else if (Array.isArray(value)) {
			if (value.length === 0) text += '(NULL)';
			else {
				text += `(${value.map(() => '?').join(', ')})`;
				params.push(...value);
			}
		} else {
			text += '?';
			params.push(value);
		}
		text += strings[i + 1];
	});
	return { text, params };
}

/** Join SQL fragments with a separator, keeping parameters in order. */
export function join(parts: Sql[], separator: string): Sql {
	return {
		text: parts.map((p) => p.text).join(separator),
		params: parts.flatMap((p) => p.params)
	};
}

function isSql(value: unknown): value is Sql {
	return typeof value === 'object' && value !== null && 'text' in value && 'params' in value;
}
