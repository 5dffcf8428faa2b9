import type { EventType, Grade, InterimOutcome, ReportKind } from './vocabulary.js';

export interface Judgement {
  area: string;
  key: string;
  grade: Grade;
}

export interface StatutoryRequirement {
  /** Regulation number as printed, e.g. "12" or "13(2)(a)"; null when the requirement cites none. */
  regulation: string | null;
  text: string;
  /** ISO date; null when the report gives none. */
  dueDate: string | null;
}

/** The reading of one report PDF (CONTRACT.md "ParsedReport"). */
export interface ParsedReport {
  urn: string | null;
  kind: ReportKind;
  inspectionStart: string | null;
  inspectionEnd: string | null;
  overall: Grade | null;
  judgements: Judgement[];
  interimOutcome: InterimOutcome | null;
  previous: { date: string | null; overall: Grade | null } | null;
  /** "none", or the report's own words about enforcement since the last inspection; null if absent. */
  enforcementSinceLast: string | null;
  registeredProvider: string | null;
  registeredManager: string | null;
  inspectors: string[];
  requirements: StatutoryRequirement[];
  recommendations: string[];
  keyFindings: string[];
  /**
   * Schools: whether safeguarding is effective ("met" in report cards, "effective" before); null where the
   * report does not say (children's homes and local authorities state no such line). Added on purpose
   * beyond CONTRACT's example, see README.
   */
  safeguarding: 'met' | 'not-met' | null;
  parserVersion: string;
  /** Fields the parser expected for this kind of report but could not read. */
  unreadable: string[];
}

/** What a provider page says about the provider itself. */
export interface ProviderInfo {
  urn: string;
  name: string | null;
  /** Site category path segment, e.g. "CARE" or "21". */
  category: string;
  providerType: string | null;
  localAuthority: string | null;
  owner: string | null;
  /** Page URL it was read from. */
  url: string;
}

/**
 * One report listed on a provider page. Its two dates come from two places and mean two things
 * (REAL-EVIDENCE §1): the link's hidden text "<Title>, pdf - <DD Month YYYY>" gives the publication
 * date; the `<time>` of the report's own timeline item gives the event's date.
 */
export interface ReportLink {
  fileId: string;
  /** Always on the configured files origin, whichever host the page linked. */
  url: string;
  /** The report's title as the page words it, before ", pdf - <date>": "Full inspection". */
  title: string;
  /**
   * ISO publication date, from the link's hidden text; null for a link without that text on a page whose
   * other links have it (a page where none has it fails its shape check instead).
   */
  publishedAt: string | null;
  /**
   * ISO date of the report's own timeline item (its `<time>`), most likely the inspection date (weak
   * evidence, so it never stands in for the date the report itself prints); null when the item shows
   * none or is shared with other reports. Never taken from outside the item.
   */
  itemDate: string | null;
}

export interface ProviderPage {
  provider: ProviderInfo;
  reports: ReportLink[];
  /**
   * Fingerprint of what was read (see page-fingerprint.ts), to pass back next time; null when the page
   * had to be rendered in a browser, whose plain HTML says nothing about its content.
   */
  contentHash?: string | null;
}

/** A provider page whose content is byte for byte what the caller read before (same fingerprint). */
export interface UnchangedProviderPage {
  unchanged: true;
  contentHash: string;
}

/** A change event (CONTRACT.md "Change events"). */
export interface ChangeEvent {
  id: string;
  urn: string;
  type: EventType;
  /** When the event was raised (ISO timestamp). */
  at: string;
  inspectionDate: string | null;
  from: string | null;
  to: string | null;
  fileId: string | null;
  summary: string;
  backfill: boolean;
  /**
   * The file id of a report that arrived after this event was raised and sits between the two reports it
   * compared: the event was true of what was known then and stays listed, but no longer stands. Absent when
   * it stands.
   */
  supersededBy?: string | null;
  /**
   * The id of an earlier event, superseded by a report that arrived late, that already told what this one
   * says (the same report's move, or the same move from the same grade): this one alerts nobody. Absent
   * when it is news.
   */
  restates?: string | null;
}
