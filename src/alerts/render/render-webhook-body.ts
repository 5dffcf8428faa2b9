import type { ChangeEvent, ProviderInfo } from '../../ofsted/types.js';
import type { RenderedMessage } from '../types.js';
import type { AlertContext } from './alert-context.js';
import { oneLine } from './clean-text.js';
import { eventSubject } from './event-subject.js';

/** The JSON a webhook receives. `text` makes it a valid Slack incoming-webhook message on its own. */
export interface WebhookBody {
  text: string;
  /** The change event exactly as `events --json` prints it. */
  event: ChangeEvent;
  provider: Pick<ProviderInfo, 'urn' | 'name' | 'providerType' | 'localAuthority' | 'owner' | 'url'> | null;
  /** `dashboard`: the provider's page on this dashboard (PUBLIC_URL + /providers/<URN>). */
  links: { pdf: string | null; providerPage: string | null; dashboard: string | null; unsubscribe: string | null };
}

// Slack reads <, > and & in `text` as its own markup, so text from a page must escape exactly these.
const slackEscape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
// Inside <url|label> a URL must not contain the delimiters; percent-encoding keeps it the same URL.
const slackUrl = (url: string) => url.replace(/[<>|\s]/g, (c) => encodeURIComponent(c));

/** The body to POST for one event (subject as the email's; no HTML part). */
export function renderWebhookBody(ctx: AlertContext): RenderedMessage {
  const subject = eventSubject(ctx);
  const pdf = ctx.links.pdf ?? ctx.report?.url ?? null;
  const providerPage = ctx.links.providerPage ?? ctx.provider?.url ?? null;
  const where = [ctx.provider?.name, ctx.provider?.localAuthority].filter((s): s is string => Boolean(s)).map(oneLine).join(', ');
  const text = [slackEscape(subject), where ? ` — ${slackEscape(where)}` : '', pdf ? ` · <${slackUrl(pdf)}|Report (PDF)>` : ''].join('');
  const p = ctx.provider;
  const body: WebhookBody = {
    text,
    event: { ...ctx.event },
    provider: p
      ? { urn: p.urn, name: p.name, providerType: p.providerType, localAuthority: p.localAuthority, owner: p.owner, url: p.url }
      : null,
    links: { pdf, providerPage, dashboard: ctx.links.dashboard ?? null, unsubscribe: ctx.links.unsubscribe },
  };
  return { subject, text: JSON.stringify(body), html: null };
}
