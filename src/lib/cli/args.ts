import { parseArgs } from 'node:util';
import { isIsoDate } from '../metrics/periods.ts';

/** The options of `sp-impact summary`. */
export interface SummaryArgs {
	files: string[];
	asOf?: string;
	from?: string;
	to?: string;
	profile?: string;
	dropIdentifiers: boolean;
}

export const usage = `usage: sp-impact summary [--as-of YYYY-MM-DD] [--from YYYY-MM-DD] [--to YYYY-MM-DD]
                          [--profile mapping.json] [--drop-identifiers] FILE...`;

/** Parse the command line; returns an error message instead of throwing. */
export function parseSummaryArgs(argv: string[]): { value?: SummaryArgs; error?: string } {
	let parsed;
	try {
		parsed = parseArgs({
			args: argv,
			allowPositionals: true,
			options: {
				'as-of': { type: 'string' },
				from: { type: 'string' },
				to: { type: 'string' },
				profile: { type: 'string' },
				'drop-identifiers': { type: 'boolean', default: false }
			}
		});
	} catch (e) {
		return { error: (e as Error).message };
	}
	const { values, positionals } = parsed;
	const [command, ...files] = positionals;
	if (command !== 'summary')
		return { error: command ? `unknown command: ${command}` : 'no command' };
	if (files.length === 0) return { error: 'no files given' };
	for (const name of ['as-of', 'from', 'to'] as const) {
		const v = values[name];
		if (v !== undefined && !isIsoDate(v))
			return { error: `invalid --${name}: ${v} (use YYYY-MM-DD)` };
	}
	return {
		value: {
			files,
			asOf: values['as-of'],
			from: values.from,
			to: values.to,
			profile: values.profile,
			dropIdentifiers: values['drop-identifiers'] ?? false
		}
	};
}
