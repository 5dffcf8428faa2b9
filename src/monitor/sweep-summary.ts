import type { EventType } from '../ofsted/vocabulary.js';

/** What one provider's part of a sweep came to. */
export interface ProviderOutcome {
  ok: boolean;
  /** Reports stored. */
  reports: number;
  /** Change events raised, baselines left out. */
  events: number;
  /** Of those, declines (a rating, a judgement, an interim outcome that fell). */
  declines: number;
}

/** One line's worth of a finished sweep: kept for the dashboard, logged by the daemon, printed by the CLI. */
export interface SweepSummary {
  /** The sweep job's id (the CLI's in-process passes have none). */
  id: string | null;
  kind: 'discovery' | 'full';
  startedAt: string;
  finishedAt: string;
  providers: number;
  ok: number;
  failed: number;
  reports: number;
  events: number;
  declines: number;
}

const DECLINES: ReadonlySet<EventType> = new Set(['rating-declined', 'judgement-declined', 'interim-declined']);

/** A provider's outcome from the events it raised (backfill, a first scrape's history, is not news). */
export function providerOutcome(ok: boolean, reports: number, events: readonly { type: string; backfill?: boolean }[]): ProviderOutcome {
  const news = events.filter((e) => !e.backfill);
  return { ok, reports, events: news.length, declines: news.filter((e) => DECLINES.has(e.type as EventType)).length };
}

export function summariseSweep(
  run: { id: string | null; kind: SweepSummary['kind']; startedAt: string; finishedAt: string },
  outcomes: readonly ProviderOutcome[],
): SweepSummary {
  const sum = (pick: (o: ProviderOutcome) => number) => outcomes.reduce((n, o) => n + pick(o), 0);
  return {
    ...run,
    providers: outcomes.length,
    ok: outcomes.filter((o) => o.ok).length,
    failed: outcomes.filter((o) => !o.ok).length,
    reports: sum((o) => o.reports),
    events: sum((o) => o.events),
    declines: sum((o) => o.declines),
  };
}

/** "discovery finished: 120 providers, 118 ok, 2 failed, 3 new reports, 1 decline, 4m12s" */
export function sweepSummaryText(s: SweepSummary): string {
  const n = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
  const name = s.kind === 'full' ? 'full sweep' : 'discovery';
  return (
    `${name} finished: ${n(s.providers, 'provider')}, ${s.ok} ok, ${s.failed} failed, ${n(s.reports, 'new report')}, ` +
    `${n(s.declines, 'decline')}, ${formatDuration(Date.parse(s.finishedAt) - Date.parse(s.startedAt))}`
  );
}

/** 950 → "0.9s", 252000 → "4m12s", 7380000 → "2h03m". */
export function formatDuration(ms: number): string {
  const total = Math.max(0, ms);
  if (total < 60_000) return `${(Math.floor(total / 100) / 10).toFixed(1)}s`;
  const s = Math.floor(total / 1000);
  const [h, m, sec] = [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60];
  return h > 0 ? `${h}h${String(m).padStart(2, '0')}m` : `${m}m${String(sec).padStart(2, '0')}s`;
}
