import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ChangeEvent } from '../../src/ofsted/types.js';
import { event, provider } from '../store/builders.js';
import { startApiFixture, type ApiFixture } from './support/api-fixture.js';

// The JSON API's lists answer a page at a time, the next page in Link and X-Next-Cursor headers, and a
// client that follows them sees every item once, even while items are added.

describe('paging of the JSON API lists', () => {
  let fx: ApiFixture;

  before(async () => {
    fx = await startApiFixture();
  });
  after(() => fx?.close());

  async function page(path: string): Promise<{ body: any[]; next: string | null; link: string | null }> {
    const res = await fx.fetch(path);
    assert.equal(res.status, 200, path);
    return { body: (await res.json()) as any[], next: res.headers.get('x-next-cursor'), link: res.headers.get('link') };
  }

  /** Follow Link rel="next" from `path`; `between` runs after each page. */
  async function walk(path: string, between: (pageNo: number) => Promise<void> = async () => undefined): Promise<{ items: any[]; pages: number }> {
    const items: any[] = [];
    let url: string | null = path;
    let pages = 0;
    while (url) {
      const p = await page(url);
      items.push(...p.body);
      pages++;
      url = p.link ? /^<([^>]+)>; rel="next"$/.exec(p.link)![1]! : null;
      assert.equal(Boolean(p.link), Boolean(p.next), 'Link and X-Next-Cursor come together');
      if (url) await between(pages);
      assert.ok(pages < 200, 'the walk ends');
    }
    return { items, pages };
  }

  async function addEvents(ids: string[], urn = 'SC036243'): Promise<void> {
    await fx.store.recordScrape({ provider: provider({ urn }), reports: [], events: ids.map((id) => event(id, { urn })), at: '2025-06-01T06:00:00.000Z' });
  }

  it('walks /api/events in pages of the limit asked, every event exactly once, oldest first, the filter kept', async () => {
    await addEvents(Array.from({ length: 11 }, (_, i) => `a${String(i).padStart(2, '0')}`));
    await addEvents(['other-1', 'other-2'], '123456');
    const { items, pages } = await walk('/api/events?limit=3&urn=SC036243');
    assert.equal(pages, 4);
    assert.deepEqual(items, JSON.parse(JSON.stringify(await fx.store.listEvents({ urn: 'SC036243' }))));
    assert.equal(new Set(items.map((e: ChangeEvent) => e.id)).size, 11);
  });

  it('keeps a cursor valid across events stored between pages: none twice, none skipped', async () => {
    const before = (await fx.store.listEvents()).map((e) => e.id);
    let added = 0;
    const { items } = await walk('/api/events?limit=4', async () => {
      if (added++ < 2) await addEvents([`new-${added}`], '654321');
    });
    assert.deepEqual(items.map((e: ChangeEvent) => e.id), [...before, 'new-1', 'new-2']);
  });

  it('gives 100 by default and caps a larger limit at 1,000, telling the next page', async () => {
    const urns = Array.from({ length: 1_205 }, (_, i) => String(2_000_000 + i));
    await fx.store.watchAdd(urns);
    const first = await page('/api/watchlist');
    assert.equal(first.body.length, 100);
    const capped = await page('/api/watchlist?limit=5000');
    assert.equal(capped.body.length, 1_000);
    assert.ok(capped.next);
    const rest = await page(`/api/watchlist?limit=5000&cursor=${capped.next}`);
    assert.equal(rest.body.length, 205);
    assert.equal(rest.next, null);
    assert.deepEqual([...capped.body, ...rest.body].map((w) => w.urn), (await fx.store.watchList()).map((w) => w.urn));
  });

  it('walks /api/providers by URN, and a provider stored mid-walk after the cursor is not missed', async () => {
    for (const urn of ['100001', '100002', '100003', '100004', '100005']) await fx.store.recordScrape({ provider: provider({ urn }), reports: [], events: [], at: '2025-06-01T06:00:00.000Z' });
    const { items } = await walk('/api/providers?limit=2', async (n) => {
      if (n === 1) await fx.store.recordScrape({ provider: provider({ urn: '999999' }), reports: [], events: [], at: '2025-06-01T06:00:00.000Z' });
    });
    const urns = items.map((p: { urn: string }) => p.urn);
    assert.deepEqual(urns, (await fx.store.listProviders()).map((p) => p.urn));
    assert.ok(urns.includes('999999'));
    assert.equal(new Set(urns).size, urns.length);
  });
});
