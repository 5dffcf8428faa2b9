// GET /provider/<category>/<URN>. No real provider page was saved (fixtures/real/SOURCES.md), so the body
// follows Ofsted's class vocabulary (title-block, info__list, timeline, publication-link, nonvisual)
// inside the real chrome. Distractor links (email alerts, a guidance PDF on the files host) are there on
// purpose: a parser must pick report links by their /v1/file/ path, not by being links.

import type { ScenarioProvider, ScenarioReport } from '../scenario/types.js';
import { longDate } from '../util/dates.js';
import { escapeHtml } from '../util/html.js';
import { renderPage } from './chrome.js';

export const GUIDANCE_PATH = '/documents/guidance/inspection-reports-explained.pdf';

export interface ProviderPageInput {
  provider: ScenarioProvider;
  /** Reports published on or before the site's "now" (any order). */
  reports: ScenarioReport[];
  now: string;
  filesUrl: string;
}

export function providerPath(provider: ScenarioProvider): string {
  return `/provider/${provider.category}/${provider.urn}`;
}

function detailsList(p: ScenarioProvider, now: string): string {
  const items: Array<[string, string]> = [
    ['URN:', p.urn],
    ['Provider type:', p.providerType],
  ];
  if (p.localAuthority) items.push(['Local authority:', p.localAuthority]);
  if (p.owner) items.push([p.category === 'CARE' ? 'Registered provider:' : 'Owner:', p.owner]);
  if (p.registrationDate) items.push(['Registration date:', longDate(p.registrationDate)]);
  const closed = p.closedAt !== null && now >= p.closedAt;
  items.push(['Status:', closed ? p.status : p.closedAt ? 'Active' : p.status]);
  return items
    .map(([label, value]) => `          <li>${escapeHtml(label)} <strong>${escapeHtml(value)}</strong></li>`)
    .join('\n');
}

function addressBlock(p: ScenarioProvider): string {
  if (p.address) return `        <address class="title-block__address">${escapeHtml(p.address)}</address>`;
  // Children's homes are anonymised on Ofsted's site: no name, no address.
  return `        <p class="info__text">We do not publish the address of this ${escapeHtml(p.providerType.toLowerCase())}, to protect the children who live there.</p>`;
}

function timeline(reports: ScenarioReport[], filesUrl: string): string {
  if (reports.length === 0) {
    return '        <p class="timeline__empty">No reports published</p>';
  }
  const byDay = new Map<string, ScenarioReport[]>();
  const newestFirst = [...reports].sort(
    (a, b) => b.publishedAt.localeCompare(a.publishedAt) || b.inspectionStart.localeCompare(a.inspectionStart),
  );
  for (const r of newestFirst) byDay.set(r.publishedAt, [...(byDay.get(r.publishedAt) ?? []), r]);
  const days = [...byDay.entries()].map(([day, rs]) => {
    const links = rs
      .map(
        (r) => `            <div class="event">
              <a class="publication-link" href="${escapeHtml(`${filesUrl}/v1/file/${r.fileId}`)}">
                ${escapeHtml(r.title)}
                <span class="nonvisual">${escapeHtml(`${r.title} - ${longDate(r.inspectionStart)}, PDF`)}</span>
              </a>
            </div>`,
      )
      .join('\n');
    return `          <li class="timeline__day">
            <p class="timeline__date"><time datetime="${day}">${longDate(day)}</time></p>
${links}
          </li>`;
  });
  return `        <ol class="timeline">\n${days.join('\n')}\n        </ol>`;
}

export function renderProviderPage(input: ProviderPageInput): string {
  const { provider: p, reports, now, filesUrl } = input;
  const path = providerPath(p);
  const main = `  <div class="module title-block title-block--provider">
    <div class="container">
      <h1 class="heading--title title-block__heading">${escapeHtml(p.name)}</h1>
    </div>
  </div>

  <div class="container">
    <div class="row">
      <div class="col two-thirds-sm provider-details">
${addressBlock(p)}
        <ul class="info__list">
${detailsList(p, now)}
        </ul>
        <p class="provider__alerts"><a class="email-alerts" href="${escapeHtml(path)}/subscribe">Get email alerts</a> when a new report is published</p>
      </div>
      <div class="col one-third-sm sidebar">
        <h2 class="heading--sub">About our inspections</h2>
        <ul class="list-unstyled sidebar__links">
          <li><a href="${escapeHtml(filesUrl + GUIDANCE_PATH)}">Inspection reports explained (PDF)</a></li>
          <li><a href="https://www.gov.uk/government/collections/social-care-common-inspection-framework-sccif">Social care common inspection framework</a></li>
          <li><a href="/search?q=&amp;level_1_types=3">Find other children&#039;s social care providers</a></li>
        </ul>
      </div>
    </div>

    <div class="row">
      <div class="col full-width provider-reports">
        <h2 class="heading--main" id="reports">Reports</h2>
${timeline(reports, filesUrl)}
        <p class="provider__complaints"><a href="https://www.gov.uk/government/organisations/ofsted/about/complaints-procedure">Complain about an inspection</a></p>
      </div>
    </div>
  </div>`;
  return renderPage({
    title: p.name,
    path,
    main,
    breadcrumbs: [
      { label: 'Search again', href: '/' },
      { label: p.providerType, href: `/search?q=${encodeURIComponent(p.urn)}` },
    ],
  });
}
