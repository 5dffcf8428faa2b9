// The small HTML pages behind an unsubscribe link. Pure: given what the link covers, the page.
// No script, everything escaped, readable on a phone.
import { createHash } from 'node:crypto';
import { describeEvents } from '../../alerts/subscription-request.js';
import type { Subscription } from '../../alerts/types.js';
import { html, trusted, type Html } from '../../render/html.js';

/** A subscription as the page shows it: the provider's name when it is stored. */
export interface ShownSubscription {
  subscription: Subscription;
  providerName: string | null;
}

const STYLE =
  'body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;padding:1.5rem;line-height:1.5;color:#0b0c0c;background:#f3f2f1}' +
  'main{max-width:34rem;margin:0 auto;background:#fff;padding:1.25rem 1.5rem;border-radius:6px}' +
  'h1{font-size:1.4rem;margin:0 0 1rem}ul{padding-left:1.2rem}' +
  'button{font:inherit;font-weight:600;color:#fff;background:#b10e1e;border:0;border-radius:4px;padding:.7rem 1.4rem;min-height:44px;cursor:pointer}' +
  '.quiet{color:#505a5f;font-size:.9rem}';

/**
 * The Content-Security-Policy these pages need: the one inline style (by hash), and a form that may only
 * post back here. Stricter than allowing inline styles wholesale.
 */
export const UNSUBSCRIBE_PAGE_CSP =
  `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; ` +
  "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** GET: what the link would stop, and the button that stops it (a GET never does: mail scanners follow links). */
export function confirmPage(shown: readonly ShownSubscription[], digestRecipient: string | null): string {
  if (shown.length === 0) {
    return page('You are already unsubscribed', html`<p>Nothing is sent for this link any more: its subscription has already been removed.</p>`);
  }
  const whom = recipient(shown[0]!.subscription);
  const lead = digestRecipient
    ? html`<p>Stop the daily digest of Ofsted alerts to ${whom}? It covers:</p>`
    : html`<p>Stop Ofsted alerts to ${whom} about:</p>`;
  // No action attribute: the form posts back to this very URL, token included, whatever path a proxy adds.
  return page(
    'Unsubscribe from Ofsted alerts',
    html`${lead}<ul>${shown.map(item)}</ul><form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe</button></form><p class="quiet">Nothing changes until you press the button.</p>`,
  );
}

/** POST: the same confirmation whether the subscription was removed now or had already gone. */
export function donePage(removed: readonly ShownSubscription[]): string {
  const first = removed[0];
  const details = first
    ? html`<p>No more alerts go to ${recipient(first.subscription)} about:</p><ul>${removed.map(item)}</ul>`
    : html`<p>No more alerts are sent for this link.</p>`;
  return page('You are unsubscribed', html`${details}<p class="quiet">You can close this page.</p>`);
}

/** A link that is not one of ours (cut short, altered or signed with another secret). */
export function invalidLinkPage(): string {
  return page(
    'This unsubscribe link is not valid',
    html`<p>It may have been cut short when it was copied. Open the link from the message again, or copy all of it.</p><p class="quiet">If it still does not work, ask whoever runs this alert service to remove you.</p>`,
  );
}

function item({ subscription: s, providerName }: ShownSubscription): Html {
  const events = describeEvents(s.events);
  const what =
    events === 'decline' ? 'when a rating or judgement falls' : events === 'any' ? 'every change' : events.replaceAll(',', ', ').replaceAll('-', ' ');
  return html`<li><strong>${scope(s, providerName)}</strong> <span class="quiet">(${what})</span></li>`;
}

function scope(s: Subscription, providerName: string | null): string {
  switch (s.scope) {
    case 'urn':
      return providerName ? `${providerName} (${s.value})` : `provider ${s.value}`;
    case 'owner':
      return `every provider owned by ${s.value}`;
    case 'la':
      return `every provider in ${s.value}`;
    case 'all':
      return 'every watched provider';
  }
}

/** A webhook URL is itself a secret (anyone holding it can post to the channel): show only its host. */
function recipient(s: Subscription): Html {
  if (s.channel === 'email') return html`<strong>${s.target}</strong>`;
  let host = 'a webhook';
  try {
    host = `the webhook at ${new URL(s.target).host}`;
  } catch {
    // keep the generic wording
  }
  return html`<strong>${host}</strong>`;
}

function page(title: string, body: Html): string {
  // STYLE is this file's constant, inlined byte for byte: the CSP allows it by its hash.
  return `${html`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${title} · ofsted-monitor</title><style>${trusted(STYLE)}</style></head><body><main><h1>${title}</h1>${body}</main></body></html>`}\n`;
}
