// Query strings of the list pages come from plain GET forms and hand-edited links: read them leniently
// (a repeated parameter counts once, blanks are "no filter") rather than answering 400 to a person.

/** The first value of a query parameter, trimmed; undefined when absent or blank. */
export function queryText(query: unknown, name: string): string | undefined {
  if (!query || typeof query !== 'object') return undefined;
  const raw = (query as Record<string, unknown>)[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  // A few hundred characters is more than any URN, owner or search needs; a longer one is noise.
  return trimmed === '' ? undefined : trimmed.slice(0, 200);
}

/** `?page=<n>`, 1-based; anything that is not a positive whole number means the first page. */
export function queryPage(query: unknown): number {
  const raw = queryText(query, 'page');
  if (!raw || !/^\d{1,6}$/.test(raw)) return 1;
  return Math.max(1, Number(raw));
}

/** A stored item's number from a paging link (`?before=<n>`); anything else means none. */
export function querySeq(query: unknown, name: string): number | undefined {
  const raw = queryText(query, name);
  return raw && /^\d{1,15}$/.test(raw) ? Number(raw) : undefined;
}

/**
 * A link to `path` with these parameters, leaving out empty ones and `page=1`, so that the
 * first page of an unfiltered list is just the path.
 */
export function hrefWith(path: string, params: Readonly<Record<string, string | number | undefined | null>>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    if (name === 'page' && Number(value) === 1) continue;
    search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}
