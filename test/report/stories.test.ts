// A story is screened by the identifier guard's value rules (run in DuckDB, as the import runs
// them) before it joins a report: each kind found is named, the value never repeated.
import { describe, expect, it } from 'vitest';
import { storyProblem } from '../../src/lib/report/stories.ts';
import { useNativeDb } from '../helpers/import.ts';

describe('storyProblem', () => {
	const ctx = useNativeDb();
	const problem = (text: string, title = 'A story') => storyProblem(ctx.db, { title, text });

	it.each([
		// 943 476 5919 passes Modulus 11 (NHS Digital's example number); found after another number.
		['Ref 1234567890, then NHS 943 476 5919 on the form.', 'an NHS number', ['5919', '943']],
		// Regression: a number one character after another was not a candidate (no label here).
		['Refs 1234567890/9434765919 on file.', 'an NHS number', ['9434765919']],
		['Write to her at jo.bloggs@example.org.', 'an email address', ['jo.bloggs', 'example']],
		['Her mobile is 07700 900123.', 'a phone number', ['900123']],
		['Moved to LS1 4AP last year.', 'a full postcode', ['LS1', '4AP']],
		['Born 12/03/1950, she lives alone.', 'a date of birth', ['1950']],
		['Born 12 March 1950.', 'a date of birth', ['1950']]
	])('refuses "%s" as holding %s, without repeating it', async (text, kind, values) => {
		const why = await problem(text);
		expect(why).toContain(kind);
		for (const v of values) expect(why).not.toContain(v);
	});

	it('screens the title too', async () => {
		expect(await problem('A quiet start.', 'Mr Smith, 943 476 5919')).toContain(
			"story's title looks as if it holds an NHS number"
		);
	});

	it('lets a story with ordinary numbers through', async () => {
		expect(
			await problem(
				'After 6 weeks in 2024 and 12 sessions, she rated her wellbeing 52 of 70 and walks 3 miles.'
			)
		).toBeNull();
		// Ten digits failing Modulus 11 are not an NHS number.
		expect(await problem('Order 1234567890 arrived.')).toBeNull();
	});

	it('needs a title and some text', async () => {
		expect(await problem('', 'Title')).toBe('a story needs some text');
		expect(await problem('Text', ' ')).toBe('a story needs a title');
	});
});
