import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AlertContext } from '../../../src/alerts/render/alert-context.js';
import { DIGEST_FULL_EVENTS, renderDigestEmail } from '../../../src/alerts/render/render-digest-email.js';
import { DASHBOARD, declineContext, event, full, JANUARY_2019, provider, UNSUBSCRIBE } from './derby-contexts.js';
import { assertLinesFit, htmlText } from './text-checks.js';

const OTHER = 'SC488596';
const OTHER_PAGE = `https://reports.ofsted.gov.uk/provider/CARE/${OTHER}`;

function interimDecline(at: string): AlertContext {
  const interim = {
    ...full('2019-12-04', '2019-12-04', ['good', 'good', 'good']),
    urn: OTHER,
    kind: 'childrens-home-interim' as const,
    overall: null,
    judgements: [],
    interimOutcome: 'declined' as const,
    fileId: '50160001',
    url: 'https://files.ofsted.gov.uk/v1/file/50160001',
  };
  return {
    event: event({
      id: `${OTHER}-interim-declined-1`,
      urn: OTHER,
      type: 'interim-declined',
      at,
      inspectionDate: '2019-12-04',
      from: 'good',
      to: 'declined',
      fileId: '50160001',
      summary: `${OTHER}: declined in effectiveness at interim inspection (4 Dec 2019); last full inspection Good`,
    }),
    provider: provider({ urn: OTHER, name: 'Oak Lodge & Annexe', url: OTHER_PAGE }),
    report: interim,
    previous: { ...JANUARY_2019, urn: OTHER },
    links: { pdf: interim.url, providerPage: OTHER_PAGE, unsubscribe: null },
  };
}

const published = (at: string) =>
  declineContext({
    event: event({ id: 'SC036243-report-published-1', type: 'report-published', at, from: null, to: 'inadequate', summary: 'SC036243: new full inspection report (inspected 29–30 Oct 2019): Inadequate' }),
  });
const declined = (at: string) => declineContext({ event: event({ at }) });

describe('the daily digest', () => {
  it('counts events, providers and declines in its subject', () => {
    const m = renderDigestEmail({
      day: '2019-11-27',
      items: [published('2019-11-27T06:00:00.000Z'), declined('2019-11-27T06:00:00.000Z'), interimDecline('2019-11-27T07:00:00.000Z')],
      unsubscribe: UNSUBSCRIBE,
    });
    assert.equal(m.subject, 'Ofsted changes, 27 Nov 2019: 3 events at 2 providers, 2 declines');
  });

  it('names the provider when all events are about one', () => {
    const m = renderDigestEmail({ day: '2019-11-27', items: [published('2019-11-27T06:00:00.000Z'), declined('2019-11-27T06:00:00.000Z')], unsubscribe: null });
    assert.equal(m.subject, "Ofsted changes, 27 Nov 2019: 2 events at Children's home (SC036243), 1 decline");
  });

  it('gives the event itself when there is only one', () => {
    const m = renderDigestEmail({ day: '2019-11-27', items: [declined('2019-11-27T06:00:00.000Z')], unsubscribe: null });
    assert.equal(m.subject, 'Ofsted changes, 27 Nov 2019: SC036243: Good → Inadequate (inspected 29–30 Oct 2019)');
  });

  it('groups events under a heading per provider, each provider’s events oldest first', () => {
    // Given newest first and interleaved, as a store might hand them over.
    const m = renderDigestEmail({
      day: '2019-11-27',
      items: [declined('2019-11-27T09:00:00.000Z'), interimDecline('2019-11-27T08:00:00.000Z'), published('2019-11-27T06:00:00.000Z')],
      unsubscribe: UNSUBSCRIBE,
    });
    const text = m.text;
    const home = text.indexOf("Children's home (SC036243)\n---");
    const oak = text.indexOf(`Oak Lodge & Annexe (${OTHER})\n---`);
    assert.ok(home > 0 && oak > 0, 'a heading per provider');
    assert.ok(home < oak, 'providers in order of their first event');
    assert.equal(text.split("Children's home (SC036243)\n---").length, 2, 'one heading per provider');
    const publishedAt = text.indexOf('▸ New full inspection report: Inadequate');
    const declinedAt = text.indexOf('▸ Good → Inadequate (inspected 29–30 Oct 2019)');
    assert.ok(home < publishedAt && publishedAt < declinedAt && declinedAt < oak, 'the home’s events under it, oldest first');
    assert.ok(text.indexOf('▸ Declined in effectiveness at interim inspection') > oak);
    const html = m.html ?? '';
    assert.equal((html.match(/<h2\b/g) ?? []).length, 2);
    assert.equal((html.match(/<h3\b/g) ?? []).length, 3);
    assert.match(html, /Oak Lodge &amp; Annexe \(SC488596\)/);
  });

  it('details a report once even when it raised several events', () => {
    const m = renderDigestEmail({ day: '2019-11-27', items: [published('2019-11-27T06:00:00.000Z'), declined('2019-11-27T06:00:00.000Z')], unsubscribe: null });
    assert.equal(m.text.split('Judgements (8 Jan 2019 → 29–30 Oct 2019)').length, 2);
    assert.match(m.text, /The overall rating fell from Good to Inadequate/);
  });

  it('links each report and provider page, and the unsubscribe page once', () => {
    const m = renderDigestEmail({
      day: '2019-11-27',
      items: [declined('2019-11-27T06:00:00.000Z'), interimDecline('2019-11-27T07:00:00.000Z')],
      unsubscribe: UNSUBSCRIBE,
    });
    assert.ok(m.text.includes('https://files.ofsted.gov.uk/v1/file/50123456'));
    assert.ok(m.text.includes('https://files.ofsted.gov.uk/v1/file/50160001'));
    assert.ok(m.text.includes(OTHER_PAGE));
    assert.equal(m.text.split(UNSUBSCRIBE).length, 2);
    assert.equal(m.text.split(DASHBOARD).length, 2, "one dashboard link for the provider that has one, not one per event");
    assert.ok((m.html ?? '').includes(`href="${DASHBOARD.replace(/\//g, '&#x2F;')}"`));
    assert.match(htmlText(m.html ?? ''), /Unsubscribe/);
    assertLinesFit(m.text);
  });

  it('shows a busy day’s first events in full and lists every other one by subject', () => {
    const items = Array.from({ length: DIGEST_FULL_EVENTS + 7 }, (_, i) => {
      const urn = `SC${String(100000 + i)}`;
      return declineContext({
        event: event({ id: `e${i}`, urn, at: `2019-11-27T06:${String(i).padStart(2, '0')}:00.000Z` }),
        provider: provider({ urn, name: `Home ${i}` }),
      });
    });
    const m = renderDigestEmail({ day: '2019-11-27', items, unsubscribe: null });
    assert.equal(m.subject, `Ofsted changes, 27 Nov 2019: ${items.length} events at ${items.length} providers, ${items.length} declines`);
    assert.equal((m.html?.match(/<h3\b/g) ?? []).length, DIGEST_FULL_EVENTS);
    assert.match(m.text, /7 more events/);
    for (const i of [DIGEST_FULL_EVENTS, DIGEST_FULL_EVENTS + 6]) {
      assert.ok(m.text.includes(`- SC${100000 + i}: Good → Inadequate (inspected 29–30 Oct 2019)`), `event ${i} listed`);
    }
  });

  it('says so when the day has no events', () => {
    const m = renderDigestEmail({ day: '2019-11-27', items: [], unsubscribe: null });
    assert.equal(m.subject, 'Ofsted changes, 27 Nov 2019: no events');
  });
});
