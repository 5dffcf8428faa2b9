import { outcomeLabel } from '../../alerts/render/labels.js';
import type { ProviderSummary } from '../../store/store.js';
import { html, type Html } from '../../render/html.js';
import { shortDay } from './layout.js';

const WHAT: Readonly<Record<string, string>> = {
  'rating-declined': 'declined',
  'rating-improved': 'improved',
  'judgement-declined': 'a judgement declined',
  'judgement-improved': 'a judgement improved',
  'interim-declined': 'declined at interim',
};

/** "▼ declined Good → Inadequate (29 Oct 2019)"; a muted dash when nothing has moved yet. */
export function lastChangeHtml(change: ProviderSummary['lastChange']): Html {
  if (!change) return html`<span class="muted">–</span>`;
  const down = change.type.endsWith('-declined');
  const arrow = html`<span class="move ${down ? 'down' : 'up'}">${down ? '▼' : '▲'} ${WHAT[change.type] ?? change.type}</span>`;
  const from = change.from ? outcomeLabel(change.from) : null;
  const to = change.to ? outcomeLabel(change.to) : null;
  const moved = from && to ? ` ${from} → ${to}` : to ? ` to ${to}` : '';
  const when = shortDay(change.inspectionDate ?? change.at);
  return html`${arrow}${moved}${String(when) ? html` <span class="small muted">(${when})</span>` : null}`;
}
