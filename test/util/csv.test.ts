import { describe, it, expect } from 'vitest';
import { readFile } from 'node:fs/promises';
import { templateCsv } from '../../src/lib/contract/template.ts';
import { tables, type TableName } from '../../src/lib/contract/tables.ts';
import { csvCell, neutralise, toCsvText } from '../../src/lib/util/csv.ts';
import { cli } from '../cli/run-cli.ts';
import { scratchDir } from '../helpers/import.ts';

// OWASP CSV injection: a text cell a spreadsheet would run as a formula gets a leading quote.
describe('CSV cells a spreadsheet cannot run', () => {
	it.each([
		['=1+1', "'=1+1"],
		['+SUM(A1:A9)', "'+SUM(A1:A9)"],
		['-2+3', "'-2+3"],
		['@cmd', "'@cmd"],
		['\tnote', "'\tnote"],
		['\rnote', "'\rnote"],
		['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
		['plain', 'plain'],
		['a=b', 'a=b'],
		['', '']
	])('%j → %j', (text, expected) => expect(neutralise(text)).toBe(expected));

	it.each(['-3', '+44', '-0.5', '-1e3', '-12%', '-1,234.5'])(
		'a number written as text (%s) stays a number',
		(text) => expect(neutralise(text)).toBe(text)
	);

	it('numbers stay numbers; neutralised text is then quoted as RFC 4180 asks', () => {
		expect([-3, 0.25, null, true].map(csvCell)).toEqual(['-3', '0.25', '', 'true']);
		expect(csvCell('=cmd|"/c calc"!A1')).toBe(`"'=cmd|""/c calc""!A1"`);
		expect(toCsvText([{ a: '=1+1', b: -2 }], ['a', 'b'], ['@label', 'B'])).toBe(
			"'@label,B\r\n'=1+1,-2\r\n"
		);
	});

	it('templates from the contract have no cell a spreadsheet would run', () => {
		for (const t of Object.keys(tables) as TableName[]) {
			const [, example] = templateCsv(t).split('\r\n');
			expect(example).not.toMatch(/(^|,)[=+\-@\t\r]/);
		}
	});
});

describe('sp-impact summary --rejects and --issues', () => {
	it('write the CSVs the browser offers, with the file’s own values neutralised', async () => {
		const dir = await scratchDir();
		try {
			const data = await dir.write(
				'formulas.csv',
				'Referral ID,Date of referral,Referral source,Age\n' +
					'R1,01/04/2024,GP,40\n' +
					'R2,=NOW(),"=HYPERLINK(""http://evil.example"",""x"")",41\n' +
					'R3,03/04/2024,@SUM(1+1),-5\n'
			);
			const rejects = `${dir.dir}/rejects.csv`;
			const issues = `${dir.dir}/issues.csv`;
			const run = await cli('summary', '--rejects', rejects, '--issues', issues, data);
			expect(run.stderr).toBe('');
			expect(run.code).toBe(0);
			expect(await readFile(rejects, 'utf8')).toBe(
				"file,row,column,value,reason\r\nformulas.csv,3,Date of referral,'=NOW(),referral_date is not a valid date\r\n"
			);
			const issueText = await readFile(issues, 'utf8');
			// The label no synonym matches comes back neutralised; the age -5 stays a number.
			expect(issueText).toContain(`formulas.csv,4,Referral source,'@SUM(1+1),`);
			expect(issueText).toContain(`formulas.csv,4,Age,-5,`);
			expect(issueText.split('\r\n').slice(1).join('\n')).not.toMatch(/(^|,)[=+@]/m);
		} finally {
			await dir.remove();
		}
	});

	it('are for summary only, and need a file name', async () => {
		expect((await cli('figures', '--rejects', 'x.csv', 'a.csv')).stderr).toMatch(
			/--rejects and --issues are for sp-impact summary/
		);
		expect((await cli('summary', '--issues', ' ', 'a.csv')).stderr).toMatch(
			/invalid --issues: empty file name/
		);
	});

	it('regression: a file whose every referral is rejected crashed; now it says so', async () => {
		const dir = await scratchDir();
		try {
			const data = await dir.write('none.csv', 'Referral ID,Date of referral\n,01/04/2024\nR2,\n');
			const run = await cli('summary', data);
			expect(run.code).toBe(1);
			expect(run.stderr).toBe(
				'sp-impact: no referral could be loaded: every referral row was rejected.\n' +
					'  none.csv: no referral_date (1 rows, the first is row 3)\n' +
					'  none.csv: no referral_id (1 rows, the first is row 2)\n' +
					'Write every reason out with --rejects FILE.csv, fix the rows and run again.\n'
			);
		} finally {
			await dir.remove();
		}
	});
});
