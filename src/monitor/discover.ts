// Discovery (issue 12): instead of reading every watched provider's page, ask Ofsted's search, per watched
// category, which providers' latest report was published since the last complete pass, and hand only those
// on to the usual provider scrape. Scopes (a category, a local authority, an owner) are watched the same way:
// their first pass lists the whole scope and baselines it; a provider that appears in a scope later is news.
import { BadInputError, OfstedMonitorError } from '../errors.js';
import type { Logger } from '../logger.js';
import {
  buildSearchUrl,
  localAuthorityKey,
  searchCategoryOf,
  type ParseSearchPageOptions,
  type SearchCategory,
  type SearchPage,
  type SearchQuery,
  type SearchResult,
} from '../ofsted/site/search-page.js';
import type { ProviderRecord, ScopeKey, Store, WatchScope } from '../store/store.js';
import { describeScope } from './describe-scope.js';
import type { ReportSource } from './scrape-provider.js';

/** What discovery needs from Ofsted's site besides provider pages; OfstedSite implements it. */
export interface SearchSource {
  readonly reportsOrigin: string;
  /** One results page, read strictly (SearchPageShapeError when it changed shape). */
  fetchSearchPage(url: string, options?: ParseSearchPageOptions): Promise<SearchPage>;
  /** The search's local_authority[] codes by localAuthorityKey. */
  fetchLocalAuthorityCodes(): Promise<Map<string, number>>;
}

export interface DiscoverDeps {
  site: SearchSource & Pick<ReportSource, 'fetchProviderPage'>;
  store: Store;
  logger: Logger;
  /** @defaultValue () => new Date() */
  now?: () => Date;
  /**
   * Scrape (in-process) or queue (daemon) these providers. Marks advance only once it resolves: a
   * hand-off that fails leaves the window to be searched again.
   */
  handOff(urns: readonly string[]): Promise<void>;
  /** Log each failed category at error level; the CLI says it in its one line instead. @defaultValue true */
  logFailures?: boolean;
  /** Days searched again before the high-water mark, for late publication and clock skew. @defaultValue 3 */
  overlapDays?: number;
}

export interface DiscoverOptions {
  /** ISO date: search from this day instead of each category's high-water mark. */
  since?: string;
}

export interface CategoryPass {
  category: SearchCategory;
  /** null for a scope's first pass (no date window). */
  from: string | null;
  until: string;
  pages: number;
  listed: number;
}

export interface DiscoveryResult {
  /** Earliest day searched (null when nothing was searched by date). */
  since: string | null;
  until: string;
  /** Requests discovery itself made (search pages, LA codes, pages read to tell an owner). */
  requests: number;
  /** Every provider handed on to be scraped, in URN order. */
  providers: string[];
  /** Providers newly watched because they are inside a watched scope. */
  added: string[];
  passes: CategoryPass[];
}

/** A search page said more pages follow than any real search has: stop rather than loop. */
const MAX_PAGES = 2_000;
export const DEFAULT_OVERLAP_DAYS = 3;

/**
 * One discovery pass. Throws (after handing on what the categories that did complete found, and advancing
 * only their marks) when any search failed or changed shape: a partial pass is never taken for a whole one.
 */
export async function discover(deps: DiscoverDeps, options: DiscoverOptions = {}): Promise<DiscoveryResult> {
  const { store, logger } = deps;
  const today = isoDay(deps.now?.() ?? new Date());
  const overlap = deps.overlapDays ?? DEFAULT_OVERLAP_DAYS;
  if (options.since !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.since)) {
    throw new BadInputError(`--since must be an ISO date (YYYY-MM-DD), got ${JSON.stringify(options.since)}`);
  }
  const run = new Pass(deps);
  const failures: { category: SearchCategory; err: unknown }[] = [];

  const scopes = await store.listWatchScopes();
  const watched = (await store.watchList()).map((w) => w.urn);
  const watchedSet = new Set(watched);
  const stored = await store.getProviders(watched);
  const latest = await store.latestPublished(watched);
  const marks = await store.discoveryMarks();

  // Newly watched URNs have no baseline yet: no search can tell their history, so they are read whole.
  const handOff = new Set(watched.filter((urn) => !stored.get(urn)?.firstScrapedAt));
  const added: string[] = [];
  const completed: SearchCategory[] = [];
  const passes: CategoryPass[] = [];

  // A scope's first pass: list all of it and watch it; its providers' first scrapes are baselines.
  const fresh = scopes.filter((s) => !s.baselinedAt);
  const baselined: WatchScope[] = [];
  for (const scope of fresh) {
    try {
      const { urns, pass } = await run.listScope(scope);
      added.push(...urns.filter((u) => !stored.has(u)));
      await store.watchAdd(urns);
      urns.forEach((u) => handOff.add(u));
      baselined.push(scope);
      passes.push(pass);
      logger.info({ scope: describeScope(scope), providers: urns.length, pages: pass.pages }, 'discovery: first pass of a watched scope');
    } catch (err) {
      failures.push({ category: scope.category, err });
    }
  }

  // The date-window pass, per category that anything watched belongs to.
  const byCategory = new Map<SearchCategory, ProviderRecord[]>();
  for (const p of stored.values()) {
    const category = p.firstScrapedAt && !p.closedAt ? searchCategoryOf(p) : null;
    if (category) byCategory.set(category, [...(byCategory.get(category) ?? []), p]);
  }
  const ready = scopes.filter((s) => s.baselinedAt);
  const categories = new Set<SearchCategory>([...byCategory.keys(), ...ready.map((s) => s.category)]);
  const froms: string[] = [];
  for (const category of [...categories].sort()) {
    const providers = byCategory.get(category) ?? [];
    const inScopes = ready.filter((s) => s.category === category);
    const mark = marks.get(category);
    const from =
      options.since ??
      (mark
        ? addDays(mark, -overlap)
        : addDays(providers.map((p) => (p.lastScrapedAt ?? today).slice(0, 10)).sort()[0] ?? today, -overlap));
    froms.push(from);
    try {
      const las = await run.laFilter(providers, inScopes);
      const { results, pass } = await run.search({ category, from, to: today, ...(las ? { localAuthorities: las } : {}) }, true);
      passes.push(pass);
      for (const r of results) {
        const known = stored.get(r.urn);
        if (known) {
          const held = latest.get(r.urn);
          if (!held || (r.latestReportDate !== null && r.latestReportDate > held)) handOff.add(r.urn);
          continue;
        }
        if (inScopes.length === 0 || watchedSet.has(r.urn)) continue;
        // Not watched: a provider we have never scraped inside a baselined scope is new there (registered
        // after the baseline); what it published in the searched window is news, anything older history.
        if ((await store.getProvider(r.urn)) !== null) continue;
        const scope = await run.scopeOf(r, inScopes, las !== null);
        if (!scope) continue;
        await store.watchAddNews([r.urn], from);
        added.push(r.urn);
        handOff.add(r.urn);
        logger.info({ urn: r.urn, scope: describeScope(scope) }, 'discovery: a provider new inside a watched scope is now watched');
      }
      completed.push(category);
    } catch (err) {
      failures.push({ category, err });
    }
  }

  const providers = [...handOff].sort();
  if (providers.length > 0) await deps.handOff(providers);
  const at = new Date().toISOString();
  for (const scope of baselined) await store.markWatchScopeBaselined(scope, at);
  // A scope's first pass read everything up to today: its category's date window starts here.
  for (const scope of baselined) if (!marks.has(scope.category) && !categories.has(scope.category)) await store.setDiscoveryMark(scope.category, today, at);
  for (const category of completed) if (!failures.some((f) => f.category === category)) await store.setDiscoveryMark(category, today, at);

  const result: DiscoveryResult = {
    since: froms.sort()[0] ?? null,
    until: today,
    requests: run.requests,
    providers,
    added: [...new Set(added)].sort(),
    passes,
  };
  if (failures.length > 0) {
    for (const f of deps.logFailures === false ? [] : failures) {
      logger.error({ category: f.category, err: errorText(f.err) }, 'discovery failed: its high-water mark stays where it was');
    }
    const first = failures[0]!;
    throw new DiscoveryFailedError(
      `discovery of ${failures.map((f) => f.category).join(', ')} failed (${errorText(first.err)}); nothing was marked as searched there, the next pass searches the same days again`,
      first.err,
      result,
      [...new Set(failures.map((f) => f.category))],
    );
  }
  logger.info({ since: result.since, until: today, requests: result.requests, providers: providers.length, added: result.added.length }, 'discovery pass done');
  return result;
}

/**
 * A pass that did not complete. Carries the failing error's exit code (4 for a search that changed shape or
 * did not answer) and what the pass did get done.
 */
export class DiscoveryFailedError extends OfstedMonitorError {
  override readonly exitCode: number;
  constructor(
    message: string,
    cause: unknown,
    readonly partial: DiscoveryResult,
    /** The categories whose pass failed (their marks stayed where they were). */
    readonly categories: readonly SearchCategory[] = [],
  ) {
    super(message, { cause });
    this.exitCode = cause instanceof OfstedMonitorError ? cause.exitCode : 1;
  }
}

/** The requests of one pass, and what it learnt once (LA codes). */
class Pass {
  requests = 0;
  #codes: Map<string, number> | undefined;
  readonly #deps: DiscoverDeps;

  constructor(deps: DiscoverDeps) {
    this.#deps = deps;
  }

  /** Every page of a search, in order; results once each. */
  async search(query: SearchQuery, requireDates: boolean): Promise<{ results: SearchResult[]; pass: CategoryPass }> {
    const results = new Map<string, SearchResult>();
    let pages = 0;
    for (let url: string | null = buildSearchUrl(this.#deps.site, { ...query, rows: 100 }); url; ) {
      if (++pages > MAX_PAGES) throw new OfstedMonitorError(`Ofsted search kept linking next pages past ${MAX_PAGES}; stopped`);
      this.requests++;
      const page: SearchPage = await this.#deps.site.fetchSearchPage(url, { requireDates });
      for (const r of page.results) if (!results.has(r.urn)) results.set(r.urn, r);
      url = page.nextPageUrl;
    }
    const pass = { category: query.category, from: query.from ?? null, until: query.to ?? isoDay(this.#deps.now?.() ?? new Date()), pages, listed: results.size };
    return { results: [...results.values()], pass };
  }

  /** The codes of these LA names; BadInputError for a name the search does not know. */
  async codes(names: readonly string[]): Promise<number[]> {
    if (!this.#codes) {
      this.requests++;
      this.#codes = await this.#deps.site.fetchLocalAuthorityCodes();
    }
    return names.map((name) => {
      const code = this.#codes!.get(localAuthorityKey(name));
      if (code === undefined) throw new BadInputError(`Ofsted's search knows no local authority called ${JSON.stringify(name)}; check its spelling on reports.ofsted.gov.uk`);
      return code;
    });
  }

  /**
   * LA codes to narrow a category's search to, when everything watched in it is inside the scopes' local
   * authorities; null to search the whole category.
   */
  async laFilter(providers: readonly ProviderRecord[], scopes: readonly ScopeKey[]): Promise<number[] | null> {
    if (scopes.length === 0 || scopes.some((s) => !s.localAuthority)) return null;
    const names = new Set(scopes.map((s) => localAuthorityKey(s.localAuthority!)));
    if (providers.some((p) => !p.localAuthority || !names.has(localAuthorityKey(p.localAuthority)))) return null;
    return this.codes([...new Set(scopes.map((s) => s.localAuthority!))]);
  }

  /** Every provider of a scope, for its first pass (owners told from their pages). */
  async listScope(scope: WatchScope): Promise<{ urns: string[]; pass: CategoryPass }> {
    const las = scope.localAuthority ? await this.codes([scope.localAuthority]) : undefined;
    // Open providers only: a closed one publishes nothing new.
    const { results, pass } = await this.search({ category: scope.category, status: ['open'], ...(las ? { localAuthorities: las } : {}) }, false);
    const urns: string[] = [];
    for (const r of results) if (!scope.owner || (await this.scopeOf(r, [scope], true))) urns.push(r.urn);
    return { urns, pass };
  }

  /**
   * The scope a listed provider is inside, or null. `inLa`: the search was narrowed to the scopes' LAs, so
   * an LA-only scope holds whatever it listed. Otherwise the provider's page says its LA and owner (one request).
   */
  async scopeOf(r: SearchResult, scopes: readonly WatchScope[], inLa: boolean): Promise<WatchScope | null> {
    const whole = scopes.find((s) => !s.localAuthority && !s.owner);
    if (whole) return whole;
    if (inLa && scopes.length === 1 && !scopes[0]!.owner) return scopes[0]!;
    const stored = await this.#deps.store.getProvider(r.urn);
    let info: { localAuthority: string | null; owner: string | null } | null = stored;
    if (!info) {
      this.requests++;
      const page = await this.#deps.site.fetchProviderPage(r.urn, r.category);
      info = 'provider' in page ? page.provider : null;
    }
    if (!info) return null;
    return (
      scopes.find(
        (s) =>
          (!s.localAuthority || (info.localAuthority !== null && localAuthorityKey(info.localAuthority) === localAuthorityKey(s.localAuthority))) &&
          (!s.owner || (info.owner !== null && sameName(info.owner, s.owner))),
      ) ?? null
    );
  }
}

function sameName(a: string, b: string): boolean {
  return a.trim().replace(/\s+/g, ' ').toLowerCase() === b.trim().replace(/\s+/g, ' ').toLowerCase();
}

// In a module of its own so `watch list` need not load the search reader (and cheerio) to print scopes.
export { describeScope };

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
