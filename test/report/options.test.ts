// The report's choices in the address, the report profile file, and publication mode on by
// default on the Report page only.
import { describe, expect, it } from 'vitest';
import { reportChoiceParams, reportChoicesFromParams } from '../../src/lib/report/options.ts';
import { sectionIds } from '../../src/lib/report/sections.ts';
import { parseReportProfile, reportProfileText } from '../../src/lib/report/stories.ts';
import { publicationIn, withPublication } from '../../src/lib/state/url.ts';

describe('report choices in the address', () => {
	it('defaults to every section, no title and no organisation', () => {
		expect(reportChoicesFromParams(new URLSearchParams())).toEqual({
			title: '',
			organisation: '',
			sections: [...sectionIds]
		});
	});

	it('round-trips a title, an organisation and a choice of sections (in report order)', () => {
		const params = reportChoiceParams({
			title: 'Board report',
			organisation: 'Riverside PCN',
			sections: ['methods', 'summary', 'outcomes']
		});
		expect(params.sections).toBe('summary,outcomes,methods');
		const search = new URLSearchParams(
			Object.entries(params).filter((e): e is [string, string] => e[1] !== null)
		);
		expect(reportChoicesFromParams(search)).toEqual({
			title: 'Board report',
			organisation: 'Riverside PCN',
			sections: ['summary', 'outcomes', 'methods']
		});
	});

	it('drops unknown sections and writes every section as no parameter', () => {
		expect(
			reportChoicesFromParams(new URLSearchParams('sections=summary,nonsense')).sections
		).toEqual(['summary']);
		expect(reportChoiceParams({ sections: [...sectionIds] }).sections).toBeNull();
		expect(reportChoiceParams({ title: '  ' }).report_title).toBeNull();
	});
});

describe('the report profile file', () => {
	it('round-trips title, organisation and stories', () => {
		const text = reportProfileText({
			title: 'T',
			organisation: 'O',
			stories: [{ title: 'A', text: 'B' }]
		});
		expect(parseReportProfile(text).value).toEqual({
			kind: 'sp-impact-report-profile',
			version: 1,
			title: 'T',
			organisation: 'O',
			stories: [{ title: 'A', text: 'B' }]
		});
	});

	it('refuses what is not a profile, or holds more than five stories, in words', () => {
		expect(parseReportProfile('{oops').errors).toEqual([
			'the file is not a report profile (it is not JSON)'
		]);
		expect(
			parseReportProfile('{"kind":"sp-impact-mapping-profile","version":1}').errors[0]
		).toMatch(/^kind:/);
		const six = Array.from({ length: 6 }, (_, i) => ({ title: `S${i}`, text: 'x' }));
		const many = parseReportProfile(
			JSON.stringify({ kind: 'sp-impact-report-profile', version: 1, stories: six })
		);
		expect(many.value).toBeUndefined();
		expect(many.errors[0]).toMatch(/^stories:/);
	});
});

describe('publication mode by default', () => {
	it('is on where the page says so unless publication=0, off elsewhere unless publication=1', () => {
		expect(publicationIn('', true)).toBe(true);
		expect(publicationIn('?publication=0', true)).toBe(false);
		expect(publicationIn('?publication=1', true)).toBe(true);
		expect(publicationIn('')).toBe(false);
		expect(publicationIn('?publication=1')).toBe(true);
	});

	it('writes only the state that differs from the page default', () => {
		expect(withPublication('?fy=2024%2F25', false, true)).toBe('?fy=2024%2F25&publication=0');
		expect(withPublication('?fy=2024%2F25&publication=0', true, true)).toBe('?fy=2024%2F25');
		expect(withPublication('?fy=2024%2F25', true)).toBe('?fy=2024%2F25&publication=1');
		expect(withPublication('?publication=1', false)).toBe('');
	});
});
