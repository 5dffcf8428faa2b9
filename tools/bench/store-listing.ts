import { readProviderListing, type ProviderListing, type ScrapeDeps } from '../../src/monitor/scrape-provider.js';

/**
 * Read a provider's page as of `day` and store every report it lists as listed-only, without downloading it:
 * settled (failure `withdrawn`), so no retry asks for the page again. Discovery's bench and test use this to
 * count what reaches the store without paying for PDFs that both ways of finding reports would download alike.
 */
export async function storeListing(
  urn: string,
  day: string,
  deps: Pick<ScrapeDeps, 'site' | 'store' | 'logger'>,
): Promise<ProviderListing> {
  const at = `${day}T12:00:00.000Z`;
  const listing = await readProviderListing(urn, { ...deps, now: () => new Date(at) });
  await deps.store.recordScrape({
    provider: listing.provider,
    at,
    events: [],
    reports: listing.fresh.map((l) => ({
      fileId: l.fileId, urn, url: l.url, title: l.title, publishedAt: l.publishedAt ?? null, sha256: null, parserVersion: 'listing',
      parsed: null, error: 'listed only', fetchedAt: at, failure: 'withdrawn', attempts: 0, retryAt: null, backfill: false,
    })),
  });
  return listing;
}
