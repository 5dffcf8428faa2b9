import type { SearchShape } from './pages/search-page.js';
import type { NewProvider, NewReport } from './scenario/fake-scenario.js';
import type { Scenario, ScenarioProvider, ScenarioReport } from './scenario/types.js';

export interface FakeOfstedOptions {
  /** The site's "today" (ISO date): only reports published on or before it are listed. @defaultValue '2019-09-30' */
  now?: string;
  /** Port of the reports origin; 0 = random. Host is always 127.0.0.1. @defaultValue 0 */
  reportsPort?: number;
  /** Port of the files origin; 0 = random. @defaultValue 0 */
  filesPort?: number;
  /** Port of the third origin ("someone else's host"); 0 = random. @defaultValue 0 */
  otherPort?: number;
  /** Include the ~5,600 providers of the 2025 provider-level CSV (indexed on first use). @defaultValue true */
  bulk?: boolean;
}

/**
 * A fault injected for one provider page (by URN) or one report file (by fileId).
 * - `status`: answer with this status `times` times (every time when omitted), then normally;
 *   `retryAfter` is sent as the Retry-After header.
 * - `redirect-offsite`: 302 to the same path on the third origin (otherUrl).
 * - `js-shell` (pages only): a script-only shell that builds the real page in a browser.
 * - `challenge`: a 200 "Checking your browser" interstitial `times` times (default 1), then normal.
 * - `slow`: wait `ms` before answering.
 * - `html-as-pdf` (files only): an HTML error page served with Content-Type application/pdf.
 * - `truncated-pdf` (files only): the first half of the real PDF bytes.
 * - `scanned-pdf` (files only): a well-formed PDF with no text layer, as a scanned report is; the same
 *   bytes every time (a report no reader can read, however often it is fetched).
 * - `huge` (files only): a PDF-looking body of `bytes` bytes (with Content-Length).
 * - `inflate-bomb` (files only): a ~1 MB PDF whose content stream inflates to `inflatedBytes` (default 1 GiB).
 */
export type Fault =
  | { kind: 'status'; status: number; times?: number; retryAfter?: string }
  | { kind: 'redirect-offsite' }
  | { kind: 'js-shell' }
  | { kind: 'challenge'; times?: number }
  | { kind: 'slow'; ms: number }
  | { kind: 'html-as-pdf' }
  | { kind: 'truncated-pdf' }
  | { kind: 'scanned-pdf' }
  | { kind: 'huge'; bytes: number }
  | { kind: 'inflate-bomb'; inflatedBytes?: number };

/** A provider page (by URN), a report file (by fileId), or every /search page. */
export type FaultTarget = { urn: string } | { fileId: string } | { search: true };

export interface RequestRecord {
  origin: 'reports' | 'files' | 'other';
  method: string;
  /** Path with query string, as received. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** Date.now() when the request arrived. */
  at: number;
}

export interface FakeOfsted {
  /** e.g. http://127.0.0.1:41234 */
  reportsUrl: string;
  /** A second listener: a separate origin for /v1/file/<id>. */
  filesUrl: string;
  /** A third listener, "someone else's host": the target of offsite redirects. */
  otherUrl: string;
  now(): string;
  setNow(isoDate: string): void;
  /**
   * Move `now` to the next publication date after now (of that URN's reports, or of the curated
   * providers' reports when no URN is given). Returns the new now, or null if nothing is left.
   */
  advance(urn?: string): string | null;
  /** Set (replace) the fault of a provider page or a report file. */
  setFault(target: FaultTarget, fault: Fault): void;
  /** Clears faults and puts the search back in its real shape. */
  clearFaults(): void;
  /** Serve every /search page in a changed shape ('renamed', 'no-dates') or as the real one ('real'). */
  setSearchShape(shape: SearchShape): void;
  /** Register a provider (default: an anonymised children's home with a new 7-digit URN, registered today). */
  registerProvider(input: Omit<NewProvider, 'registrationDate'> & { registrationDate?: string }): ScenarioProvider;
  /** Publish a report for a provider (default: a full inspection, all Good, published today). */
  publishReport(urn: string, input?: Partial<NewReport>): ScenarioReport;
  /** Withdraw a report: the page still lists it, its file answers "We cannot publish", search ignores it. */
  withdrawReport(fileId: string): ScenarioReport;
  /** Every request received by the three listeners, in order (control calls to /__scenario excluded). */
  requests: RequestRecord[];
  /** The data the site serves. */
  scenario: Scenario;
  close(): Promise<void>;
}
