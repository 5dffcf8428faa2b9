// URLs partly come from scraped pages; HTML itself is escaped by the html tag (src/render/html.ts).
/**
 * The URL when it is safe to put in an href (http, https or mailto), else null. Links partly come from
 * scraped pages, so a `javascript:` or `data:` URL must never become clickable.
 */
export function safeHref(url: string | null | undefined): string | null {
  if (!url) return null;
  const trimmed = url.trim();
  return /^(?:https?:\/\/|mailto:)[^\s]+$/i.test(trimmed) ? trimmed : null;
}
