// GET /search: the real results markup (ul.results-list > li.search-result) inside the site chrome.

import type { ScenarioProvider, ScenarioReport } from '../scenario/types.js';
import { longDate } from '../util/dates.js';
import { escapeHtml } from '../util/html.js';
import { renderPage } from './chrome.js';
import { providerPath, providerTitle } from './provider-page.js';

export interface SearchHit {
  provider: ScenarioProvider;
  /** Newest report published by "now", if any. */
  latest: ScenarioReport | null;
}

function result(hit: SearchHit): string {
  const p = hit.provider;
  const address = p.address ? `<address class="search-result__address">${escapeHtml(p.address)}</address>` : '';
  const latest = hit.latest
    ? `<li>Latest report: <strong><time>${longDate(hit.latest.publishedAt, true)}</time></strong></li>`
    : '';
  return `          <li class="search-result">
      <h3 class="search-result__title heading--main"><a href="${escapeHtml(providerPath(p))}">${escapeHtml(providerTitle(p))}</a></h3><ul class="search-result__provider-info"><li>Category: <strong>${escapeHtml(p.providerType)}</strong></li></ul>${address}<ul class="search-result__provider-info">${latest}<li>URN: <strong>${escapeHtml(p.urn)}</strong></li></ul>    </li>`;
}

export function renderSearchPage(query: string, hits: SearchHit[]): string {
  const count = hits.length;
  const list =
    count === 0
      ? `<p class="search-results__none">Sorry, no results were found for &#039;${escapeHtml(query)}&#039;. Check the spelling or try a different search.</p>`
      : `<ul class="results-list list-unstyled">\n${hits.map(result).join('\n')}\n  </ul>`;
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
            <div class="col two-thirds-sm main-column search-results">
            <div class="search-results__heading">
  <h2><strong class="results-count js-results-count">${count}</strong><strong> ${count === 1 ? 'result' : 'results'}</strong></h2>
</div>
          <p class="search__alerts"><a href="/search/subscribe?q=${encodeURIComponent(query)}" class="email-alerts">Get email alerts</a> for this search</p>

${list}
                        </div>
    </div>
  </div>`;
  return renderPage({ title: 'Search', path: '/search', main });
}
