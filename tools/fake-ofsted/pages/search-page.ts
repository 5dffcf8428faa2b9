// GET /search: the real results markup (ul.results-list > li.search-result, as the saved real page) inside
// the site chrome, with the result count and a.pagination__next. `shape` serves a changed page instead.

import type { IndexedProvider } from '../search/search-index.js';
import { longDate } from '../util/dates.js';
import { localAuthorityOptions } from '../search/search-codes.js';
import { escapeHtml } from '../util/html.js';
import { renderPage } from './chrome.js';
import { providerPath, providerTitle } from './provider-page.js';

/**
 * - `real`: as the live site.
 * - `renamed`: the same content under other class names (results, result-card, result-total, next-page),
 *   as after a redesign.
 * - `no-dates`: results without their "Latest report" line.
 */
export type SearchShape = 'real' | 'renamed' | 'no-dates';
export const SEARCH_SHAPES: readonly SearchShape[] = ['real', 'renamed', 'no-dates'];

export interface SearchPageInput {
  query: string;
  total: number;
  hits: readonly IndexedProvider[];
  /** Root-relative links; null on the first / last page. */
  prevHref: string | null;
  nextHref: string | null;
  /** 1-based. */
  page: number;
  pages: number;
  shape: SearchShape;
}

interface Classes {
  list: string;
  item: string;
  count: string;
  next: string;
}

const CLASSES: Record<'real' | 'renamed', Classes> = {
  real: { list: 'results-list', item: 'search-result', count: 'results-count js-results-count', next: 'pagination__next' },
  renamed: { list: 'results', item: 'result-card', count: 'result-total', next: 'next-page' },
};

function result(hit: IndexedProvider, c: Classes, dates: boolean): string {
  const p = hit.basics;
  const address = p.address ? `<address class="search-result__address">${escapeHtml(p.address)}</address>` : '';
  const rating = hit.rating
    ? `<ul class="search-result__provider-info"><li>Rating: <strong>${escapeHtml(hit.rating)}</strong></li></ul>`
    : '';
  const latest =
    hit.latest && dates ? `<li>Latest report: <strong><time>${longDate(hit.latest, true)}</time></strong></li>` : '';
  return `          <li class="${c.item}">
      <h3 class="search-result__title heading--main"><a href="${escapeHtml(providerPath(p))}">${escapeHtml(providerTitle(p))}</a></h3><ul class="search-result__provider-info"><li>Category: <strong>${escapeHtml(p.providerType)}</strong></li></ul>${address}${rating}<ul class="search-result__provider-info">${latest}<li>URN: <strong>${escapeHtml(p.urn)}</strong></li></ul>    </li>`;
}

function pagination(input: SearchPageInput, c: Classes): string {
  if (input.pages <= 1) return '';
  const prev = input.prevHref
    ? `<li class="pagination__item pagination__item--prev"><a class="pagination__prev" href="${escapeHtml(input.prevHref)}" rel="prev">Previous<span class="nonvisual"> page</span></a></li>`
    : '';
  const next = input.nextHref
    ? `<li class="pagination__item pagination__item--next"><a class="${c.next}" href="${escapeHtml(input.nextHref)}" rel="next">Next<span class="nonvisual"> page</span></a></li>`
    : '';
  return `<nav class="pagination" aria-label="Pagination"><ul class="pagination__list list-inline">${prev}<li class="pagination__item pagination__item--current">Page ${input.page} of ${input.pages}</li>${next}</ul></nav>`;
}

export function renderSearchPage(input: SearchPageInput): string {
  const c = CLASSES[input.shape === 'renamed' ? 'renamed' : 'real'];
  const { query, total } = input;
  const list =
    total === 0
      ? `<p class="search-results__none">Sorry, no results were found for &#039;${escapeHtml(query)}&#039;. Check the spelling or try a different search.</p>`
      : `<ul class="${c.list} list-unstyled">\n${input.hits.map((h) => result(h, c, input.shape !== 'no-dates')).join('\n')}\n  </ul>`;
  const main = `        <div class="module title-block title-block--clear title-block--search">
    <div class="container">
      <h1 class="heading--title title-block__heading">Search results</h1>
    </div>
  </div>

  <div class="container">
    <div class="row">
      <div class="col two-thirds-sm">
        <form action="/search" class="form form--inline search-filters freetext-search">
  <div class="form-item">
    <label class="form-label" for="search_name">Name, URN or keyword</label>
    <input class="form-control" type="text" id="search_name" name="q" value="${escapeHtml(query)}"/>
  </div>
  <div class="form-actions">
    <button class="btn btn--submit update-search update-search--free-text">Search</button>
  </div>
</form>
      </div>
    </div>
    <div class="row">
      <fieldset class="govuk-option-select">
        <legend class="nonvisual" id="local_authority_label">Local Authority</legend>
        <select name="local_authority[]" id="local_authority_dropdown" class="form-control" aria-labelledby="local_authority_label">
          <option value="" disabled="" selected=""></option>
${localAuthorityOptions().map((o) => `          <option value="${o.code}" >${escapeHtml(o.label)}</option>`).join('\n')}
        </select>
      </fieldset>
    </div>
    <div class="row">
            <div class="col two-thirds-sm main-column search-results">
            <div class="search-results__heading">
  <h2><strong class="${c.count}">${total}</strong><strong> ${total === 1 ? 'result' : 'results'}</strong></h2>
</div>
          <p class="search__alerts"><a href="/search/subscribe?q=${encodeURIComponent(query)}" class="email-alerts">Get email alerts</a> for this search</p>

${list}
${pagination(input, c)}
                        </div>
    </div>
  </div>`;
  return renderPage({ title: 'Search', path: '/search', main });
}
