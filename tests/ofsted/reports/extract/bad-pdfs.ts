// Bad inputs for the extractor tests, made on the fly so no hostile file needs to be committed.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';

export const REPO_ROOT = join(import.meta.dirname, '..', '..', '..', '..');
export const REAL_PDF_DIR = join(REPO_ROOT, 'fixtures', 'real', 'pdf');

export function realPdf(relative: string): Buffer {
  return readFileSync(join(REAL_PDF_DIR, relative));
}

/** A PDF of `pages` pages with a line of text each, from pdfkit (uncompressed page tree). */
export function manyPagePdf(pages: number): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', info: { CreationDate: new Date('2024-01-01T00:00:00Z') } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  for (let i = 1; i <= pages; i++) {
    if (i > 1) doc.addPage();
    doc.text(`Page ${i} of a document far longer than any Ofsted inspection report.`);
  }
  doc.end();
  return done;
}

/** `pdf` rewritten by qpdf with its page tree inside compressed object streams, so no /Count is visible. */
export function withHiddenPageTree(pdf: Buffer, dir: string): Buffer {
  const src = join(dir, 'hidden-src.pdf');
  const out = join(dir, 'hidden-out.pdf');
  writeFileSync(src, pdf);
  execFileSync('qpdf', ['--object-streams=generate', '--compress-streams=y', src, out]);
  return readFileSync(out);
}

/** `pdf` encrypted by qpdf (AES-256) with user password "u": unreadable without it. */
export function encryptedCopy(pdf: Buffer, dir: string): Buffer {
  const src = join(dir, 'enc-src.pdf');
  const out = join(dir, 'enc-out.pdf');
  writeFileSync(src, pdf);
  execFileSync('qpdf', ['--encrypt', 'u', 'o', '256', '--', src, out]);
  return readFileSync(out);
}

/** Deterministic bytes after a %PDF header: looks like a PDF to a sniffing check, is nothing. */
export function randomWithHeader(bytes: number, seed = 7): Buffer {
  const out = Buffer.alloc(bytes);
  out.write('%PDF-1.7\n', 'latin1');
  let s = seed >>> 0;
  for (let i = 9; i < bytes; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s >>> 24;
  }
  return out;
}

/** A file of `mb` megabytes that starts like a PDF. */
export function hugeFile(mb: number): Buffer {
  const out = Buffer.alloc(mb * 1024 * 1024, 0x20);
  out.write('%PDF-1.4\n', 'latin1');
  return out;
}

export const HTML_PAGE = Buffer.from('<!DOCTYPE html><html><head><title>Page not found</title></head><body>Page not found</body></html>');
