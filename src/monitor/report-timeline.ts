import type { ParsedReport } from '../ofsted/types.js';
import { supersedes } from '../store/row-mapping.js';
import type { HistoryEntry, StoredReport } from '../store/store.js';

/** One report on a provider's timeline. */
export interface TimelineEntry {
  report: ParsedReport;
  fileId: string;
  publishedAt: string | null;
  /** Read in this scrape (not stored before). */
  isNew: boolean;
  /** The earlier version of the same inspection that this one replaces as the inspection's report. */
  replaces: TimelineEntry | null;
}

/** A provider's reports before and after a scrape's reports are added. */
export interface Timelines {
  /** The inspections stored before, one report each, in timeline order. */
  before: TimelineEntry[];
  /** The same once the scrape's readable reports are added: each inspection's current version. */
  after: TimelineEntry[];
  /** The scrape's readable reports, in the order they came (older versions arriving late included). */
  arrived: TimelineEntry[];
  /** (older, newer) versions of one inspection that met in this scrape: an amendment and what it replaces. */
  versions: Array<[older: TimelineEntry, newer: TimelineEntry]>;
}

/** Identity of an inspection: (URN, kind, start date); null when the start date is unknown. */
export function inspectionKey(r: { urn: string | null; kind: string; inspectionStart: string | null }, urn: string): string | null {
  return r.inspectionStart ? `${r.urn ?? urn}|${r.kind}|${r.inspectionStart}` : null;
}

/** The date an entry sits at: its inspection's start, else its publication. */
export function sortDate(e: { report: ParsedReport; publishedAt: string | null }): string {
  return e.report.inspectionStart ?? e.publishedAt ?? '9999-12-31';
}

/**
 * Timeline order: inspection date, then publication, kind and file id, so that the order is total and a
 * timeline is the same whatever order its reports were added in.
 */
export function timelineOrder(a: TimelineEntry, b: TimelineEntry): number {
  return (
    sortDate(a).localeCompare(sortDate(b)) ||
    (a.publishedAt ?? '').localeCompare(b.publishedAt ?? '') ||
    a.report.kind.localeCompare(b.report.kind) ||
    a.fileId.localeCompare(b.fileId)
  );
}

/**
 * Add a scrape's readable reports to the stored history. Which version stands for an inspection follows the
 * store's rule (`supersedes`: the later publication), so this timeline is the history the store will hold.
 */
export function buildTimelines(urn: string, history: readonly HistoryEntry[], incoming: readonly StoredReport[]): Timelines {
  const before = history
    .map((h): TimelineEntry => ({ report: h, fileId: h.fileId, publishedAt: h.publishedAt, isNew: false, replaces: null }))
    .sort(timelineOrder);
  const stored = new Set(before.map((e) => e.fileId));
  const current = new Map<string, TimelineEntry>();
  for (const e of before) current.set(inspectionKey(e.report, urn) ?? e.fileId, e);

  const arrived: TimelineEntry[] = [];
  const versions: Timelines['versions'] = [];
  for (const r of incoming) {
    // A retried step hands in reports it stored already: they are history, not news.
    if (!r.parsed || stored.has(r.fileId)) continue;
    const entry: TimelineEntry = { report: r.parsed, fileId: r.fileId, publishedAt: r.publishedAt, isNew: true, replaces: null };
    arrived.push(entry);
    const key = inspectionKey(r.parsed, urn) ?? r.fileId;
    const held = current.get(key);
    if (!held) {
      current.set(key, entry);
    } else if (supersedes(entry.publishedAt, held.publishedAt)) {
      entry.replaces = held;
      current.set(key, entry);
      versions.push([held, entry]);
    } else {
      // An earlier version published before the one stored, arriving late: it does not stand for the inspection.
      versions.push([entry, held]);
    }
  }
  return { before, after: [...current.values()].sort(timelineOrder), arrived, versions };
}
