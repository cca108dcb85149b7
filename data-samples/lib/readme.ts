/** The READMEs written beside the generated files, so their numbers always match the data. */
import type { compareFacts } from './compare.ts';
import type { Defect } from './export-rows.ts';

const n = (value: number) => value.toLocaleString('en-GB');

const synthetic = (seed: number) =>
	'**These data are synthetic.** Every person, referral, practice, PCN, service and link ' +
	'worker here was invented by the seeded generator `data-samples/generate.ts` ' +
	`(seed ${seed}); none describes a real person or organisation. Regenerate with ` +
	'`npm run samples` (or `npx tsx data-samples/generate.ts`): the files come out byte for byte ' +
	'the same.';

/** Counts the canonical README quotes. */
export interface CanonicalSummary {
	seed: number;
	referrals: number;
	people: number;
	reReferred: number;
	outcomes: number;
	onward: number;
	practices: number;
	pcns: number;
	compare: ReturnType<typeof compareFacts>;
}

const percent = (x: number, n: number) => `${Math.round((100 * x) / n)}%`;
const monthName = (month: string) =>
	new Date(`${month}-01`).toLocaleString('en-GB', {
		month: 'long',
		year: 'numeric',
		timeZone: 'UTC'
	});

/** The section on the differences planted for the Compare page. */
function compareSection({
	slower_to_first_contact: slow,
	referral_shift: shift
}: CanonicalSummary['compare']) {
	const counts = Object.entries(slow.contacted_within_14_days);
	const mine = slow.contacted_within_14_days[slow.pcn];
	const others = counts.filter(([pcn]) => pcn !== slow.pcn).map(([, c]) => c);
	const contacted = others.reduce((sum, c) => sum + c.contacted, 0);
	const due = others.reduce((sum, c) => sum + c.referrals, 0);
	const months = Object.entries(shift.monthly_referrals);
	const yearMean = (year: string) => {
		const inYear = months.filter(([m]) => m.startsWith(year)).map(([, v]) => v);
		return Math.round(inYear.reduce((a, b) => a + b, 0) / inYear.length);
	};
	const after = months.filter(([m]) => m >= shift.from_month).length;
	const [fromYear] = shift.from_month.split('-');
	return `## What Compare should find

Two differences are planted (\`data-samples/lib/compare.ts\`), and \`expected.json\` records them
under \`compare\`:

- **${slow.pcn} is slower to first contact.** Its waits for a first contact are drawn with a mean
  of ${slow.mean_days_to_first_contact} days, against ${slow.other_pcns_mean_days} elsewhere: ${n(mine.contacted)} of ${n(mine.referrals)} (${percent(mine.contacted, mine.referrals)}) were contacted within 14 days, against ${n(contacted)} of
  ${n(due)} (${percent(contacted, due)}) in the other PCNs, so it sits below the 99.8% funnel limit and the others within it.
- **${shift.pcn}'s referrals step up from ${monthName(shift.from_month)}.** New referrals come ${shift.factor} times as often
  from then on, so each of its ${after} months from ${monthName(shift.from_month)} to the as-of date is above its monthly
  mean (a shift on an XmR chart): ${yearMean(String(Number(fromYear) - 1))} referrals a month in ${Number(fromYear) - 1}, ${yearMean(fromYear)} in ${fromYear}.

Referrals grow over the three years in every PCN, so other PCNs' first months can also sit below
their own means; ${shift.pcn}'s share of all referrals is the one that steps up.
`;
}

/** canonical/README.md */
export function canonicalReadme(s: CanonicalSummary): string {
	return `# Synthetic canonical sample

${synthetic(s.seed)}

The files follow the data contract in \`src/lib/contract/tables.ts\`: UTF-8 without BOM,
comma-separated, ISO dates (yyyy-mm-dd), headers exactly the canonical column names. They are
clean: every row loads and every category label is a synonym in \`vocabularies.ts\`.

- \`synthetic-referrals.csv\`: ${n(s.referrals)} referrals of ${n(s.people)} people received
  from 2022-04-01 to 2025-03-31 (financial years 2022/23 to 2024/25; as-of date 2025-03-31).
- \`synthetic-outcomes.csv\`: ${n(s.outcomes)} scores in long form: WEMWBS, SWEMWBS raw totals,
  the four ONS4 items and UCLA-3, at \`baseline\`, \`followup\` and a few \`review 1\`.
- \`synthetic-onward-referrals.csv\`: ${n(s.onward)} onward referrals and signposts.
- \`synthetic-practices.csv\`: ${s.practices} practices in ${s.pcns} PCNs, with list sizes.
- \`expected.json\`: counts computed by the generator (here and for the two shaped exports in
  \`../exports\`), which the tests compare against.

## How they were made

Three services cover five PCNs of four practices each. People are drawn by practice list
size, with an age skewed older (a few aged 16-17), about 60% female, IMD deciles led by the
practice's area (more in deciles 1-3), mostly White British. Referral dates grow over the
three years, dip in August and December and rarely fall at weekends. About 60% of referrals
come from GPs; each has one to three reasons, mental health and loneliness the commonest.
About 90% are contacted a few days to weeks after referral; most episodes are discharged
(goals met the commonest reason), the rest are open at the as-of date; ${n(s.reReferred)} people
are re-referred after an earlier discharge. Each service uses its own outcome measures;
baselines are taken at first contact and follow-ups near discharge for about half of those
discharged, with modest improvements. Two services record GP appointments in the six months
before and after referral (after is lower on average).

${compareSection(s.compare)}`;
}

const defectLine = (d: Defect) => {
	const value = d.value === '' ? '(empty)' : `\`${d.value}\``;
	const effect = d.effect === 'rejected' ? 'rejected' : 'loaded, listed as an issue';
	return `- Row ${d.row}, \`${d.column}\` = ${value}: ${d.description}. Expected: ${effect}.`;
};

/** What the exports README says about one export. */
export interface ExportSummary {
	file: string;
	scope: string;
	rowsWritten: number;
	rowsLoaded: number;
	defects: Defect[];
}

const defectSection = (e: ExportSummary, extra: string[] = []) =>
	[
		`### \`${e.file}\``,
		'',
		...e.defects.map(defectLine),
		...extra,
		'',
		`Rows written: ${n(e.rowsWritten)}. Expected: ${n(e.rowsLoaded)} loaded, ` +
			`${n(e.rowsWritten - e.rowsLoaded)} rejected.`
	].join('\n');

/** exports/README.md */
export function exportsReadme(seed: number, casebook: ExportSummary, sheet: ExportSummary): string {
	const blankLines = `- After row ${casebook.rowsWritten + 1} (the last data row): two blank lines end the file; they are not data rows.`;
	return `# Synthetic shaped exports

${synthetic(seed)}

The same people and referrals as \`../canonical\`, for two services, shaped the way case
systems and monitoring spreadsheets export them, so the importer's mapping, encodings and
date parsing are exercised. Counts the tests expect are in \`../canonical/expected.json\`.

## \`synthetic-casebook-export.csv\`

${casebook.scope}. A case-management system's CSV: Windows-1252 encoded (\`St Mary’s\`, \`–\`
and \`é\` are single bytes), CRLF line endings, UK dates (dd/mm/yyyy, a few with a time
hh:mm), ages in whole years, ethnicity names, carer Y/N, reasons separated by commas (so
quoted), wide \`WEMWBS baseline\` and \`WEMWBS follow-up\` columns, and one column the contract
does not know, \`Notes flag\`, which the importer should list as unmapped and ignore.

## \`synthetic-spreadsheet-export.xlsx\`

${sheet.scope}. A workbook with a "Read me" sheet first, then "Referrals": its own headers
("Case number", "Surgery", "Closure date"...), real Excel date cells, numbers as numbers, age
bands, NHS ethnic category codes (A-Z), fictional ODS-like practice codes (Z90101...) in
"Surgery", reasons separated by semicolons and wide SWEMWBS raw totals.

## Planted defects

Row numbers are spreadsheet rows: the header is row 1 and the first data row is row 2 (in
the workbook, rows of the "Referrals" sheet). A rejected row cannot be counted (no referral
ID, no valid referral date, a referral ID already taken, or an exact copy of an earlier row);
an issue keeps the row but leaves the bad value out of the figures it would corrupt.

${defectSection(casebook, [blankLines])}

${defectSection(sheet)}
`;
}
