import { createHash } from 'node:crypto';
import type { ChangeEvent, ParsedReport } from '../ofsted/types.js';
import { GRADE_LABEL, GRADE_RANK, GRADED_KINDS, gradeScale, REPORT_KIND_LABEL, type EventType, type Grade } from '../ofsted/vocabulary.js';
import type { HistoryEntry, StoredReport } from '../store/store.js';

// Change detection is a pure function of (stored history, newly read reports): no I/O, no clock (the caller
// passes `at`). Event ids are derived from what the event is about, never from when it was raised, so a
// retried or repeated scrape produces the same ids and the store keeps each event once.

export interface ChangeInput {
  urn: string;
  /** Inspections stored before this scrape (HistoryEntry = ParsedReport + fileId, url, publishedAt). */
  history: readonly HistoryEntry[];
  /** Reports fetched in this scrape that were not stored before (parsed or failed). */
  incoming: readonly StoredReport[];
  /** True on the first scrape of a URN: events describe the past and are marked backfill. */
  baseline: boolean;
  /** ISO timestamp to stamp the events with. */
  at: string;
}

interface TimelineEntry {
  report: ParsedReport;
  fileId: string;
  publishedAt: string | null;
  isNew: boolean;
  /** The stored version this entry replaces (an amended report of the same inspection). */
  replaces: HistoryEntry | null;
}

export function eventId(urn: string, type: EventType, ...parts: (string | null | undefined)[]): string {
  const hash = createHash('sha256').update([urn, type, ...parts.map((p) => p ?? '')].join('|')).digest('hex');
  return `${urn}-${type}-${hash.slice(0, 16)}`;
}

/** Identity of an inspection: (URN, kind, start date). */
function inspectionKey(r: { urn: string | null; kind: string; inspectionStart: string | null }, urn: string): string | null {
  return r.inspectionStart ? `${r.urn ?? urn}|${r.kind}|${r.inspectionStart}` : null;
}

function sortDate(e: { report: ParsedReport; publishedAt: string | null }): string {
  return e.report.inspectionStart ?? e.publishedAt ?? '9999-12-31';
}

const rank = (g: Grade | null | undefined): number | null => (g ? GRADE_RANK[g] : null);

function shortDate(iso: string | null): string {
  if (!iso) return 'date unknown';
  const d = new Date(`${iso}T00:00:00Z`);
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

function datesLabel(r: ParsedReport): string {
  if (!r.inspectionStart) return 'date unknown';
  if (!r.inspectionEnd || r.inspectionEnd === r.inspectionStart) return shortDate(r.inspectionStart);
  const [sy, sm] = r.inspectionStart.split('-');
  const [ey, em] = r.inspectionEnd.split('-');
  if (sy === ey && sm === em) return `${Number(r.inspectionStart.slice(8))}–${shortDate(r.inspectionEnd)}`;
  return `${shortDate(r.inspectionStart)} – ${shortDate(r.inspectionEnd)}`;
}

/** Compute the change events implied by newly read reports. */
export function detectChanges(input: ChangeInput): ChangeEvent[] {
  const { urn, at, baseline } = input;
  const events: ChangeEvent[] = [];
  const emit = (e: Omit<ChangeEvent, 'urn' | 'at' | 'backfill'> & { backfill?: boolean }) =>
    events.push({ urn, at, backfill: e.backfill ?? baseline, ...e });

  const storedByKey = new Map<string, HistoryEntry>();
  for (const h of input.history) {
    const key = inspectionKey(h, urn);
    if (key) storedByKey.set(key, h);
  }

  const timeline: TimelineEntry[] = input.history.map((h) => ({
    report: h,
    fileId: h.fileId,
    publishedAt: h.publishedAt,
    isNew: false,
    replaces: null,
  }));

  for (const r of input.incoming) {
    if (!r.parsed) {
      // Unreadable: tell the operator, never guess a grade from it. Not a past change, so never backfill.
      emit({
        id: eventId(urn, 'scrape-failed', r.fileId, r.sha256),
        type: 'scrape-failed',
        inspectionDate: null,
        from: null,
        to: null,
        fileId: r.fileId,
        summary: `${urn}: report ${r.fileId} could not be read (${r.error ?? 'unknown error'})`,
        backfill: false,
      });
      continue;
    }
    const key = inspectionKey(r.parsed, urn);
    const replaces = key ? (storedByKey.get(key) ?? null) : null;
    const entry: TimelineEntry = { report: r.parsed, fileId: r.fileId, publishedAt: r.publishedAt, isNew: true, replaces };
    const at = replaces ? timeline.findIndex((t) => t.fileId === replaces.fileId) : -1;
    if (at >= 0) timeline.splice(at, 1, entry);
    else timeline.push(entry);
  }
  timeline.sort((a, b) => sortDate(a).localeCompare(sortDate(b)) || (a.publishedAt ?? '').localeCompare(b.publishedAt ?? ''));

  timeline.forEach((entry, index) => {
    if (!entry.isNew) return;
    const r = entry.report;
    const kindLabel = REPORT_KIND_LABEL[r.kind] ?? 'report';
    const when = datesLabel(r);
    const earlier = timeline.slice(0, index);

    emit({
      id: eventId(urn, 'report-published', entry.fileId),
      type: 'report-published',
      inspectionDate: r.inspectionStart,
      from: null,
      to: r.overall ?? r.interimOutcome ?? null,
      fileId: entry.fileId,
      summary: `${urn}: ${entry.replaces ? 'amended ' : 'new '}${kindLabel} report (inspected ${when})${r.overall ? `: ${GRADE_LABEL[r.overall]}` : ''}`,
    });

    const unread = unreadVerdict(r);
    if (unread) {
      emit({
        id: eventId(urn, 'scrape-failed', entry.fileId, unread.key),
        type: 'scrape-failed',
        inspectionDate: r.inspectionStart,
        from: null,
        to: null,
        fileId: entry.fileId,
        summary: `${urn}: ${unread.summary(kindLabel, when)}`,
        backfill: false,
      });
    }
    // A report whose grades could not be read has nothing to compare: it never moves the rating.
    if (GRADED_KINDS.has(r.kind) && !unread) {
      // An amended report is compared with the version it replaces, so an unchanged amendment raises nothing.
      // Reports without an overall grade (schools from September 2024, ILACS from April 2026) are compared
      // judgement by judgement with the last report of the same kind that has grades at all.
      const graded = (p: ParsedReport) => rank(p.overall) !== null || p.judgements.length > 0;
      const before = entry.replaces ?? [...earlier].reverse().find((e) => e.report.kind === r.kind && graded(e.report))?.report;
      compareGraded(before ?? null, r, entry.fileId, when, emit, urn);
    }

    if (r.kind === 'childrens-home-interim' && r.interimOutcome === 'declined' && !entry.replaces?.interimOutcome) {
      const lastFull = [...earlier].reverse().find((e) => e.report.kind === 'childrens-home-full' && e.report.overall);
      emit({
        id: eventId(urn, 'interim-declined', r.inspectionStart ?? entry.fileId),
        type: 'interim-declined',
        inspectionDate: r.inspectionStart,
        from: lastFull?.report.overall ?? null,
        to: 'declined',
        fileId: entry.fileId,
        summary: `${urn}: declined in effectiveness at interim inspection (${when})${lastFull?.report.overall ? `; last full inspection ${GRADE_LABEL[lastFull.report.overall]}` : ''}`,
      });
    }

    if (r.enforcementSinceLast && r.enforcementSinceLast !== 'none' && !entry.replaces) {
      emit({
        id: eventId(urn, 'enforcement', r.inspectionStart ?? entry.fileId, r.enforcementSinceLast),
        type: 'enforcement',
        inspectionDate: r.inspectionStart,
        from: null,
        to: r.enforcementSinceLast,
        fileId: entry.fileId,
        summary: `${urn}: enforcement action since last inspection: ${r.enforcementSinceLast}`,
      });
    }

    if (r.registeredManager) {
      const lastManager = [...earlier].reverse().find((e) => e.report.registeredManager)?.report.registeredManager;
      if (lastManager && normaliseName(lastManager) !== normaliseName(r.registeredManager)) {
        emit({
          id: eventId(urn, 'manager-changed', lastManager, r.registeredManager),
          type: 'manager-changed',
          inspectionDate: r.inspectionStart,
          from: lastManager,
          to: r.registeredManager,
          fileId: entry.fileId,
          summary: `${urn}: registered manager changed from ${lastManager} to ${r.registeredManager}`,
        });
      }
    }
  });

  // One event per id even if two rules produced the same one.
  return events.filter((e, i) => events.findIndex((o) => o.id === e.id) === i);
}

/**
 * Why a report that was read still says nothing we can alert on, or null when it does. Every kind of report on
 * every category Ofsted lists has graded inspections, so a document of no kind we know (`other`) may be the one
 * that holds a decline; so may a graded report whose grade, or an interim whose outcome, could not be read.
 */
function unreadVerdict(r: ParsedReport): { key: string; summary: (kindLabel: string, when: string) => string } | null {
  if (r.kind === 'other') {
    return { key: 'unclassified', summary: (_, when) => `a report (inspected ${when}) could not be classified as any kind of inspection we read; check it by hand` };
  }
  // No grade owed (a home with no children yet, ILACS from April 2026 without an overall) is not "no grade read".
  const gradesUnread = r.unreadable.some((f) => f === 'overall' || f === 'judgements' || f.startsWith('judgements.'));
  if (GRADED_KINDS.has(r.kind) && !r.overall && (r.unreadable.includes('overall') || (r.judgements.length === 0 && gradesUnread))) {
    return { key: 'no-grade', summary: (kindLabel, when) => `the ${kindLabel} report of ${when} was read but its grade could not be` };
  }
  if (r.kind === 'childrens-home-interim' && !r.interimOutcome && r.unreadable.includes('interimOutcome')) {
    return { key: 'no-outcome', summary: (kindLabel, when) => `the ${kindLabel} report of ${when} was read but its outcome could not be` };
  }
  return null;
}

function normaliseName(name: string): string {
  return name.toLowerCase().replace(/[^a-z]/g, '');
}

function compareGraded(
  before: ParsedReport | null,
  r: ParsedReport,
  fileId: string,
  when: string,
  emit: (e: Omit<ChangeEvent, 'urn' | 'at' | 'backfill'>) => void,
  urn: string,
): void {
  if (!before) return;
  const was = rank(before.overall);
  const now = rank(r.overall);
  if (before.overall && r.overall && was !== null && now !== null && now !== was && gradeScale(before.overall) === gradeScale(r.overall)) {
    const type = now < was ? 'rating-declined' : 'rating-improved';
    emit({
      id: eventId(urn, type, r.kind, r.inspectionStart ?? fileId, before.overall, r.overall),
      type,
      inspectionDate: r.inspectionStart,
      from: before.overall,
      to: r.overall,
      fileId,
      summary: `${urn}: ${GRADE_LABEL[before.overall]} → ${GRADE_LABEL[r.overall]} (inspected ${when})`,
    });
    return;
  }
  // Overall held, or there is no overall to compare: look at each judgement both reports grade.
  if (before.overall && r.overall && (was !== now || gradeScale(before.overall) !== gradeScale(r.overall))) return;
  for (const j of r.judgements) {
    if (j.key === 'overall-effectiveness') continue;
    const prev = before.judgements.find((p) => p.key === j.key);
    const a = rank(prev?.grade);
    const b = rank(j.grade);
    if (!prev || a === null || b === null || a === b || gradeScale(prev.grade) !== gradeScale(j.grade)) continue;
    const type = b < a ? 'judgement-declined' : 'judgement-improved';
    emit({
      id: eventId(urn, type, r.kind, r.inspectionStart ?? fileId, j.key, prev.grade, j.grade),
      type,
      inspectionDate: r.inspectionStart,
      from: prev.grade,
      to: j.grade,
      fileId,
      summary: `${urn}: ${j.area}: ${GRADE_LABEL[prev.grade]} → ${GRADE_LABEL[j.grade]} (${r.overall ? `overall still ${GRADE_LABEL[r.overall]}` : 'no overall grade'}; inspected ${when})`,
    });
  }
}
