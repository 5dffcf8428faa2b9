import type { AlertContext } from './alert-context.js';
import { formatDateRange } from './format-dates.js';

/**
 * The event's inspection dates ("29–30 Oct 2019"). The event holds only the start; the end comes from the
 * report when it is the same inspection. Null when the event has no date.
 */
export function eventDates(ctx: Pick<AlertContext, 'event' | 'report'>): string | null {
  const start = ctx.event.inspectionDate;
  const end = ctx.report && ctx.report.inspectionStart === start ? ctx.report.inspectionEnd : null;
  return formatDateRange(start, end);
}
