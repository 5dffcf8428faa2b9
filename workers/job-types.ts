// Job payloads are JSON: these re-export the domain types that travel through Redis.
export type { ReportLink } from '../src/ofsted/types.js';
export type { StoredReport as StoredReportJson } from '../src/store/store.js';
export type { FreshReport, ProviderListing } from '../src/monitor/scrape-provider.js';
