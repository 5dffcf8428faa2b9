// Paths of the dashboard's own pages, built in one place so every link encodes names the same way.

export function providerHref(urn: string): string {
  return `/providers/${encodeURIComponent(urn)}`;
}

/** Owner names hold spaces, apostrophes and sometimes "/": always one encoded path segment. */
export function ownerHref(owner: string): string {
  return `/owners/${encodeURIComponent(owner)}`;
}
