import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { describe, it } from 'node:test';
import { renderEventEmail } from '../../../src/alerts/render/render-event-email.js';
import { DASHBOARD, declineContext, event, full, OCTOBER_2019, PAGE, PDF, provider, UNSUBSCRIBE } from './derby-contexts.js';
import { assertLinesFit, htmlText } from './text-checks.js';

const HOSTILE = `<script>alert(1)</script> Smith & Jones "Care" O'Brien`;

function hostileContext() {
  return declineContext({
    provider: provider({ name: `Beech House ${HOSTILE}`, owner: 'Smith & Jones <Care> Ltd', localAuthority: 'Derby & "Derbyshire"' }),
    report: {
      ...OCTOBER_2019,
      registeredManager: `<img src=x onerror=alert(2)>`,
      requirements: [{ regulation: '12', text: `Staff must <b>not</b> restrain children & must record it. ${HOSTILE}`, dueDate: '2019-11-29' }],
      keyFindings: [`Children said "staff don't listen" & ${HOSTILE}`],
    },
  });
}

describe('the email about one event', () => {
  it('has the subject, the provider and what changed in both parts', () => {
    const m = renderEventEmail(declineContext());
    assert.equal(m.subject, 'SC036243: Good → Inadequate (inspected 29–30 Oct 2019)');
    assert.ok(m.html);
    for (const part of [m.text.replace(/\s+/g, ' '), htmlText(m.html)]) {
      assert.match(part, /Children's home \(SC036243\)/);
      assert.match(part, /Type:? Children's home/);
      assert.match(part, /Local authority:? Derby/);
      assert.match(part, /Owner:? Derby City Council/);
      assert.match(part, /The overall rating fell from Good to Inadequate at the full inspection of 29–30 Oct 2019\./);
    }
  });

  it('lists the old and new grade of every judgement', () => {
    const m = renderEventEmail(declineContext());
    assert.match(m.text, /Judgements \(8 Jan 2019 → 29–30 Oct 2019\)/);
    assert.match(m.text, /- Overall: Good → Inadequate \(down\)/);
    assert.match(m.text, /- How well children and young people are helped and protected: Good →\s+Inadequate \(down\)/);
    assert.match(m.text, /- The effectiveness of leaders and managers: Good → Inadequate \(down\)/);
    const rows = m.html?.match(/<tr><td[^>]*>[^<]*<\/td><td[^>]*>[^<]*<\/td><td[^>]*>[^<]*<\/td><\/tr>/g) ?? [];
    assert.equal(rows.length, 4, 'overall plus three judgements');
    assert.match(htmlText(rows[2] ?? ''), /How well children and young people are helped and protected Good Inadequate ↓/);
  });

  it('shows a judgement graded only by the earlier inspection, and marks a rise', () => {
    const before = full('2019-01-08', '2019-01-08', ['requires-improvement', 'requires-improvement', 'good']);
    const now = { ...full('2019-10-29', '2019-10-30', ['good', 'good', 'good']), judgements: full('2019-10-29', '2019-10-30', ['good', 'good', 'good']).judgements.slice(0, 2) };
    const m = renderEventEmail(
      declineContext({ event: event({ type: 'rating-improved', from: 'requires-improvement', to: 'good' }), report: now, previous: before }),
    );
    assert.match(m.text, /- Overall: Requires improvement to be good → Good \(up\)/);
    assert.match(m.text, /- The effectiveness of leaders and managers: Good → —/);
  });

  it('gives the inspection dates, publication, previous inspection and enforcement', () => {
    const m = renderEventEmail(declineContext());
    assert.match(m.text, /Inspection: Full inspection, 29–30 Oct 2019/);
    assert.match(m.text, /Published: 27 Nov 2019/);
    assert.match(m.text, /Compared with: full inspection of 8 Jan 2019: Good/);
    assert.match(m.text, /Enforcement since last inspection: none/);
  });

  it('quotes the statutory requirements with regulation and due date, and the key findings', () => {
    const m = renderEventEmail(declineContext());
    assert.match(m.text, /Statutory requirements \(2\)\n- Regulation 12, due 29 Nov 2019: The protection of children standard/);
    assert.match(m.text, /- Regulation 13, due 29 Nov 2019: The leadership and management standard/);
    assert.match(m.text, /Key findings \(2\)\n- Risks are not clearly identified, understood or managed\./);
    assert.match(htmlText(m.html ?? ''), /Regulation 12, due 29 Nov 2019 : The protection of children standard/);
  });

  it('links the report PDF, the provider page and the unsubscribe page', () => {
    const m = renderEventEmail(declineContext());
    assert.match(m.text, new RegExp(`Report \\(PDF\\): ${PDF}`));
    assert.match(m.text, new RegExp(`Provider page: ${PAGE}`));
    assert.ok(m.text.includes(UNSUBSCRIBE));
    const hrefs = cheerio.load(m.html ?? '')('a').map((_, a) => a.attribs.href).get();
    for (const url of [PDF, PAGE, UNSUBSCRIBE]) assert.ok(hrefs.includes(url), url);
  });

  it("links the provider's page on the dashboard, in both parts", () => {
    const m = renderEventEmail(declineContext());
    assert.match(m.text, new RegExp(`Its history on the dashboard: ${DASHBOARD}`));
    const $ = cheerio.load(m.html ?? '');
    assert.equal($(`a[href="${DASHBOARD}"]`).text(), 'Its history on the dashboard');
    assert.doesNotMatch(renderEventEmail(declineContext({ links: { pdf: PDF, providerPage: PAGE, unsubscribe: null } })).text, /dashboard:/);
  });

  it('falls back to the stored report and page URLs, and leaves out a missing unsubscribe link', () => {
    const m = renderEventEmail(declineContext({ links: { pdf: null, providerPage: null, unsubscribe: null } }));
    assert.ok(m.text.includes(OCTOBER_2019.url));
    assert.ok(m.text.includes(PAGE));
    assert.doesNotMatch(m.text, /Unsubscribe/);
  });

  it('escapes everything taken from a report or a page in the HTML part', () => {
    const m = renderEventEmail(hostileContext());
    const html = m.html ?? '';
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(html, /<img/i);
    assert.doesNotMatch(html, /<b>not<\/b>/);
    assert.doesNotMatch(html, /<Care>/);
    // The tag escapes "/" too (&#x2F;), which a browser reads back as "/".
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;&#x2F;script&gt;/);
    assert.match(html, /Smith &amp; Jones &quot;Care&quot; O&#39;Brien/);
    assert.match(html, /Derby &amp; &quot;Derbyshire&quot;/);
    assert.match(html, /Staff must &lt;b&gt;not&lt;&#x2F;b&gt; restrain children &amp; must record it/);
    assert.match(html, /Children said &quot;staff don&#39;t listen&quot; &amp;/);
    // No bare ampersand anywhere: every & starts an entity.
    assert.doesNotMatch(html, /&(?!(?:amp|lt|gt|quot|#39|#x2F|#x3D|#x60|middot);)/);
    // The text part quotes the same words as they are.
    assert.ok(m.text.includes('<script>alert(1)</script>'));
  });

  it('makes no link from a URL that is not http(s)', () => {
    const m = renderEventEmail(declineContext({ links: { pdf: 'javascript:alert(1)', providerPage: PAGE, unsubscribe: null } }));
    assert.doesNotMatch(m.html ?? '', /href="javascript:/i);
  });

  it('is a self-contained HTML document with no scripts or external assets', () => {
    const html = renderEventEmail(hostileContext()).html ?? '';
    assert.match(html, /^<!DOCTYPE html>/);
    assert.match(html, /<meta name="viewport"/);
    assert.doesNotMatch(html, /<(?:script|link|img|iframe|style)\b/i);
    assert.doesNotMatch(html, /<[^>]*\bsrc=/i);
    const hrefs = cheerio.load(html)('[href]').map((_, el) => el.attribs.href).get();
    assert.ok(hrefs.every((h) => h?.startsWith('https://')), hrefs.join(' '));
  });

  it('caps long lists of requirements and findings and says how many more there are', () => {
    const requirements = Array.from({ length: 9 }, (_, i) => ({ regulation: String(i + 5), text: `Requirement number ${i + 1}.`, dueDate: '2019-11-29' }));
    const keyFindings = Array.from({ length: 14 }, (_, i) => `Finding number ${i + 1}.`);
    const m = renderEventEmail(declineContext({ report: { ...OCTOBER_2019, requirements, keyFindings } }));
    assert.match(m.text, /Statutory requirements \(9\)/);
    assert.match(m.text, /Requirement number 5\./);
    assert.doesNotMatch(m.text, /Requirement number 6\./);
    assert.match(m.text, /…and 4 more requirements in the report/);
    assert.match(m.text, /Key findings \(14\)/);
    assert.match(m.text, /Finding number 6\./);
    assert.doesNotMatch(m.text, /Finding number 7\./);
    assert.match(m.text, /…and 8 more findings in the report/);
    assert.match(htmlText(m.html ?? ''), /…and 8 more findings in the report/);
  });

  it('shortens a very long requirement at a word and marks the cut', () => {
    const text = `${'The registered person must ensure that staff are trained. '.repeat(30)}END-OF-TEXT`;
    const m = renderEventEmail(declineContext({ report: { ...OCTOBER_2019, requirements: [{ regulation: '13', text, dueDate: null }] } }));
    assert.doesNotMatch(m.text, /END-OF-TEXT/);
    assert.match(m.text, /- Regulation 13: The registered person must/);
    const item = /Statutory requirements \(1\)\n([\s\S]*?)\n\n/.exec(m.text)?.[1] ?? '';
    assert.match(item, /[a-z]…$/, 'cut after a whole word, marked with an ellipsis');
    assert.ok(item.replace(/\s+/g, ' ').length < 450, 'about 400 characters of it');
  });

  it('wraps the text part at 78 characters, leaving URLs whole', () => {
    const longUrl = `https://files.ofsted.gov.uk/v1/file/${'9'.repeat(90)}`;
    const ctx = hostileContext();
    const m = renderEventEmail({
      ...ctx,
      report: { ...ctx.report!, keyFindings: [`A${'b'.repeat(200)} unbroken word`, ...OCTOBER_2019.keyFindings] },
      links: { ...ctx.links, pdf: longUrl },
    });
    assertLinesFit(m.text);
    assert.ok(m.text.split('\n').some((l) => l.includes(longUrl)), 'the URL is whole on one line');
  });

  it('renders every event type without a report or provider at hand', () => {
    const types = ['report-published', 'rating-declined', 'rating-improved', 'judgement-declined', 'judgement-improved', 'interim-declined', 'enforcement', 'manager-changed', 'provider-closed', 'scrape-failed'] as const;
    for (const type of types) {
      const m = renderEventEmail(declineContext({ event: event({ type }), provider: null, report: null, previous: null }));
      assert.ok(m.subject.startsWith('SC036243: '), type);
      assert.match(m.text, /URN: SC036243/, type);
      assertLinesFit(m.text);
    }
  });

  it('quotes the enforcement the report records', () => {
    const words = "Ofsted served a compliance notice in relation to regulation 12 on 8 November 2019 & a restriction of accommodation notice.";
    const m = renderEventEmail(declineContext({ event: event({ type: 'enforcement', from: null, to: words }), report: { ...OCTOBER_2019, enforcementSinceLast: words } }));
    assert.match(m.text.replace(/\s+/g, ' '), /enforcement action since the last inspection: Ofsted served a compliance notice/);
    assert.match(m.html ?? '', /8 November 2019 &amp; a restriction/);
  });
});
