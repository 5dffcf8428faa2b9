import { loadBulkIndex, type BulkIndex } from './bulk-index.js';
import { FileIdRegistry } from './file-id.js';
import { loadCurated } from './load-curated.js';
import { completeReports } from './synthetic-details.js';
import type { Scenario, ScenarioProvider, ScenarioReport } from './types.js';

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
      this.everything = [...this.curated, ...(bulk ? bulk.order.map((urn) => this.buildBulk(urn, bulk)) : [])];
    }
    return this.everything;
  }

  urns(): string[] {
    const bulk = this.bulk();
    return [...this.curatedByUrn.keys(), ...(bulk ? bulk.order : [])];
  }

  provider(urn: string): ScenarioProvider | undefined {
    const curated = this.curatedByUrn.get(urn);
    if (curated) return curated;
    const bulk = this.bulk();
    return bulk && bulk.entries.has(urn) ? this.buildBulk(urn, bulk) : undefined;
  }

  findReport(fileId: string): { provider: ScenarioProvider; report: ScenarioReport } | undefined {
    const curated = this.curatedFiles.get(fileId);
    if (curated) return curated;
    const bulk = this.bulk();
    const urn = bulk?.fileOwners.get(fileId);
    if (!bulk || !urn) return undefined;
    const provider = this.buildBulk(urn, bulk);
    const report = provider.reports.find((r) => r.fileId === fileId);
    return report ? { provider, report } : undefined;
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
