// One report on the provider page: what Ofsted judged and required, every word of it escaped.
import { formatDateRange } from '../../alerts/render/format-dates.js';
import { capitalise, kindLabel, outcomeLabel } from '../../alerts/render/labels.js';
import type { HistoryEntry } from '../../store/store.js';
import { escapeHtml, gradeBadge, safeHref, shortDay } from './layout.js';
import { reportAnchor } from './report-anchor.js';

function text(value: string | null | undefined): string {
  return escapeHtml(value ?? '');
}

function fact(label: string, html: string): string {
  return html ? `<dt>${escapeHtml(label)}</dt><dd>${html}</dd>` : '';
}

function list(items: readonly string[]): string {
  return `<ul>${items.map((i) => `<li>${text(i)}</li>`).join('')}</ul>`;
}

/** The link to the PDF; its address is shown as text when it is not http(s) (never a javascript: link). */
export function pdfLink(url: string): string {
  const href = safeHref(url);
  return href ? `<a href="${escapeHtml(href)}">Report PDF</a>` : `<span class="muted">PDF at ${text(url)}</span>`;
}

/** A report as a card, anchored so the timeline's markers can link to it. */
export function renderReportSection(entry: HistoryEntry): string {
  const when = formatDateRange(entry.inspectionStart, entry.inspectionEnd);
  const heading =
    `<h3>${escapeHtml(capitalise(kindLabel(entry.kind)))}${when ? `, ${escapeHtml(when)}` : ''}` +
    `${entry.overall ? ` ${gradeBadge(entry.overall)}` : ''}</h3>`;
  const meta = [entry.publishedAt ? `Published ${shortDay(entry.publishedAt)}` : '', pdfLink(entry.url)].filter(Boolean).join(' · ');

  const interim = entry.interimOutcome
    ? `<span class="badge interim-${escapeHtml(entry.interimOutcome)}">${escapeHtml(outcomeLabel(entry.interimOutcome))}</span>`
    : '';
  const previous = entry.previous
    ? [entry.previous.overall ? gradeBadge(entry.previous.overall) : '', entry.previous.date ? shortDay(entry.previous.date) : ''].filter(Boolean).join(' ')
    : '';
  const facts =
    fact('Interim outcome', interim) +
    fact('Previous inspection', previous) +
    fact('Enforcement since the last inspection', text(entry.enforcementSinceLast)) +
    fact('Registered manager', text(entry.registeredManager)) +
    fact('Registered provider', text(entry.registeredProvider)) +
    fact('Safeguarding', entry.safeguarding === 'met' ? 'Met' : entry.safeguarding === 'not-met' ? 'Not met' : '') +
    fact('Inspectors', text(entry.inspectors.join(', ')));

  const judgements = entry.judgements.length
    ? '<h4>Judgements</h4><div class="table-wrap"><table class="judgements"><thead><tr><th>Area</th><th>Grade</th></tr></thead><tbody>' +
      entry.judgements.map((j) => `<tr><td>${text(j.area)}</td><td>${gradeBadge(j.grade)}</td></tr>`).join('') +
      '</tbody></table></div>'
    : '';
  const findings = entry.keyFindings.length ? `<h4>Key findings</h4>${list(entry.keyFindings)}` : '';
  const requirements = entry.requirements.length
    ? '<h4>Requirements</h4><div class="table-wrap"><table class="requirements"><thead><tr><th>Regulation</th><th>Requirement</th><th>Due by</th></tr></thead><tbody>' +
      entry.requirements
        .map((r) => `<tr><td>${r.regulation ? text(r.regulation) : '<span class="muted">–</span>'}</td><td>${text(r.text)}</td><td>${r.dueDate ? shortDay(r.dueDate) : ''}</td></tr>`)
        .join('') +
      '</tbody></table></div>'
    : '';
  const recommendations = entry.recommendations.length ? `<h4>Recommendations</h4>${list(entry.recommendations)}` : '';
  const unreadable = entry.unreadable.length
    ? `<p class="small muted">Not read from this report: ${text(entry.unreadable.join(', '))}.</p>`
    : '';
  return (
    `<section class="card report" id="${reportAnchor(entry.fileId)}" data-kind="${escapeHtml(entry.kind)}">${heading}` +
    `<p class="small muted">${meta}</p>` +
    (facts ? `<dl class="facts">${facts}</dl>` : '') +
    judgements +
    findings +
    requirements +
    recommendations +
    unreadable +
    '</section>'
  );
}
