import { loadBulkIndex, type BulkIndex } from './bulk-index.js';
import { FileIdRegistry } from './file-id.js';
import { loadCurated } from './load-curated.js';
import { personName } from '../text/names.js';
import { addDays, isIsoDate } from '../util/dates.js';
import { PUBLICATION_LAG_DAYS } from './load-curated.js';
import { completeReports, syntheticProviderAddress, type ProviderBasics, type ReportDraft } from './synthetic-details.js';
import type { Scenario, ScenarioGrades, ScenarioProvider, ScenarioReport, ScenarioReportKind } from './types.js';

/** A provider registered while the site runs (a new home). */
export interface NewProvider {
  /** @defaultValue the next free 7-digit URN from 2999100 (newer social care registrations have 7 digits) */
  urn?: string;
  /** @defaultValue 'CARE' */
  category?: string;
  /** null: an anonymised children's home. @defaultValue null */
  name?: string | null;
  /** @defaultValue "Children's home" */
  providerType?: string;
  localAuthority: string;
  owner?: string | null;
  /** ISO date; the page does not exist before it. */
  registrationDate: string;
  places?: number;
}

/** A report published while the site runs. */
export interface NewReport {
  /** @defaultValue 'full' */
  kind?: Exclude<ScenarioReportKind, 'file' | 'legacy-full'>;
  title?: string;
  /** ISO date. */
  publishedAt: string;
  /** ISO date. @defaultValue three weeks before publication */
  inspectionStart?: string;
  /** Full inspections only. @defaultValue good in all three judgements */
  grades?: ScenarioGrades;
}

/** What the search needs of a provider, without completing its synthetic details. */
export interface SearchRecord {
  basics: ProviderBasics;
  reports: ReadonlyArray<Pick<ReportDraft, 'fileId' | 'kind' | 'publishedAt' | 'grades' | 'withdrawn'>>;
}

const DEFAULT_GRADES: ScenarioGrades = { experiences: 'good', protection: 'good', leadership: 'good' };
const RUNTIME_TITLES: Record<NonNullable<NewReport['kind']>, string> = {
  full: 'Full inspection',
  interim: 'Interim inspection',
  monitoring: 'Monitoring inspection',
  assurance: 'Assurance visit',
};

export interface FakeScenarioOptions {
  /** Include the bulk CSV providers. @defaultValue true */
  bulk?: boolean;
  /** Alternative curated.json (tests). */
  curatedPath?: string;
}

/**
 * Curated providers are built at once; the ~5,600 bulk providers are indexed on first need (one CSV
 * parse, ~0.3 s) and each is completed only when first asked for.
 */
export class FakeScenario implements Scenario {
  readonly curated: readonly ScenarioProvider[];
  private readonly registry = new FileIdRegistry();
  private readonly curatedByUrn = new Map<string, ScenarioProvider>();
  private readonly curatedFiles = new Map<string, { provider: ScenarioProvider; report: ScenarioReport }>();
  private readonly bulkEnabled: boolean;
  private bulkIndex: BulkIndex | null = null;
  private readonly built = new Map<string, ScenarioProvider>();
  private everything: ScenarioProvider[] | null = null;
  /** Providers registered and report files published while the site runs. */
  private readonly added = new Map<string, ScenarioProvider>();
  private readonly addedFiles = new Map<string, string>();
  private changes = 0;

  constructor(options: FakeScenarioOptions = {}) {
    this.curated = loadCurated(this.registry, options.curatedPath);
    for (const provider of this.curated) {
      this.curatedByUrn.set(provider.urn, provider);
      for (const report of provider.reports) this.curatedFiles.set(report.fileId, { provider, report });
    }
    this.bulkEnabled = options.bulk ?? true;
  }

  get providers(): readonly ScenarioProvider[] {
    if (!this.everything) {
      const bulk = this.bulk();
      this.everything = [
        ...this.curated,
        ...(bulk ? bulk.order.map((urn) => this.buildBulk(urn, bulk)) : []),
        ...this.added.values(),
      ];
    }
    return this.everything;
  }

  urns(): string[] {
    const bulk = this.bulk();
    return [...this.curatedByUrn.keys(), ...(bulk ? bulk.order : []), ...this.added.keys()];
  }

  provider(urn: string): ScenarioProvider | undefined {
    const curated = this.curatedByUrn.get(urn);
    if (curated) return curated;
    const added = this.added.get(urn);
    if (added) return added;
    const bulk = this.bulk();
    return bulk && bulk.entries.has(urn) ? this.buildBulk(urn, bulk) : undefined;
  }

  findReport(fileId: string): { provider: ScenarioProvider; report: ScenarioReport } | undefined {
    const curated = this.curatedFiles.get(fileId);
    if (curated) return curated;
    const addedTo = this.addedFiles.get(fileId);
    if (addedTo) {
      const provider = this.provider(addedTo);
      const report = provider?.reports.find((r) => r.fileId === fileId);
      if (provider && report) return { provider, report };
    }
    const bulk = this.bulk();
    const urn = bulk?.fileOwners.get(fileId);
    if (!bulk || !urn) return undefined;
    const provider = this.buildBulk(urn, bulk);
    const report = provider.reports.find((r) => r.fileId === fileId);
    return report ? { provider, report } : undefined;
  }

  /** Counts registrations, publications and withdrawals, so the search index knows when to rebuild. */
  get version(): number {
    return this.changes;
  }

  /**
   * Every provider as the search sees it. A bulk provider not yet built is described by its CSV drafts,
   * which are what building it would produce (plus nothing runtime-made: changing one builds it first).
   */
  searchRecords(): SearchRecord[] {
    const bulk = this.bulk();
    const out: SearchRecord[] = this.curated.map((p) => ({ basics: p, reports: p.reports }));
    if (bulk) {
      for (const urn of bulk.order) {
        const built = this.built.get(urn);
        const entry = bulk.entries.get(urn);
        if (built) out.push({ basics: built, reports: built.reports });
        else if (entry) out.push({ basics: entry.basics, reports: entry.drafts });
      }
    }
    for (const p of this.added.values()) out.push({ basics: p, reports: p.reports });
    return out;
  }

  /** Register a provider (no reports yet); throws if the URN is taken. */
  register(input: NewProvider): ScenarioProvider {
    if (!isIsoDate(input.registrationDate)) throw new TypeError(`registrationDate must be an ISO date, got "${input.registrationDate}"`);
    const urn = (input.urn ?? this.freeUrn()).trim().toUpperCase();
    if (!/^(?:SC\d{6}|\d{6,7})$/.test(urn)) throw new TypeError(`URN "${urn}" is not SC + 6 digits or 6-7 digits`);
    if (this.provider(urn)) throw new TypeError(`URN ${urn} is already on the site`);
    const provider: ScenarioProvider = {
      urn,
      category: input.category ?? 'CARE',
      name: input.name ?? null,
      providerType: input.providerType ?? "Children's home",
      localAuthority: input.localAuthority,
      owner: input.owner ?? null,
      registrationDate: input.registrationDate,
      status: 'Active',
      closedAt: null,
      places: input.places ?? null,
      address: null,
      providerAddress: syntheticProviderAddress(urn, input.localAuthority),
      responsibleIndividual: (input.category ?? 'CARE') === 'CARE' ? personName(`${urn}:ri`) : null,
      sector: 'Private',
      shortBreaksOnly: false,
      source: 'synthetic: registered through the control API',
      reports: [],
    };
    this.added.set(urn, provider);
    this.everything = null;
    this.changes++;
    return provider;
  }

  /** Publish a report for a provider already on the site; returns the completed report. */
  publish(urn: string, input: NewReport): ScenarioReport {
    const provider = this.provider(urn.trim().toUpperCase());
    if (!provider) throw new TypeError(`no provider ${urn}`);
    if (!isIsoDate(input.publishedAt)) throw new TypeError(`publishedAt must be an ISO date, got "${input.publishedAt}"`);
    const kind = input.kind ?? 'full';
    const start = input.inspectionStart ?? addDays(input.publishedAt, -PUBLICATION_LAG_DAYS);
    if (!isIsoDate(start) || start > input.publishedAt) throw new TypeError('inspectionStart must be an ISO date on or before publishedAt');
    const fileId = this.registry.assign(provider.urn, kind, start);
    const draft: ReportDraft = {
      fileId,
      kind,
      title: input.title ?? RUNTIME_TITLES[kind],
      inspectionStart: start,
      inspectionEnd: start,
      publishedAt: input.publishedAt,
      grades: kind === 'full' ? (input.grades ?? DEFAULT_GRADES) : null,
      interimOutcome: kind === 'interim' ? 'sustained' : null,
      outcome: null,
      file: null,
      source: 'synthetic: published through the control API',
    };
    // Earlier reports are passed back as drafts with every detail filled, so they do not change.
    provider.reports = completeReports(provider, [...provider.reports, draft]);
    this.addedFiles.set(fileId, provider.urn);
    this.changes++;
    const report = provider.reports.find((r) => r.fileId === fileId);
    if (!report) throw new Error(`fake-ofsted: report ${fileId} vanished`);
    return report;
  }

  /** Withdraw a report: its page still lists it, its file says "We cannot publish", search ignores it. */
  withdraw(fileId: string): ScenarioReport {
    const found = this.findReport(fileId);
    if (!found) throw new TypeError(`no report ${fileId}`);
    found.report.withdrawn = true;
    this.changes++;
    return found.report;
  }

  private freeUrn(): string {
    for (let n = 2_999_100; ; n++) if (!this.provider(String(n))) return String(n);
  }

  /** True once the bulk CSVs have been read (for start-up measurements). */
  get bulkLoaded(): boolean {
    return this.bulkIndex !== null;
  }

  private bulk(): BulkIndex | null {
    if (!this.bulkEnabled) return null;
    this.bulkIndex ??= loadBulkIndex(this.registry, new Set(this.curatedByUrn.keys()));
    return this.bulkIndex;
  }

  private buildBulk(urn: string, bulk: BulkIndex): ScenarioProvider {
    const existing = this.built.get(urn);
    if (existing) return existing;
    const entry = bulk.entries.get(urn);
    if (!entry) throw new Error(`fake-ofsted: ${urn} is not in the bulk index`);
    const provider: ScenarioProvider = { ...entry.basics, reports: completeReports(entry.basics, entry.drafts) };
    this.built.set(urn, provider);
    return provider;
  }
}
