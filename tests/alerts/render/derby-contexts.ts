import type { AlertContext } from '../../../src/alerts/render/alert-context.js';
import type { ChangeEvent, ParsedReport } from '../../../src/ofsted/types.js';
import type { Grade } from '../../../src/ofsted/vocabulary.js';
import type { HistoryEntry, ProviderRecord } from '../../../src/store/store.js';

// Derby City Council's children's home SC036243 as the provider-level data records it (Good in January 2019,
// Inadequate on all three judgements at the inspection of 29-30 October 2019, published 27 November 2019),
// with the requirement wording of the Children's Homes (England) Regulations 2015. Homes' names are redacted
// in Ofsted's data, so the home is called what its page calls it.

export const URN = 'SC036243';
export const PDF = 'https://files.ofsted.gov.uk/v1/file/50123456';
export const PAGE = `https://reports.ofsted.gov.uk/provider/CARE/${URN}`;
export const DASHBOARD = `https://monitor.example.org/providers/${URN}`;
export const UNSUBSCRIBE = 'https://alerts.example.org/unsubscribe?token=eyJzIjoic3ViLTEifQ.c2lnbmF0dXJl';

export const REGULATION_12 =
  'The protection of children standard is that children are protected from harm and enabled to keep themselves ' +
  'safe. In particular, the standard in paragraph (1) requires the registered person to ensure that staff assess ' +
  "whether each child is at risk of harm, taking into account information in the child's relevant plans, and, if " +
  'necessary, make arrangements to reduce the risk of any harm to the child. (Regulation 12 (1)(2)(a)(i)(ii))';
export const REGULATION_13 =
  'The leadership and management standard is that the registered person enables, inspires and leads a culture in ' +
  "relation to the children's home that helps children aspire to fulfil their potential and promotes their welfare. " +
  '(Regulation 13 (1)(a)(b)(2)(a)(h))';

export function provider(overrides: Partial<ProviderRecord> = {}): ProviderRecord {
  return {
    urn: URN,
    name: "Children's home",
    category: 'CARE',
    providerType: "Children's home",
    localAuthority: 'Derby',
    owner: 'Derby City Council',
    url: PAGE,
    firstScrapedAt: '2019-09-30T06:00:00.000Z',
    lastScrapedAt: '2019-11-27T06:00:00.000Z',
    closedAt: null,
    ...overrides,
  };
}

const AREAS = [
  ['Overall experiences and progress of children and young people', 'experiences-and-progress'],
  ['How well children and young people are helped and protected', 'help-and-protection'],
  ['The effectiveness of leaders and managers', 'leadership-and-management'],
] as const;

export function full(
  start: string,
  end: string,
  grades: [Grade, Grade, Grade],
  overrides: Partial<HistoryEntry> = {},
): HistoryEntry {
  const parsed: ParsedReport = {
    urn: URN,
    kind: 'childrens-home-full',
    inspectionStart: start,
    inspectionEnd: end,
    overall: grades[0],
    judgements: AREAS.map(([area, key], i) => ({ area, key, grade: grades[i] ?? grades[0] })),
    interimOutcome: null,
    previous: null,
    enforcementSinceLast: 'none',
    registeredProvider: 'Derby City Council',
    registeredManager: null,
    inspectors: ['Jane Inspector'],
    requirements: [],
    recommendations: [],
    keyFindings: [],
    safeguarding: null,
    parserVersion: '3',
    unreadable: [],
  };
  return { ...parsed, fileId: '50000001', url: PDF, publishedAt: null, ...overrides };
}

export const JANUARY_2019 = full('2019-01-08', '2019-01-08', ['good', 'good', 'good'], {
  fileId: '50040001',
  url: 'https://files.ofsted.gov.uk/v1/file/50040001',
  publishedAt: '2019-01-30',
});

export const OCTOBER_2019 = full('2019-10-29', '2019-10-30', ['inadequate', 'inadequate', 'inadequate'], {
  fileId: '50123456',
  publishedAt: '2019-11-27',
  previous: { date: '2019-01-08', overall: 'good' },
  requirements: [
    { regulation: '12', text: REGULATION_12, dueDate: '2019-11-29' },
    { regulation: '13', text: REGULATION_13, dueDate: '2019-11-29' },
  ],
  keyFindings: [
    'Risks are not clearly identified, understood or managed.',
    'Children do not receive the help they need to keep themselves safe.',
  ],
});

export function event(overrides: Partial<ChangeEvent> = {}): ChangeEvent {
  return {
    id: `${URN}-rating-declined-3f9a0c1d2b4e5f60`,
    urn: URN,
    type: 'rating-declined',
    at: '2019-11-27T06:00:00.000Z',
    inspectionDate: '2019-10-29',
    from: 'good',
    to: 'inadequate',
    fileId: '50123456',
    summary: `${URN}: Good → Inadequate (inspected 29–30 Oct 2019)`,
    backfill: false,
    ...overrides,
  };
}

/** The Good → Inadequate decline, with everything a subscriber's message has. */
export function declineContext(overrides: Partial<AlertContext> = {}): AlertContext {
  return {
    event: event(),
    provider: provider(),
    report: OCTOBER_2019,
    previous: JANUARY_2019,
    links: { pdf: PDF, providerPage: PAGE, dashboard: DASHBOARD, unsubscribe: UNSUBSCRIBE },
    ...overrides,
  };
}
