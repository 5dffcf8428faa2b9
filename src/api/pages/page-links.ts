// Paths of the dashboard's own pages, built in one place so every link encodes names the same way.

export function providerHref(urn: string): string {
  return `/providers/${encodeURIComponent(urn)}`;
}

/**
 * Longest owner name a page looks up; longer than any Ofsted prints. Fastify's own limit on a path
 * parameter (maxParamLength, 100) answers a longer raw segment with 414 before a route sees it.
 */
export const MAX_OWNER_LENGTH = 100;

/** Owner names hold spaces, apostrophes and sometimes "/": always one encoded path segment. */
export function ownerHref(owner: string): string {
  return `/owners/${encodeURIComponent(owner)}`;
}
