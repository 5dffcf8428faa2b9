import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ChangeEvent } from '../../ofsted/types.js';
import { normaliseUrn } from '../../ofsted/urn.js';
import type { EventFilter } from '../../store/store.js';
import { publicUrl } from '../../alerts/alert-deps.js';
import type { ApiDeps } from '../api-deps.js';
import { renderEventsPage } from './events-page.js';
import { eventsFilterFrom, filterEvents } from './events-filter.js';
import { feedEvents, feedItem, tagUri } from './feed-items.js';
import { ATOM_CONTENT_TYPE, atomFeed, RSS_CONTENT_TYPE, rssFeed, type FeedMeta } from './feeds.js';
import { csvFilename, historyCsv, type ProviderHistory } from './history-csv.js';
import type { PageOptions } from './layout.js';
import { messagePage } from './message-page.js';
import { knownProvider, mapInBatches, ownedBy, providerMap, reportUrlsFor } from './page-data.js';
import { MAX_OWNER_LENGTH, ownerHref, providerHref } from './page-links.js';
import { paginate } from './pagination.js';
import { watchlistFilterFrom } from './watchlist-filter.js';
import { renderWatchlistPage } from './watchlist-page.js';

type Deps = Pick<ApiDeps, 'store' | 'config'>;
type FeedFormat = 'atom' | 'rss';

const FORMATS: readonly FeedFormat[] = ['atom', 'rss'];


/** Histories read at once for a CSV of many providers. */
const HISTORY_BATCH = 16;

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

function sendCsv(reply: FastifyReply, scope: string, providers: readonly ProviderHistory[]): FastifyReply {
  return reply
    .type('text/csv; charset=utf-8; header=present')
    .header('content-disposition', `attachment; filename="${csvFilename(scope)}"`)
    .send(historyCsv(providers));
}

/** The watchlist (`/`), the events page, the feeds and the CSV exports. */
export function registerListPages(app: FastifyInstance, deps: Deps): void {
  const { store, config } = deps;
  const baseUrl = publicUrl(config);
  const overallFeeds = feedLinks('/feeds/events', 'All events');

  app.get('/', async (request, reply) => {
    const summaries = await store.listProviderSummaries();
    return sendHtml(reply, 200, renderWatchlistPage({ summaries, filter: watchlistFilterFrom(request.query), feeds: overallFeeds }));
  });

  app.get('/events', async (request, reply) => {
    const { filter, problems, typed } = eventsFilterFrom(request.query);
    const feeds = [...overallFeeds];
    if (filter.urn) feeds.push(...feedLinks(`${providerHref(filter.urn)}/events`, `Events of ${filter.urn}`));
    if (filter.owner) feeds.push(...feedLinks(`${ownerHref(filter.owner)}/events`, `Events of ${filter.owner}'s providers`));
    if (problems.length) {
      const html = renderEventsPage({ slice: paginate([], 1), filter, problems, typed, providers: new Map(), reportUrls: new Map(), feeds });
      return sendHtml(reply, 400, html);
    }
    const storeFilter: EventFilter = {};
    if (filter.since) storeFilter.since = filter.since;
    if (filter.urn) storeFilter.urn = filter.urn;
    const [events, providers] = await Promise.all([store.listEvents(storeFilter), store.listProviders()]);
    const byUrn = providerMap(providers);
    const slice = paginate(filterEvents(events, filter, byUrn), filter.page);
    const reportUrls = await reportUrlsFor(store, slice.items, config.OFSTED_FILES_URL);
    return sendHtml(reply, 200, renderEventsPage({ slice, filter, typed, providers: byUrn, reportUrls, feeds }));
  });

  async function sendFeed(
    reply: FastifyReply,
    format: FeedFormat,
    meta: Omit<FeedMeta, 'selfUrl' | 'now'> & { selfPath: string },
    events: readonly ChangeEvent[],
  ): Promise<FastifyReply> {
    const newest = feedEvents(events);
    const [providers, reportUrls] = await Promise.all([store.listProviders(), reportUrlsFor(store, newest, config.OFSTED_FILES_URL)]);
    const items = newest.map((e) => feedItem(e, { baseUrl, providers: providerMap(providers), reportUrls }));
    const full: FeedMeta = { id: meta.id, title: meta.title, pageUrl: meta.pageUrl, selfUrl: `${baseUrl}${meta.selfPath}.${format}`, now: new Date().toISOString() };
    return format === 'atom'
      ? reply.type(ATOM_CONTENT_TYPE).send(atomFeed(full, items))
      : reply.type(RSS_CONTENT_TYPE).send(rssFeed(full, items));
  }

  for (const format of FORMATS) {
    app.get(`/feeds/events.${format}`, async (_request, reply) =>
      sendFeed(
        reply,
        format,
        { id: tagUri('events'), title: 'ofsted-monitor: all events', pageUrl: `${baseUrl}/events`, selfPath: '/feeds/events' },
        await store.listEvents(),
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
        format,
        { id: tagUri(`provider/${urn}/events`), title: `${title}: events`, pageUrl: `${baseUrl}${providerHref(urn)}`, selfPath: `${providerHref(urn)}/events` },
        await store.listEvents({ urn }),
      );
    });

    app.get<{ Params: { name: string } }>(`/owners/:name/events.${format}`, async (request, reply) => {
      const name = request.params.name.trim();
      const owned = name && name.length <= MAX_OWNER_LENGTH ? ownedBy(await store.listProviders(), name) : [];
      if (!owned.length) return unknownOwner(reply, name);
      const owner = owned[0]!.owner ?? name;
      const urns = new Set(owned.map((p) => p.urn));
      const events = (await store.listEvents()).filter((e) => urns.has(e.urn));
      // The id follows the folded name, so "Derby City Council" and "derby city council" are one feed.
      const key = owner.toLowerCase().replace(/\s+/g, ' ');
      return sendFeed(
        reply,
        format,
        { id: tagUri(`owner/${key}/events`), title: `${owner}: events`, pageUrl: `${baseUrl}${ownerHref(owner)}`, selfPath: `${ownerHref(owner)}/events` },
        events,
      );
    });
  }

  app.get('/history.csv', async (_request, reply) => {
    const [watched, providers] = await Promise.all([store.watchList(), store.listProviders()]);
    const byUrn = providerMap(providers);
    const urns = watched.map((w) => w.urn).sort((a, b) => a.localeCompare(b));
    const rows = await mapInBatches(urns, HISTORY_BATCH, async (urn) => ({
      provider: byUrn.get(urn) ?? { urn, name: null, owner: null, localAuthority: null },
      history: await store.history(urn),
    }));
    return sendCsv(reply, 'watchlist', rows);
  });

  app.get<{ Params: { urn: string } }>('/providers/:urn/history.csv', async (request, reply) => {
    const urn = normaliseUrn(request.params.urn);
    if (!urn) return badUrn(reply, request.params.urn);
    const provider = await knownProvider(store, urn);
    if (!provider) return unknownUrn(reply, urn);
    return sendCsv(reply, urn, [{ provider, history: await store.history(urn) }]);
  });

  app.get<{ Params: { name: string } }>('/owners/:name/history.csv', async (request, reply) => {
    const name = request.params.name.trim();
    const owned = name && name.length <= MAX_OWNER_LENGTH ? ownedBy(await store.listProviders(), name) : [];
    if (!owned.length) return unknownOwner(reply, name);
    const rows = await mapInBatches(owned, HISTORY_BATCH, async (provider) => ({ provider, history: await store.history(provider.urn) }));
    return sendCsv(reply, owned[0]!.owner ?? name, rows);
  });
}
