import PDFDocument from 'pdfkit';
import type { Block, ReportDocument } from './report-document.js';

// A ReportDocument drawn with pdfkit: a second PDF producer whose text comes out in a different order and
// with different spacing from LibreOffice's, so the parser is tested against more than one way of writing PDFs.

export interface PdfkitOptions {
  fontSize: number;
  /** The bullet character; pdfkit's standard fonts have "•" but not "■". */
  bullet: string;
  /** Grade tables drawn with cell borders, or as bare text columns. */
  borders: boolean;
}

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = { left: 64, right: 64, top: 60, bottom: 96 };
const WIDTH = PAGE.width - MARGIN.left - MARGIN.right;

export function renderPdfkit(doc: ReportDocument, options: PdfkitOptions): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    margin: 0,
    autoFirstPage: true,
    bufferPages: true,
    info: { Title: doc.title, Author: 'ofsted-monitor corpus generator', CreationDate: new Date('2026-01-01T00:00:00Z') },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => pdf.on('end', () => resolve(Buffer.concat(chunks))));

  const size = options.fontSize;
  let y = MARGIN.top;
  const newPage = () => {
    pdf.addPage({ size: 'A4', margin: 0 });
    y = MARGIN.top;
  };
  const ensure = (height: number) => {
    if (y + height > PAGE.height - MARGIN.bottom) newPage();
  };
  const write = (text: string, font: string, fontSize: number, x = MARGIN.left, width = WIDTH, gapAfter = 6) => {
    pdf.font(font).fontSize(fontSize);
    const h = pdf.heightOfString(text, { width });
    ensure(h);
    pdf.text(text, x, y, { width, lineBreak: true });
    y += h + gapAfter;
  };

  for (const block of doc.blocks) {
    switch (block.type) {
      case 'title':
        write(block.text, 'Helvetica-Bold', size + 8, MARGIN.left, WIDTH, 4);
        break;
      case 'subtitle':
        write(block.text, 'Helvetica', size, MARGIN.left, WIDTH, 12);
        break;
      case 'heading':
        ensure(60); // keep a heading with the start of its text
        y += 6;
        write(block.text, 'Helvetica-Bold', size + 2, MARGIN.left, WIDTH, 6);
        break;
      case 'paragraph':
        write(block.text, block.italic ? 'Helvetica-Oblique' : 'Helvetica', size);
        break;
      case 'list':
        block.items.forEach((item, i) => {
          const marker = block.style === 'bullets' ? options.bullet : `${i + 1}.`;
          pdf.font('Helvetica').fontSize(size);
          const h = pdf.heightOfString(item, { width: WIDTH - 22 });
          ensure(h);
          pdf.text(marker, MARGIN.left + 4, y, { width: 16, lineBreak: false });
          pdf.text(item, MARGIN.left + 22, y, { width: WIDTH - 22 });
          y += h + 5;
        });
        break;
      case 'pairs':
        for (const [label, value] of block.rows) write(`${label}: ${value}`, 'Helvetica', size, MARGIN.left, WIDTH, 3);
        y += 6;
        break;
      case 'table':
        drawTable(block);
        break;
      case 'page-break':
        newPage();
        break;
    }
  }

  function drawTable(block: Extract<Block, { type: 'table' }>) {
    const pad = 5;
    const widths = [WIDTH * block.labelShare, WIDTH * (1 - block.labelShare)] as const;
    const rows = block.header ? [block.header, ...block.rows] : block.rows;
    rows.forEach(([label, value], i) => {
      const bold = (block.boldLabels ?? false) || (block.header !== undefined && i === 0);
      pdf.fontSize(size);
      const hl = pdf.font(bold ? 'Helvetica-Bold' : 'Helvetica').heightOfString(label, { width: widths[0] - 2 * pad });
      const hv = pdf.font(block.header !== undefined && i === 0 ? 'Helvetica-Bold' : 'Helvetica').heightOfString(value, { width: widths[1] - 2 * pad });
      const h = Math.max(hl, hv) + 2 * pad;
      ensure(h);
      if (options.borders) {
        pdf.lineWidth(0.5).strokeColor('#999999');
        pdf.rect(MARGIN.left, y, widths[0], h).stroke();
        pdf.rect(MARGIN.left + widths[0], y, widths[1], h).stroke();
      }
      pdf.fillColor('black');
      pdf.font(bold ? 'Helvetica-Bold' : 'Helvetica').text(label, MARGIN.left + pad, y + pad, { width: widths[0] - 2 * pad });
      pdf.font(block.header !== undefined && i === 0 ? 'Helvetica-Bold' : 'Helvetica').text(value, MARGIN.left + widths[0] + pad, y + pad, {
        width: widths[1] - 2 * pad,
      });
      y += h;
    });
    y += 12;
  }

  // Running footer on every page, once the page count is known.
  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    const fy = PAGE.height - MARGIN.bottom + 24;
    pdf.font('Helvetica').fontSize(size - 2).fillColor('black');
    pdf.text(doc.footer[0], MARGIN.left, fy, { width: WIDTH - 40, lineBreak: false });
    pdf.text(doc.footer[1], MARGIN.left, fy + size, { width: WIDTH - 40, lineBreak: false });
    pdf.text(String(i - range.start + 1), MARGIN.left + WIDTH - 30, fy, { width: 30, align: 'right', lineBreak: false });
    pdf.font('Helvetica-Oblique').fontSize(size - 4).text(doc.notice, MARGIN.left, fy + 2 * size + 4, { width: WIDTH, lineBreak: false });
  }
  pdf.end();
  return done;
}
