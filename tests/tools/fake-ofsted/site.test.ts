import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as cheerio from 'cheerio';
import { startFakeOfsted, type FakeOfsted } from '../../../tools/fake-ofsted/index.js';

async function get(url: string, init: RequestInit = {}): Promise<{ status: number; headers: Headers; text: string }> {
  const res = await fetch(url, { redirect: 'manual', ...init });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

describe('fake Ofsted site: pages', () => {
  let site: FakeOfsted;

  before(async () => {
    site = await startFakeOfsted({ bulk: false });
  });
  after(async () => {
    await site.close();
  });

  it('listens on three separate 127.0.0.1 origins', () => {
    const origins = [site.reportsUrl, site.filesUrl, site.otherUrl].map((u) => new URL(u));
    for (const o of origins) assert.equal(o.hostname, '127.0.0.1');
    assert.equal(new Set(origins.map((o) => o.port)).size, 3);
  });

  it('serves the SC036243 provider page with Ofsted chrome, an anonymised title, details and report links', async () => {
    const page = await get(`${site.reportsUrl}/provider/CARE/SC036243`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    const $ = cheerio.load(page.text);
    assert.equal($('a.skip-link').attr('href'), '#main');
    assert.equal($('.cookie-banner button').length > 0, true);
    assert.equal($('header.header img.header__logo').length, 1);
    assert.equal($('ol.breadcrumbs li').length > 0, true);
    assert.match($('footer.footer').text(), /Crown copyright/);
    // Children's homes are anonymised: titled by URN, with the URN again in the subheading and no address.
    assert.equal($('h1.heading--title').text().trim(), 'URN: SC036243');
    assert.equal($('.title-block__subheading').text().trim(), 'URN: SC036243');
    assert.equal($('.title-block__address').length, 0);
    const details = $('ul.info__list li')
      .toArray()
      .map((li) => $(li).text().replace(/\s+/g, ' ').trim());
    assert.ok(details.includes('URN: SC036243'), 'details.includes(URN: SC036243)');
    assert.ok(details.includes("Provider type: Children's home"), 'details.includes(Provider type: Childrens home)');
    assert.ok(details.includes('Local authority: Derby'), 'details.includes(Local authority: Derby)');
    assert.ok(details.includes('Registered provider: Derby City Council'), 'details.includes(Registered provider: Derby City Council)');
    assert.equal($('ul.info__list strong').first().text(), 'SC036243');

    const items = $('ol.timeline > li.timeline__day').toArray();
    const reports = items.filter((li) => !/timeline__day--/.test($(li).attr('class') ?? ''));
    const links = $('a.publication-link').toArray();
    // Default now (2019-09-30): legacy 2014, full 2015, three interims, full January 2019.
    assert.equal(links.length, 6);
    assert.equal(reports.length, 6, 'one timeline item per report');
    const first = $(reports[0]);
    // A bare <time> with the inspection's own date; the publication date is in the hidden text.
    assert.equal(first.find('.timeline__date time').attr('datetime'), undefined);
    assert.equal(first.find('.timeline__date time').text(), '08 January 2019');
    const firstLink = first.find('a.publication-link');
    assert.match(firstLink.attr('href') ?? '', new RegExp(`^${site.filesUrl}/v1/file/\\d{8}$`));
    assert.match(firstLink.find('span.nonvisual').text(), /^Full inspection, (pdf|PDF) - 30 January 2019$/);
    const dates = reports.map((d) => Date.parse($(d).find('time').text()));
    assert.deepEqual(dates, [...dates].sort((a, b) => b - a), 'timeline is newest first');
    // The last item is the registration: an event of the same list, not a report.
    const last = $(items[items.length - 1]);
    assert.equal(last.attr('class'), 'timeline__day timeline__day--registered');
    assert.equal(last.find('time').text(), '12 February 2004');
    assert.equal(last.find('a').length, 0);
    // Reports published before 2016 keep links on the files service's former host.
    const hosts = links.map((a) => new URL($(a).attr('href') ?? '').origin);
    assert.deepEqual(hosts.slice(-2), ['https://files.api.ofsted.gov.uk', 'https://files.api.ofsted.gov.uk']);
    assert.ok(hosts.slice(0, -2).every((h) => h === site.filesUrl), 'newer reports on the files origin');
    // Distractors a parser must skip: alerts link and a guidance PDF on the files origin.
    assert.equal($('a.email-alerts').length, 1);
    const fileHosted = $('a[href^="http://127.0.0.1"]').toArray().map((a) => $(a).attr('href') ?? '');
    assert.ok(fileHosted.some((h) => h.startsWith(site.filesUrl) && !h.includes('/v1/file/')), 'fileHosted.some((h) => h.startsWith(site.filesUrl) && !h.includes(/v1/');
  });

  it('writes the hidden text as "<Title>, pdf - <DD Month YYYY>" with the publication date, in both casings', async () => {
    site.setNow('2025-12-31');
    const texts: string[] = [];
    for (const p of site.scenario.curated) {
      const $ = cheerio.load((await get(`${site.reportsUrl}/__shell/provider/${p.category}/${p.urn}`)).text);
      texts.push(...$('a.publication-link span.nonvisual').toArray().map((s) => $(s).text()));
      const published = new Set(p.reports.map((r) => `${r.title} - ${r.publishedAt}`));
      for (const t of $('a.publication-link span.nonvisual').toArray().map((s) => $(s).text())) {
        const m = /^(.+), (?:pdf|PDF) - (\d{2}) (\w+) (\d{4})$/.exec(t);
        assert.ok(m, t);
        const iso = new Date(`${m[2]} ${m[3]} ${m[4]} UTC`).toISOString().slice(0, 10);
        assert.ok(published.has(`${m[1]} - ${iso}`), `${p.urn}: "${t}" names a report's title and publication date`);
      }
    }
    site.setNow('2019-09-30');
    assert.ok(texts.some((t) => t.includes(', pdf - ')) && texts.some((t) => t.includes(', PDF - ')), 'both casings');
  });

  it('lists the October 2019 Inadequate report only once now passes 2019-11-27', async () => {
    const scenario = site.scenario.provider('SC036243');
    const october = scenario?.reports.find((r) => r.inspectionStart === '2019-10-29');
    assert.ok(october, 'october');
    const before = await get(`${site.reportsUrl}/provider/CARE/SC036243`);
    assert.ok(!before.text.includes(`/v1/file/${october.fileId}`), '!before.text.includes(/v1/file/${october.fileId})');
    assert.equal((await get(`${site.filesUrl}/v1/file/${october.fileId}`)).status, 404, 'not on the files host before publication');

    assert.equal(site.advance('SC036243'), '2019-11-27');
    const page = await get(`${site.reportsUrl}/provider/CARE/SC036243`);
    const $ = cheerio.load(page.text);
    const newest = $('ol.timeline > li.timeline__day').first();
    assert.equal(newest.find('time').text(), '29 October 2019');
    assert.equal(newest.find('a.publication-link').attr('href'), `${site.filesUrl}/v1/file/${october.fileId}`);
    assert.match(newest.find('span.nonvisual').text(), /^Full inspection, (pdf|PDF) - 27 November 2019$/);
    site.setNow('2019-09-30');
  });

  it('serves a home with a 7-digit URN, and answers its withdrawn report with "We cannot publish"', async () => {
    site.setNow('2025-12-31');
    const $ = cheerio.load((await get(`${site.reportsUrl}/provider/CARE/2999001`)).text);
    site.setNow('2019-09-30');
    assert.equal($('h1.heading--title').text().trim(), 'URN: 2999001');
    assert.equal($('.title-block__subheading').text().trim(), 'URN: 2999001');
    const withdrawn = site.scenario.provider('2999001')?.reports.find((r) => r.withdrawn);
    assert.ok(withdrawn, 'withdrawn');
    const link = $(`a.publication-link[href$="/v1/file/${withdrawn.fileId}"]`);
    assert.equal(link.length, 1, 'the page still lists it');
    assert.match(link.find('span.nonvisual').text(), /^Full inspection, (pdf|PDF) - 20 March 2025$/);
    site.setNow('2025-12-31');
    const file = await get(`${site.filesUrl}/v1/file/${withdrawn.fileId}`);
    site.setNow('2019-09-30');
    assert.equal(file.status, 200);
    assert.match(file.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(file.text, /We cannot publish this report/);
  });

  it('serves category 23 as a script-only shell in the site chrome, whose script fetches the real page', async () => {
    site.setNow('2025-12-31');
    const shell = await get(`${site.reportsUrl}/provider/23/990012`);
    const real = cheerio.load((await get(`${site.reportsUrl}/__shell/provider/23/990012`)).text);
    site.setNow('2019-09-30');
    assert.equal(shell.status, 200);
    const $ = cheerio.load(shell.text);
    assert.equal($('header.header').length, 1, 'the real chrome');
    assert.equal($('h1').length, 0);
    assert.equal($('a.publication-link').length, 0);
    assert.equal($('noscript').length, 0);
    assert.ok(!shell.text.includes('990012') && !shell.text.includes('Marshside'), 'no provider data in the shell');
    assert.match($('main script').text(), /fetch\('\/__shell' \+ location\.pathname/);
    assert.ok(shell.text.length < 16_000, `a small shell (${shell.text.length} bytes), as Ofsted's ~8 KB one`);
    // What the script writes in: the page, with the school's name, address and its opening in the timeline.
    assert.equal(real('h1.heading--title').text().trim(), 'Marshside Academy');
    assert.equal(real('.title-block__subheading').text().trim(), 'URN: 990012');
    assert.match(real('.title-block__address').text(), /Saltmarsh Bay/);
    assert.equal(real('li.timeline__day--opened time').text(), '01 September 2012');
    assert.equal(real('a.publication-link').length, 1);
  });

  it('moves SC488596 on to its interim after 2020-01-10 and its monitoring visit after 2020-03-05', () => {
    site.setNow('2019-09-30');
    assert.equal(site.advance('SC488596'), '2020-01-10');
    assert.equal(site.advance('SC488596'), '2020-03-05');
    site.setNow('2025-12-31');
    assert.equal(site.advance('SC488596'), null);
    assert.equal(site.now(), '2025-12-31');
    site.setNow('2019-09-30');
  });

  it('advances without a URN to the next publication of any curated provider', () => {
    site.setNow('2019-09-30');
    // SC036109's Inadequate report is the first published after the default date.
    assert.equal(site.advance(), '2019-10-08');
    site.setNow('2019-09-30');
  });

  it('rejects a malformed date', () => {
    assert.throws(() => site.setNow('30/09/2019'), /ISO date/);
  });

  it('answers an unknown URN or a category mismatch with an Ofsted-looking 404 page', async () => {
    for (const path of ['/provider/CARE/SC999999', '/provider/21/SC036243', '/provider/CARE/103980', '/provider/23/SC036243', '/no/such/page']) {
      const res = await get(`${site.reportsUrl}${path}`);
      assert.equal(res.status, 404, path);
      const $ = cheerio.load(res.text);
      assert.equal($('h1').text().trim(), 'Page not found', path);
      assert.equal($('header.header').length, 1, path);
    }
  });

  it('redirects the old link form of the provider-level data files to the provider page', async () => {
    const old = await get(`${site.reportsUrl}/inspection-reports/find-inspection-report/provider/CARE/SC036243`);
    assert.equal(old.status, 301);
    assert.equal(old.headers.get('location'), '/provider/CARE/SC036243');
    const unknown = await get(`${site.reportsUrl}/inspection-reports/find-inspection-report/provider/CARE/SC999999`);
    assert.equal(unknown.status, 404);
  });

  it('shows "No reports published" for a provider whose reports all lie in the future', async () => {
    site.setNow('2015-06-01');
    const res = await get(`${site.reportsUrl}/provider/CARE/SC488596`);
    site.setNow('2019-09-30');
    assert.equal(res.status, 200);
    const $ = cheerio.load(res.text);
    assert.match($('main').text(), /No reports published/);
    assert.equal($('a.publication-link').length, 0);
  });

  it('does not know a provider before its registration date', async () => {
    site.setNow('2015-01-01');
    const res = await get(`${site.reportsUrl}/provider/CARE/SC488596`);
    site.setNow('2019-09-30');
    assert.equal(res.status, 404);
  });

  it('finds SC036243 by search, in category CARE, and says 0 results otherwise', async () => {
    const res = await get(`${site.reportsUrl}/search?q=sc036243&rows=10&start=0`);
    assert.equal(res.status, 200);
    const $ = cheerio.load(res.text);
    const results = $('ul.results-list > li.search-result');
    assert.equal(results.length, 1);
    assert.equal(results.find('h3.search-result__title a').attr('href'), '/provider/CARE/SC036243');
    assert.match(results.text(), /URN:\s*SC036243/);
    assert.match(results.text(), /Latest report:\s*30 January 2019/);
    assert.equal($('.results-count').text(), '1');

    const none = cheerio.load((await get(`${site.reportsUrl}/search?q=SC000000`)).text);
    assert.equal(none('ul.results-list li.search-result').length, 0);
    assert.match(none('.search-results__heading').text(), /0\s*results/);
  });

  it('serves the local authority and the school under their own categories with real PDFs', async () => {
    site.setNow('2025-12-31');
    const la = cheerio.load((await get(`${site.reportsUrl}/provider/44/80459`)).text);
    const school = cheerio.load((await get(`${site.reportsUrl}/provider/21/103980`)).text);
    site.setNow('2019-09-30');
    const laTitles = la('a.publication-link').toArray().map((a) => la(a).contents().first().text().trim());
    assert.deepEqual(laTitles, [
      "Children's services inspection",
      'Focused visit',
      "Children's services inspection",
      "Children's services inspection",
    ]);
    assert.equal(school('h1').text().trim(), 'Rounds Green Primary School');
    assert.equal(la('h1.heading--title').text().trim(), 'Derby');
    assert.equal(la('.title-block__subheading').text().trim(), 'URN: 80459');
    assert.match(la('.title-block__address').text(), /The Council House/);
    assert.match(school('a.publication-link').text(), /School inspection report/);
  });

  it('records every request in order with its origin, path and headers', async () => {
    const from = site.requests.length;
    await get(`${site.reportsUrl}/provider/CARE/SC036243?x=1`, { headers: { 'User-Agent': 'test-agent/1.0' } });
    await get(`${site.filesUrl}/v1/file/00000000`);
    await get(`${site.reportsUrl}/__scenario`);
    const seen = site.requests.slice(from);
    assert.equal(seen.length, 2, 'control calls are not recorded');
    assert.equal(seen[0]?.origin, 'reports');
    assert.equal(seen[0]?.method, 'GET');
    assert.equal(seen[0]?.path, '/provider/CARE/SC036243?x=1');
    assert.equal(seen[0]?.headers['user-agent'], 'test-agent/1.0');
    assert.equal(seen[1]?.origin, 'files');
    assert.ok((seen[0]?.at ?? 0) <= (seen[1]?.at ?? 0), '(seen[0]?.at ?? 0) <= (seen[1]?.at ?? 0)');
  });
});

describe('fake Ofsted site: HTTP control surface', () => {
  let site: FakeOfsted;

  before(async () => {
    site = await startFakeOfsted({ bulk: false, now: '2019-09-30' });
  });
  after(async () => {
    await site.close();
  });

  it('reports its state, moves time on, sets faults and resets', async () => {
    const state = JSON.parse((await get(`${site.reportsUrl}/__scenario`)).text) as {
      now: string;
      curated: Array<{ urn: string; reports: Array<{ published: boolean }> }>;
    };
    assert.equal(state.now, '2019-09-30');
    assert.ok(state.curated.some((p) => p.urn === 'SC036243'), 'state.curated.some((p) => p.urn === SC036243)');

    const adv = await get(`${site.reportsUrl}/__scenario/advance?urn=SC036243`, { method: 'POST' });
    assert.deepEqual(JSON.parse(adv.text), { now: '2019-11-27', advanced: true });
    assert.equal(site.now(), '2019-11-27');

    const set = await get(`${site.reportsUrl}/__scenario/now?date=2020-02-01`, { method: 'POST' });
    assert.equal(set.status, 200);
    assert.equal(site.now(), '2020-02-01');
    assert.equal((await get(`${site.reportsUrl}/__scenario/now?date=tomorrow`, { method: 'POST' })).status, 400);

    const fault = await get(`${site.reportsUrl}/__scenario/fault?urn=SC036243`, {
      method: 'POST',
      body: JSON.stringify({ kind: 'status', status: 503, times: 1 }),
    });
    assert.equal(fault.status, 200);
    assert.equal((await get(`${site.reportsUrl}/provider/CARE/SC036243`)).status, 503);
    assert.equal((await get(`${site.reportsUrl}/provider/CARE/SC036243`)).status, 200);

    const bad = await get(`${site.reportsUrl}/__scenario/fault?urn=SC036243`, {
      method: 'POST',
      body: JSON.stringify({ kind: 'status' }),
    });
    assert.equal(bad.status, 400);

    await get(`${site.reportsUrl}/__scenario/fault?fileId=12345678`, {
      method: 'POST',
      body: JSON.stringify({ kind: 'truncated-pdf' }),
    });
    const reset = await get(`${site.reportsUrl}/__scenario/reset`, { method: 'POST' });
    assert.deepEqual(JSON.parse(reset.text), { now: '2019-09-30' });
    const after = JSON.parse((await get(`${site.reportsUrl}/__scenario`)).text) as { faults: unknown[] };
    assert.deepEqual(after.faults, []);
  });
});

describe('fake Ofsted site: bulk providers', () => {
  let site: FakeOfsted;
  let startMs = 0;

  before(async () => {
    const t0 = performance.now();
    site = await startFakeOfsted({ now: '2025-03-31' });
    startMs = performance.now() - t0;
  });
  after(async () => {
    await site.close();
  });

  it('starts in under 1.5 s with the bulk data enabled', () => {
    assert.ok(startMs < 1500, `start-up took ${startMs.toFixed(0)} ms`);
  });

  it('serves a provider of the 2025 CSV with its 2024-25 events, and its report files', async () => {
    // 2660783 (Derby, Treetops Children's Homes Limited): full inspection 21/10/2024 and assurance visit 11/02/2025.
    const res = await get(`${site.reportsUrl}/provider/CARE/2660783`);
    assert.equal(res.status, 200);
    const $ = cheerio.load(res.text);
    assert.match($('ul.info__list').text(), /Registered provider:\s*Treetops Children's Homes Limited/);
    assert.equal($('h1.heading--title').text().trim(), 'URN: 2660783', 'REDACTED in the CSV: anonymised');
    const titles = $('a.publication-link span.nonvisual').toArray().map((s) => $(s).text().replace(/, PDF - /, ', pdf - '));
    assert.deepEqual(titles, ['Assurance visit, pdf - 12 March 2025', 'Full inspection, pdf - 24 January 2025']);
    assert.deepEqual($('li.timeline__day .timeline__date time').toArray().map((t) => $(t).text()), ['11 February 2025', '21 October 2024', '18 January 2022']);
    const href = $('a.publication-link').first().attr('href') ?? '';
    const pdf = await fetch(href);
    assert.equal(pdf.status, 200);
    assert.equal(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString(), '%PDF-');
  });

  it('lets curated data take precedence over the CSV rows for the same URN', () => {
    const p = site.scenario.provider('SC036243');
    assert.ok(p, 'p');
    assert.match(p.source, /derby_extracts/);
    assert.equal(site.scenario.urns().filter((u) => u === 'SC036243').length, 1);
  });

  it('indexes every provider of the 2025 file plus those seen only in the 2024-25 events', () => {
    const urns = site.scenario.urns();
    assert.equal(new Set(urns).size, urns.length);
    // 5,600 rows in the 2025 file, 60 more URNs only in the in-year file; 10 curated URNs (4 also in the CSVs).
    assert.equal(urns.length, 5600 + 60 + 6);
  });
});
