import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { EventListFilter, ProviderRecord, Store } from '../../store/store.js';
import { normaliseUrn } from '../../ofsted/urn.js';
import { publicUrl } from '../../alerts/alert-deps.js';
import type { ApiDeps } from '../api-deps.js';
import type { ApiToken } from '../auth/api-token.js';
import { hasAdminSession } from './scrape-credentials.js';
import { EMPTY_EVENTS, renderEventsPage, type EventsSlice } from './events-page.js';
import { eventsFilterFrom, eventsStoreFilter, type EventsFilter } from './events-filter.js';
import { FEED_LIMIT, feedItem, tagUri } from './feed-items.js';
import { keptFor } from './kept-for.js';
import { ATOM_CONTENT_TYPE, atomFeed, RSS_CONTENT_TYPE, rssFeed, type FeedMeta } from './feeds.js';
import { csvFilename, historyCsvChunks, judgementColumns, type ProviderHistory } from './history-csv.js';
import type { PageOptions } from './layout.js';
import { messagePage } from './message-page.js';
import { knownProvider, ownedBy, ownerSpellings, providersFor, reportUrlsFor } from './page-data.js';
import { MAX_OWNER_LENGTH, ownerHref, providerHref } from './page-links.js';
import { clampPage, PAGE_SIZE, pageSlice } from './pagination.js';
import { querySeq, queryText } from './query-values.js';
import { spellingsOf, watchlistChoices, watchlistFilterFrom, watchlistQuery, type WatchlistNames } from './watchlist-filter.js';
import { renderWatchlistPage } from './watchlist-page.js';

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

/** The watchlist (`/`), the events page, the feeds and the CSV exports. */
export function registerListPages(app: FastifyInstance, deps: Deps, token: ApiToken): void {
  const { store, config } = deps;
  const baseUrl = publicUrl(config);
  const overallFeeds = feedLinks('/feeds/events', 'All events');

  // Every stored provider's names, from their indexes (a provider no longer watched may add a choice that
  // matches nothing, which costs less than a join with the watchlist), kept a few seconds.
  const watchlistForm = keptFor(CHOICES_TTL_MS, async () => {
    const [owners, localAuthorities, grades] = await Promise.all([store.listNames('owner'), store.listNames('localAuthority'), store.listStoredGrades()]);
    const names: WatchlistNames = { owners, localAuthorities };
    return { names, choices: watchlistChoices(names, grades) };
  });

  app.get('/', async (request, reply) => {
    const filter = watchlistFilterFrom(request.query);
    const [watched, { names, choices }, scopes] = await Promise.all([store.countWatched(), watchlistForm(), store.listWatchScopes()]);
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
      sweepForm: { tokenConfigured: token.configured, hasSession: hasAdminSession(token, request.headers.cookie) },
      ...sweepNotice(request.query),
    }));
  });

  app.get('/events', async (request, reply) => {
    const { filter, problems, typed } = eventsFilterFrom(request.query);
    const feeds = [...overallFeeds];
    if (filter.urn) feeds.push(...feedLinks(`${providerHref(filter.urn)}/events`, `Events of ${filter.urn}`));
    if (filter.owner) feeds.push(...feedLinks(`${ownerHref(filter.owner)}/events`, `Events of ${filter.owner}'s providers`));
    if (problems.length) {
      const html = renderEventsPage({ slice: EMPTY_EVENTS, filter, problems, typed, providers: new Map(), reportUrls: new Map(), feeds });
      return sendHtml(reply, 400, html);
    }
    const owners = filter.owner ? spellingsOf(await store.listNames('owner'), filter.owner) : undefined;
    const slice = await eventsSlice(store, filter, eventsStoreFilter(filter, owners));
    const [providers, reportUrls] = await Promise.all([providersFor(store, slice.items), reportUrlsFor(store, slice.items, config.OFSTED_FILES_URL)]);
    return sendHtml(reply, 200, renderEventsPage({ slice, filter, typed, providers, reportUrls, feeds }));
  });

  /**
   * A feed of the newest FEED_LIMIT events that are not baseline history, newest first; `?before=<n>`
   * is the page of older ones its rel="next" link names (RFC 5005 paged feed).
   */
  async function sendFeed(
    reply: FastifyReply,
    query: unknown,
    format: FeedFormat,
    meta: Omit<FeedMeta, 'selfUrl' | 'now' | 'nextUrl'> & { selfPath: string },
    filter: EventListFilter,
  ): Promise<FastifyReply> {
    const before = querySeq(query, 'before');
    const rows = await store.pageEvents({ ...filter, backfill: false, order: 'newest-first', limit: FEED_LIMIT + 1, ...(before === undefined ? {} : { beforeSeq: before }) });
    const newest = rows.slice(0, FEED_LIMIT).map((r) => r.event);
    const [providers, reportUrls] = await Promise.all([providersFor(store, newest), reportUrlsFor(store, newest, config.OFSTED_FILES_URL)]);
    const items = newest.map((e) => feedItem(e, { baseUrl, providers, reportUrls }));
    const self = `${baseUrl}${meta.selfPath}.${format}`;
    const full: FeedMeta = {
      id: meta.id,
      title: meta.title,
      pageUrl: meta.pageUrl,
      selfUrl: before === undefined ? self : `${self}?before=${before}`,
      now: new Date().toISOString(),
      ...(rows.length > FEED_LIMIT ? { nextUrl: `${self}?before=${rows[FEED_LIMIT - 1]!.seq}` } : {}),
    };
    return format === 'atom'
      ? reply.type(ATOM_CONTENT_TYPE).send(atomFeed(full, items))
      : reply.type(RSS_CONTENT_TYPE).send(rssFeed(full, items));
  }

  for (const format of FORMATS) {
    app.get(`/feeds/events.${format}`, async (request, reply) =>
      sendFeed(
        reply,
        request.query,
        format,
        { id: tagUri('events'), title: 'ofsted-monitor: all events', pageUrl: `${baseUrl}/events`, selfPath: '/feeds/events' },
        {},
      ),
    );

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
