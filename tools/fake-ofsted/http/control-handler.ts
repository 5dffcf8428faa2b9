// /__scenario on the reports origin: lets a demo in another terminal read and move the site with curl.
//   GET  /__scenario                      state (now, faults, curated providers and their reports)
//   POST /__scenario/advance[?urn=X]      move now to the next publication date
//   POST /__scenario/now?date=YYYY-MM-DD  set now
//   POST /__scenario/fault?urn=X|fileId=Y JSON body: a Fault
//   POST /__scenario/reset                now back to its start value, faults cleared

import type { IncomingMessage, ServerResponse } from 'node:http';
import { faultSchema } from '../fault-schema.js';
import { providerPath } from '../pages/provider-page.js';
import { sendJson } from './respond.js';
import type { SiteContext } from './site-context.js';

const MAX_BODY = 64 * 1024;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > MAX_BODY) throw new Error('body too large');
    chunks.push(b);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function state(ctx: SiteContext): unknown {
  const now = ctx.state.now();
  return {
    now,
    initialNow: ctx.state.initialNow,
    reportsUrl: ctx.urls.reports,
    filesUrl: ctx.urls.files,
    otherUrl: ctx.urls.other,
    faults: ctx.state.describeFaults(),
    curated: ctx.scenario.curated.map((p) => ({
      urn: p.urn,
      category: p.category,
      name: p.name,
      url: `${ctx.urls.reports}${providerPath(p)}`,
      reports: p.reports.map((r) => ({
        fileId: r.fileId,
        kind: r.kind,
        title: r.title,
        inspectionStart: r.inspectionStart,
        publishedAt: r.publishedAt,
        published: r.publishedAt <= now,
        url: `${ctx.urls.files}/v1/file/${r.fileId}`,
      })),
    })),
  };
}

export async function handleControl(ctx: SiteContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const action = url.pathname.replace(/^\/__scenario\/?/, '');
  if (req.method === 'GET' && action === '') {
    sendJson(res, 200, state(ctx));
    return;
  }
  if (req.method !== 'POST') {
    sendJson(res, 405, { error: 'use GET /__scenario or POST /__scenario/<action>' });
    return;
  }
  try {
    switch (action) {
      case 'advance': {
        const urn = url.searchParams.get('urn') ?? undefined;
        const moved = ctx.state.advance(urn);
        sendJson(res, 200, { now: ctx.state.now(), advanced: moved !== null });
        return;
      }
      case 'now': {
        ctx.state.setNow(url.searchParams.get('date') ?? '');
        sendJson(res, 200, { now: ctx.state.now() });
        return;
      }
      case 'fault': {
        const urn = url.searchParams.get('urn');
        const fileId = url.searchParams.get('fileId');
        if ((urn === null) === (fileId === null)) {
          sendJson(res, 400, { error: 'give exactly one of ?urn= or ?fileId=' });
          return;
        }
        const parsed = faultSchema.safeParse(JSON.parse(await readBody(req)));
        if (!parsed.success) {
          sendJson(res, 400, { error: `invalid fault: ${parsed.error.message}` });
          return;
        }
        ctx.state.setFault(urn !== null ? { urn } : { fileId: fileId ?? '' }, parsed.data);
        sendJson(res, 200, { faults: ctx.state.describeFaults() });
        return;
      }
      case 'reset': {
        ctx.state.setNow(ctx.state.initialNow);
        ctx.state.clearFaults();
        sendJson(res, 200, { now: ctx.state.now() });
        return;
      }
      default:
        sendJson(res, 404, { error: `unknown action "${action}"` });
    }
  } catch (err) {
    sendJson(res, 400, { error: err instanceof Error ? err.message : String(err) });
  }
}
