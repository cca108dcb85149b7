import { headerKey } from '../contract/tables.ts';
import { ident, raw, sql, type Sql } from '../db/sql.ts';
import { rawColumn, rawNames } from './stage.ts';
import { formatNumber } from '../util/format.ts';

/** Kinds of direct identifier the guard refuses. */
export type IdentifierKind =
	'nhs_number' | 'name' | 'postcode' | 'date_of_birth' | 'email' | 'phone';

/** Plain words for each kind, as the refusal message says them. */
const identifierLabel: Record<IdentifierKind, string> = {
	nhs_number: 'NHS numbers',
	name: 'person names',
	postcode: 'full postcodes',
	date_of_birth: 'dates of birth',
	email: 'email addresses',
	phone: 'phone numbers'
};

/** One column found to hold identifiers: which, and how many values (never the values). */
export interface IdentifierFinding {
	index: number;
	header: string;
	kind: IdentifierKind;
	count: number;
	byHeader: boolean;
}

const headerRules: [IdentifierKind, RegExp][] = [
	['nhs_number', /^(nhs(number|no|num)?|nhsid|chi(number)?)$/],
	[
		'name',
		/^(name|(patient|client|person|service ?user|su)?(first|fore|sur|last|given|family|middle|full)?name|forename|surname|firstname|lastname|fullname|patientname|clientname|personname)$/
	],
	['date_of_birth', /^(dob|dateofbirth|birthdate|birthday|dateofbirthddmmyyyy)$/],
	['email', /^(e?mail|emailaddress)$/],
	['phone', /^(phone|phonenumber|telephone|tel|telno|mobile|mobilenumber|mobileno|contactnumber)$/]
];

/** Identifier kinds a header names outright ("NHS No", "Surname", "DOB", "Email"...). */
export function identifierByHeader(header: string): IdentifierKind | undefined {
	const key = headerKey(header).replace(/ /g, '');
	return headerRules.find(([, pattern]) => pattern.test(key))?.[0];
}

// Value patterns (RE2 syntax). An NHS number is 10 digits (3-3-4 spacing allowed) passing Modulus 11.
// RE2 has no lookahead: a pattern that checked the character after the number would consume it,
// and a second number one character later ("1234567890/943 476 5919") would never be a candidate.
// So the match takes one more digit if there is one, and `nhsCandidates` keeps exactly 10 digits.
const nhsCandidate = `(?:^|[^0-9])([0-9]{3}[ -]?[0-9]{3}[ -]?[0-9]{4}[0-9]?)`;

/** SQL: the 10-digit numbers written in a text value (spaces and hyphens dropped), as a list. */
function nhsCandidates(value: string): string {
	return `list_filter(list_transform(regexp_extract_all(${value}, '${nhsCandidate}', 1), x -> regexp_replace(x, '[ -]', '', 'g')), x -> length(x) = 10)`;
}
// "NHS 943 476 5919", "NHS no: 9434765919", "nhs number 943-476-5919" inside free text.
const labelledNhs = `(?i)(?:^|[^a-z])nhs(?:[ .:#-]*(?:no|num|number))?[ .:#-]*[0-9]{3}[ -]?[0-9]{3}[ -]?[0-9]{4}(?:[^0-9]|$)`;
const email = `[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}`;
// A UK number: 0 (or +44) then 10 digits, the first 1-3 or 7, spaces or hyphens allowed between.
const phone = `(?:^|[^0-9])(?:\\+44 ?(?:\\(0\\) ?)?|0)[1-37](?:[ -]?[0-9]){9}(?:[^0-9]|$)`;
const postcode = `(?i)(?:^|[^A-Za-z0-9])(GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?[0-9][0-9A-HJKPSTUW]? ?[0-9][ABD-HJLNP-UW-Z]{2})(?:[^A-Za-z0-9]|$)`;

/**
 * Macros: whether a 10-digit string passes the NHS Modulus 11 check. Weights 10..2 on the first
 * nine digits; check = 11 − (sum mod 11), 11 → 0, and 10 means no valid number has these digits.
 */
const weighted = Array.from(
	{ length: 9 },
	(_, i) => `(ascii(substr(d, ${i + 1}, 1)) - 48) * ${10 - i}`
).join(' + ');
export const nhsMacroSql = `CREATE OR REPLACE MACRO sp_nhs_check(d) AS (11 - (${weighted}) % 11) % 11;
CREATE OR REPLACE MACRO sp_nhs_valid(d) AS length(d) = 10 AND sp_nhs_check(d) <> 10
  AND sp_nhs_check(d) = ascii(substr(d, 10, 1)) - 48;`;

// Every identifier pattern contains one of these: 9 digits (NHS and phone numbers), an @, or a
// postcode's inward part. One cheap screen per value keeps the exact patterns off most values.
const screen = `[0-9]{3}[ -]?[0-9]{3}[ -]?[0-9]{3}|@|[0-9A-Za-z] ?[0-9][A-Za-z]{2}`;

/** First pass, one scan of the raw table: per column, how many values pass the screen. */
export function guardSql(fileIndex: number, width: number): string {
	const parts = Array.from(
		{ length: width },
		(_, i) => `count_if(regexp_matches(${rawColumn(i)}, '${screen}'))::INTEGER AS sc${i}`
	);
	return `SELECT ${parts.join(', ')} FROM ${ident(rawNames(fileIndex).table).text}`;
}

/**
 * The first pass for a wide file (thousands of columns), as rows: per column, its filled values
 * and how many pass the screen. One expression over the unpivoted values, where one per column
 * takes DuckDB seconds to plan (7 s at 10,000 columns). Empty values are not unpivoted.
 */
export function guardWideSql(fileIndex: number): string {
	return `SELECT name, count(*)::INTEGER AS filled, count_if(regexp_matches(value, '${screen}'))::INTEGER AS screened
FROM (UNPIVOT ${ident(rawNames(fileIndex).table).text} ON COLUMNS('^c[0-9]+$') INTO NAME name VALUE value) GROUP BY name`;
}

/**
 * Second pass, only over a column with screened values: each identifier pattern, and how many
 * values hold a 10-digit candidate and how many one passing Modulus 11. Every candidate in a
 * value is checked, not just the first ("ref 1234567890, NHS 943 476 5919"), and a number written
 * after the word NHS counts as one whatever its check digit.
 */
export function guardColumnSql(fileIndex: number, index: number): string {
	const v = rawColumn(index);
	return `SELECT count_if(len(d) > 0)::INTEGER AS nc${index},
  count_if(len(list_filter(d, x -> sp_nhs_valid(x))) > 0)::INTEGER AS nv${index},
  count_if(regexp_matches(v, '${labelledNhs}'))::INTEGER AS nl${index},
  count_if(regexp_matches(v, '${email}'))::INTEGER AS em${index},
  count_if(regexp_matches(v, '${phone}'))::INTEGER AS ph${index},
  count_if(regexp_matches(v, '${postcode}'))::INTEGER AS pc${index}
FROM (SELECT ${v} AS v, ${nhsCandidates(v)} AS d
  FROM ${ident(rawNames(fileIndex).table).text} WHERE regexp_matches(${v}, '${screen}'))`;
}

/** Read the guard's counts (and the headers) into findings, one per column and kind. */
export function findings(headers: string[], counts: Record<string, unknown>): IdentifierFinding[] {
	const found: IdentifierFinding[] = [];
	headers.forEach((header, index) => {
		const n = (key: string) => Number(counts[`${key}${index}`] ?? 0);
		const byHeader = identifierByHeader(header);
		// Random 10-digit codes pass Modulus 11 about 1 time in 11; NHS numbers nearly always do.
		// A number the text itself calls an NHS number counts whatever the rest of the column holds.
		const nhs = (n('nv') > 0 && n('nv') >= 0.5 * n('nc')) || n('nl') > 0;
		const add = (kind: IdentifierKind, count: number, fromHeader = false) =>
			found.push({ index, header, kind, count, byHeader: fromHeader });
		if (nhs) add('nhs_number', Math.max(n('nv'), n('nl')));
		if (n('em') > 0) add('email', n('em'));
		if (n('ph') > 0 && !nhs) add('phone', n('ph'));
		if (n('pc') > 0) add('postcode', n('pc'));
		if (byHeader && !found.some((f) => f.index === index && f.kind === byHeader)) {
			add(byHeader, 0, true);
		}
	});
	return found;
}

/** The refusal message for one finding: file, column and what was found, never a value. */
export function findingMessage(file: string, f: IdentifierFinding): string {
	const what = identifierLabel[f.kind];
	return f.byHeader
		? `${file}: column "${f.header}" is named as ${what}.`
		: `${file}: column "${f.header}" holds ${formatNumber(f.count)} ${f.count === 1 ? 'value that looks' : 'values that look'} like ${what}.`;
}

// A full date written out (12/03/1950, 1950-03-12, 12 March 1950): in free text, a possible date of birth.
const fullDate = `(?i)(?:^|[^0-9])(?:[0-9]{1,2}[/.-][0-9]{1,2}[/.-](?:19|20)[0-9]{2}|(?:19|20)[0-9]{2}-[0-9]{2}-[0-9]{2}|[0-9]{1,2}(?:st|nd|rd|th)? (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* (?:19|20)[0-9]{2})(?:[^0-9]|$)`;

/**
 * The value rules on one piece of free text (a report's story, say), as a query with the text as
 * its parameter: which kinds of identifier it holds, every 10-digit number checked against
 * Modulus 11, and a full date taken as a possible date of birth. Run `nhsMacroSql` first. The
 * result never holds the text.
 */
export function textIdentifiersSql(text: string): Sql<{
	nhs_number: boolean;
	email: boolean;
	phone: boolean;
	postcode: boolean;
	date_of_birth: boolean;
}> {
	const re = (pattern: string) => raw(`'${pattern}'`);
	return sql`SELECT coalesce(list_bool_or(list_transform(${raw(nhsCandidates('v'))}, x -> sp_nhs_valid(x))), false) AS nhs_number,
  regexp_matches(v, ${re(email)}) AS email,
  regexp_matches(v, ${re(phone)}) AS phone,
  regexp_matches(v, ${re(postcode)}) AS postcode,
  regexp_matches(v, ${re(fullDate)}) AS date_of_birth
FROM (SELECT ${text}::VARCHAR AS v)`;
}
