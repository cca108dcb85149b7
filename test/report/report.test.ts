// The impact report (issue 12) from the command line, read back as a reader gets it: the same
// figures, sentences and table cells as `sp-impact figures` prints (so as the pages show), on the
// sample, in publication mode and out of it; publication rules on the small-numbers fixture in
// the HTML and the Word file; a self-contained HTML file; stories screened without echoing.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sectionFigures } from '../../src/lib/report/sections.ts';
import { cli } from '../cli/run-cli.ts';
import {
	countsIn,
	expectPublishedSentence,
	expectPublishedTable,
	isPublished,
	pairPatterns
} from '../e2e/published.ts';
import { scratchDir } from '../helpers/import.ts';
import { printed, sample, smallNumbers, type Printed } from '../helpers/printed.ts';
import { expectSameTable, externalUrls, readDocx, readHtml, type ReadTable } from './read-back.ts';

let dir: Awaited<ReturnType<typeof scratchDir>>;
beforeAll(async () => {
	dir = await scratchDir();
});
afterAll(() => dir.remove());

async function report(format: 'html' | 'docx', paths: string[], ...options: string[]) {
	const out = join(dir.dir, `report-${Math.random().toString(36).slice(2)}.${format}`);
	const r = await cli('report', '--format', format, '--out', out, ...options, ...paths);
	expect(r.stderr).toBe('');
	expect(r.code).toBe(0);
	return readFile(out);
}

describe.each([
	['out of publication mode', false, ['--no-publication']],
	['in publication mode (the default)', true, []]
])('sp-impact report on the sample, %s', (_name, on, flags) => {
	let cliFigures: Printed;
	let html: ReturnType<typeof readHtml>;
	beforeAll(async () => {
		cliFigures = await printed(sample, on);
		html = readHtml((await report('html', sample, ...flags)).toString('utf8'));
	}, 60_000);

	it('prints every section, the comparison among them (three services)', () => {
		expect(html.sections).toEqual([
			'Summary',
			'Reach and who we reach',
			'Referrals and support',
			'Outcomes',
			'Journeys',
			'Comparison',
			'Data quality',
			'Methods and caveats'
		]);
		expect(html.text).toContain(
			on ? 'Publication mode: small numbers suppressed' : 'Not in publication mode'
		);
		expect(html.text).toContain('Synthetic data');
	});

	it('prints each figure with the title, sentence, n and table cells the CLI prints', () => {
		const expected = Object.values(sectionFigures)
			.flat()
			.map((f) => f.id)
			.filter((id) => cliFigures[id]);
		expect(html.figures.map((f) => f.id)).toEqual(expected);
		for (const f of html.figures) {
			const c = cliFigures[f.id]!;
			expect(f.title, f.id).toBe(c.title);
			expect(f.sentence, f.id).toBe(c.sentence);
			expect(f.meta, f.id).toContain(`n = ${c.n} · All dates · as of 31/03/2025`);
			if (f.table) expectSameTable(f.table, c, f.id);
		}
		// Charts drawn for the figures that have one (table-only figures have none).
		expect(html.figures.filter((f) => f.chart).length).toBeGreaterThan(20);
	});

	it('states the summary in the figures’ own sentences, each with its n', () => {
		const line = (topic: string) => html.summary.find((l) => l.startsWith(`${topic}.`)) ?? '';
		const c = (id: string) => cliFigures[id]!;
		expect(line('Reach')).toBe(`Reach. ${c('headline').sentence} (n = ${c('headline').n})`);
		expect(line('Who we reach')).toContain(c('people-by-imd-decile').sentence);
		expect(line('Who we reach')).toContain('Core20');
		expect(line('Sources and reasons')).toContain(c('referrals-by-source').sentence);
		expect(line('Sources and reasons')).toContain(c('referral-reasons').sentence);
		expect(line('Support given')).toContain(c('engagement-funnel').sentence);
		// The outcome line: the chosen measure's change with its CI, and its follow-up rate.
		expect(line('Outcomes')).toMatch(
			/mean Warwick-Edinburgh Mental Wellbeing Scale rose by 3\.4 \(95% CI \+2\.8 to \+3\.9\)/
		);
		const followUp = /Follow-up rate [^.]*\./.exec(c('outcome-change').caveat!)![0];
		expect(followUp).toMatch(/^Follow-up rate 50%: 76\d of 1,5\d\d discharged referrals/);
		expect(line('Outcomes')).toContain(followUp);
		expect(line('Time to contact and discharge')).toContain(c('time-to-first-contact').sentence);
		expect(line('Time to contact and discharge')).toContain(c('time-to-discharge').sentence);
		expect(line('GP appointments')).toContain(c('gp-appointments').sentence);
		expect(line('GP appointments')).toContain('no comparison group');
		expect(html.summary).toHaveLength(7);
	});
});

describe('sp-impact report: the HTML file stands alone', () => {
	it('has no script, no external URL, and shows hostile words as text', async () => {
		const text = (
			await report(
				'html',
				sample,
				'--title',
				'Board <script>alert(1)</script>',
				'--organisation',
				'"><img src=x onerror=alert(1)>'
			)
		).toString('utf8');
		expect(text).not.toMatch(/<script/i);
		expect(text).not.toMatch(/<img/i);
		const handlers = [...readHtml(text).document.querySelectorAll('*')].flatMap((e) =>
			[...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => a.name)
		);
		expect(handlers, 'event handler attributes').toEqual([]);
		expect(externalUrls(text)).toEqual([]);
		const read = readHtml(text);
		expect(read.document.querySelector('h1')?.textContent).toBe('Board <script>alert(1)</script>');
		expect(read.document.querySelector('.org')?.textContent).toBe('"><img src=x onerror=alert(1)>');
	});

	it('leaves the comparison out when the scope holds one service, and says the scope', async () => {
		const read = readHtml(
			(await report('html', sample, '--service', 'Northside Connect')).toString('utf8')
		);
		expect(read.sections).not.toContain('Comparison');
		expect(read.sections).toContain('Journeys');
		expect(read.document.querySelector('dl.facts dd')?.textContent).toBe(
			'All dates · Service: Northside Connect'
		);
	});

	it('keeps only the sections asked for', async () => {
		const read = readHtml(
			(await report('html', sample, '--sections', 'summary,methods')).toString('utf8')
		);
		expect(read.sections).toEqual(['Summary', 'Methods and caveats']);
	});
});

describe('sp-impact report --format docx', () => {
	it('holds the same sentences, tables and a picture of each chart', async () => {
		const cliFigures = await printed(sample, true);
		const html = readHtml((await report('html', sample)).toString('utf8'));
		const word = readDocx(await report('docx', sample, '--title', 'Quarterly board report'));
		expect(word.paragraphs).toContain('Quarterly board report');
		for (const f of html.figures) {
			expect(word.paragraphs, f.id).toContain(cliFigures[f.id]!.sentence);
		}
		expect(word.images).toBe(html.figures.filter((f) => f.chart).length);
		// Each compact table in the same cells (the quality table and figure tables).
		const figureTables = html.tables.slice(0, word.tables.length);
		expect(word.tables.map((t) => t.header)).toEqual(figureTables.map((t) => t.header));
		expect(word.tables.map((t) => t.rows)).toEqual(figureTables.map((t) => t.rows));
		expect(word.text).toContain('Publication mode: small numbers suppressed');
		expect(word.footer).toContain('Quarterly board report · All dates · publication mode');
	}, 60_000);
});

describe('publication mode on the small-numbers fixture', () => {
	const check = (where: string, sentences: string[], tables: ReadTable[]) => {
		for (const s of sentences) expectPublishedSentence(s, where, pairPatterns);
		let stars = 0;
		for (const t of tables) stars += expectPublishedTable(t.header, t.rows, where);
		return stars;
	};

	it('shows no count from 1 to 7 in the HTML', async () => {
		const html = readHtml((await report('html', smallNumbers)).toString('utf8'));
		const sentences = [...html.summary, ...html.figures.flatMap((f) => [f.sentence, f.meta])];
		expect(sentences.flatMap((s) => countsIn(s, pairPatterns)).length).toBeGreaterThan(10);
		const stars = check('HTML', sentences, html.tables);
		expect(stars, 'some counts are hidden').toBeGreaterThan(0);
		// The data-quality counts are rows of files, published all the same.
		const quality = html.document.querySelector('#report-quality table');
		for (const td of quality?.querySelectorAll('td.num') ?? [])
			expect(isPublished(td.textContent ?? ''), td.textContent ?? '').toBe(true);
	}, 60_000);

	it('shows no count from 1 to 7 in the Word file', async () => {
		const word = readDocx(await report('docx', smallNumbers));
		check(
			'docx',
			word.paragraphs,
			word.tables.filter((t) => t.header[0] !== 'File')
		);
		const quality = word.tables.find((t) => t.header[0] === 'File')!;
		for (const row of quality.rows)
			for (const cell of row.slice(2)) expect(isPublished(cell), cell).toBe(true);
	}, 60_000);
});

describe('stories', () => {
	it('refuses a profile whose story holds an NHS number, without echoing it', async () => {
		const path = join(dir.dir, 'stories.json');
		const { writeFile } = await import('node:fs/promises');
		await writeFile(
			path,
			JSON.stringify({
				kind: 'sp-impact-report-profile',
				version: 1,
				stories: [
					{ title: 'Margaret’s story', text: 'She joined the walking group.' },
					{ title: 'Tom', text: 'Seen with his daughter, NHS 943 476 5919, in March.' }
				]
			})
		);
		const r = await cli(
			'report',
			'--format',
			'html',
			'--out',
			join(dir.dir, 'x.html'),
			'--stories',
			path,
			...sample
		);
		expect(r.code).toBe(1);
		expect(r.stderr).toContain('story 2');
		expect(r.stderr).toContain('an NHS number');
		expect(r.stderr).not.toMatch(/943|5919/);
	});

	it('prints the stories of a clean profile as written, with the reminder', async () => {
		const path = join(dir.dir, 'clean.json');
		const { writeFile } = await import('node:fs/promises');
		await writeFile(
			path,
			JSON.stringify({
				kind: 'sp-impact-report-profile',
				version: 1,
				title: 'From the profile',
				stories: [
					{
						title: 'A new start',
						text: 'After six weeks of the choir, "J" said <she> felt part of something.'
					}
				]
			})
		);
		const html = readHtml((await report('html', sample, '--stories', path)).toString('utf8'));
		expect(html.sections).toContain('Stories');
		const story = html.document.querySelector('.story');
		expect(story?.querySelector('h3')?.textContent).toBe('A new start');
		expect(story?.querySelector('p')?.textContent).toBe(
			'After six weeks of the choir, "J" said <she> felt part of something.'
		);
		expect(html.text).toContain('Names have been changed');
	});
});

it('the report options are a usage error on other commands, and report needs --format and --out', async () => {
	expect((await cli('summary', '--format', 'html', ...sample)).stderr).toContain(
		'--format is for sp-impact report'
	);
	expect((await cli('report', '--out', 'x', ...sample)).stderr).toContain('invalid --format');
	expect((await cli('report', '--format', 'pdf', '--out', 'x', ...sample)).stderr).toContain(
		'invalid --format: pdf'
	);
	expect((await cli('report', '--format', 'html', ...sample)).stderr).toContain('no --out');
});
