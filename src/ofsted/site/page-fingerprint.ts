import { createHash } from 'node:crypto';

/** Bump when the page reader changes what it reads, so every page is read afresh once. */
const READER_VERSION = '2';

/**
 * A fingerprint of a provider page's content: the <main> element's HTML (all of it when there is no
 * <main>), with the URL it came from and the files origin it is read against. Two equal fingerprints
 * mean the reader would produce the same result, so it need not run; the header and footer are left
 * out because sites put per-request tokens there.
 */
export function pageFingerprint(html: string, pageUrl: string, filesOrigin: string): string {
  const lower = html.toLowerCase();
  const start = lower.indexOf('<main');
  const end = lower.lastIndexOf('</main>');
  const content = start >= 0 && end > start ? html.slice(start, end) : html;
  return createHash('sha256').update(`${READER_VERSION}\n${pageUrl}\n${filesOrigin}\n`).update(content).digest('base64url');
}
