// Registered managers over time, read from the manager each report names. Pure.
import { nameKey } from '../../alerts/match-subscriptions.js';
import type { HistoryEntry } from '../../store/store.js';

/** One manager's unbroken run at one provider, as far as the reports show it. */
export interface ManagerSpan {
  /** As the first report of the run prints it. */
  name: string;
  /** Start date of the first and of the last inspection naming them (ISO days). */
  from: string;
  to: string;
  /** How many reports named them in this run. */
  reports: number;
}

/** The key two spellings of one manager's name share (as owners' names compare). */
export function managerKey(name: string): string {
  return nameKey(name);
}

/**
 * Runs of the same registered manager, oldest first. A report naming nobody (a vacancy, or a name the
 * parser could not read) neither ends nor starts a run: only a different name does.
 */
export function managerSpans(history: readonly HistoryEntry[]): ManagerSpan[] {
  const named = history
    .map((h, i) => ({ h, i }))
    .filter(({ h }) => typeof h.inspectionStart === 'string' && /^\d{4}-\d{2}-\d{2}/.test(h.inspectionStart) && h.registeredManager?.trim())
    .sort((a, b) => a.h.inspectionStart!.localeCompare(b.h.inspectionStart!) || a.i - b.i);
  const spans: ManagerSpan[] = [];
  let current: (ManagerSpan & { key: string }) | null = null;
  for (const { h } of named) {
    const name = h.registeredManager!.replace(/\s+/g, ' ').trim();
    const date = h.inspectionStart!.slice(0, 10);
    const key = managerKey(name);
    if (current && current.key === key) {
      current.to = date;
      current.reports++;
      continue;
    }
    if (current) spans.push(strip(current));
    current = { key, name, from: date, to: date, reports: 1 };
  }
  if (current) spans.push(strip(current));
  return spans;
}

function strip(span: ManagerSpan & { key: string }): ManagerSpan {
  const { key: _key, ...rest } = span;
  return rest;
}
