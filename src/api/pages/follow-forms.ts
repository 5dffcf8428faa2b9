// "Watch this provider" and "email me its declines": small forms on the declines and events views posting to
// /follow/watch and /follow/subscribe (follow-routes.ts), with the API token as the re-scrape form takes it.
import { html, type Html } from '../../render/html.js';
import { tokenField } from './scrape-form.js';

/** Whom a subscribe form covers: one provider, one local authority or one owner. */
export type FollowScope = { urn: string } | { la: string } | { owner: string };

export interface FollowFormsView {
  /** False when API_TOKEN is unset: a note stands in for the forms. */
  tokenConfigured: boolean;
  hasSession: boolean;
  /** The scopes shown in the filters (each gets a subscribe form); a URN also gets a watch form. */
  scopes: readonly FollowScope[];
  /** Where to come back to after the form (the page's own address). */
  back: string;
}

function scopeField(scope: FollowScope): Html {
  if ('urn' in scope) return html`<input type="hidden" name="urn" value="${scope.urn}">`;
  if ('la' in scope) return html`<input type="hidden" name="la" value="${scope.la}">`;
  return html`<input type="hidden" name="owner" value="${scope.owner}">`;
}

function scopeText(scope: FollowScope): string {
  if ('urn' in scope) return scope.urn;
  if ('la' in scope) return `${scope.la} (local authority)`;
  return `${scope.owner} (owner)`;
}

/** The forms for the filters on show; nothing when no provider, LA or owner is chosen. */
export function renderFollowForms(v: FollowFormsView): Html | null {
  if (v.scopes.length === 0) return null;
  if (!v.tokenConfigured) {
    return html`<p class="small muted">Watching and subscribing from this page needs API_TOKEN set in the daemon's environment.</p>`;
  }
  const back = html`<input type="hidden" name="back" value="${v.back}">`;
  const forms = v.scopes.map((scope, i) => {
    const watch =
      'urn' in scope
        ? html`<form class="filters follow" method="post" action="/follow/watch">${scopeField(scope)}${back}${tokenField(`watch-token-${i}`, v.hasSession)}<button type="submit">Watch ${scope.urn}</button></form>`
        : null;
    return html`${watch}<form class="filters follow" method="post" action="/follow/subscribe">${scopeField(scope)}${back}
<label for="follow-email-${i}">Email declines of ${scopeText(scope)} (and enforcement, closure) to<input type="email" id="follow-email-${i}" name="email" autocomplete="email" required></label>
${tokenField(`follow-token-${i}`, v.hasSession)}<button type="submit">Subscribe</button></form>`;
  });
  return html`<section class="card follow" aria-label="Watch or subscribe"><h2>Follow these declines</h2>${forms}</section>`;
}
