import type { ChangeEvent, Judgement, ParsedReport, ProviderInfo } from '../../../../src/ofsted/types.js';
import type { Grade, ReportKind } from '../../../../src/ofsted/vocabulary.js';
import type { Store, StoredReport } from '../../../../src/store/store.js';
import { parsed as parsedReport } from '../../../store/builders.js';

// Three Derby City Council homes as the real data has them (SC036243 falls from Good to Inadequate in
// October 2019), a home whose scraped name and owner are hostile text, and one whose owner has a "/".
// Stored the way a scrape stores them, so the pages read what a daemon would give them.

export const DERBY = 'Derby City Council';
export const HOME = 'SC036243';
export const HOME_B = 'SC036109';
export const HOME_C = 'SC488596';
export const EVIL = 'SC999001';
export const EVIL_NAME = '<script>alert(1)</script>';
export const EVIL_OWNER = '=HYPERLINK("http://evil.example") & Sons';
export const SLASHED = 'SC999002';
export const SLASHED_OWNER = 'Homes A/B Ltd';
export const FILES = 'http://127.0.0.1:9/v1/file';

function provider(urn: string, overrides: Partial<ProviderInfo> = {}): ProviderInfo {
  return {
    urn,
    name: "Children's home",
    category: 'CARE',
    providerType: "Children's home",
    localAuthority: 'Derby',
    owner: DERBY,
    url: `http://127.0.0.1:9/provider/CARE/${urn}`,
    ...overrides,
  };
}

const AREAS = [
  ['experiences-and-progress', 'Overall experiences and progress of children and young people'],
  ['help-and-protection', 'How well children and young people are helped and protected'],
  ['leadership-and-management', 'The effectiveness of leaders and managers'],
] as const;

function judgements(grades: readonly [Grade, Grade, Grade]): Judgement[] {
  return AREAS.map(([key, area], i) => ({ key, area, grade: grades[i]! }));
}

function parsed(urn: string, kind: ReportKind, start: string, end: string, overall: Grade | null, js: Judgement[] = []): ParsedReport {
  return parsedReport(start, {
    urn,
    kind,
    inspectionEnd: end,
    overall,
    judgements: js,
    interimOutcome: kind === 'childrens-home-interim' ? 'sustained' : null,
    registeredProvider: DERBY,
    parserVersion: '2',
  });
}

function report(fileId: string, published: string, p: ParsedReport): StoredReport {
  return {
    fileId,
    urn: p.urn!,
    url: `${FILES}/${fileId}`,
    title: 'Full inspection',
    publishedAt: published,
    sha256: 'ab'.repeat(32),
    parserVersion: '2',
    parsed: p,
    error: null,
    fetchedAt: `${published}T06:00:00.000Z`,
  };
}

function event(id: string, urn: string, at: string, o: Partial<ChangeEvent>): ChangeEvent {
  return { id, urn, type: 'report-published', at, inspectionDate: null, from: null, to: null, fileId: null, summary: `${urn}: event ${id}`, backfill: false, ...o };
}

/** Store the seed; returns every event stored, oldest first. */
export async function seedListData(store: Store): Promise<ChangeEvent[]> {
  const stored: ChangeEvent[] = [];
  const record = async (p: ProviderInfo, reports: StoredReport[], events: ChangeEvent[], at: string) =>
    stored.push(...(await store.recordScrape({ provider: p, reports, events, at })));

  // Baselines, recorded by the first sweep in September 2019.
  await record(
    provider(HOME),
    [
      report('10049675', '2019-01-30', parsed(HOME, 'childrens-home-full', '2019-01-08', '2019-01-08', 'good', judgements(['good', 'good', 'good']))),
      report('2456894', '2015-06-22', parsed(HOME, 'childrens-home-full', '2015-05-13', '2015-05-14', 'good', judgements(['good', 'good', 'good']))),
    ],
    [event('home-pub-2019', HOME, '2019-09-30T06:00:00.000Z', { inspectionDate: '2019-01-08', to: 'good', fileId: '10049675', backfill: true, summary: `${HOME}: new full inspection report (inspected 8 Jan 2019): Good` })],
    '2019-09-30T06:00:00.000Z',
  );
  await record(
    provider(HOME_B),
    [report('50000101', '2018-04-10', parsed(HOME_B, 'childrens-home-full', '2018-03-13', '2018-03-14', 'requires-improvement', judgements(['requires-improvement', 'good', 'requires-improvement'])))],
    [],
    '2019-09-30T06:01:00.000Z',
  );
  await record(
    provider(HOME_C, { localAuthority: 'Derbyshire' }),
    [report('50000201', '2019-03-01', parsed(HOME_C, 'childrens-home-full', '2019-02-05', '2019-02-06', 'outstanding', judgements(['outstanding', 'outstanding', 'outstanding'])))],
    [],
    '2019-09-30T06:02:00.000Z',
  );
  await record(
    provider(EVIL, { name: EVIL_NAME, owner: EVIL_OWNER, localAuthority: 'Nottingham' }),
    [report('50000301', '2019-06-01', parsed(EVIL, 'childrens-home-interim', '2019-05-01', '2019-05-01', null))],
    [event('evil-1', EVIL, '2019-10-01T06:00:00.000Z', { inspectionDate: '2019-05-01', to: 'sustained', fileId: '50000301', summary: `${EVIL}: Tom & Jerry's <b>home</b> "sustained"` })],
    '2019-10-01T06:00:00.000Z',
  );
  await record(provider(SLASHED, { name: 'Slash House', owner: SLASHED_OWNER, localAuthority: 'Leicester' }), [], [], '2019-10-01T06:01:00.000Z');

  // The November sweep finds SC036243's October inspection: Good → Inadequate.
  await record(
    provider(HOME),
    [report('10541604', '2019-11-27', parsed(HOME, 'childrens-home-full', '2019-10-29', '2019-10-30', 'inadequate', judgements(['inadequate', 'inadequate', 'inadequate'])))],
    [
      event('home-pub-2019-10', HOME, '2019-11-27T06:00:00.000Z', { inspectionDate: '2019-10-29', to: 'inadequate', fileId: '10541604', summary: `${HOME}: new full inspection report (inspected 29–30 Oct 2019): Inadequate` }),
      event('home-decline', HOME, '2019-11-27T06:00:01.000Z', { type: 'rating-declined', inspectionDate: '2019-10-29', from: 'good', to: 'inadequate', fileId: '10541604', summary: `${HOME}: Good → Inadequate (inspected 29–30 Oct 2019)` }),
    ],
    '2019-11-27T06:00:00.000Z',
  );
  await store.watchAdd([HOME, HOME_B, HOME_C, EVIL, SLASHED]);
  return stored;
}
