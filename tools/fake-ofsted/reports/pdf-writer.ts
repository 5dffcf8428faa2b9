// A small Word-like layout engine over pdfkit. It does its own line breaking and pagination (pdfkit's
// automatic flow is switched off with zero margins) so that it controls exactly where pages break:
// table rows split across pages the way Word lets them, running headers go on pages 2+, and footers
// with "Page x of y" are drawn once the page count is known.

import PDFDocument from 'pdfkit';

export type FontStyle = 'regular' | 'bold' | 'italic';

const FONTS: Record<FontStyle, string> = {
  regular: 'Helvetica',
  bold: 'Helvetica-Bold',
  italic: 'Helvetica-Oblique',
};

export interface PdfWriterOptions {
  /** Body text size in points (Ofsted's Word templates use 11 or 12). */
  fontSize: number;
  /** Drawn at the top of every page after the first. */
  runningHeader: string | null;
  footerStyle: 'number' | 'page-of';
  /** An extra line above the page number ("Inspection report for children's home"). */
  footerLine: string | null;
  /** PDF metadata; CreationDate must be fixed for deterministic bytes. */
  info: { Title: string; Author: string; Creator: string; Producer: string; CreationDate: Date };
}

export interface TableColumn {
  /** Share of the text width (the shares of a table add up to 1). */
  share: number;
  header?: string;
}

export interface TableOptions {
  columns: TableColumn[];
  rows: string[][];
  /** Print the header row again at the top of each continuation page. */
  repeatHeader: boolean;
  boldFirstColumn?: boolean;
  /** Grey fill behind the header row. */
  shadeHeader?: boolean;
  fontSize?: number;
  /**
   * Rows whose text is written line by line across their cells (first line of every cell, then the second…),
   * as Word's PDF export does, rather than cell by cell. Extractors that follow the content order then read a
   * grade into the middle of the wrapped label beside it. @defaultValue none
   */
  interleaveCells?: (row: readonly string[]) => boolean;
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = { left: 62, right: 62, top: 72, bottom: 76 };
const CELL_PAD = 5;
const BORDER = '#A6A6A6';

export class PdfWriter {
  private readonly doc: PDFKit.PDFDocument;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Buffer>;
  private y = MARGIN.top;
  private pages = 1;

  constructor(private readonly options: PdfWriterOptions) {
    this.doc = new PDFDocument({
      size: 'A4',
      margin: 0,
      bufferPages: true,
      autoFirstPage: true,
      info: options.info,
    });
    this.doc.on('data', (c: Buffer) => this.chunks.push(c));
    this.done = new Promise((resolve, reject) => {
      this.doc.on('end', () => resolve(Buffer.concat(this.chunks)));
      this.doc.on('error', reject);
    });
  }

  get width(): number {
    return A4.width - MARGIN.left - MARGIN.right;
  }

  private lineHeight(size: number): number {
    return size * 1.3;
  }

  private setFont(style: FontStyle, size: number): void {
    this.doc.font(FONTS[style]).fontSize(size);
  }

  /** Greedy word wrap, breaking over-long words by character. */
  wrap(text: string, width: number, style: FontStyle, size: number): string[] {
    this.setFont(style, size);
    const lines: string[] = [];
    for (const para of text.split('\n')) {
      const words = para.split(/ +/).filter((w) => w.length > 0);
      let line = '';
      for (const word of words) {
        const candidate = line ? `${line} ${word}` : word;
        if (this.doc.widthOfString(candidate) <= width) {
          line = candidate;
          continue;
        }
        if (line) lines.push(line);
        line = word;
        while (this.doc.widthOfString(line) > width && line.length > 1) {
          let cut = line.length - 1;
          while (cut > 1 && this.doc.widthOfString(line.slice(0, cut)) > width) cut--;
          lines.push(line.slice(0, cut));
          line = line.slice(cut);
        }
      }
      lines.push(line);
    }
    return lines;
  }

  private drawLine(text: string, x: number, y: number, style: FontStyle, size: number): void {
    if (!text) return;
    this.setFont(style, size);
    this.doc.fillColor('#000000').text(text, x, y, { lineBreak: false });
  }

  private remaining(): number {
    return A4.height - MARGIN.bottom - this.y;
  }

  newPage(): void {
    this.doc.addPage({ size: 'A4', margin: 0 });
    this.pages++;
    this.y = MARGIN.top;
    if (this.options.runningHeader) {
      this.drawLine(this.options.runningHeader, MARGIN.left, 36, 'regular', 9);
    }
  }

  /** Start a new page unless `height` points still fit on this one. */
  ensure(height: number): void {
    if (this.remaining() < height) this.newPage();
  }

  space(points: number): void {
    this.y += points;
  }

  /** A heading kept together with at least the next `keepLines` lines of text. */
  heading(text: string, size = 14, keepLines = 3): void {
    const lh = this.lineHeight(size);
    const lines = this.wrap(text, this.width, 'bold', size);
    this.ensure(lines.length * lh + this.lineHeight(this.options.fontSize) * keepLines + 10);
    if (this.y > MARGIN.top) this.y += size * 0.6;
    for (const line of lines) {
      this.drawLine(line, MARGIN.left, this.y, 'bold', size);
      this.y += lh;
    }
    this.y += 4;
  }

  paragraph(text: string, opts: { style?: FontStyle; size?: number; indent?: number; after?: number; bullet?: string } = {}): void {
    const size = opts.size ?? this.options.fontSize;
    const style = opts.style ?? 'regular';
    const indent = opts.indent ?? 0;
    const lh = this.lineHeight(size);
    const lines = this.wrap(text, this.width - indent, style, size);
    // Avoid a lone first line at the foot of a page (Word's widow/orphan control).
    this.ensure(Math.min(lines.length, 2) * lh);
    lines.forEach((line, i) => {
      if (this.remaining() < lh) this.newPage();
      if (i === 0 && opts.bullet) this.drawLine(opts.bullet, MARGIN.left + indent - 12, this.y, 'regular', size);
      this.drawLine(line, MARGIN.left + indent, this.y, style, size);
      this.y += lh;
    });
    this.y += opts.after ?? size * 0.8;
  }

  bullet(text: string): void {
    this.paragraph(text, { indent: 18, bullet: '\u2022', after: this.options.fontSize * 0.5 });
  }

  /** "Label: value", the label in bold when the pair fits on one line (else one plain paragraph). */
  labelled(label: string, value: string, after?: number): void {
    const size = this.options.fontSize;
    const gap = after ?? size * 0.4;
    this.setFont('bold', size);
    const labelWidth = this.doc.widthOfString(`${label} `);
    this.setFont('regular', size);
    if (labelWidth + this.doc.widthOfString(value) > this.width) {
      this.paragraph(`${label} ${value}`, { after: gap });
      return;
    }
    const lh = this.lineHeight(size);
    this.ensure(lh);
    this.drawLine(label, MARGIN.left, this.y, 'bold', size);
    this.drawLine(value, MARGIN.left + labelWidth, this.y, 'regular', size);
    this.y += lh + gap;
  }

  table(t: TableOptions): void {
    const size = t.fontSize ?? this.options.fontSize;
    const lh = this.lineHeight(size);
    const widths = t.columns.map((c) => c.share * this.width);
    const xs = widths.map((_, i) => MARGIN.left + widths.slice(0, i).reduce((a, b) => a + b, 0));
    const cellLines = (row: string[], bold: (i: number) => boolean): string[][] =>
      t.columns.map((_, i) => this.wrap(row[i] ?? '', (widths[i] ?? 0) - 2 * CELL_PAD, bold(i) ? 'bold' : 'regular', size));
    const header = t.columns.some((c) => c.header)
      ? cellLines(
          t.columns.map((c) => c.header ?? ''),
          () => true,
        )
      : null;
    const headerHeight = header ? Math.max(...header.map((l) => l.length)) * lh + 2 * CELL_PAD : 0;

    const drawRow = (lines: string[][], bold: (i: number) => boolean, shade: boolean, interleave = false): void => {
      const rowLines = Math.max(1, ...lines.map((l) => l.length));
      const height = rowLines * lh + 2 * CELL_PAD;
      const text = (i: number, k: number) => {
        const line = lines[i]?.[k];
        if (line) this.drawLine(line, (xs[i] ?? MARGIN.left) + CELL_PAD, this.y + CELL_PAD + k * lh, bold(i) ? 'bold' : 'regular', size);
      };
      lines.forEach((cell, i) => {
        const x = xs[i] ?? MARGIN.left;
        const w = widths[i] ?? 0;
        if (shade) this.doc.save().rect(x, this.y, w, height).fill('#E7E6E6').restore();
        if (!interleave) cell.forEach((_, k) => text(i, k));
        this.doc.save().lineWidth(0.5).strokeColor(BORDER).rect(x, this.y, w, height).stroke().restore();
      });
      if (interleave) for (let k = 0; k < rowLines; k++) lines.forEach((_, i) => text(i, k));
      this.y += height;
    };
    const drawHeader = (): void => {
      if (header) drawRow(header, () => true, t.shadeHeader ?? false);
    };

    // Keep the header with at least one line of the first row.
    this.ensure(headerHeight + lh + 2 * CELL_PAD);
    drawHeader();
    const bodyBold = (i: number): boolean => (t.boldFirstColumn ?? false) && i === 0;
    for (const row of t.rows) {
      const interleave = t.interleaveCells?.(row) ?? false;
      let lines = cellLines(row, bodyBold);
      for (;;) {
        const needed = Math.max(1, ...lines.map((l) => l.length)) * lh + 2 * CELL_PAD;
        if (needed <= this.remaining()) {
          drawRow(lines, bodyBold, false, interleave);
          break;
        }
        const fit = Math.floor((this.remaining() - 2 * CELL_PAD) / lh);
        if (fit >= 1) {
          // Word's "allow row to break across pages": the first `fit` lines of every cell stay here.
          drawRow(
            lines.map((l) => l.slice(0, fit)),
            bodyBold,
            false,
            interleave,
          );
          lines = lines.map((l) => l.slice(fit));
        }
        this.newPage();
        if (t.repeatHeader) drawHeader();
        if (lines.every((l) => l.length === 0)) break;
      }
    }
    this.y += this.options.fontSize * 0.9;
  }

  async finish(): Promise<Buffer> {
    const range = this.doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      const n = i - range.start + 1;
      const label = this.options.footerStyle === 'page-of' ? `Page ${n} of ${this.pages}` : String(n);
      const y = A4.height - 48;
      if (this.options.footerLine) {
        this.drawLine(this.options.footerLine, MARGIN.left, y - 12, 'regular', 8);
      }
      this.setFont('regular', 9);
      const w = this.doc.widthOfString(label);
      this.drawLine(label, A4.width - MARGIN.right - w, y, 'regular', 9);
    }
    this.doc.end();
    return this.done;
  }
}
