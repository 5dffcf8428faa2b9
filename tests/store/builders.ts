import type { ChangeEvent, ParsedReport, ProviderInfo } from '../../src/ofsted/types.js';
import type { ReportKind } from '../../src/ofsted/vocabulary.js';
import type { ScrapeRecord, StoredReport } from '../../src/store/store.js';

// Plain domain data for store tests, shared by the tests of every dialect.

export const URN = 'SC036243';

export function provider(overrides: Partial<ProviderInfo> = {}): ProviderInfo {
  return {
    urn: URN,
    name: 'Test Home',
    category: 'CARE',
    providerType: "Children's home",
    localAuthority: 'Derby',
    owner: 'Derby City Council',
    url: `http://127.0.0.1/provider/CARE/${overrides.urn ?? URN}`,
    ...overrides,
  };
}

export function parsed(start: string, overrides: Partial<ParsedReport> = {}): ParsedReport {
  return {
    urn: URN,
    kind: 'childrens-home-full' as ReportKind,
    inspectionStart: start,
    inspectionEnd: start,
    overall: 'good',
    judgements: [
      { area: 'The effectiveness of leaders and managers', key: 'leadership-and-management', grade: 'good' },
    ],
    interimOutcome: null,
    previous: null,
    enforcementSinceLast: 'none',
    registeredProvider: 'Derby City Council',
    registeredManager: null,
    inspectors: ['An Inspector'],
    requirements: [],
    recommendations: [],
    keyFindings: [],
    safeguarding: null,
    parserVersion: '1',
    unreadable: [],
    ...overrides,
  };
}

export function report(
  fileId: string,
  publishedAt: string | null,
  parsedReport: ParsedReport | null,
  urn = URN,
): StoredReport {
  return {
    fileId,
    urn,
    url: `http://127.0.0.1/v1/file/${fileId}`,
    title: `Full inspection ${fileId}`,
    publishedAt,
    sha256: parsedReport ? 'ab'.repeat(32) : null,
    parserVersion: '1',
    parsed: parsedReport,
    error: parsedReport ? null : 'not a PDF',
    fetchedAt: '2025-06-01T06:00:00.000Z',
    failure: null,
    attempts: 0,
    retryAt: null,
    backfill: false,
  };
}

export function event(id: string, overrides: Partial<ChangeEvent> = {}): ChangeEvent {
  return {
    id,
    urn: URN,
    type: 'report-published',
    at: '2025-06-01T06:00:00.000Z',
    inspectionDate: '2019-10-29',
    from: null,
    to: 'good',
    fileId: null,
    summary: `event ${id}`,
    backfill: false,
    ...overrides,
  };
}

export function scrape(overrides: Partial<ScrapeRecord> = {}): ScrapeRecord {
  return { provider: provider(), reports: [], events: [], at: '2025-06-01T06:00:00.000Z', ...overrides };
}
