// Writes the document model as a Flat ODT (one XML file) that LibreOffice converts to PDF. Real
// paragraph styles, header rows that repeat on every page, page-number fields and a first-page master
// without the running header: the structures a Word export produces, so the PDF's text comes out in the
// same shapes (wrapped cells, repeated headers, running footers) as Ofsted's own.

import type { Block, Inline, List, Paragraph, ParagraphStyle, Table, TableCell } from './blocks.js';

export interface DocumentLayout {
  /** Font family installed here: "Liberation Sans" (Arial metrics), "DejaVu Sans Condensed" (Tahoma-like)… */
  font: string;
  /** Body size in points. */
  bodySize: number;
  /** Colour of headings (Ofsted uses a dark blue or plain black). */
  headingColour: string;
  /** Typographic apostrophes and quotes (children’s) instead of straight ones. */
  curly: boolean;
  /** Running header on pages 2+; null for none. */
  header: string | null;
  /** Footer lines on every page; the page number goes at the right of the last line. */
  footerLines: string[];
  pageNumber: 'number' | 'page-of' | 'none';
  /** Whether the first page carries the footer too (Word's "different first page" off). */
  footerOnFirstPage: boolean;
  borderColour: string;
  /** Fill of table header rows; null for none. */
  headerShade: string | null;
  title: string;
}

const NS = [
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"',
  'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"',
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"',
  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"',
  'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"',
  'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"',
  'xmlns:dc="http://purl.org/dc/elements/1.1/"',
  'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"',
].join(' ');

/** Straight quotes and apostrophes. */
export function straightQuotes(text: string): string {
  return text.replace(/[\u2018\u2019]/g, "'").replace(/[\u201C\u201D]/g, '"');
}

/** Typographic quotes: an opening one after a space or bracket, a closing one (the apostrophe) elsewhere. */
export function curlyQuotes(text: string): string {
  return straightQuotes(text)
    .replace(/(^|[\s(\[])'/g, '$1\u2018')
    .replace(/'/g, '\u2019')
    .replace(/(^|[\s(\[])"/g, '$1\u201C')
    .replace(/"/g, '\u201D');
}

/** The document's one apostrophe style applied to any text, whichever quotes it was written with. */
function quotes(layout: DocumentLayout, text: string): string {
  return layout.curly ? curlyQuotes(text) : straightQuotes(text);
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const STYLE_NAMES: Record<ParagraphStyle, string> = {
  title: 'Title',
  subtitle: 'Subtitle',
  urn: 'Report_20_URN',
  heading1: 'Heading_20_1',
  heading2: 'Heading_20_2',
  heading3: 'Heading_20_3',
  body: 'Text_20_body',
  lead: 'Lead_20_text',
  small: 'Small_20_print',
  label: 'Label_20_line',
  address: 'Address_20_block',
  tableText: 'Table_20_Contents',
  tableHead: 'Table_20_Heading',
};

class FodtWriter {
  private readonly automatic: string[] = [];
  private tableCount = 0;
  private listCount = 0;
  private readonly cellStyles = new Map<string, string>();
  private firstParagraphWritten = false;

  constructor(private readonly layout: DocumentLayout) {}

  private text(raw: string): string {
    return escapeXml(quotes(this.layout, raw));
  }

  private inline(run: Inline): string {
    if (typeof run === 'string') return this.text(run);
    if ('br' in run) return '<text:line-break/>';
    if ('tab' in run) return '<text:tab/>';
    const style = run.bold && run.italic ? 'BoldItalic' : run.bold ? 'Bold' : run.italic ? 'Italic' : null;
    return style ? `<text:span text:style-name="${style}">${this.text(run.text)}</text:span>` : this.text(run.text);
  }

  private paragraph(p: Paragraph): string {
    let styleName = STYLE_NAMES[p.style];
    // The first paragraph selects the first-page master (no running header); a page break before any other
    // paragraph needs its own automatic style derived from the named one.
    if (!this.firstParagraphWritten || p.pageBreakBefore || p.align) {
      const name = `P${this.automatic.length + 1}`;
      const master = !this.firstParagraphWritten ? ' style:master-page-name="First_20_Page"' : '';
      const props = [
        p.pageBreakBefore && this.firstParagraphWritten ? 'fo:break-before="page"' : '',
        p.align ? `fo:text-align="${p.align === 'right' ? 'end' : p.align}"` : '',
      ]
        .filter(Boolean)
        .join(' ');
      this.automatic.push(
        `<style:style style:name="${name}" style:family="paragraph" style:parent-style-name="${styleName}"${master}>` +
          `<style:paragraph-properties ${props}/></style:style>`,
      );
      styleName = name;
      this.firstParagraphWritten = true;
    }
    return `<text:p text:style-name="${styleName}">${p.content.map((r) => this.inline(r)).join('')}</text:p>`;
  }

  private cellStyle(borders: Table['borders'], c: TableCell, header: boolean): string {
    const valign = c.valign ?? 'top';
    const shade = c.shaded || (header && this.layout.headerShade) ? (this.layout.headerShade ?? '#e7e6e6') : null;
    const key = `${borders}|${valign}|${shade ?? ''}`;
    const existing = this.cellStyles.get(key);
    if (existing) return existing;
    const name = `Cell${this.cellStyles.size + 1}`;
    const line = `0.5pt solid ${this.layout.borderColour}`;
    const border =
      borders === 'grid'
        ? `fo:border="${line}"`
        : borders === 'horizontal'
          ? `fo:border-top="${line}" fo:border-bottom="${line}" fo:border-left="none" fo:border-right="none"`
          : 'fo:border="none"';
    this.automatic.push(
      `<style:style style:name="${name}" style:family="table-cell"><style:table-cell-properties style:vertical-align="${valign}" ` +
        `fo:padding-top="0.1cm" fo:padding-bottom="0.1cm" fo:padding-left="0.19cm" fo:padding-right="0.19cm" ${border}` +
        `${shade ? ` fo:background-color="${shade}"` : ''}/></style:style>`,
    );
    this.cellStyles.set(key, name);
    return name;
  }

  private row(t: Table, cells: TableCell[], header: boolean, rowStyle: string): string {
    const xml = cells
      .map((c) => {
        const style = this.cellStyle(t.borders, c, header);
        return `<table:table-cell table:style-name="${style}" office:value-type="string">${c.content.map((p) => this.paragraph(p)).join('')}</table:table-cell>`;
      })
      .join('');
    return `<table:table-row table:style-name="${rowStyle}">${xml}</table:table-row>`;
  }

  private table(t: Table): string {
    const n = ++this.tableCount;
    const name = `Table${n}`;
    const width = t.columns.reduce((a, b) => a + b, 0);
    this.automatic.push(
      `<style:style style:name="${name}" style:family="table"><style:table-properties style:width="${width.toFixed(3)}cm" ` +
        `table:align="left" fo:margin-top="0.1cm" fo:margin-bottom="0.3cm" style:may-break-between-rows="true"/></style:style>`,
      // Rows may split over a page boundary, as Word's "allow row to break across pages" does by default.
      `<style:style style:name="${name}.R" style:family="table-row"><style:table-row-properties fo:keep-together="auto"/></style:style>`,
    );
    const cols = t.columns
      .map((w, i) => {
        const col = `${name}.${String.fromCharCode(65 + i)}`;
        this.automatic.push(
          `<style:style style:name="${col}" style:family="table-column"><style:table-column-properties style:column-width="${w.toFixed(3)}cm"/></style:style>`,
        );
        return `<table:table-column table:style-name="${col}"/>`;
      })
      .join('');
    const head = t.headerRows.length
      ? `<table:table-header-rows>${t.headerRows.map((r) => this.row(t, r, true, `${name}.R`)).join('')}</table:table-header-rows>`
      : '';
    const body = t.rows.map((r) => this.row(t, r, false, `${name}.R`)).join('');
    return `<table:table table:name="${name}" table:style-name="${name}">${cols}${head}${body}</table:table>`;
  }

  private list(l: List): string {
    const name = `L${++this.listCount}`;
    const level = l.ordered
      ? `<text:list-level-style-number text:level="1" style:num-suffix="." style:num-format="1">`
      : `<text:list-level-style-bullet text:level="1" text:bullet-char="${escapeXml(l.bullet ?? '\u2022')}">`;
    const close = l.ordered ? '</text:list-level-style-number>' : '</text:list-level-style-bullet>';
    this.automatic.push(
      `<text:list-style style:name="${name}">${level}<style:list-level-properties text:list-level-position-and-space-mode="label-alignment">` +
        `<style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="0.75cm" fo:text-indent="-0.75cm" fo:margin-left="0.75cm"/>` +
        `</style:list-level-properties>${close}</text:list-style>`,
    );
    const items = l.items
      .map((item) => `<text:list-item><text:p text:style-name="List_20_Paragraph">${item.map((r) => this.inline(r)).join('')}</text:p></text:list-item>`)
      .join('');
    return `<text:list text:style-name="${name}">${items}</text:list>`;
  }

  body(blocks: Block[]): string {
    return blocks
      .map((b) => (b.type === 'paragraph' ? this.paragraph(b) : b.type === 'table' ? this.table(b) : this.list(b)))
      .join('\n');
  }

  automaticStyles(): string {
    return this.automatic.join('\n');
  }
}

function namedStyles(l: DocumentLayout): string {
  const s = l.bodySize;
  const pstyle = (name: string, display: string, paragraph: string, text: string, extra = '') =>
    `<style:style style:name="${name}" style:display-name="${display}" style:family="paragraph" style:parent-style-name="Standard"${extra}>` +
    `<style:paragraph-properties ${paragraph}/><style:text-properties ${text}/></style:style>`;
  const heading = (level: number, size: number, before: string) =>
    pstyle(
      `Heading_20_${level}`,
      `Heading ${level}`,
      `fo:margin-top="${before}" fo:margin-bottom="0.2cm" fo:keep-with-next="always"`,
      `fo:font-size="${size}pt" fo:font-weight="bold" fo:color="${l.headingColour}"`,
      ` style:default-outline-level="${level}" style:class="text"`,
    );
  return [
    `<style:default-style style:family="paragraph"><style:paragraph-properties fo:orphans="2" fo:widows="2"/>` +
      `<style:text-properties style:font-name="${escapeXml(l.font)}" fo:font-size="${s}pt" fo:language="en" fo:country="GB" fo:hyphenate="false"/></style:default-style>`,
    `<style:default-style style:family="table-cell"><style:table-cell-properties style:vertical-align="top"/></style:default-style>`,
    `<style:style style:name="Standard" style:family="paragraph" style:class="text"><style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0cm" fo:line-height="115%"/></style:style>`,
    pstyle('Title', 'Title', 'fo:margin-top="0.2cm" fo:margin-bottom="0.25cm"', `fo:font-size="${s + 11}pt" fo:font-weight="bold" fo:color="${l.headingColour}"`),
    pstyle('Subtitle', 'Subtitle', 'fo:margin-bottom="0.35cm"', `fo:font-size="${s + 1}pt"`),
    pstyle('Report_20_URN', 'Report URN', 'fo:margin-top="0cm" fo:margin-bottom="0.1cm"', `fo:font-size="${s + 5}pt" fo:font-weight="bold"`),
    heading(1, s + 4, '0.5cm'),
    heading(2, s + 2, '0.4cm'),
    heading(3, s + 1, '0.3cm'),
    pstyle('Text_20_body', 'Text body', 'fo:margin-top="0cm" fo:margin-bottom="0.3cm"', ''),
    pstyle('Lead_20_text', 'Lead text', 'fo:margin-top="0.1cm" fo:margin-bottom="0.3cm"', 'fo:font-weight="bold"'),
    pstyle('Small_20_print', 'Small print', 'fo:margin-bottom="0.25cm"', `fo:font-size="${s - 2}pt"`),
    pstyle('Label_20_line', 'Label line', 'fo:margin-bottom="0.12cm"', ''),
    pstyle('Address_20_block', 'Address block', 'fo:margin-bottom="0cm" fo:text-align="end"', `fo:font-size="${s - 1}pt"`),
    pstyle('Table_20_Contents', 'Table Contents', 'fo:margin-bottom="0cm"', ''),
    pstyle('Table_20_Heading', 'Table Heading', 'fo:margin-bottom="0cm"', 'fo:font-weight="bold"'),
    pstyle('List_20_Paragraph', 'List Paragraph', 'fo:margin-bottom="0.2cm"', ''),
    pstyle(
      'Header',
      'Header',
      'fo:margin-bottom="0cm"',
      `fo:font-size="${s - 2}pt" fo:color="#595959"`,
    ),
    `<style:style style:name="Footer" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties>` +
      `<style:tab-stops><style:tab-stop style:position="17cm" style:type="right"/></style:tab-stops></style:paragraph-properties>` +
      `<style:text-properties fo:font-size="${s - 2}pt" fo:color="#404040"/></style:style>`,
    `<style:style style:name="Bold" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>`,
    `<style:style style:name="Italic" style:family="text"><style:text-properties fo:font-style="italic"/></style:style>`,
    `<style:style style:name="BoldItalic" style:family="text"><style:text-properties fo:font-weight="bold" fo:font-style="italic"/></style:style>`,
  ].join('\n');
}

function pageField(kind: DocumentLayout['pageNumber']): string {
  if (kind === 'none') return '';
  const n = '<text:page-number text:select-page="current">1</text:page-number>';
  return kind === 'number' ? n : `Page ${n} of <text:page-count>1</text:page-count>`;
}

function footerXml(l: DocumentLayout): string {
  const lines = l.footerLines.length > 0 ? l.footerLines : [''];
  const paras = lines.map((line, i) => {
    const last = i === lines.length - 1;
    const text = escapeXml(quotes(l, line));
    return `<text:p text:style-name="Footer">${text}${last && l.pageNumber !== 'none' ? `<text:tab/>${pageField(l.pageNumber)}` : ''}</text:p>`;
  });
  return `<style:footer>${paras.join('')}</style:footer>`;
}

/** The whole .fodt file for these blocks. */
export function renderFodt(blocks: Block[], layout: DocumentLayout): string {
  const w = new FodtWriter(layout);
  const body = w.body(blocks);
  const pageLayout = (name: string) =>
    `<style:page-layout style:name="${name}"><style:page-layout-properties fo:page-width="21.001cm" fo:page-height="29.7cm" ` +
    `style:print-orientation="portrait" fo:margin-top="1.4cm" fo:margin-bottom="1.2cm" fo:margin-left="2cm" fo:margin-right="2cm"/>` +
    `<style:header-style><style:header-footer-properties fo:min-height="0cm" fo:margin-bottom="0.5cm"/></style:header-style>` +
    `<style:footer-style><style:header-footer-properties fo:min-height="0cm" fo:margin-top="0.5cm"/></style:footer-style></style:page-layout>`;
  const header = layout.header
    ? `<style:header><text:p text:style-name="Header">${escapeXml(quotes(layout, layout.header))}</text:p></style:header>`
    : '';
  const footer = footerXml(layout);
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document ${NS} office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:meta><dc:title>${escapeXml(layout.title)}</dc:title><meta:initial-creator>Ofsted</meta:initial-creator><dc:language>en-GB</dc:language></office:meta>
<office:font-face-decls><style:font-face style:name="${escapeXml(layout.font)}" svg:font-family="'${escapeXml(layout.font)}'" style:font-family-generic="swiss" style:font-pitch="variable"/></office:font-face-decls>
<office:styles>
${namedStyles(layout)}
</office:styles>
<office:automatic-styles>
${pageLayout('pmFirst')}
${pageLayout('pmRest')}
${w.automaticStyles()}
</office:automatic-styles>
<office:master-styles>
<style:master-page style:name="First_20_Page" style:display-name="First Page" style:page-layout-name="pmFirst" style:next-style-name="Standard">${layout.footerOnFirstPage ? footer : ''}</style:master-page>
<style:master-page style:name="Standard" style:page-layout-name="pmRest">${header}${footer}</style:master-page>
</office:master-styles>
<office:body><office:text>
${body}
</office:text></office:body>
</office:document>
`;
}
