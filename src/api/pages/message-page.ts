import { escapeHtml, page } from './layout.js';

/**
 * A whole page that only says something went wrong (400 for a malformed URN, 404 for one never seen):
 * the title and message are plain text; `extraHtml` is trusted HTML the caller escaped.
 */
export function messagePage(o: { title: string; message: string; extraHtml?: string }): string {
  return page({
    title: o.title,
    body: `<h1>${escapeHtml(o.title)}</h1><div class="notice error"><p>${escapeHtml(o.message)}</p></div>${o.extraHtml ?? ''}` +
      '<p><a href="/">Back to the watchlist</a></p>',
  });
}
