import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { OfstedHttpClient } from '../../../src/ofsted/site/http-client.js';
import { OfstedSite } from '../../../src/ofsted/site/ofsted-site.js';
import { parseProviderPage } from '../../../src/ofsted/site/provider-page.js';
import { ReportWithdrawnError } from '../../../src/ofsted/site/report-withdrawn-error.js';
import type { ProviderPage } from '../../../src/ofsted/types.js';
import { startFakeOfsted, type FakeOfsted, type ScenarioProvider } from '../../../tools/fake-ofsted/index.js';

// Each provider-page fact of REAL-EVIDENCE §1, read by the product through real HTTP (and Chromium where
// the site serves a script-only shell) from the local site's real-shaped pages. Expected values come
// from the scenario the site serves, never from the page.

describe('the provider page in its real shape, read from the local Ofsted site', () => {
  let fake: FakeOfsted;
  let site: OfstedSite;
  const pages = new Map<string, ProviderPage>();

  const read = async (urn: string, category: string): Promise<ProviderPage> => {
    const key = `${category}/${urn}`;
    if (!pages.has(key)) pages.set(key, await site.fetchProviderPage(urn, category));
    return pages.get(key)!;
  };
  const provider = (urn: string): ScenarioProvider => {
    const p = fake.scenario.provider(urn);
    assert.ok(p, urn);
    return p;
  };

  before(async () => {
    fake = await startFakeOfsted({ bulk: false, now: '2025-12-31' });
    site = new OfstedSite({
      reportsOrigin: fake.reportsUrl,
      filesOrigin: fake.filesUrl,
      userAgent: 'ofsted-monitor-test',
      timeoutMs: 15_000,
      attempts: 2,
      backoffMs: 10,
      maxPdfBytes: 25e6,
      chromiumPath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    });
  });
  after(async () => {
    await site.close();
    await fake.close();
  });

  it('reads an anonymised home titled "URN: SC…" as having no name, its URN and details by label', async () => {
    const page = await read('SC036243', 'CARE');
    assert.equal(page.provider.name, null);
    assert.equal(page.provider.urn, 'SC036243');
    assert.equal(page.provider.providerType, "Children's home");
    assert.equal(page.provider.localAuthority, 'Derby');
    assert.equal(page.provider.owner, 'Derby City Council');
  });

  it('reads a newer home’s 7-digit URN, with no SC prefix', async () => {
    const page = await read('2999001', 'CARE');
    assert.equal(page.provider.urn, '2999001');
    assert.equal(page.provider.name, null);
  });

  it('keeps the name of a provider that has one (the title block’s subheading and address are not it)', async () => {
    assert.equal((await read('80459', '44')).provider.name, 'Derby');
    assert.equal((await read('103980', '21')).provider.name, 'Rounds Green Primary School');
  });

  it('lists exactly the reports of the timeline, skipping its registration item', async () => {
    for (const urn of ['SC036243', 'SC488596', '2999001']) {
      const page = await read(urn, 'CARE');
      const expected = provider(urn).reports.map((r) => r.fileId).sort();
      assert.deepEqual(page.reports.map((r) => r.fileId).sort(), expected, urn);
    }
  });

  it('takes title and PUBLICATION date from the hidden "<Title>, pdf - <DD Month YYYY>" text, "pdf" or "PDF"', async () => {
    let checked = 0;
    for (const p of fake.scenario.curated) {
      const page = await read(p.urn, p.category);
      for (const link of page.reports) {
        const r = p.reports.find((x) => x.fileId === link.fileId);
        assert.ok(r, link.fileId);
        assert.equal(link.title, r.title, link.fileId);
        assert.equal(link.publishedAt, r.publishedAt, `${p.urn} ${link.fileId} publishedAt`);
        checked++;
      }
    }
    assert.equal(checked, fake.scenario.curated.reduce((n, p) => n + p.reports.length, 0));
  });

  it('takes the item date from the report’s own bare <time>, which holds the inspection date, not the publication date', async () => {
    for (const urn of ['SC036243', 'SC065730', '2999001']) {
      const page = await read(urn, 'CARE');
      for (const link of page.reports) {
        const r = provider(urn).reports.find((x) => x.fileId === link.fileId);
        assert.equal(link.itemDate, r?.inspectionStart, `${urn} ${link.fileId}`);
        assert.notEqual(link.itemDate, link.publishedAt);
      }
    }
  });

  it('reads links on the former host files.api.ofsted.gov.uk as files on the configured files origin, and downloads them', async () => {
    const page = await read('SC036243', 'CARE');
    const old = provider('SC036243').reports.filter((r) => r.publishedAt < '2016-01-01');
    assert.equal(old.length, 2);
    for (const r of old) {
      const link = page.reports.find((l) => l.fileId === r.fileId);
      assert.equal(link?.url, `${fake.filesUrl}/v1/file/${r.fileId}`);
      const pdf = await site.downloadReport(link.url);
      assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    }
  });

  it('follows the old link form of Ofsted’s data files to the page, and reads the same provider', async () => {
    const http = new OfstedHttpClient({ reportsOrigin: fake.reportsUrl, filesOrigin: fake.filesUrl, attempts: 1 });
    const res = await http.get(`${fake.reportsUrl}/inspection-reports/find-inspection-report/provider/CARE/SC036243`, { accept: 'text/html' });
    assert.equal(res.url, `${fake.reportsUrl}/provider/CARE/SC036243`);
    const page = parseProviderPage(res.body.toString('utf8'), res.url, fake.filesUrl);
    const { contentHash: _hash, ...direct } = await read('SC036243', 'CARE');
    assert.deepEqual(page, direct);
  });

  it('reads server-rendered categories (CARE, 21, 44) without a browser', async () => {
    for (const [urn, category] of [['SC036243', 'CARE'], ['103980', '21'], ['80459', '44']] as const) {
      assert.ok((await read(urn, category)).contentHash, `${category}/${urn} has a fingerprint: it was read as served`);
    }
  });

  it('renders category 23’s script-only shell in Chromium and reads the page it builds', async () => {
    const before = fake.requests.length;
    const page = await site.fetchProviderPage('990012', '23');
    assert.equal(page.contentHash, null, 'rendered in a browser');
    assert.ok(fake.requests.slice(before).some((r) => r.path === '/__shell/provider/23/990012'), 'the shell’s script ran');
    assert.equal(page.provider.name, 'Marshside Academy');
    assert.equal(page.provider.urn, '990012');
    assert.equal(page.provider.category, '23');
    const [report] = provider('990012').reports;
    assert.deepEqual(page.reports, [
      {
        fileId: report!.fileId,
        url: `${fake.filesUrl}/v1/file/${report!.fileId}`,
        title: 'School inspection report',
        publishedAt: '2023-04-20',
        itemDate: '2023-03-14',
      },
    ]);
  });

  it('answers a withdrawn report’s "We cannot publish" page with ReportWithdrawnError, never a PDF', async () => {
    const withdrawn = provider('2999001').reports.find((r) => r.withdrawn);
    const link = (await read('2999001', 'CARE')).reports.find((l) => l.fileId === withdrawn?.fileId);
    assert.ok(link, 'the page still lists it');
    await assert.rejects(site.downloadReport(link.url), ReportWithdrawnError);
  });
});
