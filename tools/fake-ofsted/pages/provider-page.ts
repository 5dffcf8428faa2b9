// GET /provider/<category>/<URN>. No real provider page was saved (fixtures/real/SOURCES.md), so the body
// follows what scrapers of the live site rely on (REAL-EVIDENCE §1), inside the real chrome:
// - title `h1.heading--title`, which for an anonymised children's home reads "URN: SC123456"; a
//   `.title-block__subheading` "URN: …"; `.title-block__address` (never for homes);
// - `ol.timeline > li.timeline__day`, newest first, one item per report: a bare `<time>` in
//   `.timeline__date` with the event's own date (the inspection's start), and `a.publication-link` whose
//   hidden text is "<Title>, pdf - <DD Month YYYY>" with the PUBLICATION date ("pdf" or "PDF");
// - items that are not reports: `li.timeline__day--registered` (social care) or `--opened` (others);
// - links to older reports on the files service's former host, files.api.ofsted.gov.uk.
// Distractor links (email alerts, a guidance PDF on the files host) are there on purpose: a parser must
// pick report links by their /v1/file/ path, not by being links.

import type { ScenarioProvider, ScenarioReport } from '../scenario/types.js';
import { longDate } from '../util/dates.js';
import { escapeHtml } from '../util/html.js';
import { hashString } from '../util/seeded-random.js';
import { renderPage } from './chrome.js';

export const GUIDANCE_PATH = '/documents/guidance/inspection-reports-explained.pdf';

/** The files service's former host, as older links name it. */
export const LEGACY_FILES_ORIGIN = 'https://files.api.ofsted.gov.uk';
/**
 * Reports published before this date are linked on the former host. Which links kept the old host on the
 * real site is not known (one 2019 script used it); this cut-off is invented so that some pages mix both.
 */
export const LEGACY_LINKS_BEFORE = '2016-01-01';

export interface ProviderPageInput {
  provider: ScenarioProvider;
  /** Reports published on or before the site's "now" (any order). */
  reports: ScenarioReport[];
  now: string;
  filesUrl: string;
}

export function providerPath(provider: Pick<ScenarioProvider, 'category' | 'urn'>): string {
  return `/provider/${provider.category}/${provider.urn}`;
}

/** The page title: the name, or for an anonymised home its URN, as Ofsted titles it. */
export function providerTitle(provider: Pick<ScenarioProvider, 'name' | 'urn'>): string {
  return provider.name ?? `URN: ${provider.urn}`;
}

/** Where the page links a report: the files origin, or the former host for old reports. */
export function reportHref(report: ScenarioReport, filesUrl: string): string {
  const origin = report.publishedAt < LEGACY_LINKS_BEFORE ? LEGACY_FILES_ORIGIN : filesUrl;
  return `${origin}/v1/file/${report.fileId}`;
}

/** "Full inspection, pdf - 08 September 2026": the hidden text, with the publication date. */
export function hiddenLinkText(report: ScenarioReport): string {
  // Both casings are live on the real site; each report keeps one.
  const pdf = hashString(`pdf-case:${report.fileId}`) % 2 === 0 ? 'pdf' : 'PDF';
  return `${report.title}, ${pdf} - ${longDate(report.publishedAt, true)}`;
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

function titleBlock(p: ScenarioProvider): string {
  const address = p.address ? `\n      <p class="title-block__address">${escapeHtml(p.address)}</p>` : '';
  return `  <div class="module title-block title-block--provider">
    <div class="container">
      <h1 class="heading--title title-block__heading">${escapeHtml(providerTitle(p))}</h1>
      <p class="title-block__subheading">URN: ${escapeHtml(p.urn)}</p>${address}
    </div>
  </div>`;
}

function withheldAddress(p: ScenarioProvider): string {
  if (p.address) return '';
  // Children's homes are anonymised on Ofsted's site: no name, no address.
  return `        <p class="info__text">We do not publish the address of this ${escapeHtml(p.providerType.toLowerCase())}, to protect the children who live there.</p>\n`;
}

interface TimelineItem {
  date: string;
  /** Reports before events of the same day. */
  order: number;
  html: string;
}

function reportItem(r: ScenarioReport, filesUrl: string): TimelineItem {
  return {
    date: r.inspectionStart,
    order: 0,
    html: `          <li class="timeline__day">
            <p class="timeline__date"><time>${longDate(r.inspectionStart, true)}</time></p>
            <div class="event">
              <a class="publication-link" href="${escapeHtml(reportHref(r, filesUrl))}" target="_blank">
                ${escapeHtml(r.title)}
                <span class="nonvisual">${escapeHtml(hiddenLinkText(r))}</span>
              </a>
            </div>
          </li>`,
  };
}

/** Registration (social care) or opening (others): an item of the same list that is not a report. */
function startItem(p: ScenarioProvider, now: string): TimelineItem | null {
  if (!p.registrationDate || p.registrationDate > now) return null;
  const [modifier, label] = p.category === 'CARE' ? ['registered', 'Registered'] : ['opened', 'Opened'];
  return {
    date: p.registrationDate,
    order: 1,
    html: `          <li class="timeline__day timeline__day--${modifier}">
            <p class="timeline__date"><time>${longDate(p.registrationDate, true)}</time></p>
            <div class="event"><p class="event__title">${label}</p></div>
          </li>`,
  };
}

function timeline(p: ScenarioProvider, reports: ScenarioReport[], now: string, filesUrl: string): string {
  const start = startItem(p, now);
  if (reports.length === 0) {
    const empty = '        <p class="timeline__empty">No reports published</p>';
    return start ? `${empty}\n        <ol class="timeline">\n${start.html}\n        </ol>` : empty;
  }
  const items = [...reports.map((r) => reportItem(r, filesUrl)), ...(start ? [start] : [])];
  items.sort((a, b) => b.date.localeCompare(a.date) || a.order - b.order);
  return `        <ol class="timeline">\n${items.map((i) => i.html).join('\n')}\n        </ol>`;
}

export function renderProviderPage(input: ProviderPageInput): string {
  const { provider: p, reports, now, filesUrl } = input;
  const path = providerPath(p);
  const main = `${titleBlock(p)}

  <div class="container">
    <div class="row">
      <div class="col two-thirds-sm provider-details">
${withheldAddress(p)}        <ul class="info__list">
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
${timeline(p, sortedNewestFirst(reports), now, filesUrl)}
        <p class="provider__complaints"><a href="https://www.gov.uk/government/organisations/ofsted/about/complaints-procedure">Complain about an inspection</a></p>
      </div>
    </div>
  </div>`;
  return renderPage({
    title: providerTitle(p),
    path,
    main,
    breadcrumbs: [
      { label: 'Search again', href: '/' },
      { label: p.providerType, href: `/search?q=${encodeURIComponent(p.urn)}` },
    ],
  });
}

function sortedNewestFirst(reports: ScenarioReport[]): ScenarioReport[] {
  return [...reports].sort(
    (a, b) => b.inspectionStart.localeCompare(a.inspectionStart) || b.publishedAt.localeCompare(a.publishedAt),
  );
}
