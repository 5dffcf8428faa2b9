import type { ChangeEvent } from '../ofsted/types.js';
import { GRADE_LABEL, REPORT_KIND_LABEL } from '../ofsted/vocabulary.js';
import type { EventSupersession, HistoryEntry, StoredReport } from '../store/store.js';
import { claimId, claimsOf, comparisonKey, comparisons, versionClaims, type Claim, type ClaimEvent, type Comparison } from './comparisons.js';
import { eventId } from './event-id.js';
import { datesLabel } from './inspection-dates.js';
import { buildTimelines, sortDate, timelineOrder, type TimelineEntry, type Timelines } from './report-timeline.js';
import { unreadVerdict } from './unread-verdict.js';

export { eventId } from './event-id.js';

// Change detection is a pure function of (stored history, stored events, newly read reports): no I/O, no clock
// (the caller passes `at`). Event ids are derived from what the event is about, never from when it was raised,
// so a retried or repeated scrape produces the same ids and the store keeps each event once.
//
// Comparison events are a function of the set of reports known: every comparison is between consecutive reports
// of one kind of comparison in inspection-date order (comparisons.ts), whatever order the reports arrived in. A
// report arriving late, older than reports already compared, re-evaluates the comparisons it falls between:
// - the comparison it splits (A, C) no longer stands. Its event stays stored (it may have been emailed, and it was
//   true of what was known) and is marked superseded by the late report B;
// - the new comparisons (A, B) and (B, C) are raised, as news (not backfill: the same events whatever the order).
//   One that only restates what the superseded event told (the same report's move, or the same move from the same
//   grade) is marked `restates` and alerts nobody, so a decline is never told twice;
// - nothing is raised that the inspection-date-ordered history does not show, and no decline it shows is lost.

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
  /**
   * The URN's stored events (superseded ones included): what a late report's comparisons are checked
   * against, so one already stored is not raised again and one that no longer stands is superseded.
   * @defaultValue []
   */
  stored?: readonly ChangeEvent[];
}

export interface ChangeOutcome {
  /** Candidate events; the store keeps the ones it does not hold yet. */
  events: ChangeEvent[];
  /** Stored events that no longer stand, and the late report that came between what they compared. */
  superseded: EventSupersession[];
}

/** A stored event whose comparison a new report broke up, with that comparison as it was. */
interface Stale {
  event: ChangeEvent;
  claim: Claim;
  by: string;
}

/** Compute the change events implied by newly read reports. */
export function detectChanges(input: ChangeInput): ChangeEvent[] {
  return evaluateChanges(input).events;
}

/** Compute the change events implied by newly read reports, and which stored ones they supersede. */
export function evaluateChanges(input: ChangeInput): ChangeOutcome {
  const { urn, at, baseline } = input;
  const stored = input.stored ?? [];
  const storedById = new Map(stored.map((e) => [e.id, e]));
  const events: ChangeEvent[] = [];
  const emit = (e: ClaimEvent & { backfill?: boolean; restates?: string | null }) => {
    const { restates, backfill, ...rest } = e;
    events.push({ urn, at, backfill: backfill ?? baseline, ...rest, ...(restates ? { restates } : {}) });
  };

  for (const r of input.incoming) {
    if (r.parsed) continue;
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
  }

  const timelines = buildTimelines(urn, input.history, input.incoming);
  const before = comparisons(timelines.before);
  const after = comparisons(timelines.after);
  const beforeKeys = new Set(before.map(comparisonKey));
  const afterKeys = new Set(after.map(comparisonKey));
  const standing = after.flatMap((c) => claimsOf(urn, c));
  const amended = timelines.versions.flatMap(([older, newer]) => versionClaims(urn, older, newer));
  const standingIds = new Set([...standing, ...amended].map((c) => c.event.id));

  // Comparisons the new reports broke up: their stored events no longer stand (unless another comparison
  // makes the very same claim). Events stored before ids took their present form are found by their words.
  const stale: Stale[] = [];
  for (const c of before) {
    if (afterKeys.has(comparisonKey(c))) continue;
    for (const claim of claimsOf(urn, c)) {
      if (standingIds.has(claim.event.id)) continue;
      const held = storedById.get(claim.event.id) ?? stored.find((s) => sameWords(s, claim.event));
      if (!held || held.supersededBy || standingIds.has(held.id)) continue;
      stale.push({ event: held, claim, by: causeOf(c, timelines, after) });
    }
  }

  // New comparisons, and amendments against the version they replace. One the store holds and still stands is
  // not raised again; one it holds as superseded stands again (the store restores it).
  const fresh = [...standing.filter((c) => !beforeKeys.has(comparisonKey(c.comparison))), ...amended].filter((c) => {
    const held = storedById.get(c.event.id);
    return !held || !!held.supersededBy;
  });

  // What users were told already: an event this scrape supersedes that said the same, or one superseded
  // before about the same report's same move (one move of one thing by one report alerts once).
  const toldBefore = (claim: Claim): ChangeEvent | undefined => {
    if (baseline) return undefined;
    const now = stale.find((s) => !s.event.backfill && isRestatement(s.claim, claim))?.event;
    if (now) return now;
    const { family, later } = claim.comparison;
    return stored.find(
      (e) =>
        e.supersededBy &&
        !e.backfill &&
        e.id !== claim.event.id &&
        e.type === claim.event.type &&
        e.id === claimId(urn, family, e.type, later, claim.area, e.from, e.to),
    );
  };

  const current = new Set(timelines.after);
  const entries = [...timelines.after, ...timelines.arrived.filter((e) => !current.has(e))].sort(timelineOrder);
  for (const entry of entries) {
    if (entry.isNew) reportEvents(urn, entry, current.has(entry), emit);
    for (const claim of fresh) {
      if (claim.comparison.later !== entry) continue;
      const told = toldBefore(claim);
      emit({ ...claim.event, restates: told ? (told.restates ?? told.id) : null });
    }
  }

  const superseded = new Map<string, EventSupersession>();
  for (const s of stale) if (!superseded.has(s.event.id)) superseded.set(s.event.id, { id: s.event.id, by: s.by });
  // One event per id even if two rules produced the same one.
  return { events: events.filter((e, i) => events.findIndex((o) => o.id === e.id) === i), superseded: [...superseded.values()] };
}

/** The events a newly read report raises by itself: published, unreadable, enforcement. */
function reportEvents(urn: string, entry: TimelineEntry, standsForInspection: boolean, emit: (e: ClaimEvent & { backfill?: boolean }) => void): void {
  const r = entry.report;
  const kindLabel = REPORT_KIND_LABEL[r.kind] ?? 'report';
  const when = datesLabel(r);
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

  // An amendment, or an earlier version arriving after it, repeats the inspection's enforcement.
  if (r.enforcementSinceLast && r.enforcementSinceLast !== 'none' && !entry.replaces && standsForInspection) {
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
}

function sameWords(stored: ChangeEvent, claim: ClaimEvent): boolean {
  return stored.type === claim.type && stored.fileId === claim.fileId && stored.from === claim.from && stored.to === claim.to && stored.summary === claim.summary;
}

function sameInspection(a: TimelineEntry, b: TimelineEntry): boolean {
  if (a.fileId === b.fileId) return true;
  return a.report.kind === b.report.kind && a.report.inspectionStart !== null && a.report.inspectionStart === b.report.inspectionStart;
}

/**
 * Whether a new claim only restates what a superseded one told: within the stretch of history that one spoke
 * of, the same move of the same thing, either by the same report or from the same grade to the same grade.
 */
function isRestatement(told: Claim, claim: Claim): boolean {
  const a = told.comparison;
  const b = claim.comparison;
  if (a.family !== b.family || told.event.type !== claim.event.type || told.area !== claim.area) return false;
  const sameMove = told.event.from === claim.event.from && told.event.to === claim.event.to;
  if (!sameInspection(a.later, b.later) && !sameMove) return false;
  return sortDate(b.later) <= sortDate(a.later) && (!a.earlier || !b.earlier || sortDate(b.earlier) >= sortDate(a.earlier));
}

/** The report that broke up a comparison: a new version of its later report, or the report that now precedes it. */
function causeOf(c: Comparison, timelines: Timelines, after: readonly Comparison[]): string {
  const replacement = timelines.after.find((e) => e.replaces === c.later);
  if (replacement) return replacement.fileId;
  const now = after.find((n) => n.family === c.family && n.later === c.later);
  if (now?.earlier?.isNew) return now.earlier.fileId;
  return timelines.arrived[0]?.fileId ?? c.later.fileId;
}
