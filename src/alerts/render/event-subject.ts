import type { AlertContext } from './alert-context.js';
import { oneLine, shorten } from './clean-text.js';
import { eventDates } from './event-dates.js';
import { eventJudgement, judgementShortName } from './judgement-name.js';
import { kindLabel, outcomeLabel } from './labels.js';

/** Subjects stay short enough for a phone's inbox list even when a label is long. */
const MAX_SUBJECT = 140;

/** "SC036243: Good → Inadequate (inspected 29–30 Oct 2019)", and the like for every event type. */
export function eventSubject(ctx: AlertContext): string {
  return shorten(`${ctx.event.urn}: ${eventSubjectTail(ctx)}`, MAX_SUBJECT);
}

/** The subject without its URN, for places that already name the provider (a digest's provider section). */
export function eventSubjectTail(ctx: AlertContext): string {
  const { event, report } = ctx;
  const when = eventDates(ctx);
  const inspected = when ? ` (inspected ${when})` : '';
  const from = event.from ? outcomeLabel(event.from) : null;
  const to = event.to ? outcomeLabel(event.to) : null;
  let tail: string;
  switch (event.type) {
    case 'rating-declined':
    case 'rating-improved':
      tail = from && to ? `${from} → ${to}` : `rating ${event.type === 'rating-declined' ? 'declined' : 'improved'}${to ? ` to ${to}` : ''}`;
      break;
    case 'judgement-declined':
    case 'judgement-improved': {
      const j = eventJudgement(ctx);
      const name = j ? judgementShortName(j.key) : `judgement ${event.type === 'judgement-declined' ? 'declined' : 'improved'}`;
      tail = from && to ? `${name}: ${from} → ${to}` : name;
      break;
    }
    case 'interim-declined':
      tail = 'declined in effectiveness at interim inspection';
      break;
    case 'enforcement':
      tail = 'enforcement action since last inspection';
      break;
    case 'manager-changed':
      tail = 'registered manager changed';
      break;
    case 'provider-closed':
      tail = 'no longer listed by Ofsted';
      break;
    case 'scrape-failed':
      // The parser read the report but not its grade (the event then has the inspection date), or could
      // not read the file at all.
      tail = report || event.inspectionDate ? 'grade could not be read' : 'report could not be read';
      break;
    case 'report-published': {
      const amended = /: amended /.test(event.summary) ? 'amended' : 'new';
      const kind = report && report.kind !== 'other' ? `${kindLabel(report.kind)} ` : '';
      tail = `${amended} ${kind}report${to ? `: ${to}` : ''}`;
      break;
    }
  }
  return oneLine(`${tail}${inspected}`);
}
