import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { DEFAULT_REPORT_RETRY_POLICY } from '../../src/monitor/report-retry.js';
import { scrapeProvider, type ScrapeDeps } from '../../src/monitor/scrape-provider.js';
import { DEFAULT_EXTRACTOR_LIMITS } from '../../src/ofsted/reports/extract/extractor-limits.js';
import { NODE_RESERVED_MB, PdfParseExtractor } from '../../src/ofsted/reports/extract/pdf-parse-extractor.js';
import { PdftotextExtractor } from '../../src/ofsted/reports/extract/pdftotext-extractor.js';
import type { TextExtractor } from '../../src/ofsted/reports/extract/text-extractor.js';
import { OfstedSite } from '../../src/ofsted/site/ofsted-site.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { startFakeOfsted, type FakeOfsted } from '../../tools/fake-ofsted/index.js';
import { tempDir } from '../helpers/cli.js';

// The issue's case inside the monitor: Ofsted's files host serves a ~1 MB PDF whose content stream inflates to
// 1 GiB. Whichever extractor reads it, it must be stored as scrape-failed (never a grade) while this process,
// the one that scrapes, stays small: before pdf-parse ran in capped child processes its worker threads took
// this process to 1.5-2.2 GB. The CLI's `parse` of the same file: tests/cli/inflate-bomb.test.ts.

/** This process's peak, MB: the test runner, tsx, the fake site and a few PDFs. */
const PARENT_LIMIT_MB = 400;
const URN = 'SC036109';

describe('a decompression bomb served as a new report', () => {
  let tmp: ReturnType<typeof tempDir>;
  let site: FakeOfsted;
  let ofsted: OfstedSite;
  const stores: Store[] = [];

  before(async () => {
    tmp = tempDir();
    site = await startFakeOfsted({ now: '2019-09-30', bulk: false });
    ofsted = new OfstedSite({ reportsOrigin: site.reportsUrl, filesOrigin: site.filesUrl, userAgent: 'test', timeoutMs: 30_000, attempts: 2, backoffMs: 10, maxPdfBytes: 25e6, chromiumPath: '/usr/bin/chromium' });
  });
  after(async () => {
    await ofsted.close();
    for (const store of stores) await store.close();
    await site.close();
    tmp.cleanup();
  });

  const extractors: [string, () => TextExtractor][] = [
    ['pdftotext', () => new PdftotextExtractor()],
    ['pdf-parse', () => new PdfParseExtractor({ poolSize: 1 })],
  ];
  for (const [name, make] of extractors) {
    it(`is stored as scrape-failed, in bounded memory, when read with ${name}`, async (t) => {
      const extractor = make();
      // The store is not what this tests: a SQLite file (not the PostgreSQL rerun) keeps it to one run.
      const store = await openStore(`sqlite:${join(tmp.dir, `${name}.db`)}`);
      stores.push(store);
      // The same bytes refused once count as unreadable at once (limit 1): the retries that come before a
      // scrape-failed are tested in tests/monitor/report-retry.test.ts, and reading a bomb three times is slow.
      const retry = { ...DEFAULT_REPORT_RETRY_POLICY, limit: 1 };
      const deps: ScrapeDeps = { site: ofsted, store, logger: pino({ level: 'silent' }), extract: (pdf) => extractor.extract(pdf), retry };
      try {
        // A baseline first, so the bomb arrives as a newly published report.
        site.setNow('2019-09-30');
        await scrapeProvider(URN, deps);
        const bomb = site.scenario.provider(URN)!.reports.filter((r) => r.publishedAt <= '2019-12-31').at(-1)!;
        site.setNow('2019-12-31');
        site.setFault({ fileId: bomb.fileId }, { kind: 'inflate-bomb' });

        const run = await scrapeProvider(URN, deps);
        assert.deepEqual(run.events.map((e) => [e.type, e.fileId]), [['scrape-failed', bomb.fileId]]);
        assert.match(run.events[0]!.summary, /could not be read \((reading the PDF needed more than 512 MB of memory|the PDF has no readable text|reading the PDF took longer than 20 s)/);
        const stored = (await store.listReports(URN)).find((r) => r.fileId === bomb.fileId);
        assert.equal(stored?.parsed, null);

        const parentMb = process.resourceUsage().maxRSS / 1024;
        const childMb = extractor instanceof PdfParseExtractor ? extractor.stats.peakChildRssKb / 1024 : null;
        t.diagnostic(`${name}: peak RSS this process ${Math.round(parentMb)} MB${childMb === null ? '' : `, pdf-parse child ${Math.round(childMb)} MB`}`);
        assert.ok(parentMb < PARENT_LIMIT_MB, `this process peaked at ${Math.round(parentMb)} MB`);
        if (childMb !== null) {
          // The child reported its peak with its refusal: under its address-space cap, which bounds it.
          assert.ok(childMb > 0 && childMb < DEFAULT_EXTRACTOR_LIMITS.maxMemoryMb + NODE_RESERVED_MB, `the child peaked at ${Math.round(childMb)} MB`);
        }
      } finally {
        site.clearFaults();
        await extractor.close();
      }
    });
  }
});
