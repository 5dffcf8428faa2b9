import { GRADE_LABEL } from '../../ofsted/vocabulary.js';
import type { AlertContext } from './alert-context.js';
import { shorten } from './clean-text.js';
import { eventDates } from './event-dates.js';
import { eventJudgement } from './judgement-name.js';
import { kindLabel, outcomeLabel } from './labels.js';

export interface Headline {
  text: string;
  tone: 'alert' | 'good' | undefined;
}

/** What changed, in one sentence: the first thing a reader sees under the provider's name. */
export function eventHeadline(ctx: AlertContext): Headline {
  const { event, report } = ctx;
  const when = eventDates(ctx);
  const kind = report ? kindLabel(report.kind) : 'inspection';
  const at = when ? ` at the ${kind} of ${when}` : '';
  const from = event.from ? outcomeLabel(event.from) : null;
  const to = event.to ? outcomeLabel(event.to) : null;
  const moved = (verb: string, what: string) =>
    from && to ? `${what} ${verb} from ${from} to ${to}${at}.` : `${what} ${verb}${to ? ` to ${to}` : ''}${at}.`;
  switch (event.type) {
    case 'rating-declined':
      return { text: moved('fell', 'The overall rating'), tone: 'alert' };
    case 'rating-improved':
      return { text: moved('rose', 'The overall rating'), tone: 'good' };
    case 'judgement-declined':
    case 'judgement-improved': {
      const area = eventJudgement(ctx)?.area ?? 'A judgement';
      const overall = report?.overall ? `the overall rating stays ${GRADE_LABEL[report.overall]}` : 'this inspection gives no overall rating';
      const verb = event.type === 'judgement-declined' ? 'fell' : 'rose';
      return {
        text: `${moved(verb, `“${area}”`).replace(/\.$/, '')}; ${overall}.`,
        tone: event.type === 'judgement-declined' ? 'alert' : 'good',
      };
    }
    case 'interim-declined':
      return {
        text: `Declined in effectiveness at the interim inspection${when ? ` of ${when}` : ''}${from ? `; the last full inspection rated it ${from}` : ''}.`,
        tone: 'alert',
      };
    case 'enforcement':
      return {
        text: `Ofsted reports enforcement action since the last inspection: ${shorten(event.to ?? 'see the report', 400)}`,
        tone: 'alert',
      };
    case 'manager-changed':
      return {
        text: from && to ? `The registered manager changed from ${from} to ${to}.` : 'The registered manager changed.',
        tone: undefined,
      };
    case 'provider-closed':
      return { text: 'Ofsted no longer lists this provider: its page is gone, so it may have closed.', tone: 'alert' };
    case 'scrape-failed': {
      const detail = event.summary.startsWith(`${event.urn}: `) ? event.summary.slice(event.urn.length + 2) : event.summary;
      return { text: `A report could not be read, so no grade was taken from it: ${shorten(detail, 300)}`, tone: undefined };
    }
    case 'report-published': {
      const amended = /: amended /.test(event.summary) ? 'An amended' : 'A new';
      const what = report && report.kind !== 'other' ? `${kind} report` : 'report';
      return { text: `${amended} ${what} was published${when ? ` (inspected ${when})` : ''}${to ? `: ${to}` : ''}.`, tone: undefined };
    }
  }
}
