// Read a report back as a reader would get it: the HTML file's parts (parsed, not pattern-matched)
// and a Word file's text, tables and images (unzipped, its XML read). Shared by the unit and
// browser tests.
import { strFromU8, unzipSync } from 'fflate';
import { parseHTML } from 'linkedom';
import { expect } from 'vitest';

const clean = (t: string | null | undefined) => (t ?? '').replace(/\s+/g, ' ').trim();

export interface ReadTable {
	header: string[];
	rows: string[][];
}

/** The HTML report's parts: summary lines, figures (id, title, sentence, meta, table), all text. */
export function readHtml(html: string) {
	const { document } = parseHTML(html);
	const tableOf = (t: Element | null): ReadTable | null =>
		t && {
			header: [...t.querySelectorAll('thead th')].map((th) => clean(th.textContent)),
			rows: [...t.querySelectorAll('tbody tr')].map((tr) =>
				[...tr.querySelectorAll('td')].map((td) => clean(td.textContent))
			)
		};
	return {
		document,
		summary: [...document.querySelectorAll('.summary li')].map((li) => clean(li.textContent)),
		figures: [...document.querySelectorAll('.report-figure')].map((f) => ({
			id: f.getAttribute('data-figure') ?? '',
			title: clean(f.querySelector('h3')?.textContent),
			sentence: clean(f.querySelector('.sentence')?.textContent),
			meta: clean(f.querySelector('.meta')?.textContent),
			chart: !!f.querySelector('.chart svg'),
			table: tableOf(f.querySelector('table'))
		})),
		sections: [...document.querySelectorAll('.report-section h2')].map((h) => clean(h.textContent)),
		tables: [...document.querySelectorAll('table')].map((t) => tableOf(t)!),
		text: clean(document.querySelector('.report')?.textContent)
	};
}

/** The Word file's paragraphs' text, its tables and how many images it holds. */
export function readDocx(bytes: Uint8Array) {
	const files = unzipSync(bytes);
	const xml = strFromU8(files['word/document.xml']);
	const texts = (fragment: string) =>
		[...fragment.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) =>
			m[1]
				.replace(/&lt;/g, '<')
				.replace(/&gt;/g, '>')
				.replace(/&quot;/g, '"')
				.replace(/&apos;/g, "'")
				.replace(/&amp;/g, '&')
		);
	const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) =>
		clean(texts(m[0]).join(''))
	);
	const tables: ReadTable[] = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => {
		const rows = [...m[0].matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((r) =>
			[...r[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => clean(texts(c[0]).join('')))
		);
		return { header: rows[0] ?? [], rows: rows.slice(1) };
	});
	return {
		paragraphs,
		tables,
		images: [...xml.matchAll(/<wp:inline[ >]/g)].length,
		footer: clean(texts(strFromU8(files['word/footer1.xml'] ?? new Uint8Array())).join(' ')),
		text: paragraphs.join(' ')
	};
}

/** URLs a file would fetch or link to: in src, href, xlink:href or CSS url(). */
export function externalUrls(html: string): string[] {
	const found = [
		...html.matchAll(/(?:src|href)\s*=\s*["']?\s*([^"'\s>]+)/gi),
		...html.matchAll(/url\(\s*["']?([^"')]+)/gi)
	].map((m) => m[1]);
	return found.filter((u) => /^(?:https?:)?\/\//i.test(u));
}

/** The report's compact table is the CLI's table: the same cells in the chosen columns. */
export function expectSameTable(
	table: ReadTable,
	cli: { columns: string[]; rows: string[][] },
	where: string
) {
	// Columns by label, in order (two columns may share a label: "Referrals" and its count).
	const used = new Set<number>();
	const at = table.header.map((h) => {
		const j = cli.columns.findIndex((c, k) => c === h && !used.has(k));
		used.add(j);
		return j;
	});
	expect(at, `${where}: columns ${table.header.join(' | ')}`).not.toContain(-1);
	expect(table.rows.length, `${where}: rows`).toBeLessThanOrEqual(cli.rows.length);
	table.rows.forEach((row, i) =>
		expect(row, `${where}, row ${i + 1}`).toEqual(at.map((j) => cli.rows[i][j]))
	);
}
