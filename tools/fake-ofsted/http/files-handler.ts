// The files origin: GET /v1/file/<fileId> serves report PDFs (generated or real), with file faults.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { GUIDANCE_PATH } from '../pages/provider-page.js';
import { renderWithdrawnReportPage } from '../pages/simple-pages.js';
import { inflateBombBytes } from '../reports/inflate-bomb.js';
import type { ScenarioProvider, ScenarioReport } from '../scenario/types.js';
import { applySharedFault, errorPage, send, writable } from './respond.js';
import type { SiteContext } from './site-context.js';

const FILE = /^\/v1\/file\/([^/]+)\/?$/;

function filename(provider: ScenarioProvider, report: ScenarioReport): string {
  const raw = `${provider.urn} ${report.title} ${report.inspectionStart}.pdf`;
  return raw.replace(/[^A-Za-z0-9 ._-]/g, '');
}

function pdfHeaders(provider: ScenarioProvider, report: ScenarioReport, length: number): Record<string, string> {
  return {
    'Content-Type': 'application/pdf',
    'Content-Disposition': `inline; filename="${filename(provider, report)}"`,
    'Content-Length': String(length),
  };
}

const NOT_FOUND_TEXT = 'The requested file was not found.\n';

/** A body of exactly `bytes` bytes that starts like a PDF, written with backpressure. */
async function streamHuge(res: ServerResponse, bytes: number, head: boolean): Promise<void> {
  res.writeHead(200, {
    'Content-Type': 'application/pdf',
    'Content-Disposition': 'inline; filename="report.pdf"',
    'Content-Length': String(bytes),
  });
  if (head) {
    res.end();
    return;
  }
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  const start = Buffer.from('%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n', 'latin1');
  let sent = 0;
  while (sent < bytes && writable(res)) {
    const piece = sent === 0 ? Buffer.concat([start, chunk]) : chunk;
    const n = Math.min(piece.length, bytes - sent);
    sent += n;
    if (!res.write(piece.subarray(0, n))) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.on('drain', done);
        res.on('close', done);
      });
    }
  }
  if (writable(res)) res.end();
}

export async function handleFiles(ctx: SiteContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', ctx.urls.files);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    send(res, 405, 'Method not allowed\n', { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
    return;
  }
  const head = req.method === 'HEAD';
  if (url.pathname === GUIDANCE_PATH) {
    const bytes = await ctx.pdfs.guidance();
    send(res, 200, bytes, { 'Content-Type': 'application/pdf', 'Content-Disposition': 'inline; filename="inspection-reports-explained.pdf"' }, head);
    return;
  }
  const m = FILE.exec(url.pathname);
  if (!m) {
    send(res, 404, NOT_FOUND_TEXT, { 'Content-Type': 'text/plain; charset=utf-8' }, head);
    return;
  }
  const fileId = m[1] ?? '';
  const fault = ctx.state.takeFault({ fileId });
  if (await applySharedFault(ctx, fault, req, res, head)) return;
  const found = ctx.scenario.findReport(fileId);
  // A report is not on the files host before its publication date.
  if (!found || found.report.publishedAt > ctx.state.now() || !ctx.state.isVisible(found.provider)) {
    send(res, 404, NOT_FOUND_TEXT, { 'Content-Type': 'text/plain; charset=utf-8' }, head);
    return;
  }
  const { provider, report } = found;
  if (report.withdrawn) {
    send(res, 200, renderWithdrawnReportPage(), { 'Content-Type': 'text/html; charset=utf-8' }, head);
    return;
  }
  if (fault?.kind === 'html-as-pdf') {
    const html = errorPage(500);
    send(res, 200, html, { 'Content-Type': 'application/pdf', 'Content-Disposition': `inline; filename="${filename(provider, report)}"` }, head);
    return;
  }
  if (fault?.kind === 'huge') {
    await streamHuge(res, fault.bytes, head);
    return;
  }
  const bytes =
    fault?.kind === 'inflate-bomb'
      ? await inflateBombBytes(fault.inflatedBytes)
      : fault?.kind === 'scanned-pdf'
        ? await ctx.pdfs.scanned()
        : await ctx.pdfs.get(provider, report);
  const body = fault?.kind === 'truncated-pdf' ? bytes.subarray(0, Math.floor(bytes.length / 2)) : bytes;
  if (!writable(res)) return;
  res.writeHead(200, pdfHeaders(provider, report, body.length));
  res.end(head ? undefined : body);
}
