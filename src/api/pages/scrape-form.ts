// The "Re-scrape now" button: a plain form posting back to the dashboard, no JavaScript.
import { escapeHtml } from './layout.js';
import { providerHref } from './page-links.js';

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

/** The form's HTML; the token goes in a password field so it is not shown or kept in history. */
export function renderScrapeForm(view: ScrapeFormView): string {
  if (!view.tokenConfigured) {
    return '<p class="small muted">Re-scraping from this page needs API_TOKEN set in the daemon\'s environment.</p>';
  }
  const error = view.error ? `<div class="notice error" role="alert"><p>${escapeHtml(view.error)}</p></div>` : '';
  const field = view.hasSession
    ? ''
    : '<label for="scrape-token">API token<input type="password" id="scrape-token" name="token" autocomplete="current-password" required></label>';
  return (
    `${error}<form class="filters rescrape" method="post" action="${escapeHtml(providerHref(view.urn))}/scrape">` +
    `${field}<button type="submit">${escapeHtml(view.label ?? 'Re-scrape now')}</button></form>`
  );
}

/** The watchlist's "Sweep now" button: discovery, as `sweep` and POST /api/sweeps; same token handling. */
export function renderSweepForm(view: Pick<ScrapeFormView, 'tokenConfigured' | 'hasSession' | 'error'>): string {
  if (!view.tokenConfigured) {
    return '<p class="small muted">Sweeping from this page needs API_TOKEN set in the daemon\'s environment.</p>';
  }
  const error = view.error ? `<div class="notice error" role="alert"><p>${escapeHtml(view.error)}</p></div>` : '';
  const field = view.hasSession
    ? ''
    : '<label for="sweep-token">API token<input type="password" id="sweep-token" name="token" autocomplete="current-password" required></label>';
  return `${error}<form class="filters sweep" method="post" action="/sweep">${field}<button type="submit">Sweep now</button></form>`;
}
