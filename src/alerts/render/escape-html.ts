const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escape text for an HTML element or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/**
 * The URL when it is safe to put in an href (http, https or mailto), else null. Links partly come from
 * scraped pages, so a `javascript:` or `data:` URL must never become clickable.
 */
export function safeHref(url: string | null | undefined): string | null {
  if (!url) return null;
  const trimmed = url.trim();
  return /^(?:https?:\/\/|mailto:)[^\s]+$/i.test(trimmed) ? trimmed : null;
}
