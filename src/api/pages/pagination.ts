import { html, type Html } from '../../render/html.js';
import { hrefWith } from './query-values.js';

/** Rows per page of the watchlist and the events page. */
export const PAGE_SIZE = 100;

export interface PageSlice<T> {
  items: T[];
  /** 1-based, clamped to the pages there are. */
  page: number;
  /** At least 1, even for an empty list. */
  pages: number;
  total: number;
  /** 1-based position of the first item shown (0 when there is none). */
  from: number;
  /** 1-based position of the last item shown. */
  to: number;
}

/** One page of a list; a page past the end shows the last one. */
export function paginate<T>(items: readonly T[], page: number, size = PAGE_SIZE): PageSlice<T> {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  const start = (current - 1) * size;
  const shown = items.slice(start, start + size);
  return {
    items: shown,
    page: current,
    pages,
    total: items.length,
    from: shown.length ? start + 1 : 0,
    to: start + shown.length,
  };
}

/** The page to show for `page` asked of `total` items: 1-based, a page past the end is the last one. */
export function clampPage(page: number, total: number, size = PAGE_SIZE): number {
  const pages = Math.max(1, Math.ceil(total / size));
  return Math.min(Math.max(1, Math.floor(page) || 1), pages);
}

/** The slice of a list cut elsewhere (in SQL): `items` are page `page` of `total`. */
export function pageSlice<T>(items: T[], page: number, total: number, size = PAGE_SIZE): PageSlice<T> {
  const start = (page - 1) * size;
  return {
    items,
    page,
    pages: Math.max(1, Math.ceil(total / size)),
    total,
    from: items.length ? start + 1 : 0,
    to: start + items.length,
  };
}

/** The page numbers worth a link: the first, the last, and two either side of the current one. */
export function pageNumbers(page: number, pages: number): (number | 'gap')[] {
  const wanted = new Set([1, pages]);
  for (let p = page - 2; p <= page + 2; p++) if (p >= 1 && p <= pages) wanted.add(p);
  const sorted = [...wanted].sort((a, b) => a - b);
  const out: (number | 'gap')[] = [];
  for (const p of sorted) {
    const last = out.at(-1);
    if (typeof last === 'number' && p - last > 1) out.push('gap');
    out.push(p);
  }
  return out;
}

/** Previous / numbered / next links that keep the filters; nothing when everything fits on one page. */
export function pagerHtml(path: string, params: Readonly<Record<string, string | undefined>>, slice: PageSlice<unknown>): Html {
  if (slice.pages <= 1) return html``;
  const link = (p: number, text: string, rel?: string) => html`<a href="${hrefWith(path, { ...params, page: p })}"${rel ? html` rel="${rel}"` : null}>${text}</a>`;
  const parts: Html[] = [];
  if (slice.page > 1) parts.push(link(slice.page - 1, '‹ Previous', 'prev'));
  for (const p of pageNumbers(slice.page, slice.pages)) {
    if (p === 'gap') parts.push(html`<span class="gap">…</span>`);
    else if (p === slice.page) parts.push(html`<span class="current" aria-current="page">${p}</span>`);
    else parts.push(link(p, String(p)));
  }
  if (slice.page < slice.pages) parts.push(link(slice.page + 1, 'Next ›', 'next'));
  return html`<nav class="pager" aria-label="Pages">${parts}</nav>`;
}
