// One report on the provider page: what Ofsted judged and required, every word of it escaped.
import { formatDateRange } from '../../alerts/render/format-dates.js';
import { capitalise, kindLabel, outcomeLabel } from '../../alerts/render/labels.js';
import type { HistoryEntry } from '../../store/store.js';
import { html, joinHtml, type Html } from '../../render/html.js';
import { gradeBadge, safeHref, shortDay } from './layout.js';
import { reportAnchor } from './report-anchor.js';

function fact(label: string, value: Html | string | null): Html | null {
  return value && String(value) ? html`<dt>${label}</dt><dd>${value}</dd>` : null;
}

function list(items: readonly string[]): Html {
  return html`<ul>${items.map((i) => html`<li>${i}</li>`)}</ul>`;
}

/** The link to the PDF; its address is shown as text when it is not http(s) (never a javascript: link). */
export function pdfLink(url: string): Html {
  const href = safeHref(url);
  return href ? html`<a href="${href}">Report PDF</a>` : html`<span class="muted">PDF at ${url}</span>`;
}

/** A report as a card, anchored so the timeline's markers can link to it. */
export function renderReportSection(entry: HistoryEntry): Html {
  const when = formatDateRange(entry.inspectionStart, entry.inspectionEnd);
  const heading = html`<h3>${capitalise(kindLabel(entry.kind))}${when ? `, ${when}` : null}${entry.overall ? html` ${gradeBadge(entry.overall)}` : null}</h3>`;
  const meta = joinHtml(
    [entry.publishedAt ? html`Published ${shortDay(entry.publishedAt)}` : null, pdfLink(entry.url)].filter((m): m is Html => m !== null),
    ' · ',
  );

  const interim = entry.interimOutcome ? html`<span class="badge interim-${entry.interimOutcome}">${outcomeLabel(entry.interimOutcome)}</span>` : null;
  const previous = entry.previous
    ? joinHtml(
        [entry.previous.overall ? gradeBadge(entry.previous.overall) : null, entry.previous.date ? shortDay(entry.previous.date) : null].filter(
          (m): m is Html => m !== null,
        ),
        ' ',
      )
    : null;
  const facts = [
    fact('Interim outcome', interim),
    fact('Previous inspection', previous),
    fact('Enforcement since the last inspection', entry.enforcementSinceLast),
    fact('Registered manager', entry.registeredManager),
    fact('Registered provider', entry.registeredProvider),
    fact('Safeguarding', entry.safeguarding === 'met' ? 'Met' : entry.safeguarding === 'not-met' ? 'Not met' : null),
    fact('Inspectors', entry.inspectors.join(', ')),
  ].filter((f): f is Html => f !== null);

  const judgements = entry.judgements.length
    ? html`<h4>Judgements</h4><div class="table-wrap"><table class="judgements"><thead><tr><th>Area</th><th>Grade</th></tr></thead><tbody>${entry.judgements.map(
        (j) => html`<tr><td>${j.area}</td><td>${gradeBadge(j.grade)}</td></tr>`,
      )}</tbody></table></div>`
    : null;
  const findings = entry.keyFindings.length ? html`<h4>Key findings</h4>${list(entry.keyFindings)}` : null;
  const requirements = entry.requirements.length
    ? html`<h4>Requirements</h4><div class="table-wrap"><table class="requirements"><thead><tr><th>Regulation</th><th>Requirement</th><th>Due by</th></tr></thead><tbody>${entry.requirements.map(
        (r) =>
          html`<tr><td>${r.regulation ? r.regulation : html`<span class="muted">–</span>`}</td><td>${r.text}</td><td>${r.dueDate ? shortDay(r.dueDate) : null}</td></tr>`,
      )}</tbody></table></div>`
    : null;
  const recommendations = entry.recommendations.length ? html`<h4>Recommendations</h4>${list(entry.recommendations)}` : null;
  const unreadable = entry.unreadable.length ? html`<p class="small muted">Not read from this report: ${entry.unreadable.join(', ')}.</p>` : null;
  return html`<section class="card report" id="${reportAnchor(entry.fileId)}" data-kind="${entry.kind}">${heading}<p class="small muted">${meta}</p>${
    facts.length ? html`<dl class="facts">${facts}</dl>` : null
  }${judgements}${findings}${requirements}${recommendations}${unreadable}</section>`;
}
