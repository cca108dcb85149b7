// The report as a Word file, from the same model as the HTML: headings, the summary, each figure's
// chart as a PNG image (with its colour key in words) and its compact table as a Word table, so
// bid writers can paste from it. Made with `docx`, in the browser or in Node.
import {
	AlignmentType,
	BorderStyle,
	Document,
	Footer,
	HeadingLevel,
	ImageRun,
	Packer,
	PageNumber,
	Paragraph,
	Table,
	TableCell,
	TableRow,
	TextRun,
	WidthType
} from 'docx';
import type { ReportChart } from './charts.ts';
import {
	moreRowsText,
	qualityText,
	storyReminder,
	type DocFigure,
	type DocSection,
	type ReportDoc
} from './document.ts';
import { footerText } from './html.ts';
import { formatCount, formatShare } from '../util/format.ts';

/** A chart as a PNG (pixels at twice the chart's size), made by the caller's rasteriser. */
export type Rasterise = (chart: ReportChart) => Promise<Uint8Array>;

/** Images are this wide in the document (px at 96 dpi): A4's text width. */
const imageWidth = 600;

const grey = '4C6272';
const text = (t: string, options: { bold?: boolean; color?: string; size?: number } = {}) =>
	new TextRun({ text: t, ...options });
const para = (t: string, options: { bold?: boolean; color?: string; size?: number } = {}) =>
	new Paragraph({ children: [text(t, options)], spacing: { after: 80 } });

function wordTable(columns: string[], rows: string[][], numeric: boolean[]): Table {
	const cell = (t: string, i: number, head: boolean) =>
		new TableCell({
			children: [
				new Paragraph({
					alignment: numeric[i] ? AlignmentType.RIGHT : AlignmentType.LEFT,
					children: [text(t, { bold: head, size: 16 })]
				})
			]
		});
	const border = { style: BorderStyle.SINGLE, size: 4, color: 'D8DDE0' };
	return new Table({
		width: { size: 100, type: WidthType.PERCENTAGE },
		borders: {
			top: border,
			bottom: border,
			left: border,
			right: border,
			insideHorizontal: border,
			insideVertical: border
		},
		rows: [
			new TableRow({ tableHeader: true, children: columns.map((c, i) => cell(c, i, true)) }),
			...rows.map((r) => new TableRow({ children: r.map((c, i) => cell(c, i, false)) }))
		]
	});
}

async function figureParts(
	f: DocFigure,
	doc: ReportDoc,
	chart: ReportChart | undefined,
	rasterise: Rasterise
) {
	const parts: (Paragraph | Table)[] = [
		new Paragraph({ heading: HeadingLevel.HEADING_3, children: [text(f.title)] }),
		para(f.sentence)
	];
	if (chart) {
		const scale = Math.min(1, imageWidth / chart.width);
		parts.push(
			new Paragraph({
				children: [
					new ImageRun({
						type: 'png',
						data: await rasterise(chart),
						transformation: {
							width: Math.round(chart.width * scale),
							height: Math.round(chart.height * scale)
						},
						altText: { name: f.title, title: f.title, description: f.sentence }
					})
				]
			})
		);
		if (chart.key.length)
			parts.push(
				new Paragraph({
					children: [
						text('Key: ', { size: 16, color: grey }),
						...chart.key.flatMap((k, i) => [
							text('■ ', { size: 16, color: k.colour.replace('#', '') || grey }),
							text(`${k.label}${i < chart.key.length - 1 ? '   ' : ''}`, { size: 16 })
						])
					]
				})
			);
	}
	parts.push(
		para(
			`n = ${f.n} · ${doc.scope} · as of ${doc.asOf}${doc.publication ? ' · publication mode' : ''}`,
			{ size: 16, color: grey }
		)
	);
	if (f.caveat) parts.push(para(f.caveat, { size: 16, color: '7A4100' }));
	if (f.table) {
		parts.push(wordTable(f.table.columns, f.table.rows, f.table.numeric));
		if (f.table.more) parts.push(para(moreRowsText(f.table.more), { size: 16, color: grey }));
	}
	parts.push(new Paragraph({ children: [] }));
	return parts;
}

async function sectionParts(
	s: DocSection,
	doc: ReportDoc,
	charts: Record<string, ReportChart>,
	rasterise: Rasterise
): Promise<(Paragraph | Table)[]> {
	const heading = new Paragraph({
		heading: HeadingLevel.HEADING_1,
		pageBreakBefore: true,
		children: [text(s.title)]
	});
	switch (s.id) {
		case 'summary':
			return [
				heading,
				...s.lines.map(
					(l) =>
						new Paragraph({
							bullet: { level: 0 },
							children: [
								text(`${l.topic}. `, { bold: true }),
								text(`${l.text} `),
								text(`(n = ${l.n})`, { color: grey })
							]
						})
				)
			];
		case 'stories':
			return [
				heading,
				para(storyReminder, { color: '7A4100' }),
				...s.stories.flatMap((st) => [
					new Paragraph({ heading: HeadingLevel.HEADING_3, children: [text(st.title)] }),
					...st.text.split(/\r?\n/).map((line) => para(line))
				])
			];
		case 'quality': {
			const t = s.totals;
			const out: (Paragraph | Table)[] = [
				heading,
				para(qualityText(t, doc.publication)),
				wordTable(
					['File', 'Table', 'Rows read', 'Loaded', 'Rejected', 'Issues'],
					s.files.map((f) => [
						f.file,
						f.table,
						...[f.read, f.loaded, f.rejected, f.issues].map(formatCount)
					]),
					[false, false, true, true, true, true]
				)
			];
			for (const f of s.files.filter((x) => x.gaps.length))
				out.push(
					para(
						`${f.file}, columns not always filled: ${f.gaps.map((g) => `${g.column} ${formatShare(g.share)}`).join(', ')}`,
						{ size: 18 }
					)
				);
			if (s.reasons.length)
				out.push(
					new Paragraph({
						heading: HeadingLevel.HEADING_3,
						children: [text('Why rows were rejected or flagged')]
					}),
					wordTable(
						['', 'File', 'Column', 'Reason', 'Rows'],
						s.reasons.map((r) => [r.kind, r.file, r.column, r.reason, formatCount(r.rows)]),
						[false, false, false, false, true]
					)
				);
			for (const w of s.warnings) out.push(para(`Warning: ${w}`, { size: 18, color: '7A4100' }));
			return out;
		}
		case 'methods':
			return [
				heading,
				...s.notes.flatMap((m) => [
					new Paragraph({ heading: HeadingLevel.HEADING_3, children: [text(m.heading)] }),
					para(m.text)
				])
			];
		default: {
			const out: (Paragraph | Table)[] = [heading];
			for (const f of s.figures) out.push(...(await figureParts(f, doc, charts[f.id], rasterise)));
			return out;
		}
	}
}

/** The report as a .docx file's bytes. */
export async function reportDocx(
	doc: ReportDoc,
	charts: Record<string, ReportChart>,
	rasterise: Rasterise
): Promise<Uint8Array> {
	const title: Paragraph[] = [
		...(doc.organisation ? [para(doc.organisation, { bold: true, color: grey })] : []),
		new Paragraph({ heading: HeadingLevel.TITLE, children: [text(doc.title)] }),
		para(`Period and scope: ${doc.scope}`),
		para(`As of ${doc.asOf}. Produced ${doc.produced}.`),
		para(
			doc.publication
				? 'Publication mode: small numbers suppressed (counts 1–7 shown as *, others rounded to the nearest 5).'
				: 'Not in publication mode: exact counts, not for sharing.',
			{ bold: true, color: '7A4100' }
		),
		...(doc.synthetic
			? [para('Synthetic data: made-up people, not a real service.', { bold: true })]
			: [])
	];
	const body: (Paragraph | Table)[] = [...title];
	for (const s of doc.sections) body.push(...(await sectionParts(s, doc, charts, rasterise)));
	const file = new Document({
		title: doc.title,
		creator: doc.organisation || 'Social prescribing impact dashboard',
		styles: { default: { document: { run: { font: 'Arial', size: 20 } } } },
		sections: [
			{
				properties: {
					page: {
						size: { width: 11906, height: 16838 },
						margin: { top: 850, bottom: 1000, left: 800, right: 800 }
					}
				},
				footers: {
					default: new Footer({
						children: [
							new Paragraph({
								children: [
									text(`${footerText(doc)} · Page `, { size: 14, color: grey }),
									new TextRun({ children: [PageNumber.CURRENT], size: 14, color: grey })
								]
							})
						]
					})
				},
				children: body
			}
		]
	});
	const bytes = await Packer.pack(file, 'uint8array');
	return bytes as Uint8Array;
}
