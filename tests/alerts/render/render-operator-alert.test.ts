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

  it("lists every disagreement with Ofsted's data, the figures per field, and how to see them again", () => {
    const disagree = [
      { urn: 'SC065730', field: 'overall', ours: 'requires-improvement', ofsted: 'good', inspectionDate: '2017-09-26' },
      { urn: 'SC065730', field: 'experiences-and-progress', ours: null, ofsted: 'good', inspectionDate: '2017-09-26' },
      { urn: '1263837', field: 'inspectionDate', ours: null, ofsted: '2019-02-12', inspectionDate: '2019-02-12' },
    ];
    const m = renderOperatorAlert({
      kind: 'reconcile-disagreements',
      snapshot: { fileName: 'provider_level_at_31_Mar_2018_derby.csv', importedAt: '2025-04-01T10:00:00.000Z' },
      result: {
        compared: 5,
        agree: 3,
        disagree,
        notStored: ['SC002015', 'SC036266'],
        fields: { inspectionDate: { compared: 5, agree: 4 }, overall: { compared: 4, agree: 3 } },
      },
      unscraped: [],
    });
    assert.equal(m.subject, "[ofsted-monitor] 3 fields disagree with Ofsted's data in provider_level_at_31_Mar_2018_derby.csv (3 of 5 inspections agree)");
    const text = m.text.replace(/\s+/g, ' ');
    assert.match(text, /all fields agree on 3 of 5 inspections \(60\.0%\)/);
    assert.match(text, /SC065730, inspected 2017-09-26: overall: ours Requires improvement to be good, Ofsted Good/);
    assert.match(text, /SC065730, inspected 2017-09-26: experiences-and-progress: ours not read, Ofsted Good/);
    assert.match(text, /1263837, inspected 2019-02-12: no stored inspection of that date/);
    assert.match(text, /overall: 3 of 4 agree \(75\.0%\)/);
    assert.match(text, /2 providers of the file have never been scraped/);
    assert.match(text, /ofsted-monitor reconcile provider_level_at_31_Mar_2018_derby\.csv --json/);
    assert.match(htmlText(m.html ?? ''), /ours Requires improvement to be good, Ofsted Good/);
    assertLinesFit(m.text);
  });

  it('caps a long list of disagreements and names the providers it stopped waiting for', () => {
    const disagree = Array.from({ length: 230 }, (_, i) => ({ urn: `SC${String(100000 + i)}`, field: 'inspectionDate', ours: null, ofsted: '2024-06-01', inspectionDate: '2024-06-01' }));
    const m = renderOperatorAlert({
      kind: 'reconcile-disagreements',
      snapshot: { fileName: 'x.ods', importedAt: '2025-04-01T10:00:00.000Z' },
      result: { compared: 230, agree: 0, disagree, notStored: [], fields: { inspectionDate: { compared: 230, agree: 0 } } },
      unscraped: ['SC100000', 'SC100001'],
    });
    assert.match(m.text, /SC100199, inspected/);
    assert.doesNotMatch(m.text, /SC100200, inspected/);
    assert.match(m.text.replace(/\s+/g, ' '), /…and 30 more: ofsted-monitor reconcile x\.ods --json lists them all/);
    assert.match(m.text.replace(/\s+/g, ' '), /2 providers of the file were still not scraped when the wait for them ran out.*SC100000, SC100001/);
  });

  it('escapes an error message in the HTML part', () => {
    const m = renderOperatorAlert({ kind: 'scrape-failing', health: { ...health, lastError: '<script>alert(1)</script> & more' }, provider: null });
    assert.doesNotMatch(m.html ?? '', /<script/);
    assert.match(m.html ?? '', /&lt;script&gt;alert\(1\)&lt;&#x2F;script&gt; &amp; more/);
  });
});
