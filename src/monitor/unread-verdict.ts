import type { ParsedReport } from '../ofsted/types.js';
import { GRADED_KINDS } from '../ofsted/vocabulary.js';

/** Why a report that was read still says nothing we can alert on. */
export interface UnreadVerdict {
  /** Part of the scrape-failed event's id. */
  key: string;
  summary: (kindLabel: string, when: string) => string;
}

/**
 * Why a report that was read still says nothing we can alert on, or null when it does. Every kind of report on
 * every category Ofsted lists has graded inspections, so a document of no kind we know (`other`) may be the one
 * that holds a decline; so may a graded report whose grade, or an interim whose outcome, could not be read.
 */
export function unreadVerdict(r: ParsedReport): UnreadVerdict | null {
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
