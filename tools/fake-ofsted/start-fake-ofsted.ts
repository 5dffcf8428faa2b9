import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleFiles } from './http/files-handler.js';
import { handleReports, isControlPath } from './http/reports-handler.js';
import { sendHtml } from './http/respond.js';
import { Sleeper, type SiteContext } from './http/site-context.js';
import { PdfStore } from './reports/pdf-store.js';
import { FakeScenario } from './scenario/fake-scenario.js';
import { SearchIndex } from './search/search-index.js';
import { SiteState } from './site-state.js';
import type { FakeOfsted, FakeOfstedOptions, RequestRecord } from './types.js';

const HOST = '127.0.0.1';
export const DEFAULT_NOW = '2019-09-30';

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

async function listen(port: number, handler: Handler, record: (req: IncomingMessage) => void): Promise<Server> {
  const server = createServer((req, res) => {
    record(req);
    handler(req, res).catch((err: unknown) => {
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end(`fake-ofsted: ${err instanceof Error ? err.message : String(err)}\n`);
      } else {
        res.destroy();
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}

function urlOf(server: Server): string {
  return `http://${HOST}:${(server.address() as AddressInfo).port}`;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** "Someone else's host": answers anything, so a client that follows an offsite redirect is caught out. */
const otherSite: Handler = async (req, res) => {
  sendHtml(
    res,
    200,
    '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Not Ofsted</title></head><body><h1>This is not Ofsted</h1><p>You were sent to another website.</p></body></html>\n',
    req.method === 'HEAD',
  );
};

/** Start the three listeners (reports, files, other) on 127.0.0.1. */
export async function startFakeOfsted(options: FakeOfstedOptions = {}): Promise<FakeOfsted> {
  const scenario = new FakeScenario({ bulk: options.bulk ?? true });
  const state = new SiteState(scenario, options.now ?? DEFAULT_NOW);
  const requests: RequestRecord[] = [];
  const recorder =
    (origin: RequestRecord['origin']) =>
    (req: IncomingMessage): void => {
      const path = req.url ?? '/';
      if (origin === 'reports' && isControlPath(path.split('?')[0] ?? path)) return;
      requests.push({ origin, method: req.method ?? 'GET', path, headers: { ...req.headers }, at: Date.now() });
    };

  const ctx: SiteContext = {
    scenario,
    state,
    search: new SearchIndex(scenario),
    pdfs: new PdfStore(),
    sleeper: new Sleeper(),
    urls: { reports: '', files: '', other: '' },
  };
  const servers: Server[] = [];
  try {
    servers.push(await listen(options.reportsPort ?? 0, (req, res) => handleReports(ctx, req, res), recorder('reports')));
    servers.push(await listen(options.filesPort ?? 0, (req, res) => handleFiles(ctx, req, res), recorder('files')));
    servers.push(await listen(options.otherPort ?? 0, otherSite, recorder('other')));
  } catch (err) {
    await Promise.all(servers.map(closeServer));
    throw err;
  }
  const [reports, files, other] = servers as [Server, Server, Server];
  ctx.urls.reports = urlOf(reports);
  ctx.urls.files = urlOf(files);
  ctx.urls.other = urlOf(other);

  let closing: Promise<void> | null = null;
  return {
    reportsUrl: ctx.urls.reports,
    filesUrl: ctx.urls.files,
    otherUrl: ctx.urls.other,
    now: () => state.now(),
    setNow: (date) => state.setNow(date),
    advance: (urn) => state.advance(urn),
    setFault: (target, fault) => state.setFault(target, fault),
    clearFaults: () => state.clearFaults(),
    setSearchShape: (shape) => state.setSearchShape(shape),
    registerProvider: (input) => scenario.register({ ...input, registrationDate: input.registrationDate ?? state.now() }),
    publishReport: (urn, input = {}) => scenario.publish(urn, { ...input, publishedAt: input.publishedAt ?? state.now() }),
    withdrawReport: (fileId) => scenario.withdraw(fileId),
    requests,
    scenario,
    close(): Promise<void> {
      closing ??= (async () => {
        ctx.sleeper.cancelAll();
        await Promise.all(servers.map(closeServer));
      })();
      return closing;
    },
  };
}
