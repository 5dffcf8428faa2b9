// Hostile-but-valid PDFs made on the fly for tests (too big to commit): a PDF with very many pages and a
// PDF of a given byte size. Written by hand as PDF objects, synchronously, so a test gets a Buffer in
// milliseconds with no dependency.

const HEADER = Buffer.from('%PDF-1.4\n%\xE2\xE3\xCF\xD3\n', 'latin1');

/** Assemble objects 1..n (their bodies, without "n 0 obj"/"endobj") into a PDF with a correct xref table. */
function assemble(objects: readonly Buffer[]): Buffer {
  const parts: Buffer[] = [HEADER];
  const offsets: number[] = [];
  let offset = HEADER.length;
  objects.forEach((body, i) => {
    const open = Buffer.from(`${i + 1} 0 obj\n`, 'latin1');
    const close = Buffer.from('\nendobj\n', 'latin1');
    offsets.push(offset);
    parts.push(open, body, close);
    offset += open.length + body.length + close.length;
  });
  const xref = [
    'xref',
    `0 ${objects.length + 1}`,
    '0000000000 65535 f ',
    ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n `),
    'trailer',
    `<< /Size ${objects.length + 1} /Root 1 0 R >>`,
    'startxref',
    String(offset),
    '%%EOF',
    '',
  ].join('\n');
  parts.push(Buffer.from(xref, 'latin1'));
  return Buffer.concat(parts);
}

function text(s: string): Buffer {
  return Buffer.from(s, 'latin1');
}

function stream(content: Buffer): Buffer {
  return Buffer.concat([text(`<< /Length ${content.length} >>\nstream\n`), content, text('\nendstream')]);
}

function pageText(lines: readonly string[]): Buffer {
  const escaped = lines.map((l) => l.replace(/([\\()])/g, '\\$1'));
  const ops = escaped.map((l, i) => `BT /F1 14 Tf 72 ${760 - i * 20} Td (${l}) Tj ET`).join('\n');
  return text(ops);
}

/**
 * A valid PDF of `pages` A4 pages, each with a line of text ("Page 3 of 300"), as a report far longer than
 * any Ofsted report would be.
 */
export function makeManyPagesPdf(pages: number): Buffer {
  if (!Number.isInteger(pages) || pages < 1) throw new RangeError('pages must be a positive integer');
  // 1 catalog, 2 page tree, 3 font, then a page object and its content stream per page.
  const kids = Array.from({ length: pages }, (_, i) => `${4 + i * 2} 0 R`).join(' ');
  const objects: Buffer[] = [
    text('<< /Type /Catalog /Pages 2 0 R >>'),
    text(`<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`),
    text('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>'),
  ];
  for (let i = 0; i < pages; i++) {
    objects.push(
      text(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${5 + i * 2} 0 R >>`),
      stream(pageText(['Inspection report for children\'s home: SC000000', `Page ${i + 1} of ${pages}`])),
    );
  }
  return assemble(objects);
}

function hugePdf(fill: number): Buffer {
  // The filler is a stream no page uses: the file is valid and readable, only its size is hostile.
  const filler = Buffer.alloc(fill, 'Ofsted padding 0123456789 ', 'latin1');
  return assemble([
    text('<< /Type /Catalog /Pages 2 0 R >>'),
    text('<< /Type /Pages /Kids [4 0 R] /Count 1 >>'),
    text('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>'),
    text('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>'),
    stream(pageText(['Inspection report for children\'s home: SC000000', 'A one-page report padded to a hostile size.'])),
    stream(filler),
  ]);
}

/** A valid one-page PDF of exactly `bytes` bytes (at least the ~900 bytes of the page itself). */
export function makeHugePdf(bytes: number): Buffer {
  if (!Number.isInteger(bytes) || bytes < 0) throw new RangeError('bytes must be a non-negative integer');
  const base = hugePdf(0).length;
  if (bytes < base) throw new RangeError(`a valid PDF here needs at least ${base} bytes`);
  // The filler's /Length and the xref offsets grow with its size; two corrections settle the total.
  let fill = bytes - base;
  for (let i = 0; i < 3; i++) {
    const size = hugePdf(fill).length;
    if (size === bytes) break;
    fill -= size - bytes;
  }
  const pdf = hugePdf(fill);
  if (pdf.length !== bytes) throw new Error(`makeHugePdf: made ${pdf.length} bytes, wanted ${bytes}`);
  return pdf;
}
