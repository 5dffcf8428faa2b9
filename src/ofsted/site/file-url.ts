// Report files live at <files origin>/v1/file/<id>; the id is what identifies a report (DESIGN.md "Identity").

const FILE_PATH = /^\/v1\/file\/([A-Za-z0-9_-]+)\/?$/;

/**
 * The files service's former host: older pages and links still name it (REAL-EVIDENCE §1). It serves the
 * same /v1/file/<id> paths, so a URL on it means the same file on the configured files origin, and is
 * fetched there: the allow-list takes this one host in, never any other.
 */
export const LEGACY_FILES_HOST = 'files.api.ofsted.gov.uk';

/** True for http(s) URLs on the former files host, on its default port. */
export function onLegacyFilesHost(url: URL): boolean {
  return url.hostname === LEGACY_FILES_HOST && url.port === '' && (url.protocol === 'https:' || url.protocol === 'http:');
}

/** The same path and query on the configured files origin when `url` is on the former files host; else `url` itself. */
export function onConfiguredFilesOrigin(url: URL, filesOrigin: string): URL {
  return onLegacyFilesHost(url) ? new URL(`${url.pathname}${url.search}`, filesOrigin) : url;
}

/**
 * The report file a link points at, or null when it is not one of ours.
 * Absolute links count only on the files origin or its former host (a look-alike path on another host is
 * a distractor); relative ones are taken to mean the files origin, because /v1/file/ is that service's
 * path and a page serving them relative can only mean it. The URL returned is always on the files origin.
 */
export function reportFileOf(href: string, filesOrigin: string): { fileId: string; url: string } | null {
  const raw = href.trim();
  if (!raw) return null;
  let url: URL;
  try {
    url = onConfiguredFilesOrigin(new URL(raw, filesOrigin), filesOrigin);
  } catch {
    return null;
  }
  if (url.origin !== filesOrigin) return null;
  const match = FILE_PATH.exec(url.pathname);
  if (!match) return null;
  return { fileId: match[1]!, url: `${filesOrigin}/v1/file/${match[1]!}` };
}

/** Cheap test for "this href looks like a report file link", for detectors that do not know the origin. */
export function looksLikeFileHref(href: string): boolean {
  return /\/v1\/file\/[A-Za-z0-9_-]+\/?(?:[?#]|$)/.test(href.trim());
}

/** Category and URN segments of a provider page URL (/provider/<category>/<URN>), decoded; null if not one. */
export function providerPathOf(pageUrl: string): { category: string; urn: string } | null {
  let path: string;
  try {
    path = new URL(pageUrl, 'http://x.invalid').pathname;
  } catch {
    return null;
  }
  const match = /\/provider\/([^/]+)\/([^/]+)\/?$/.exec(path);
  if (!match) return null;
  try {
    return { category: decodeURIComponent(match[1]!), urn: decodeURIComponent(match[2]!) };
  } catch {
    return null;
  }
}
