// The filter form the declines view and the events page share (GET, no JavaScript), and the links to the
// feeds and the CSV of exactly what the form shows.
import { EVENT_TYPES } from '../../ofsted/vocabulary.js';
import { html, type Html } from '../../render/html.js';
import { EVENT_TYPE_LABEL } from './event-text.js';
import { ANY_DECLINE, eventsParams, type EventsFilter, type Period } from './events-filter.js';
import { hrefWith } from './query-values.js';

/** What the form's selects offer: stored names, one spelling each. */
export interface EventFilterChoices {
  localAuthorities: readonly string[];
  owners: readonly string[];
  providerTypes: readonly string[];
}

const PERIOD_LABEL: Readonly<Record<Period, string>> = { '7': 'Last 7 days', '30': 'Last 30 days', '365': 'Last 365 days', all: 'Any time' };

export function option(value: string, label: string, selected: string | undefined): Html {
  return html`<option value="${value}"${value === (selected ?? '') ? html` selected` : null}>${label}</option>`;
}

/** A select of stored names, keeping a chosen value selectable even when it is spelt differently from the listed one. */
function namesSelect(label: string, name: string, names: readonly string[], chosen: string | undefined): Html {
  const extra = chosen && !names.includes(chosen) ? option(chosen, chosen, chosen) : null;
  return html`<label>${label}<select name="${name}">${option('', 'Any', chosen)}${extra}${names.map((n) => option(n, n, chosen))}</select></label>`;
}

export interface EventFilterFormView {
  /** Where the form submits: `/` (declines) or `/events`. */
  action: string;
  filter: EventsFilter;
  choices: EventFilterChoices;
  /** Offer the type select (the declines view fixes the type). */
  withType: boolean;
  typed?: { urn?: string; since?: string };
}

export function eventFilterForm(v: EventFilterFormView): Html {
  const { filter } = v;
  const type = v.withType
    ? html`<label>Type<select name="type">${option('', 'Any', filter.type)}${option(ANY_DECLINE, 'Any decline', filter.type)}${EVENT_TYPES.map((t) => option(t, EVENT_TYPE_LABEL[t], filter.type))}</select></label>`
    : null;
  const period = filter.since ? undefined : (filter.period ?? 'all');
  const backfill = filter.backfill ? 'yes' : 'no';
  return html`<form class="filters" method="get" action="${v.action}" role="search">${type}
${namesSelect('Local authority', 'la', v.choices.localAuthorities, filter.la)}
<label>Owner<input type="text" name="owner" list="owner-names" value="${filter.owner ?? ''}"></label><datalist id="owner-names">${v.choices.owners.map((o) => html`<option value="${o}"></option>`)}</datalist>
${namesSelect('Provider type', 'providerType', v.choices.providerTypes, filter.providerType)}
<label>URN<input type="text" name="urn" value="${v.typed?.urn ?? filter.urn ?? ''}" size="10" autocapitalize="characters"></label>
<label>Period<select name="period">${(Object.keys(PERIOD_LABEL) as Period[]).map((p) => option(p, PERIOD_LABEL[p], period))}</select></label>
<label>Since<input type="date" name="since" value="${v.typed?.since ?? filter.since ?? ''}"></label>
<label>Baseline history<select name="backfill">${option('no', 'Leave out', backfill)}${option('yes', 'Include', backfill)}</select></label>
<button type="submit">Filter</button> <a href="${v.action}">Clear</a></form>`;
}

/** The Atom, RSS and CSV links for the events this filter keeps (no page cursor: a feed starts at the newest). */
export function filteredLinks(filter: EventsFilter): { atom: string; rss: string; csv: string } {
  const params = eventsParams(filter);
  return { atom: hrefWith('/feeds/events.atom', params), rss: hrefWith('/feeds/events.rss', params), csv: hrefWith('/events.csv', params) };
}

export function exportLinks(filter: EventsFilter): Html {
  const links = filteredLinks(filter);
  return html`<p class="small exports">These events as an <a href="${links.atom}" class="feed-atom">Atom feed</a> · <a href="${links.rss}" class="feed-rss">RSS feed</a> · <a href="${links.csv}" class="csv">CSV</a></p>`;
}
