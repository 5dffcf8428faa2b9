import type { ChangeEvent, ParsedReport, ProviderInfo } from '../../../src/ofsted/types.js';
import type { Store, StoredReport } from '../../../src/store/store.js';
import { parsed as parsedReport } from '../../store/builders.js';

// Two scrapes of a Derby home (Good, then Inadequate) and one of a school, stored the way a scrape does.

export const HOME = 'SC036243';
export const SCHOOL = '100000';

function provider(urn: string, name: string, category: string): ProviderInfo {
  return {
    urn,
    name,
    category,
    providerType: category === 'CARE' ? "Children's home" : 'School',
    localAuthority: 'Derby',
    owner: 'Derby City Council',
    url: `http://127.0.0.1/provider/${category}/${urn}`,
  };
}

function parsed(urn: string, start: string, overall: ParsedReport['overall']): ParsedReport {
  return parsedReport(start, { urn, kind: urn === HOME ? 'childrens-home-full' : 'school', overall, judgements: [], parserVersion: '2' });
}

function report(urn: string, fileId: string, start: string, overall: ParsedReport['overall']): StoredReport {
  return {
    fileId,
    urn,
    url: `http://127.0.0.1/v1/file/${fileId}`,
    title: 'Full inspection',
    publishedAt: start,
    sha256: 'ab'.repeat(32),
    parserVersion: '2',
    parsed: parsed(urn, start, overall),
    error: null,
    fetchedAt: `${start}T06:00:00.000Z`,
  };
}

function event(id: string, urn: string, at: string, overrides: Partial<ChangeEvent>): ChangeEvent {
  return {
    id,
    urn,
    type: 'report-published',
    at,
    inspectionDate: null,
    from: null,
    to: null,
    fileId: null,
    summary: `event ${id}`,
    backfill: false,
    ...overrides,
  };
}

/** Store the seed data; returns the events stored, oldest first. */
export async function seedStore(store: Store): Promise<ChangeEvent[]> {
  const stored: ChangeEvent[] = [];
  stored.push(
    ...(await store.recordScrape({
      provider: provider(HOME, 'Derby Home', 'CARE'),
      reports: [report(HOME, '50000001', '2019-01-08', 'good')],
      events: [event('e-home-1', HOME, '2019-02-01T06:00:00.000Z', { inspectionDate: '2019-01-08', to: 'good', backfill: true })],
      at: '2019-02-01T06:00:00.000Z',
    })),
  );
  stored.push(
    ...(await store.recordScrape({
      provider: provider(SCHOOL, 'Derby School', '21'),
      reports: [report(SCHOOL, '60000001', '2019-05-01', 'outstanding')],
      events: [event('e-school-1', SCHOOL, '2019-06-01T06:00:00.000Z', { inspectionDate: '2019-05-01', to: 'outstanding' })],
      at: '2019-06-01T06:00:00.000Z',
    })),
  );
  stored.push(
    ...(await store.recordScrape({
      provider: provider(HOME, 'Derby Home', 'CARE'),
      reports: [report(HOME, '50000002', '2019-10-29', 'inadequate')],
      events: [
        event('e-home-2', HOME, '2019-12-01T06:00:00.000Z', {
          type: 'rating-declined',
          inspectionDate: '2019-10-29',
          from: 'good',
          to: 'inadequate',
          fileId: '50000002',
        }),
      ],
      at: '2019-12-01T06:00:00.000Z',
    })),
  );
  return stored;
}
