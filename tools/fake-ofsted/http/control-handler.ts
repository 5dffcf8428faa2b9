// /__scenario on the reports origin: lets a demo in another terminal read and move the site with curl.
//   GET  /__scenario                      state (now, faults, curated providers and their reports)
//   POST /__scenario/advance[?urn=X]      move now to the next publication date
//   POST /__scenario/now?date=YYYY-MM-DD  set now
//   POST /__scenario/fault?urn=X|fileId=Y|search=1  JSON body: a Fault
//   POST /__scenario/search-shape?shape=real|renamed|no-dates
//   POST /__scenario/register             JSON body: a new provider (registered today unless it says)
//   POST /__scenario/publish?urn=X        JSON body (optional): the report (published today unless it says)
//   POST /__scenario/withdraw?fileId=Y    withdraw a report
//   POST /__scenario/reset                now back to its start value, faults cleared, search shape real

import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { faultSchema } from '../fault-schema.js';
import { providerPath } from '../pages/provider-page.js';
import type { SearchShape } from '../pages/search-page.js';
import type { ScenarioReport } from '../scenario/types.js';
import { sendJson } from './respond.js';
import type { SiteContext } from './site-context.js';

const MAX_BODY = 64 * 1024;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const grade = z.enum(['outstanding', 'good', 'requires-improvement', 'inadequate']);
const registerSchema = z.object({
  urn: z.string().optional(),
  category: z.string().optional(),
  name: z.string().nullable().optional(),
  providerType: z.string().optional(),
  localAuthority: z.string().min(1),
  owner: z.string().nullable().optional(),
  registrationDate: isoDate.optional(),
  places: z.number().int().optional(),
});
const publishSchema = z.object({
  kind: z.enum(['full', 'interim', 'monitoring', 'assurance']).optional(),
  title: z.string().optional(),
  publishedAt: isoDate.optional(),
  inspectionStart: isoDate.optional(),
  grades: z.object({ experiences: grade, protection: grade, leadership: grade }).optional(),
});

async function jsonBody(req: IncomingMessage): Promise<unknown> {
  const text = await readBody(req);
  return text.trim() === '' ? {} : JSON.parse(text);
}

function reportJson(ctx: SiteContext, r: ScenarioReport): unknown {
  return {
    fileId: r.fileId,
    kind: r.kind,
    title: r.title,
    inspectionStart: r.inspectionStart,
    publishedAt: r.publishedAt,
    withdrawn: r.withdrawn,
    url: `${ctx.urls.files}/v1/file/${r.fileId}`,
  };
}

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
        const onSearch = url.searchParams.has('search');
        if ([urn !== null, fileId !== null, onSearch].filter(Boolean).length !== 1) {
          sendJson(res, 400, { error: 'give exactly one of ?urn=, ?fileId= or ?search=1' });
          return;
        }
        const parsed = faultSchema.safeParse(JSON.parse(await readBody(req)));
        if (!parsed.success) {
          sendJson(res, 400, { error: `invalid fault: ${parsed.error.message}` });
          return;
        }
        ctx.state.setFault(onSearch ? { search: true } : urn !== null ? { urn } : { fileId: fileId ?? '' }, parsed.data);
        sendJson(res, 200, { faults: ctx.state.describeFaults() });
        return;
      }
      case 'search-shape': {
        ctx.state.setSearchShape((url.searchParams.get('shape') ?? '') as SearchShape);
        sendJson(res, 200, { shape: ctx.state.searchShape() });
        return;
      }
      case 'register': {
        const body = registerSchema.parse(await jsonBody(req));
        const p = ctx.scenario.register({ ...body, registrationDate: body.registrationDate ?? ctx.state.now() });
        sendJson(res, 200, { urn: p.urn, category: p.category, registrationDate: p.registrationDate, url: `${ctx.urls.reports}${providerPath(p)}` });
        return;
      }
      case 'publish': {
        const body = publishSchema.parse(await jsonBody(req));
        const report = ctx.scenario.publish(url.searchParams.get('urn') ?? '', {
          ...body,
          publishedAt: body.publishedAt ?? ctx.state.now(),
        });
        sendJson(res, 200, reportJson(ctx, report));
        return;
      }
      case 'withdraw': {
        sendJson(res, 200, reportJson(ctx, ctx.scenario.withdraw(url.searchParams.get('fileId') ?? '')));
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
