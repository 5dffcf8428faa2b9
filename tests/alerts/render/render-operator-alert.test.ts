import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderOperatorAlert } from '../../../src/alerts/render/render-operator-alert.js';
import { PAGE, provider } from './derby-contexts.js';
import { assertLinesFit, htmlText } from './text-checks.js';

const health = {
  urn: 'SC036243',
  failures: 3,
  failingSince: '2019-11-25T06:00:00.000Z',
  lastError: 'Ofsted unavailable: HTTP 503 from https://reports.ofsted.gov.uk/provider/CARE/SC036243 after 4 attempts',
  alertedAt: null,
};

describe('operator alerts', () => {
  it('says a URN has failed N scrapes in a row, since when, and the last error', () => {
    const m = renderOperatorAlert({ kind: 'scrape-failing', health, provider: provider() });
    assert.equal(m.subject, '[ofsted-monitor] SC036243: 3 scrapes failed in a row since 25 Nov 2019, 06:00 UTC');
    assert.match(m.text, /The last 3 scrapes of SC036243 failed, the first at 25 Nov 2019, 06:00 UTC\./);
    assert.match(m.text, /Last error: Ofsted unavailable: HTTP 503/);
    assert.ok(m.text.includes(PAGE));
    assert.match(htmlText(m.html ?? ''), /Last error Ofsted unavailable: HTTP 503/);
    assertLinesFit(m.text);
  });

  it('says the URN works again, after how many failures', () => {
    const m = renderOperatorAlert({ kind: 'scrape-recovered', run: health, at: '2019-11-28T06:00:00.000Z', provider: null });
    assert.equal(m.subject, '[ofsted-monitor] SC036243: scraping works again');
    assert.match(m.text, /SC036243 scraped successfully at 28 Nov 2019, 06:00 UTC after 3 failed scrapes\s+since 25 Nov 2019, 06:00 UTC\./);
  });

  it('gives the counts when a sweep could not read too many reports', () => {
    const m = renderOperatorAlert({
      kind: 'unreadable-reports',
      since: '2019-11-27T06:00:00.000Z',
      total: 40,
      unreadable: 12,
      threshold: 0.2,
      examples: Array.from({ length: 12 }, (_, i) => ({ urn: 'SC036243', fileId: String(50200000 + i), error: 'not a PDF <html>' })),
    });
    assert.equal(m.subject, '[ofsted-monitor] 12 of 40 reports unreadable (30%) in the sweep of 27 Nov 2019, 06:00 UTC');
    assert.match(m.text, /Reports fetched: 40\nUnreadable: 12/);
    assert.match(m.text.replace(/\s+/g, ' '), /the alert threshold is 20%/);
    assert.match(m.text, /SC036243 file 50200009: not a PDF <html>/);
    assert.doesNotMatch(m.text, /50200010/);
    assert.match(m.text, /…and 2 more reports unreadable/);
    assert.match(m.html ?? '', /not a PDF &lt;html&gt;/);
  });

  it('asks for a report to be read by hand, naming the provider, its page and the file', () => {
    const event = {
      id: 'e1',
      urn: 'SC036243',
      type: 'scrape-failed' as const,
      at: '2019-11-28T06:00:00.000Z',
      inspectionDate: '2019-10-29',
      from: null,
      to: null,
      fileId: '50123456',
      summary: 'SC036243: the full inspection report of 29–30 Oct 2019 was read but its grade could not be <b>',
      backfill: false,
    };
    const m = renderOperatorAlert({ kind: 'report-unread', event, provider: provider() });
    assert.equal(m.subject, '[ofsted-monitor] SC036243: a report needs reading by hand');
    assert.match(m.text.replace(/\s+/g, ' '), /the full inspection report of 29–30 Oct 2019 was read but its grade could not be <b>\. No grade was taken/);
    assert.match(m.text, /Report file: 50123456/);
    assert.ok(m.text.includes(PAGE));
    assert.doesNotMatch(m.html ?? '', /<b>/);
    assertLinesFit(m.text);
  });

  it('escapes an error message in the HTML part', () => {
    const m = renderOperatorAlert({ kind: 'scrape-failing', health: { ...health, lastError: '<script>alert(1)</script> & more' }, provider: null });
    assert.doesNotMatch(m.html ?? '', /<script/);
    assert.match(m.html ?? '', /&lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; more/);
  });
});
