// What the provider page says about a re-scrape it queued: the job's state, read as GET /api/jobs/<id> reads it.
import type { JobView } from '../job-view.js';
import { html, type Html } from '../../render/html.js';

/** States in which the job has yet to finish: the page keeps refreshing itself while in one. */
const PENDING = new Set(['waiting', 'prioritized', 'delayed', 'active', 'waiting-children']);

export function jobIsPending(state: string): boolean {
  return PENDING.has(state);
}

export type JobLookup =
  | { id: string; found: JobView }
  | { id: string; missing: true }
  /** The queue could not be asked (Redis down or slow): plain text reason. */
  | { id: string; unavailable: string };

const STATE_TEXT: Readonly<Record<string, string>> = {
  waiting: 'waiting in the queue',
  prioritized: 'waiting in the queue',
  delayed: 'waiting in the queue (delayed)',
  active: 'running now',
  'waiting-children': 'running: reading the new reports',
};

/** "2 new reports stored, 1 event" from a provider job's return value, or null when it says nothing usable. */
function outcomeText(value: unknown): string | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as { stored?: unknown; unfetched?: unknown; events?: unknown };
  const parts: string[] = [];
  if (typeof v.stored === 'number') parts.push(v.stored === 0 ? 'nothing new' : `${v.stored} new report${v.stored === 1 ? '' : 's'} stored`);
  if (typeof v.unfetched === 'number' && v.unfetched > 0) parts.push(`${v.unfetched} could not be fetched yet`);
  if (Array.isArray(v.events)) {
    const raised = v.events.filter((e) => !(e && typeof e === 'object' && (e as { backfill?: unknown }).backfill === true)).length;
    parts.push(`${raised} new event${raised === 1 ? '' : 's'}`);
  }
  return parts.length ? parts.join(', ') : null;
}

/** A notice for the top of the provider page. */
export function renderJobNotice(lookup: JobLookup): Html {
  const id = html`<code>${lookup.id}</code>`;
  if ('unavailable' in lookup) {
    return html`<div class="notice error job" role="status"><p>Re-scrape ${id}: its state cannot be read right now (${lookup.unavailable}).</p></div>`;
  }
  if ('missing' in lookup) {
    return html`<div class="notice job" role="status"><p>Re-scrape ${id}: no such job for this provider (finished jobs are kept only for a while).</p></div>`;
  }
  const job = lookup.found;
  if (jobIsPending(job.state)) {
    return html`<div class="notice job" role="status"><p>Re-scrape ${id}: <strong data-state="${job.state}">${STATE_TEXT[job.state] ?? job.state}</strong>. This page reloads every 2 seconds until it is done.</p></div>`;
  }
  if (job.state === 'completed') {
    const outcome = outcomeText(job.returnvalue);
    const at = job.finishedAt ? ` at ${job.finishedAt.slice(11, 19)} UTC` : '';
    return html`<div class="notice job done" role="status"><p>Re-scrape ${id}: <strong data-state="completed">done</strong>${at}${outcome ? ` — ${outcome}` : ''}.</p></div>`;
  }
  if (job.state === 'failed') {
    return html`<div class="notice error job" role="status"><p>Re-scrape ${id}: <strong data-state="failed">failed</strong>${job.failedReason ? `: ${job.failedReason}` : ''}.</p></div>`;
  }
  return html`<div class="notice job" role="status"><p>Re-scrape ${id}: <strong data-state="${job.state}">${job.state}</strong>.</p></div>`;
}
