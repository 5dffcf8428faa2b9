import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { EventListFilter, ProviderRecord, Store } from '../../store/store.js';
import { normaliseUrn } from '../../ofsted/urn.js';
import { publicUrl } from '../../alerts/alert-deps.js';
import type { ApiDeps } from '../api-deps.js';
import type { ApiToken } from '../auth/api-token.js';
import { hasAdminSession } from './scrape-credentials.js';
import { renderDeclinesPage } from './declines-page.js';
import { EVENT_TYPE_LABEL } from './event-text.js';
import { eventsCsvChunks } from './events-csv.js';
import { EMPTY_EVENTS, renderEventsPage, type EventsSlice } from './events-page.js';
import { ANY_DECLINE, eventsFilterFrom, eventsParams, eventsStoreFilter, type EventsFilter, type NameSpellings } from './events-filter.js';
import { FEED_LIMIT, feedItem, tagUri } from './feed-items.js';
import { registerFollowPages } from './follow-pages.js';
import { keptFor } from './kept-for.js';
import { ATOM_CONTENT_TYPE, atomFeed, RSS_CONTENT_TYPE, rssFeed, type FeedMeta } from './feeds.js';
import { csvFilename, historyCsvChunks, judgementColumns, type ProviderHistory } from './history-csv.js';
import type { PageOptions } from './layout.js';
import { messagePage } from './message-page.js';
import { knownProvider, ownedBy, ownerSpellings, providersFor, reportUrlsFor } from './page-data.js';
import { MAX_OWNER_LENGTH, ownerHref, providerHref } from './page-links.js';
import { clampPage, PAGE_SIZE, pageSlice } from './pagination.js';
import { hrefWith, querySeq, queryText } from './query-values.js';
import { distinctNames, spellingsOf, watchlistChoices, watchlistFilterFrom, watchlistQuery, type WatchlistNames } from './watchlist-filter.js';
import { renderWatchlistPage, WATCHLIST_PATH } from './watchlist-page.js';

type Deps = Pick<ApiDeps, 'store' | 'config'>;
type FeedFormat = 'atom' | 'rss';

const FORMATS: readonly FeedFormat[] = ['atom', 'rss'];

/** How long the watchlist form's choices (and the owner and LA spellings its filters use) are kept. */
const CHOICES_TTL_MS = 10_000;

/** The events page counts the matching events up to this many, then says "more than". */
const EVENTS_COUNTED = 1_000;

/** Providers read at once for a CSV export: one query for their histories, a few ms of work between yields. */
const CSV_BATCH = 50;

function feedLinks(path: string, title: string): NonNullable<PageOptions['feeds']> {
  return FORMATS.map((type) => ({ href: `${path}.${type}`, title: `${title} (${type === 'atom' ? 'Atom' : 'RSS'})`, type }));
}

function sendHtml(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(html);
}

function badUrn(reply: FastifyReply, raw: string): FastifyReply {
  const shown = raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
  return sendHtml(
    reply,
    400,
    messagePage({
      title: 'Not a URN',
      message: `not a URN: ${JSON.stringify(shown)} (expected SC + 6 digits, 5-7 digits, or EY + digits)`,
    }),
  );
}

function unknownUrn(reply: FastifyReply, urn: string): FastifyReply {
  return sendHtml(
    reply,
    404,
    messagePage({
      title: `${urn} is not known here`,
      message: `Nothing is stored for ${urn} and it is not on the watchlist: ofsted-monitor watch add ${urn} (or ofsted-monitor scrape ${urn}) to fetch it.`,
    }),
  );
}

function unknownOwner(reply: FastifyReply, name: string): FastifyReply {
  return sendHtml(
    reply,
    404,
    messagePage({ title: 'Owner not known here', message: `No stored provider is owned by ${JSON.stringify(name.slice(0, MAX_OWNER_LENGTH))}.` }),
  );
}

/** The owner a feed or export path names: its stored providers, or none for a blank or overlong name. */
async function ownerOf(store: Store, raw: string): Promise<{ name: string; owned: ProviderRecord[] }> {
  const name = raw.trim();
  return { name, owned: name && name.length <= MAX_OWNER_LENGTH ? await ownedBy(store, name) : [] };
}

/**
 * A streamed CSV: the header as soon as the kinds are known, then one chunk per batch of providers, read
 * from the store only as the client takes them (a slow reader holds nothing but one batch).
 */
function sendCsv(reply: FastifyReply, scope: string, keys: string[], batches: AsyncIterable<ProviderHistory[]>): FastifyReply {
  return reply
    .type('text/csv; charset=utf-8; header=present')
    .header('content-disposition', `attachment; filename="${csvFilename(scope)}"`)
    .send(Readable.from(historyCsvChunks(keys, batches), { objectMode: false }));
}

/** The histories of these providers, CSV_BATCH at a time. */
async function* historiesOf(store: Store, providers: readonly Pick<ProviderRecord, 'urn' | 'name' | 'owner' | 'localAuthority'>[]): AsyncGenerator<ProviderHistory[]> {
  for (let i = 0; i < providers.length; i += CSV_BATCH) {
    const batch = providers.slice(i, i + CSV_BATCH);
    const histories = await store.histories(batch.map((p) => p.urn));
    yield batch.map((provider) => ({ provider, history: histories.get(provider.urn) ?? [] }));
  }
}

/** Every watched provider's history, in URN order, CSV_BATCH at a time, walking the watchlist by key. */
async function* watchedHistories(store: Store): AsyncGenerator<ProviderHistory[]> {
  let afterUrn: string | undefined;
  for (;;) {
    const urns = await store.pageWatchedUrns({ limit: CSV_BATCH, ...(afterUrn === undefined ? {} : { afterUrn }) });
    if (urns.length === 0) return;
    const [providers, histories] = await Promise.all([store.getProviders(urns), store.histories(urns)]);
    yield urns.map((urn) => ({
      provider: providers.get(urn) ?? { urn, name: null, owner: null, localAuthority: null },
      history: histories.get(urn) ?? [],
    }));
    if (urns.length < CSV_BATCH) return;
    afterUrn = urns.at(-1);
  }
}

/**
 * One page of events newest first, cut by insertion order: the newest page, the page before (older
 * than) an event, or the page after (newer than) one. Reads one row beyond the page to know whether
 * there are more, and one more to know whether there is anything on the other side.
 */
async function eventsSlice(store: Store, filter: EventsFilter, storeFilter: EventListFilter): Promise<EventsSlice> {
  const size = PAGE_SIZE;
  let items: { seq: number; event: EventsSlice['items'][number] }[];
  let moreNewer: boolean;
  let moreOlder: boolean;
  if (filter.after !== undefined) {
    const rows = await store.pageEvents({ ...storeFilter, afterSeq: filter.after, order: 'oldest-first', limit: size + 1 });
    moreNewer = rows.length > size;
    items = rows.slice(0, size).reverse();
    const last = items.at(-1);
    moreOlder = last !== undefined && (await store.pageEvents({ ...storeFilter, beforeSeq: last.seq, order: 'newest-first', limit: 1 })).length > 0;
  } else {
    const rows = await store.pageEvents({ ...storeFilter, order: 'newest-first', limit: size + 1, ...(filter.before === undefined ? {} : { beforeSeq: filter.before }) });
    moreOlder = rows.length > size;
    items = rows.slice(0, size);
    const first = items[0];
    moreNewer =
      filter.before !== undefined && first !== undefined && (await store.pageEvents({ ...storeFilter, afterSeq: first.seq, order: 'oldest-first', limit: 1 })).length > 0;
  }
  return {
    items: items.map((r) => r.event),
    total: await store.countEvents(storeFilter, EVENTS_COUNTED),
    countedUpTo: EVENTS_COUNTED,
    newerThan: moreNewer ? items[0]!.seq : null,
    olderThan: moreOlder ? items.at(-1)!.seq : null,
  };
}

/** `?sweep=<job id>` after "Sweep now": shown only when it could be one of our job ids. */
function sweepNotice(query: unknown): { sweepJobId?: string } {
  const id = queryText(query, 'sweep');
  return id && /^[A-Za-z0-9._-]{1,200}$/.test(id) ? { sweepJobId: id } : {};
}

/** Query parameters only the watchlist reads: a bookmark of the old `/?grade=…` watchlist carries one. */
const WATCHLIST_ONLY = ['q', 'grade', 'sort', 'page', 'latest', 'sweep'];

/** The query string of a request URL, with its "?" ("" for none). */
function searchOf(url: string): string {
  const at = url.indexOf('?');
  return at < 0 ? '' : url.slice(at);
}

/** A one-line 400 for a feed or CSV asked for with a filter it cannot use. */
function badFilter(reply: FastifyReply, problems: readonly string[]): FastifyReply {
  return reply.code(400).type('text/plain; charset=utf-8').send(`${problems.join('; ')}\n`);
}

/** "declines in Derby owned by X": what a filtered feed holds, for its title. */
function filterTitle(filter: EventsFilter): string {
  const what = filter.type === ANY_DECLINE ? 'declines' : filter.type ? `${EVENT_TYPE_LABEL[filter.type].toLowerCase()} events` : 'events';
  const parts = [what];
  if (filter.urn) parts.push(`of ${filter.urn}`);
  if (filter.la) parts.push(`in ${filter.la}`);
  if (filter.owner) parts.push(`owned by ${filter.owner}`);
  if (filter.providerType) parts.push(`(${filter.providerType})`);
  if (filter.since) parts.push(`since ${filter.since}`);
  else if (filter.period && filter.period !== 'all') parts.push(`in the last ${filter.period} days`);
  return parts.join(' ');
}

/** The declines view (`/`), the watchlist, the events page, the feeds and the CSV exports. */
export function registerListPages(app: FastifyInstance, deps: Deps, token: ApiToken): void {
  const { store, config } = deps;
  const baseUrl = publicUrl(config);
  const overallFeeds = feedLinks('/feeds/events', 'All events');

  // Every stored provider's names, from their indexes (a provider no longer watched may add a choice that
  // matches nothing, which costs less than a join with the watchlist), kept a few seconds.
  const storedNames = keptFor(CHOICES_TTL_MS, async () => {
    const [owners, localAuthorities, providerTypes, grades] = await Promise.all([
      store.listNames('owner'),
      store.listNames('localAuthority'),
      store.listNames('providerType'),
      store.listStoredGrades(),
    ]);
    const names: WatchlistNames = { owners, localAuthorities };
    const choices = watchlistChoices(names, grades);
    return { names, providerTypes, choices, eventChoices: { localAuthorities: choices.localAuthorities, owners: choices.owners, providerTypes: distinctNames(providerTypes) } };
  });

  /** The stored spellings of the names the filter asks for. */
  async function spellings(filter: EventsFilter): Promise<NameSpellings> {
    if (!filter.owner && !filter.la && !filter.providerType) return {};
    const { names, providerTypes } = await storedNames();
    return {
      ...(filter.owner ? { owners: spellingsOf(names.owners, filter.owner) } : {}),
      ...(filter.la ? { localAuthorities: spellingsOf(names.localAuthorities, filter.la) } : {}),
      ...(filter.providerType ? { providerTypes: spellingsOf(providerTypes, filter.providerType) } : {}),
    };
  }

  const follow = (cookie: string | undefined) => ({ tokenConfigured: token.configured, hasSession: hasAdminSession(token, cookie) });

  /** The feeds of what a filtered page shows, for <head>. */
  function pageFeeds(filter: EventsFilter): NonNullable<PageOptions['feeds']> {
    const params = eventsParams(filter);
    const filtered = Object.values(params).some((v) => v !== undefined);
    if (!filtered) return overallFeeds;
    const title = filterTitle(filter);
    return [
      { href: hrefWith('/feeds/events.atom', params), title: `${title} (Atom)`, type: 'atom' },
      { href: hrefWith('/feeds/events.rss', params), title: `${title} (RSS)`, type: 'rss' },
      ...overallFeeds,
    ];
  }

  app.get('/', async (request, reply) => {
    // The watchlist lived here: its bookmarks still reach it.
    if (WATCHLIST_ONLY.some((name) => queryText(request.query, name) !== undefined)) {
      return reply.redirect(`${WATCHLIST_PATH}${searchOf(request.url)}`, 302);
    }
    const parsed = eventsFilterFrom(request.query, '30');
    const filter: EventsFilter = { ...parsed.filter, type: ANY_DECLINE };
    const now = new Date();
    const { eventChoices } = await storedNames();
    const common = { filter, typed: parsed.typed, choices: eventChoices, follow: follow(request.headers.cookie), feeds: pageFeeds(filter), now };
    // A type asked for here is ignored (this view is declines), so only the other problems count.
    const problems = parsed.problems.filter((p) => !p.startsWith('unknown event type'));
    if (problems.length) {
      return sendHtml(reply, 400, renderDeclinesPage({ ...common, slice: EMPTY_EVENTS, problems, providers: new Map(), reportUrls: new Map(), published: new Map() }));
    }
    // What got worse and still stands: a decline a later-arriving report superseded is not counted twice.
    const standing = { ...eventsStoreFilter(filter, await spellings(filter), now), standing: true };
    const slice = await eventsSlice(store, filter, standing);
    const fileIds = slice.items.flatMap((e) => (e.fileId ? [e.fileId] : []));
    const [providers, reportUrls, published] = await Promise.all([
      providersFor(store, slice.items),
      reportUrlsFor(store, slice.items, config.OFSTED_FILES_URL),
      fileIds.length ? store.reportPublished(fileIds) : new Map<string, string | null>(),
    ]);
    return sendHtml(reply, 200, renderDeclinesPage({ ...common, slice, providers, reportUrls, published }));
  });

  app.get(WATCHLIST_PATH, async (request, reply) => {
    const filter = watchlistFilterFrom(request.query);
    const [watched, { names, choices }, scopes] = await Promise.all([store.countWatched(), storedNames(), store.listWatchScopes()]);
    let page = Math.max(1, filter.page);
    let found = await store.watchedProviderSummaries(watchlistQuery(filter, names, (page - 1) * PAGE_SIZE, PAGE_SIZE));
    // A page past the end shows the last one.
    if (found.items.length === 0 && found.total > 0) {
      page = clampPage(page, found.total);
      found = await store.watchedProviderSummaries(watchlistQuery(filter, names, (page - 1) * PAGE_SIZE, PAGE_SIZE));
    }
    const slice = pageSlice(found.items, page, found.total);
    return sendHtml(reply, 200, renderWatchlistPage({
      watched,
      slice,
      choices,
      filter,
      feeds: overallFeeds,
      scopes,
      sweepForm: follow(request.headers.cookie),
      follow: follow(request.headers.cookie),
      ...sweepNotice(request.query),
    }));
  });

  app.get('/events', async (request, reply) => {
    const { filter, problems, typed } = eventsFilterFrom(request.query);
    const feeds = pageFeeds(filter);
    if (filter.urn) feeds.push(...feedLinks(`${providerHref(filter.urn)}/events`, `Events of ${filter.urn}`));
    if (filter.owner) feeds.push(...feedLinks(`${ownerHref(filter.owner)}/events`, `Events of ${filter.owner}'s providers`));
    const { eventChoices } = await storedNames();
    const common = { filter, typed, feeds, choices: eventChoices, follow: follow(request.headers.cookie) };
    if (problems.length) {
      return sendHtml(reply, 400, renderEventsPage({ ...common, slice: EMPTY_EVENTS, problems, providers: new Map(), reportUrls: new Map() }));
    }
    const slice = await eventsSlice(store, filter, eventsStoreFilter(filter, await spellings(filter), new Date()));
    const [providers, reportUrls] = await Promise.all([providersFor(store, slice.items), reportUrlsFor(store, slice.items, config.OFSTED_FILES_URL)]);
    return sendHtml(reply, 200, renderEventsPage({ ...common, slice, providers, reportUrls }));
  });

  // The events a page's filter keeps, newest first, streamed a batch at a time.
  app.get('/events.csv', async (request, reply) => {
    const { filter, problems } = eventsFilterFrom(request.query);
    if (problems.length) return badFilter(reply, problems);
    const storeFilter = eventsStoreFilter(filter, await spellings(filter), new Date());
    return reply
      .type('text/csv; charset=utf-8; header=present')
      .header('content-disposition', `attachment; filename="${filter.type === ANY_DECLINE ? 'declines' : 'events'}.csv"`)
      .send(Readable.from(eventsCsvChunks(store, storeFilter, config.OFSTED_FILES_URL), { objectMode: false }));
  });

  /**
   * A feed of the newest FEED_LIMIT events, newest first; `?before=<n>` is the page of older ones its
   * rel="next" link names (RFC 5005 paged feed). `params` are the filter's query parameters, kept on those links.
   */
  async function sendFeed(
    reply: FastifyReply,
    query: unknown,
    format: FeedFormat,
    meta: Omit<FeedMeta, 'selfUrl' | 'now' | 'nextUrl'> & { selfPath: string },
    filter: EventListFilter,
    params: Record<string, string | undefined> = {},
  ): Promise<FastifyReply> {
    const before = querySeq(query, 'before');
    const rows = await store.pageEvents({ backfill: false, ...filter, order: 'newest-first', limit: FEED_LIMIT + 1, ...(before === undefined ? {} : { beforeSeq: before }) });
    const newest = rows.slice(0, FEED_LIMIT).map((r) => r.event);
    const [providers, reportUrls] = await Promise.all([providersFor(store, newest), reportUrlsFor(store, newest, config.OFSTED_FILES_URL)]);
    const items = newest.map((e) => feedItem(e, { baseUrl, providers, reportUrls }));
    const self = `${baseUrl}${meta.selfPath}.${format}`;
    const full: FeedMeta = {
      id: meta.id,
      title: meta.title,
      pageUrl: meta.pageUrl,
      selfUrl: hrefWith(self, { ...params, before }),
      now: new Date().toISOString(),
      ...(rows.length > FEED_LIMIT ? { nextUrl: hrefWith(self, { ...params, before: rows[FEED_LIMIT - 1]!.seq }) } : {}),
    };
    return format === 'atom'
      ? reply.type(ATOM_CONTENT_TYPE).send(atomFeed(full, items))
      : reply.type(RSS_CONTENT_TYPE).send(rssFeed(full, items));
  }

  for (const format of FORMATS) {
    // Takes the events page's filters (`?type=decline&la=Derby`); unfiltered, it is every event.
    app.get(`/feeds/events.${format}`, async (request, reply) => {
      const { filter, problems } = eventsFilterFrom(request.query);
      if (problems.length) return badFilter(reply, problems);
      const params = eventsParams(filter);
      const query = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined)).toString();
      const storeFilter = eventsStoreFilter(filter, await spellings(filter), new Date());
      return sendFeed(
        reply,
        request.query,
        format,
        {
          // One feed id per filter, so a reader keeps a declines feed apart from the whole one.
          id: tagUri(query ? `events/${query}` : 'events'),
          title: `ofsted-monitor: ${query ? filterTitle(filter) : 'all events'}`,
          pageUrl: `${baseUrl}${hrefWith(filter.type === ANY_DECLINE ? '/' : '/events', params)}`,
          selfPath: '/feeds/events',
        },
        storeFilter,
        params,
      );
    });
    app.get<{ Params: { urn: string } }>(`/providers/:urn/events.${format}`, async (request, reply) => {
      const urn = normaliseUrn(request.params.urn);
      if (!urn) return badUrn(reply, request.params.urn);
      const provider = await knownProvider(store, urn);
      if (!provider) return unknownUrn(reply, urn);
      const title = provider.name ? `${provider.name} (${urn})` : urn;
      return sendFeed(
        reply,
        request.query,
        format,
        { id: tagUri(`provider/${urn}/events`), title: `${title}: events`, pageUrl: `${baseUrl}${providerHref(urn)}`, selfPath: `${providerHref(urn)}/events` },
        { urn },
      );
    });

    app.get<{ Params: { name: string } }>(`/owners/:name/events.${format}`, async (request, reply) => {
      const name = request.params.name.trim();
      const spellings = name && name.length <= MAX_OWNER_LENGTH ? await ownerSpellings(store, name) : [];
      if (!spellings.length) return unknownOwner(reply, name);
      const owner = (await store.providersNamed('owner', spellings))[0]?.owner ?? name;
      // The id follows the folded name, so "Derby City Council" and "derby city council" are one feed.
      const key = owner.toLowerCase().replace(/\s+/g, ' ');
      return sendFeed(
        reply,
        request.query,
        format,
        { id: tagUri(`owner/${key}/events`), title: `${owner}: events`, pageUrl: `${baseUrl}${ownerHref(owner)}`, selfPath: `${ownerHref(owner)}/events` },
        { owners: spellings },
      );
    });
  }

  registerFollowPages(app, deps, token);

  app.get('/history.csv', async (_request, reply) => {
    const keys = judgementColumns(await store.inspectionKinds('watched'));
    return sendCsv(reply, 'watchlist', keys, watchedHistories(store));
  });

  app.get<{ Params: { urn: string } }>('/providers/:urn/history.csv', async (request, reply) => {
    const urn = normaliseUrn(request.params.urn);
    if (!urn) return badUrn(reply, request.params.urn);
    const provider = await knownProvider(store, urn);
    if (!provider) return unknownUrn(reply, urn);
    const keys = judgementColumns(await store.inspectionKinds({ urns: [urn] }));
    return sendCsv(reply, urn, keys, historiesOf(store, [provider]));
  });

  app.get<{ Params: { name: string } }>('/owners/:name/history.csv', async (request, reply) => {
    const { name, owned } = await ownerOf(store, request.params.name);
    if (!owned.length) return unknownOwner(reply, name);
    const keys = judgementColumns(await store.inspectionKinds({ urns: owned.map((p) => p.urn) }));
    return sendCsv(reply, owned[0]!.owner ?? name, keys, historiesOf(store, owned));
  });
}
