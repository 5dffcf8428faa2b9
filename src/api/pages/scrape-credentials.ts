// Who may press "Re-scrape now": the same API_TOKEN as POST /api/providers/<URN>/scrape, offered in
// any of the ways a browser or a script can send it.
import { ADMIN_COOKIE } from '../auth/admin-session.js';
import type { ApiToken } from '../auth/api-token.js';
import { bearerToken, readCookie } from '../auth/request-credentials.js';

export type ScrapeAuth = 'ok' | 'denied' | 'unset';

export interface OfferedCredentials {
  authorization?: string | undefined;
  cookie?: string | undefined;
  /** The form's `token` field as parsed (a string, or anything else a crafted body holds). */
  field?: unknown;
}

/** True when the request carries the admin session cookie (set by opening the queue board with the token). */
export function hasAdminSession(token: ApiToken, cookieHeader: string | undefined): boolean {
  return token.matchesCookie(readCookie(cookieHeader, ADMIN_COOKIE));
}

/** The form's token field, a Bearer header, or the admin cookie; 'unset' when no API_TOKEN is configured. */
export function checkScrapeCredentials(token: ApiToken, offered: OfferedCredentials): ScrapeAuth {
  if (!token.configured) return 'unset';
  if (typeof offered.field === 'string' && offered.field !== '' && token.matches(offered.field)) return 'ok';
  if (token.matches(bearerToken(offered.authorization))) return 'ok';
  return hasAdminSession(token, offered.cookie) ? 'ok' : 'denied';
}
