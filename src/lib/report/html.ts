// The report as HTML: the page shows it, prints it, and saves it as one self-contained file (the
// same markup with its styles inline and its charts as inline SVG). Every text is escaped here;
// chart markup comes from Plot, which writes labels as text nodes.
import {
	moreRowsText,
	qualityText,
	storyReminder,
	type DocFigure,
	type DocSection,
	type ReportDoc
} from './document.ts';
import type { ReportChart } from './charts.ts';
import { formatCount, formatShare } from '../util/format.ts';

/** Text as HTML: the five characters that could start markup or end an attribute, escaped. */
export function esc(text: string): string {
	return text
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&#39;');
}

/** A CSS string literal (for the print footer). */
const cssString = (text: string) =>
	`"${text
		.replace(/\\/g, '\\\\')
		.replace(/"/g, '\\"')
		.replace(/</g, '\\3c ')
		.replace(/>/g, '\\3e ')
		.replace(/[\r\n]+/g, ' ')}"`;

/** What the running footer of every printed page says. */
export function footerText(doc: ReportDoc): string {
	return [doc.title, doc.scope, doc.publication ? 'publication mode' : 'not for publication']
		.filter(Boolean)
		.join(' · ');
}

/** The report's styles, on screen and in print (A4 portrait). */
export function reportCss(doc: ReportDoc): string {
	return `
.report { max-width: 46rem; margin: 0 auto; background: #fff; color: #212b32; padding: 1.5rem 2rem; font-family: system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif; line-height: 1.45; }
.report h1 { font-size: 1.7rem; margin: 0.2rem 0 0.6rem; }
.report h2 { font-size: 1.3rem; margin: 0 0 0.75rem; padding-top: 0.5rem; border-top: 3px solid #005eb8; }
.report h3 { font-size: 1.05rem; margin: 0 0 0.3rem; }
.report .org { margin: 0; color: #4c6272; font-weight: 600; }
.report .stamps { display: flex; flex-wrap: wrap; gap: 0.4rem; margin: 0.5rem 0; }
.report .stamp { border: 2px solid #212b32; border-radius: 4px; padding: 0.1rem 0.5rem; font-weight: 700; font-size: 0.85rem; }
.report .stamp.publication { border-color: #7a4100; color: #7a4100; }
.report dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 1rem; margin: 0.5rem 0 1rem; }
.report dl.facts dt { font-weight: 600; }
.report dl.facts dd { margin: 0; }
.report-section { margin: 1.75rem 0 0; }
.report .summary li { margin: 0 0 0.45rem; }
.report .n { color: #4c6272; }
.report-figure { margin: 0 0 1.5rem; break-inside: avoid; page-break-inside: avoid; }
.report-figure .sentence { margin: 0 0 0.4rem; }
.report-figure .chart { margin: 0.3rem 0; }
.report-figure .chart svg, .report-figure .chart figure { max-width: 100%; height: auto; }
.report-figure .chart figure { margin: 0; }
.report .meta, .report .caveat, .report .more { font-size: 0.8rem; color: #4c6272; margin: 0.2rem 0; }
.report .caveat { color: #7a4100; }
.report table { border-collapse: collapse; width: 100%; font-size: 0.78rem; margin: 0.3rem 0; break-inside: avoid; page-break-inside: avoid; }
.report th, .report td { text-align: left; padding: 0.12rem 0.35rem; border-bottom: 1px solid #d8dde0; vertical-align: top; overflow-wrap: break-word; }
.report td.num { white-space: nowrap; }
.report td.num, .report th.num { text-align: right; font-variant-numeric: tabular-nums; }
.report .reminder { background: #fff9c4; border-left: 6px solid #ffb81c; padding: 0.4rem 0.8rem; }
.report .story { margin: 0 0 1rem; break-inside: avoid; }
.report .story p { white-space: pre-wrap; margin: 0; }
.report .method { margin: 0 0 0.7rem; }
.report .method p { margin: 0; }
@media screen and (max-width: 40rem) {
  .report { padding: 1rem 0.75rem; }
  .report th, .report td { overflow-wrap: anywhere; }
  .report td.num { white-space: normal; }
}
@page { size: A4 portrait; margin: 15mm 14mm 18mm;
  @bottom-left { content: ${cssString(footerText(doc))}; font-size: 8pt; color: #4c6272; font-family: Arial, sans-serif; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 8pt; color: #4c6272; font-family: Arial, sans-serif; } }
@media print {
  html, body { background: #fff !important; }
  header.site, .skip, .synthetic-banner, main > :not([data-testid="figures"]), [data-testid="figures"] > :not(.report-host), .report-host > :not(.report) { display: none !important; }
  main { max-width: none !important; padding: 0 !important; margin: 0 !important; }
  .report { max-width: none; padding: 0; margin: 0; font-size: 10pt; }
  .report table { font-size: 7.5pt; }
  .report-section { break-before: page; page-break-before: always; margin-top: 0; }
  .report-section.first { break-before: auto; page-break-before: auto; }
  .report h2, .report h3 { break-after: avoid; page-break-after: avoid; }
}`;
}

const table = (t: NonNullable<DocFigure['table']>) => {
	const cls = (i: number) => (t.numeric[i] ? ' class="num"' : '');
	const head = t.columns.map((c, i) => `<th scope="col"${cls(i)}>${esc(c)}</th>`).join('');
	const body = t.rows
		.map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${esc(c)}</td>`).join('')}</tr>`)
		.join('');
	const more = t.more ? `<p class="more">${moreRowsText(t.more)}</p>` : '';
	return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>${more}`;
};

function figureHtml(f: DocFigure, doc: ReportDoc, chart: ReportChart | undefined): string {
	return `<div class="report-figure" data-figure="${esc(f.id)}">
<h3>${esc(f.title)}</h3>
<p class="sentence">${esc(f.sentence)}</p>
${chart ? `<div class="chart">${chart.html}</div>` : ''}
<p class="meta">n = ${esc(f.n)} · ${esc(doc.scope)} · as of ${esc(doc.asOf)}${doc.publication ? ' · publication mode' : ''}</p>
${f.caveat ? `<p class="caveat">${esc(f.caveat)}</p>` : ''}
${f.table ? table(f.table) : ''}
</div>`;
}

function sectionBody(s: DocSection, doc: ReportDoc, charts: Record<string, ReportChart>): string {
	switch (s.id) {
		case 'summary':
			return `<ul class="summary">${s.lines
				.map(
					(l) =>
						`<li><strong>${esc(l.topic)}.</strong> ${esc(l.text)} <span class="n">(n = ${esc(l.n)})</span></li>`
				)
				.join('')}</ul>`;
		case 'stories':
			return `<p class="reminder">${storyReminder}</p>
${s.stories.map((st) => `<div class="story"><h3>${esc(st.title)}</h3><p>${esc(st.text)}</p></div>`).join('')}`;
		case 'quality': {
			const t = s.totals;
			const files = s.files
				.map(
					(f) =>
						`<tr><td>${esc(f.file)}</td><td>${esc(f.table)}</td><td class="num">${formatCount(f.read)}</td><td class="num">${formatCount(f.loaded)}</td><td class="num">${formatCount(f.rejected)}</td><td class="num">${formatCount(f.issues)}</td></tr>`
				)
				.join('');
			const gaps = s.files
				.filter((f) => f.gaps.length)
				.map(
					(f) =>
						`<li>${esc(f.file)}: ${f.gaps.map((g) => `${esc(g.column)} ${formatShare(g.share)}`).join(', ')}</li>`
				)
				.join('');
			return `<p>${qualityText(t, doc.publication)}</p>
<table><thead><tr><th scope="col">File</th><th scope="col">Table</th><th scope="col" class="num">Rows read</th><th scope="col" class="num">Loaded</th><th scope="col" class="num">Rejected</th><th scope="col" class="num">Issues</th></tr></thead><tbody>${files}</tbody></table>
${gaps ? `<h3>Columns not always filled</h3><p class="meta">The share of loaded rows with a value, for the columns the figures use that are not complete.</p><ul>${gaps}</ul>` : '<p>Every column the figures use is filled in every loaded row.</p>'}
${
	s.reasons.length
		? `<h3>Why rows were rejected or flagged</h3><table><thead><tr><th scope="col"></th><th scope="col">File</th><th scope="col">Column</th><th scope="col">Reason</th><th scope="col" class="num">Rows</th></tr></thead><tbody>${s.reasons
				.map(
					(r) =>
						`<tr><td>${r.kind}</td><td>${esc(r.file)}</td><td>${esc(r.column)}</td><td>${esc(r.reason)}</td><td class="num">${formatCount(r.rows)}</td></tr>`
				)
				.join('')}</tbody></table>`
		: ''
}
${s.warnings.length ? `<h3>Warnings</h3><ul>${s.warnings.map((w) => `<li>${esc(w)}</li>`).join('')}</ul>` : ''}`;
		}
		case 'methods':
			return s.notes
				.map((m) => `<div class="method"><h3>${esc(m.heading)}</h3><p>${esc(m.text)}</p></div>`)
				.join('');
		default:
			return s.figures.map((f) => figureHtml(f, doc, charts[f.id])).join('\n');
	}
}

/** The report's markup (an <article>), for the page and the saved file. */
export function reportMarkup(doc: ReportDoc, charts: Record<string, ReportChart>): string {
	const facts: [string, string][] = [
		['Period and scope', doc.scope],
		['As of', doc.asOf],
		['Produced', doc.produced]
	];
	const stamps = [
		doc.publication
			? '<span class="stamp publication" data-testid="publication-stamp">Publication mode: small numbers suppressed</span>'
			: '<span class="stamp">Not in publication mode: exact counts, not for sharing</span>',
		doc.synthetic ? '<span class="stamp">Synthetic data</span>' : ''
	].join('');
	const sections = doc.sections
		.map(
			(s, i) =>
				`<section class="report-section${i === 0 ? ' first' : ''}" id="report-${s.id}" aria-labelledby="report-${s.id}-title">
<h2 id="report-${s.id}-title">${esc(s.title)}</h2>
${sectionBody(s, doc, charts)}
</section>`
		)
		.join('\n');
	return `<article class="report">
<header>
${doc.organisation ? `<p class="org">${esc(doc.organisation)}</p>` : ''}
<h1>${esc(doc.title)}</h1>
<dl class="facts">${facts.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>
<div class="stamps">${stamps}</div>
</header>
${sections}
</article>`;
}

/** The report as one self-contained HTML file: inline styles and SVG, no script, no request. */
export function reportFile(doc: ReportDoc, charts: Record<string, ReportChart>): string {
	return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(doc.title)}</title>
<style>body { margin: 0; background: #f0f4f5; }${reportCss(doc)}</style>
</head>
<body>
${reportMarkup(doc, charts)}
</body>
</html>
`;
}
