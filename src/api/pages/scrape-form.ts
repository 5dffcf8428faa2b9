// The "Re-scrape now" button: a plain form posting back to the dashboard, no JavaScript.
import { html, type Html } from '../../render/html.js';

export interface ScrapeFormView {
  urn: string;
  /** False when API_TOKEN is unset: the form would only ever be refused, so a note stands in for it. */
  tokenConfigured: boolean;
  /** The request carries the admin session cookie: no token field is needed. */
  hasSession: boolean;
  /** Shown above the form (e.g. after a wrong token); plain text. */
  error?: string;
  /** Button text. @defaultValue "Re-scrape now" */
  label?: string;
}

/** The token field of a dashboard form: a password field, so it is neither shown nor kept in history; none with a session. */
export function tokenField(id: string, hasSession: boolean): Html | null {
  return hasSession ? null : html`<label for="${id}">API token<input type="password" id="${id}" name="token" autocomplete="current-password" required></label>`;
}

function errorNotice(error: string | undefined): Html | null {
  return error ? html`<div class="notice error" role="alert"><p>${error}</p></div>` : null;
}

/** The form's HTML. */
export function renderScrapeForm(view: ScrapeFormView): Html {
  if (!view.tokenConfigured) {
    return html`<p class="small muted">Re-scraping from this page needs API_TOKEN set in the daemon's environment.</p>`;
  }
  return html`${errorNotice(view.error)}<form class="filters rescrape" method="post" action="/providers/${encodeURIComponent(view.urn)}/scrape">${tokenField('scrape-token', view.hasSession)}<button type="submit">${view.label ?? 'Re-scrape now'}</button></form>`;
}

/** The watchlist's "Sweep now" button: discovery, as `sweep` and POST /api/sweeps; same token handling. */
export function renderSweepForm(view: Pick<ScrapeFormView, 'tokenConfigured' | 'hasSession' | 'error'>): Html {
  if (!view.tokenConfigured) {
    return html`<p class="small muted">Sweeping from this page needs API_TOKEN set in the daemon's environment.</p>`;
  }
  return html`${errorNotice(view.error)}<form class="filters sweep" method="post" action="/sweep">${tokenField('sweep-token', view.hasSession)}<button type="submit">Sweep now</button></form>`;
}
