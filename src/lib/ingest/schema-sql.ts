import { ageBands, tables, type Column, type TableName } from '../contract/tables.ts';
import { labelKey, vocabularies } from '../contract/vocabularies.ts';
import type { Profile } from '../contract/profile.ts';
import { ident, literal } from '../db/sql.ts';

const sqlType: Record<Column['type'], string> = {
	text: 'VARCHAR',
	date: 'DATE',
	category: 'VARCHAR',
	list: 'VARCHAR[]',
	integer: 'INTEGER',
	number: 'DOUBLE',
	boolean: 'BOOLEAN',
	age: 'VARCHAR'
};

/** The canonical columns of a table as stored: categories and lists gain a `_group` column. */
export function storedColumns(table: TableName): { name: string; type: string }[] {
	const columns = tables[table].columns.flatMap((c) => {
		const own = { name: c.name, type: sqlType[c.type] };
		if (c.type === 'category') return [own, { name: `${c.name}_group`, type: 'VARCHAR' }];
		return [own];
	});
	const extra: Record<TableName, { name: string; type: string }[]> = {
		referrals: [
			{ name: 'person_key', type: 'VARCHAR' },
			{ name: 'repeat_person', type: 'BOOLEAN' },
			// Set once the table is complete, for people referred more than once (repeatPeopleSql).
			{ name: 'person_no', type: 'INTEGER' },
			{ name: 'person_order', type: 'INTEGER' },
			// Set once every table is loaded (codedColumnsSql): the funnel's "supported" and "goals
			// met" steps (metrics/reach.ts) read flags instead of joining the onward referrals and
			// comparing text on every filter change.
			{ name: 'funnel_supported', type: 'BOOLEAN' },
			{ name: 'funnel_goals_met', type: 'BOOLEAN' },
			// The referral's reason groups, each once, sorted (from referral_reasons, at the same
			// time): reason figures unnest them instead of joining referral_reasons on the ID.
			{ name: 'reason_groups', type: 'VARCHAR[]' },
			// The referral's number, 1, 2, 3… (codedColumnsSql): the outcome pairs carry it (null
			// for a pair no referral has), and an export's pairs join their referral back on it.
			{ name: 'referral_no', type: 'INTEGER' }
		],
		// The measure the label resolved to, and the score used in figures (converted, or NULL
		// when invalid); `score` keeps what the file said.
		outcomes: [
			{ name: 'measure_key', type: 'VARCHAR' },
			{ name: 'value', type: 'DOUBLE' }
		],
		onward_referrals: [],
		practices: []
	};
	return [
		...columns,
		...extra[table],
		{ name: '_file', type: 'VARCHAR' },
		{ name: '_row', type: 'INTEGER' }
	];
}

const dateFormats = {
	iso: [
		'%Y-%m-%d',
		'%Y-%m-%d %H:%M',
		'%Y-%m-%d %H:%M:%S',
		'%Y-%m-%dT%H:%M',
		'%Y-%m-%dT%H:%M:%S',
		'%Y-%m-%d %H:%M:%S.%f',
		'%Y-%m-%dT%H:%M:%S.%f',
		'%Y/%m/%d'
	],
	uk4: ['%d/%m/%Y', '%d/%m/%Y %H:%M', '%d/%m/%Y %H:%M:%S'],
	uk2: ['%d/%m/%y', '%d/%m/%y %H:%M', '%d/%m/%y %H:%M:%S']
};
const list = (formats: string[]) => `[${formats.map((f) => `'${f}'`).join(', ')}]`;

/** Parsing macros every normalising query uses; created once per database. */
export const macrosSql = `
-- Trimming every value is slow; only values with a space at either end need it.
CREATE OR REPLACE MACRO sp_text(s) AS CASE WHEN s LIKE ' %' OR s LIKE '% ' THEN NULLIF(trim(s), '') ELSE NULLIF(s, '') END;
CREATE OR REPLACE MACRO sp_key(s) AS lower(regexp_replace(s, '[^A-Za-z0-9]+', '', 'g'));
-- ISO first (the fast path), then UK day-first with 4- and 2-digit years; impossible dates give NULL.
CREATE OR REPLACE MACRO sp_date(s) AS CASE
  WHEN s IS NULL THEN NULL
  WHEN length(s) = 10 AND substr(s, 5, 1) = '-' THEN try_cast(s AS DATE)
  WHEN regexp_full_match(s, '\\d{4}[-/]\\d{1,2}[-/]\\d{1,2}([ T]\\d{1,2}:\\d{2}(:\\d{2}(\\.\\d+)?)?)?')
    THEN CAST(try_strptime(s, ${list(dateFormats.iso)}) AS DATE)
  WHEN regexp_full_match(s, '\\d{1,2}[/.-]\\d{1,2}[/.-]\\d{4}( \\d{1,2}:\\d{2}(:\\d{2})?)?')
    THEN CAST(try_strptime(regexp_replace(s, '^(\\d+)[.-](\\d+)[.-]', '\\1/\\2/'), ${list(dateFormats.uk4)}) AS DATE)
  WHEN regexp_full_match(s, '\\d{1,2}[/.-]\\d{1,2}[/.-]\\d{2}( \\d{1,2}:\\d{2}(:\\d{2})?)?')
    THEN CAST(try_strptime(regexp_replace(s, '^(\\d+)[.-](\\d+)[.-]', '\\1/\\2/'), ${list(dateFormats.uk2)}) AS DATE)
END;
CREATE OR REPLACE MACRO sp_number(s) AS try_cast(s AS DOUBLE);
-- Casts allow spaces around a number. A plain whole number takes the fast integer cast; "6.0"
-- (whole) and "6.5" (not whole, so NULL) take the double path, since the integer cast rounds.
CREATE OR REPLACE MACRO sp_integer(s) AS CASE
  WHEN NOT (contains(s, '.') OR contains(lower(s), 'e')) THEN try_cast(s AS INTEGER)
  WHEN try_cast(s AS DOUBLE) = floor(try_cast(s AS DOUBLE)) AND abs(try_cast(s AS DOUBLE)) < 2e9
  THEN CAST(try_cast(s AS DOUBLE) AS INTEGER) END;
CREATE OR REPLACE MACRO sp_within(v, lo, hi) AS CASE
  WHEN (lo IS NULL OR v >= lo) AND (hi IS NULL OR v <= hi) THEN v END;
CREATE OR REPLACE MACRO sp_timepoint(s) AS CASE
  WHEN sp_key(s) IN ('baseline', 'base', 'pre', 'initial', 'start', 'first', 'entry', 'intake') THEN 'baseline'
  WHEN sp_key(s) IN ('followup', 'follow', 'post', 'final', 'end', 'exit', 'discharge', 'last') THEN 'followup'
  ELSE lower(trim(s)) END;
CREATE OR REPLACE MACRO sp_boolean(s) AS CASE
  WHEN lower(s) IN ('yes', 'y', 'true', 't', '1') THEN true
  WHEN lower(s) IN ('no', 'n', 'false', 'f', '0') THEN false END;
CREATE OR REPLACE MACRO sp_age_band(age) AS CASE
  WHEN age IS NULL OR age < 0 OR age > 120 THEN NULL
  WHEN age < 18 THEN '0-17' WHEN age < 25 THEN '18-24' WHEN age < 35 THEN '25-34'
  WHEN age < 45 THEN '35-44' WHEN age < 55 THEN '45-54' WHEN age < 65 THEN '55-64'
  WHEN age < 75 THEN '65-74' WHEN age < 85 THEN '75-84' ELSE '85+' END;
CREATE OR REPLACE MACRO sp_split(s) AS list_filter(
  list_transform(regexp_split_to_array(s, '\\s*[;|,\\n]\\s*|\\s+/\\s+'), x -> trim(x)), x -> x <> '');
`;

/** Create the canonical tables, the issue and reject tables, and the lookup tables, empty. */
export function schemaSql(profile?: Profile): string {
	const canonical = (Object.keys(tables) as TableName[]).map(
		(t) =>
			`CREATE OR REPLACE TABLE ${ident(t).text} (${storedColumns(t)
				.map((c) => `${ident(c.name).text} ${c.type}`)
				.join(', ')});`
	);
	return [
		...canonical,
		'CREATE OR REPLACE TABLE referral_reasons (referral_id VARCHAR, reason VARCHAR, reason_group VARCHAR);',
		'CREATE OR REPLACE TABLE import_rejects (file VARCHAR, "row" INTEGER, "column" VARCHAR, value VARCHAR, reason VARCHAR);',
		'CREATE OR REPLACE TABLE import_issues (file VARCHAR, "row" INTEGER, "column" VARCHAR, field VARCHAR, value VARCHAR, reason VARCHAR);',
		categoriesSql(profile),
		ageKeysSql()
	].join('\n');
}

// Every synonym of every vocabulary, keyed as sp_key() keys a label; user assignments first.
function categoriesSql(profile?: Profile): string {
	const rows = new Map<string, string>();
	for (const [vocabulary, assigned] of Object.entries(profile?.categories ?? {})) {
		for (const [label, group] of Object.entries(assigned))
			rows.set(`${vocabulary}|${labelKey(label)}`, group);
	}
	for (const v of Object.values(vocabularies)) {
		for (const g of v.groups) {
			for (const label of [g.key, g.label, ...g.synonyms]) {
				const key = `${v.key}|${labelKey(label)}`;
				if (!rows.has(key)) rows.set(key, g.key);
			}
		}
	}
	const values = [...rows].map(([k, group]) => {
		const [vocabulary, key] = k.split('|');
		return `(${literal(vocabulary).text}, ${literal(key).text}, ${literal(group).text})`;
	});
	return `CREATE OR REPLACE TABLE sp_categories (vocabulary VARCHAR, key VARCHAR, grp VARCHAR);
INSERT INTO sp_categories VALUES ${values.join(', ')};`;
}

// Band labels as exports write them: "45-54", "45 to 54", "45-54 years", "85+", "85 and over".
function ageKeysSql(): string {
	const rows: string[] = [];
	for (const band of ageBands) {
		const [low, high] = band.replace('+', '').split('-');
		const keys = high
			? [
					`${low}${high}`,
					`${low}to${high}`,
					`${low}${high}years`,
					`${low}to${high}years`,
					`aged${low}to${high}`
				]
			: [
					`${low}`,
					`${low}plus`,
					`${low}andover`,
					`${low}over`,
					`${low}years`,
					`${low}yearsandover`
				];
		if (low === '0') keys.push('under18', 'u18', '17andunder');
		for (const key of keys) rows.push(`('${key}', '${band}')`);
	}
	return `CREATE OR REPLACE TABLE sp_age_keys (key VARCHAR, band VARCHAR);
INSERT INTO sp_age_keys VALUES ${rows.join(', ')};`;
}
