import { parseArgs } from 'node:util';
import { exportFormats, type ExportFormat } from '../export/manifest.ts';
import { compareBys, type CompareBy } from '../metrics/compare.ts';
import { isIsoDate } from '../metrics/periods.ts';
import { iifThresholds, parseRateThresholds } from '../metrics/rates.ts';

/** The options of `sp-impact summary` and `sp-impact figures`. */
export interface SummaryArgs {
	/** `summary`: key figures; `figures`: catalogue figures as the pages show them; `compare`: units side by side; `report`: the impact report; `export`: the cleaned tables. */
	command: 'summary' | 'figures' | 'compare' | 'report' | 'export';
	files: string[];
	/** `figures` only: the figure ids to print (none = every figure in the catalogue). */
	figures: string[];
	asOf?: string;
	from?: string;
	to?: string;
	/** Referrals kept by PCN, practice and service (none = all; `unknown` = blank). */
	pcn: string[];
	practice: string[];
	service: string[];
	profile?: string;
	/** `summary` only: where to write the rejected rows and the issues as CSV. */
	rejects?: string;
	issues?: string;
	dropIdentifiers: boolean;
	/** A DuckDB database to keep the loaded tables in (with files) or read them from (without). */
	database?: string;
	/** DuckDB's memory limit (e.g. `2GB`); past it, work spills to `tempDirectory`. */
	memoryLimit?: string;
	tempDirectory?: string;
	/** `export` only: the format and the folder written. */
	export: { format: ExportFormat; out: string };
	publication: boolean;
	/** Meaningful change in points by measure key (`--meaningful-change wemwbs=4`). */
	meaningfulChange: Record<string, number>;
	/** Months each side of referral the GP counts cover, as stated on the figure. */
	gpWindowMonths: number;
	/** Reference lines of the people-referred rates, per 1,000 a year (`--rate-thresholds 12,16`). */
	rateThresholds: number[];
	/** `compare` only: what is put side by side, the limits and rules, and run chart targets. */
	compare: {
		by: CompareBy;
		overdispersion: boolean;
		rules: 'ptd' | 'mdc';
		targets: Record<string, number>;
	};
	/** `report` only: the file to write, its format, and the report's words and sections. */
	report: {
		format: 'html' | 'docx';
		out: string;
		title: string;
		organisation: string;
		/** Section ids, comma-separated as given (none: every section). */
		sections: string | null;
		/** A report profile (JSON) holding the stories. */
		stories?: string;
	} | null;
}

export const usage = `usage: sp-impact summary [--as-of YYYY-MM-DD] [--from YYYY-MM-DD] [--to YYYY-MM-DD]
                          [--pcn NAME]... [--practice NAME]... [--service NAME]...
                          [--meaningful-change MEASURE=POINTS]... [--gp-window-months N]
                          [--rate-thresholds N,N] [--publication] [--profile mapping.json]
                          [--drop-identifiers] [--rejects FILE.csv] [--issues FILE.csv] FILE...
       sp-impact figures [--figure ID]... [the same options] FILE...
       sp-impact compare --by service|pcn|practice|link_worker [--overdispersion] [--rules ptd|mdc]
                         [--target MEASURE=VALUE]... [the same options] FILE...
       sp-impact report --format html|docx --out FILE [--no-publication] [--title TEXT]
                        [--organisation TEXT] [--sections LIST] [--stories report-profile.json]
                        [--by ...] [the compare and summary options] FILE...
       sp-impact export --format parquet|duckdb|csv --out DIR [--profile mapping.json]
                        [--drop-identifiers] FILE...
  FILE... may be one export folder or .duckdb file instead (read without importing again).
  Every command also takes: [--database PATH] (keep the loaded tables there; with no FILE, read
  them from there) [--memory-limit SIZE] [--temp-directory DIR] (for data larger than memory).`;

const names = (values: string[] | undefined) => (values ?? []).map((v) => v.trim());

/** Parse the command line; returns an error message instead of throwing. */
export function parseSummaryArgs(
	argv: string[],
	figureIds: string[] = []
): { value?: SummaryArgs; error?: string } {
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
				rejects: { type: 'string' },
				issues: { type: 'string' },
				'meaningful-change': { type: 'string', multiple: true },
				'gp-window-months': { type: 'string' },
				'rate-thresholds': { type: 'string' },
				figure: { type: 'string', multiple: true },
				by: { type: 'string' },
				overdispersion: { type: 'boolean', default: false },
				rules: { type: 'string' },
				target: { type: 'string', multiple: true },
				'drop-identifiers': { type: 'boolean', default: false },
				publication: { type: 'boolean', default: false },
				'no-publication': { type: 'boolean', default: false },
				format: { type: 'string' },
				out: { type: 'string' },
				title: { type: 'string' },
				organisation: { type: 'string' },
				sections: { type: 'string' },
				stories: { type: 'string' },
				database: { type: 'string' },
				'memory-limit': { type: 'string' },
				'temp-directory': { type: 'string' }
			}
		});
	} catch (e) {
		return { error: (e as Error).message };
	}
	const { values, positionals } = parsed;
	const [command, ...files] = positionals;
	if (
		command !== 'summary' &&
		command !== 'figures' &&
		command !== 'compare' &&
		command !== 'report' &&
		command !== 'export'
	)
		return { error: command ? `unknown command: ${command}` : 'no command' };
	const report = reportOptions(command, values);
	if ('error' in report) return { error: report.error };
	const exported = exportOptions(command, values);
	if ('error' in exported) return { error: exported.error };
	const compare = compareOptions(command, values);
	if ('error' in compare) return { error: compare.error };
	const figures = values.figure ?? [];
	if ((command === 'summary' || command === 'export') && figures.length)
		return { error: '--figure is for sp-impact figures' };
	if (command !== 'summary' && (values.rejects !== undefined || values.issues !== undefined))
		return { error: '--rejects and --issues are for sp-impact summary' };
	for (const name of ['rejects', 'issues'] as const) {
		if (values[name] !== undefined && !values[name].trim())
			return { error: `invalid --${name}: empty file name` };
	}
	const unknown = figures.find((id) => !figureIds.includes(id));
	if (unknown !== undefined)
		return { error: `unknown figure: ${unknown} (one of ${figureIds.join(', ')})` };
	if (files.length === 0 && !values.database) return { error: 'no files given' };
	const memory = values['memory-limit'];
	if (memory !== undefined && !/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(memory.trim()))
		return { error: `invalid --memory-limit: ${memory} (use a size such as 2GB or 500MB)` };
	for (const name of ['as-of', 'from', 'to'] as const) {
		const v = values[name];
		if (v !== undefined && !isIsoDate(v))
			return { error: `invalid --${name}: ${v} (use YYYY-MM-DD)` };
	}
	for (const name of ['pcn', 'practice', 'service'] as const) {
		if (values[name]?.some((v) => !v.trim())) return { error: `invalid --${name}: empty name` };
	}
	const meaningfulChange: Record<string, number> = {};
	for (const v of values['meaningful-change'] ?? []) {
		const match = /^([a-z0-9_]+)=(\d+(?:\.\d+)?)$/.exec(v.trim());
		if (!match || Number(match[2]) <= 0)
			return { error: `invalid --meaningful-change: ${v} (use MEASURE=POINTS, e.g. wemwbs=3)` };
		meaningfulChange[match[1]] = Number(match[2]);
	}
	const months = values['gp-window-months'] ?? '6';
	if (!/^\d+$/.test(months) || Number(months) < 1 || Number(months) > 60)
		return {
			error: `invalid --gp-window-months: ${months} (use a whole number of months, 1 to 60)`
		};
	const lines = values['rate-thresholds'];
	const rateThresholds = lines === undefined ? iifThresholds : parseRateThresholds(lines);
	if (!rateThresholds)
		return {
			error: `invalid --rate-thresholds: ${lines} (use up to four numbers per 1,000 a year, e.g. 12,16)`
		};
	return {
		value: {
			command,
			files,
			figures,
			asOf: values['as-of'],
			from: values.from,
			to: values.to,
			pcn: names(values.pcn),
			practice: names(values.practice),
			service: names(values.service),
			profile: values.profile,
			rejects: values.rejects,
			issues: values.issues,
			dropIdentifiers: values['drop-identifiers'] ?? false,
			database: values.database,
			memoryLimit: memory?.trim(),
			tempDirectory: values['temp-directory'],
			export: exported.value,
			publication: command === 'report' ? !values['no-publication'] : (values.publication ?? false),
			meaningfulChange,
			gpWindowMonths: Number(months),
			rateThresholds,
			compare: compare.value,
			report: report.value
		}
	};
}

const runKeys = ['referrals', 'contacted_within_14_days', 'median_days_to_first_contact'];

// The options only `compare` takes; given to another command they are a usage error.
function compareOptions(
	command: string,
	values: { by?: string; overdispersion?: boolean; rules?: string; target?: string[] }
): { value: SummaryArgs['compare'] } | { error: string } {
	const given =
		values.by !== undefined ||
		values.overdispersion ||
		values.rules !== undefined ||
		values.target?.length;
	if (command === 'report' && values.by === undefined) {
		if (given) return { error: '--overdispersion, --rules and --target need --by' };
		return { value: { by: 'service', overdispersion: false, rules: 'ptd', targets: {} } };
	}
	if (command !== 'compare' && command !== 'report') {
		if (given)
			return {
				error: '--by, --overdispersion, --rules and --target are for sp-impact compare and report'
			};
		return { value: { by: 'service', overdispersion: false, rules: 'ptd', targets: {} } };
	}
	if (!compareBys.includes(values.by as CompareBy))
		return { error: `invalid --by: ${values.by ?? '(none)'} (use ${compareBys.join(', ')})` };
	if (values.rules !== undefined && values.rules !== 'ptd' && values.rules !== 'mdc')
		return { error: `invalid --rules: ${values.rules} (use ptd or mdc)` };
	const targets: Record<string, number> = {};
	for (const v of values.target ?? []) {
		const match = /^([a-z0-9_]+)=(-?\d+(?:\.\d+)?)$/.exec(v.trim());
		if (!match || !runKeys.includes(match[1]))
			return {
				error: `invalid --target: ${v} (use MEASURE=VALUE, MEASURE one of ${runKeys.join(', ')})`
			};
		targets[match[1]] = Number(match[2]);
	}
	return {
		value: {
			by: values.by as CompareBy,
			overdispersion: values.overdispersion ?? false,
			rules: (values.rules ?? 'ptd') as 'ptd' | 'mdc',
			targets
		}
	};
}

// The options only `report` takes; given to another command they are a usage error.
function reportOptions(
	command: string,
	values: {
		format?: string;
		out?: string;
		title?: string;
		organisation?: string;
		sections?: string;
		stories?: string;
		'no-publication'?: boolean;
	}
): { value: SummaryArgs['report'] } | { error: string } {
	// `--format` and `--out` are export's too (checked there).
	const own =
		command === 'export'
			? (['title', 'organisation', 'sections', 'stories'] as const)
			: (['format', 'out', 'title', 'organisation', 'sections', 'stories'] as const);
	if (command !== 'report') {
		const given = own.find((k) => values[k] !== undefined);
		if (given || values['no-publication'])
			return { error: `--${given ?? 'no-publication'} is for sp-impact report` };
		return { value: null };
	}
	if (values.format !== 'html' && values.format !== 'docx')
		return { error: `invalid --format: ${values.format ?? '(none)'} (use html or docx)` };
	if (!values.out?.trim()) return { error: 'no --out FILE given for the report' };
	return {
		value: {
			format: values.format,
			out: values.out,
			title: values.title ?? '',
			organisation: values.organisation ?? '',
			sections: values.sections ?? null,
			stories: values.stories
		}
	};
}

const filterFlags = [
	'as-of',
	'from',
	'to',
	'pcn',
	'practice',
	'service',
	'publication',
	'meaningful-change',
	'gp-window-months'
] as const;

// `--format` and `--out` belong to `export`, which writes every loaded row: no filters there.
function exportOptions(
	command: string,
	values: Record<string, unknown>
): { value: SummaryArgs['export'] } | { error: string } {
	// Any other command: `--format` and `--out` were checked as the report's.
	if (command !== 'export') return { value: { format: 'parquet', out: '' } };
	const given = filterFlags.find((f) => values[f] !== undefined && values[f] !== false);
	if (given)
		return { error: `--${given} is not for sp-impact export (it writes every loaded row)` };
	const format = values.format as string | undefined;
	if (!exportFormats.includes(format as ExportFormat))
		return { error: `invalid --format: ${format ?? '(none)'} (use ${exportFormats.join(', ')})` };
	const out = values.out as string | undefined;
	if (!out?.trim()) return { error: 'sp-impact export needs --out DIR' };
	return { value: { format: format as ExportFormat, out } };
}
