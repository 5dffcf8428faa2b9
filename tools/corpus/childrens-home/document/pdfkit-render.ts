// The corpus's second producer for the same document model: the blocks a layout built for LibreOffice, drawn
// by tools/fake-ofsted's pdfkit writer instead (Helvetica, its own line breaking and table flow, grades at the
// top of their cells rather than centred). One spec, two producers: what differs is only how the PDF was made.

import { PdfWriter } from '../../../fake-ofsted/reports/pdf-writer.js';
import type { Block, Inline, Paragraph, Table } from './blocks.js';
import { curlyQuotes, straightQuotes, type DocumentLayout } from './fodt-writer.js';

const GRADE_CELL = /^(?:outstanding|good|requires improvement(?: to be good)?|inadequate|adequate|satisfactory|not judged)(?: [1-4])?$/i;

/** LibreOffice's text width in the FODT page layout (21 cm less 2 cm margins), for turning cm into shares. */
const TEXT_WIDTH_CM = 17;

function plain(layout: DocumentLayout, runs: readonly Inline[]): string {
  const text = runs
    .map((r) => (typeof r === 'string' ? r : 'br' in r ? '\n' : 'tab' in r ? ' ' : r.text))
    .join('')
    .replace(/ +\n/g, '\n');
  return layout.curly ? curlyQuotes(text) : straightQuotes(text);
}

function paragraph(w: PdfWriter, layout: DocumentLayout, p: Paragraph): void {
  if (p.pageBreakBefore) w.newPage();
  const [first, ...rest] = p.content;
  // "Label: value" with the label in bold, as Word's label lines are.
  if (p.style === 'label' && first && typeof first === 'object' && 'text' in first && first.bold && rest.every((r) => typeof r === 'string' || 'br' in r)) {
    w.labelled(plain(layout, [first.text.trim()]), plain(layout, rest).replace(/\n/g, ' ').trim());
    return;
  }
  const text = plain(layout, p.content);
  const size = layout.bodySize >= 11.5 ? 12 : 11;
  switch (p.style) {
    case 'title':
      return w.paragraph(text, { style: 'bold', size: 18, after: 6 });
    case 'subtitle':
      return w.paragraph(text, { size: 12, after: 10 });
    case 'urn':
      return w.paragraph(text, { style: 'bold', size: 16, after: 4 });
    case 'heading1':
      return w.heading(text, 15);
    case 'heading2':
      return w.heading(text, 13);
    case 'heading3':
      return w.heading(text, 12);
    case 'lead':
      return w.paragraph(text, { style: 'bold' });
    case 'small':
      return w.paragraph(text, { size: 9 });
    default:
      return w.paragraph(text, { size });
  }
}

function table(w: PdfWriter, layout: DocumentLayout, t: Table, options: PdfkitOptions): void {
  const cellText = (c: Table['rows'][number][number]) => c.content.map((p) => plain(layout, p.content)).join('\n');
  const header = t.headerRows[0];
  const boldFirst = t.rows.length > 0 && t.rows.every((r) => r[0]?.content[0]?.content.some((x) => typeof x === 'object' && 'bold' in x && x.bold));
  w.table({
    columns: t.columns.map((cm, i) => ({ share: Math.min(1, cm / TEXT_WIDTH_CM), ...(header ? { header: cellText(header[i]!) } : {}) })),
    rows: t.rows.map((r) => r.map(cellText)),
    repeatHeader: true,
    boldFirstColumn: boldFirst,
    shadeHeader: layout.headerShade !== null,
    // Only rows whose last cell is a grade: that is where a grade lands inside the wrapped label beside it.
    interleaveCells: options.interleaveCells ? (row) => GRADE_CELL.test(row[row.length - 1] ?? '') : undefined,
  });
}

export interface PdfkitOptions {
  /** Write rows that end in a grade line by line across their cells, as Word does (see PdfWriter). @defaultValue false */
  interleaveCells?: boolean;
}

/** The PDF of these blocks, drawn by pdfkit; `created` fixes the metadata date so the bytes are reproducible. */
export async function renderPdfkit(blocks: readonly Block[], layout: DocumentLayout, created: Date, options: PdfkitOptions = {}): Promise<Buffer> {
  const w = new PdfWriter({
    fontSize: layout.bodySize >= 11.5 ? 12 : 11,
    runningHeader: layout.header ? plain(layout, [layout.header]) : null,
    footerStyle: layout.pageNumber === 'page-of' ? 'page-of' : 'number',
    footerLine: layout.footerLines[0] ? plain(layout, [layout.footerLines[0]]) : null,
    info: { Title: layout.title, Author: 'Ofsted', Creator: 'Microsoft\u00AE Word 2013', Producer: 'Microsoft\u00AE Word 2013', CreationDate: created },
  });
  for (const b of blocks) {
    if (b.type === 'paragraph') paragraph(w, layout, b);
    else if (b.type === 'table') table(w, layout, b, options);
    else {
      b.items.forEach((item, i) => {
        const text = plain(layout, item);
        if (b.ordered) w.paragraph(text, { indent: 18, bullet: `${i + 1}.`, after: 5 });
        else w.bullet(text);
      });
    }
  }
  return w.finish();
}
