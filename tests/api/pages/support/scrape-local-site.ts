import { pino } from 'pino';
import { scrapeProvider } from '../../../../src/monitor/scrape-provider.js';
import { OfstedSite } from '../../../../src/ofsted/site/ofsted-site.js';
import type { Store } from '../../../../src/store/store.js';
import type { FakeOfsted } from '../../../../tools/fake-ofsted/index.js';

/** Derby City Council's homes on the local Ofsted site (SC036109 is the synthetic one). */
export const DERBY_HOMES = ['SC036243', 'SC036109', 'SC488596'] as const;
export const DERBY = 'Derby City Council';

/** Scrape these URNs from the local Ofsted site into the store, in-process, as `scrape <URN>` does. */
export async function scrapeFromLocalSite(store: Store, site: FakeOfsted, urns: readonly string[]): Promise<void> {
  const ofsted = new OfstedSite({
    reportsOrigin: site.reportsUrl,
    filesOrigin: site.filesUrl,
    userAgent: 'ofsted-monitor tests',
    timeoutMs: 10_000,
    attempts: 2,
    backoffMs: 10,
    maxPdfBytes: 25e6,
    chromiumPath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  });
  try {
    for (const urn of urns) await scrapeProvider(urn, { site: ofsted, store, logger: pino({ level: 'silent' }) });
  } finally {
    await ofsted.close();
  }
}
