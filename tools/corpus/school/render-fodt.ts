import type { Block, ReportDocument } from './report-document.js';

// A ReportDocument as a Flat ODT (one-file OpenDocument text) for LibreOffice to turn into a PDF, the way
// Ofsted's own reports come out of an office suite: real tables, list styles, a running footer with a page field.

const TEXT_WIDTH_CM = 16.6;

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function p(style: string, text: string): string {
  return `<text:p text:style-name="${style}">${esc(text)}</text:p>`;
}

export interface FodtOptions {
  /** Font family LibreOffice should use (must be installed where the generator runs). */
  font: string;
  /** Body size in points. */
  fontSize: number;
  bullet: string;
}

export function renderFodt(doc: ReportDocument, options: FodtOptions): string {
  const tables: { name: string; labelShare: number }[] = [];
  const body: string[] = [];
  let breakNext = false;
  const para = (style: string, text: string) => {
    body.push(p(breakNext ? `${style}_break` : style, text));
    breakNext = false;
  };

  for (const block of doc.blocks) {
    switch (block.type) {
      case 'title':
        para('Title', block.text);
        break;
      case 'subtitle':
        para('Subtitle', block.text);
        break;
      case 'heading':
        para('Heading', block.text);
        break;
      case 'paragraph':
        para(block.italic ? 'Italic' : 'Body', block.text);
        break;
      case 'list': {
        if (breakNext) para('Body', '');
        const style = block.style === 'bullets' ? 'Bullets' : 'Numbers';
        body.push(`<text:list text:style-name="${style}">${block.items.map((i) => `<text:list-item>${p('ListBody', i)}</text:list-item>`).join('')}</text:list>`);
        break;
      }
      case 'pairs':
        for (const [label, value] of block.rows) para('Body', `${label}: ${value}`);
        break;
      case 'table':
        if (breakNext) para('Body', '');
        body.push(renderTable(block, tables));
        break;
      case 'page-break':
        breakNext = true;
        break;
    }
  }

  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:meta><dc:title>${esc(doc.title)}</dc:title><meta:initial-creator>ofsted-monitor corpus generator</meta:initial-creator><meta:creation-date>2026-01-01T00:00:00</meta:creation-date><dc:date>2026-01-01T00:00:00</dc:date></office:meta>
<office:font-face-decls><style:font-face style:name="${esc(options.font)}" svg:font-family="'${esc(options.font)}'" style:font-family-generic="swiss"/></office:font-face-decls>
<office:styles>
<style:default-style style:family="paragraph"><style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.2cm"/><style:text-properties style:font-name="${esc(options.font)}" fo:font-size="${options.fontSize}pt" fo:language="en" fo:country="GB" fo:hyphenate="false"/></style:default-style>
<style:style style:name="Standard" style:family="paragraph"/>
${paragraphStyles(options.fontSize)}
<text:list-style style:name="Bullets"><text:list-level-style-bullet text:level="1" text:bullet-char="${esc(options.bullet)}"><style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="0.7cm" fo:text-indent="-0.7cm" fo:margin-left="0.7cm"/></style:list-level-properties></text:list-level-style-bullet></text:list-style>
<text:list-style style:name="Numbers"><text:list-level-style-number text:level="1" style:num-suffix="." style:num-format="1"><style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="0.7cm" fo:text-indent="-0.7cm" fo:margin-left="0.7cm"/></style:list-level-properties></text:list-level-style-number></text:list-style>
</office:styles>
<office:automatic-styles>
<style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="1.6cm" fo:margin-bottom="1.2cm" fo:margin-left="2.2cm" fo:margin-right="2.2cm"/><style:footer-style><style:header-footer-properties fo:min-height="1.4cm" fo:margin-top="0.4cm"/></style:footer-style></style:page-layout>
<style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties fo:padding="0.12cm" fo:border="0.5pt solid #9a9a9a"/></style:style>
${tables.map(tableStyles).join('\n')}
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1"><style:footer>${p('Footer', doc.footer[0])}${p('Footer', doc.footer[1])}<text:p text:style-name="Footer"><text:page-number text:select-page="current"/></text:p>${p('Notice', doc.notice)}</style:footer></style:master-page></office:master-styles>
<office:body><office:text>
${body.join('\n')}
</office:text></office:body>
</office:document>
`;
}

function paragraphStyles(size: number): string {
  const styles: [string, string, string][] = [
    ['Title', '<style:paragraph-properties fo:margin-bottom="0.3cm"/>', `<style:text-properties fo:font-size="${size + 9}pt" fo:font-weight="bold"/>`],
    ['Subtitle', '<style:paragraph-properties fo:margin-bottom="0.4cm"/>', `<style:text-properties fo:font-size="${size}pt"/>`],
    ['Heading', '<style:paragraph-properties fo:margin-top="0.4cm" fo:margin-bottom="0.2cm" fo:keep-with-next="always"/>', `<style:text-properties fo:font-size="${size + 3}pt" fo:font-weight="bold"/>`],
    ['Body', '', ''],
    ['Italic', '', '<style:text-properties fo:font-style="italic"/>'],
    ['ListBody', '<style:paragraph-properties fo:margin-bottom="0.15cm"/>', ''],
    ['Cell', '<style:paragraph-properties fo:margin-bottom="0cm"/>', ''],
    ['CellBold', '<style:paragraph-properties fo:margin-bottom="0cm"/>', '<style:text-properties fo:font-weight="bold"/>'],
    ['Footer', '<style:paragraph-properties fo:margin-bottom="0cm"/>', `<style:text-properties fo:font-size="${size - 2}pt"/>`],
    ['Notice', '<style:paragraph-properties fo:margin-bottom="0cm"/>', `<style:text-properties fo:font-size="${size - 4}pt" fo:font-style="italic"/>`],
  ];
  return styles
    .flatMap(([name, paraProps, textProps]) => [
      `<style:style style:name="${name}" style:family="paragraph" style:parent-style-name="Standard">${paraProps}${textProps}</style:style>`,
      // The same style starting a new page, for the paragraph after a page break.
      `<style:style style:name="${name}_break" style:family="paragraph" style:parent-style-name="${name}"><style:paragraph-properties fo:break-before="page"/></style:style>`,
    ])
    .join('\n');
}

function renderTable(block: Extract<Block, { type: 'table' }>, tables: { name: string; labelShare: number }[]): string {
  const name = `Table${tables.length + 1}`;
  tables.push({ name, labelShare: block.labelShare });
  const cell = (text: string, bold: boolean) =>
    `<table:table-cell table:style-name="Cell" office:value-type="string">${p(bold ? 'CellBold' : 'Cell', text)}</table:table-cell>`;
  const rows = [
    ...(block.header ? [`<table:table-row>${cell(block.header[0], true)}${cell(block.header[1], true)}</table:table-row>`] : []),
    ...block.rows.map(([l, v]) => `<table:table-row>${cell(l, block.boldLabels ?? false)}${cell(v, false)}</table:table-row>`),
  ];
  return `<table:table table:name="${name}" table:style-name="${name}"><table:table-column table:style-name="${name}.A"/><table:table-column table:style-name="${name}.B"/>${rows.join('')}</table:table>`;
}

function tableStyles(t: { name: string; labelShare: number }): string {
  const a = (TEXT_WIDTH_CM * t.labelShare).toFixed(2);
  const b = (TEXT_WIDTH_CM * (1 - t.labelShare)).toFixed(2);
  return [
    `<style:style style:name="${t.name}" style:family="table"><style:table-properties style:width="${TEXT_WIDTH_CM}cm" table:align="left" fo:margin-bottom="0.3cm"/></style:style>`,
    `<style:style style:name="${t.name}.A" style:family="table-column"><style:table-column-properties style:column-width="${a}cm"/></style:style>`,
    `<style:style style:name="${t.name}.B" style:family="table-column"><style:table-column-properties style:column-width="${b}cm"/></style:style>`,
  ].join('\n');
}
