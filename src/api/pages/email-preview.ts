// The alert email an event sends, shown in the browser: the HTML part as a subscriber gets it, under a
// banner saying what it is, and the plain-text part. No subscriber is named, and no real unsubscribe
// link is made (its token would unsubscribe someone).
import { alertContext } from '../../alerts/alert-context.js';
import { renderEventEmail } from '../../alerts/render/render-event-email.js';
import type { ChangeEvent } from '../../ofsted/types.js';
import { html } from '../../render/html.js';
import type { Store } from '../../store/store.js';
import { emailTextHref } from './email-preview-links.js';
import { providerHref } from './page-links.js';

/** Inline styles, for the email's own are inline too: the preview's CSP allows those and no stylesheet is needed. */
const BANNER = 'font-family:Arial,Helvetica,sans-serif;font-size:14px;background:#fff7d6;border-bottom:1px solid #e0c200;padding:10px 16px;color:#1b1b1b';

export interface EmailPreview {
  subject: string;
  /** A whole HTML document: the email's HTML part with the preview banner at the top of its body. */
  html: string;
  /** The plain-text part, after a "Subject:" line. */
  text: string;
}

/** The email `event` sends (or would send, for a baseline event), with links based at `publicBase`. */
export async function emailPreview(event: ChangeEvent, store: Store, publicBase: string): Promise<EmailPreview> {
  const context = await alertContext(event, await store.getProvider(event.urn), store, publicBase);
  const email = renderEventEmail({ ...context, links: { ...context.links, unsubscribe: null } });
  const quiet = event.backfill
    ? html` This event is part of the provider's baseline history, so no email was sent for it.`
    : event.restates
      ? html` This event restates an earlier one, so no email was sent for it.`
      : null;
  const banner = html`<div style="${BANNER}"><strong>Preview</strong> of the alert email for this event. Subject: “${email.subject}”.${quiet} Each subscriber's copy also carries their own unsubscribe link. <a href="${emailTextHref(event.id)}">Plain-text version</a> · <a href="${providerHref(event.urn)}">provider page</a></div>`;
  const rendered = email.html ?? '';
  // After the email's opening <body …> tag, so the document stays the one that is sent.
  const at = rendered.indexOf('>', rendered.indexOf('<body')) + 1;
  return {
    subject: email.subject,
    html: at > 0 ? `${rendered.slice(0, at)}${String(banner)}${rendered.slice(at)}` : `${String(banner)}${rendered}`,
    text: `Subject: ${email.subject}\n\n${email.text}`,
  };
}
