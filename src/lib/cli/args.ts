import { parseArgs } from 'node:util';
import { isIsoDate } from '../metrics/periods.ts';

/** The options of `sp-impact summary`. */
export interface SummaryArgs {
	files: string[];
	asOf?: string;
	from?: string;
	to?: string;
	/** Referrals kept by PCN, practice and service (none = all; `unknown` = blank). */
	pcn: string[];
	practice: string[];
	service: string[];
	profile?: string;
	dropIdentifiers: boolean;
	publication: boolean;
}

export const usage = `usage: sp-impact summary [--as-of YYYY-MM-DD] [--from YYYY-MM-DD] [--to YYYY-MM-DD]
                          [--pcn NAME]... [--practice NAME]... [--service NAME]...
                          [--publication] [--profile mapping.json] [--drop-identifiers] FILE...`;

const names = (values: string[] | undefined) => (values ?? []).map((v) => v.trim());

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
				pcn: { type: 'string', multiple: true },
				practice: { type: 'string', multiple: true },
				service: { type: 'string', multiple: true },
				profile: { type: 'string' },
				'drop-identifiers': { type: 'boolean', default: false },
				publication: { type: 'boolean', default: false }
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
	for (const name of ['pcn', 'practice', 'service'] as const) {
		if (values[name]?.some((v) => !v.trim())) return { error: `invalid --${name}: empty name` };
	}
	return {
		value: {
			files,
			asOf: values['as-of'],
			from: values.from,
			to: values.to,
			pcn: names(values.pcn),
			practice: names(values.practice),
			service: names(values.service),
			profile: values.profile,
			dropIdentifiers: values['drop-identifiers'] ?? false,
			publication: values.publication ?? false
		}
	};
}
