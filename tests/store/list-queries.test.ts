import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import type { ChangeEvent } from '../../src/ofsted/types.js';
import type { Store } from '../../src/store/store.js';
import { testStoreKind } from '../helpers/test-database.js';
import { event, parsed, provider, report, scrape } from './builders.js';
import { seededRng } from '../ofsted/reports/fuzz-mutations.js';
import { TestStores } from './test-stores.js';

// The bounded reads behind the HTTP API's lists: walking pages gives every item once, keys survive
// writes between pages, and filters and sorts happen in SQL with the old in-memory meaning.

const stores = new TestStores();
afterEach(() => stores.cleanup());

const kind = testStoreKind();

/** Walk every page of events, oldest first, `size` at a time; `between` runs after each page. */
async function walkEvents(store: Store, size: number, between: (page: number) => Promise<void> = async () => undefined): Promise<ChangeEvent[]> {
  const seen: ChangeEvent[] = [];
  let after: number | undefined;
  for (let page = 0; page < 100; page++) {
    const rows = await store.pageEvents({ order: 'oldest-first', limit: size, ...(after === undefined ? {} : { afterSeq: after }) });
    seen.push(...rows.map((r) => r.event));
    if (rows.length < size) return seen;
    after = rows.at(-1)!.seq;
    await between(page);
  }
  throw new Error('did not finish');
}

async function storeEvents(store: Store, ids: string[], urn = 'SC036243', o: Partial<ChangeEvent> = {}): Promise<void> {
  await store.recordScrape(scrape({ provider: provider({ urn }), events: ids.map((id) => event(id, { urn, ...o })) }));
}

describe(`paged lists on ${kind}`, () => {
  it('walks events in pages, each exactly once, in storage order, both ways', async () => {
    const store = await stores.open();
    const ids = Array.from({ length: 23 }, (_, i) => `e${String(i).padStart(2, '0')}`);
    await storeEvents(store, ids);
    assert.deepEqual((await walkEvents(store, 5)).map((e) => e.id), ids);

    const newest: string[] = [];
    let before: number | undefined;
    for (;;) {
      const rows = await store.pageEvents({ order: 'newest-first', limit: 10, ...(before === undefined ? {} : { beforeSeq: before }) });
      newest.push(...rows.map((r) => r.event.id));
      if (rows.length < 10) break;
      before = rows.at(-1)!.seq;
    }
    assert.deepEqual(newest, [...ids].reverse());
  });

  it('keeps an events cursor valid across inserts between pages: nothing twice, nothing skipped, the new ones at the end', async () => {
    const store = await stores.open();
    await storeEvents(store, ['a1', 'a2', 'a3', 'a4', 'a5', 'a6']);
    const walked = await walkEvents(store, 4, async (page) => {
      if (page === 0) await storeEvents(store, ['b1', 'b2'], '123456');
    });
    assert.deepEqual(walked.map((e) => e.id), ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'b1', 'b2']);
  });

  it('filters and counts events in SQL by since, URN, type, owner spellings and baseline', async () => {
    const store = await stores.open();
    await storeEvents(store, ['base'], 'SC036243', { backfill: true, at: '2019-01-01T06:00:00.000Z' });
    await storeEvents(store, ['late'], 'SC036243', { type: 'rating-declined', at: '2020-01-01T06:00:00.000Z' });
    await store.recordScrape(scrape({ provider: provider({ urn: '123456', owner: 'Other Ltd' }), events: [event('other', { urn: '123456', at: '2020-02-01T06:00:00.000Z' })] }));
    const ids = async (filter: Parameters<Store['countEvents']>[0]) => {
      const rows = await store.pageEvents({ ...filter, order: 'oldest-first', limit: 50 });
      assert.equal(await store.countEvents(filter), rows.length);
      return rows.map((r) => r.event.id);
    };
    assert.deepEqual(await ids({}), ['base', 'late', 'other']);
    assert.deepEqual(await ids({ backfill: false }), ['late', 'other']);
    assert.deepEqual(await ids({ since: '2019-06-01' }), ['late', 'other']);
    assert.deepEqual(await ids({ urn: '123456' }), ['other']);
    assert.deepEqual(await ids({ type: 'rating-declined' }), ['late']);
    assert.deepEqual(await ids({ owners: ['Derby City Council'] }), ['base', 'late']);
    assert.deepEqual(await ids({ owners: [] }), []);
    assert.equal(await store.countEvents({}, 1), 2, 'counting stops one past the limit');
    assert.equal(await store.countEvents({}, 5), 3);
  });

  it('walks providers by URN and the watchlist in the order it was built, ties on the time broken by URN', async () => {
    const store = await stores.open();
    const urns = Array.from({ length: 12 }, (_, i) => String(100000 + i));
    for (const urn of urns) await store.recordScrape(scrape({ provider: provider({ urn }) }));
    const walkedProviders: string[] = [];
    for (let after: string | undefined; ; ) {
      const page = await store.pageProviders({ limit: 5, ...(after ? { afterUrn: after } : {}) });
      walkedProviders.push(...page.map((p) => p.urn));
      if (page.length < 5) break;
      after = page.at(-1)!.urn;
    }
    assert.deepEqual(walkedProviders, urns);

    // Added in one call, so every entry has the same added_at.
    await store.watchAdd([...urns].reverse());
    const walkedWatch: string[] = [];
    for (let after: { urn: string; addedAt: string } | undefined; ; ) {
      const page = await store.pageWatchList({ limit: 5, ...(after ? { after } : {}) });
      walkedWatch.push(...page.map((w) => w.urn));
      if (page.length < 5) break;
      after = page.at(-1)!;
    }
    assert.deepEqual(walkedWatch, (await store.watchList()).map((w) => w.urn));
    assert.equal(new Set(walkedWatch).size, urns.length);
    assert.deepEqual(await store.pageWatchedUrns({ afterUrn: urns[9]!, limit: 50 }), urns.slice(10));
    assert.equal(await store.countWatched(), 12);
    assert.equal(await store.isWatched(urns[0]!), true);
    assert.equal(await store.isWatched('SC999999'), false);
  });

  it('pages, filters and sorts watched providers in SQL as the dashboard did in memory', async () => {
    const store = await stores.open();
    const home = (urn: string, o: Parameters<typeof provider>[0], reports: Parameters<typeof report>[]) =>
      store.recordScrape(scrape({ provider: provider({ urn, ...o }), reports: reports.map((r) => report(...r)) }));
    await home('SC000001', { name: 'Oak House', owner: 'Derby City Council', localAuthority: 'Derby' }, [
      ['1', '2019-02-01', parsed('2019-01-08', { urn: 'SC000001', overall: 'good' }), 'SC000001'],
      ['2', '2019-11-27', parsed('2019-10-29', { urn: 'SC000001', overall: 'inadequate' }), 'SC000001'],
      ['3', '2020-03-01', parsed('2020-02-20', { urn: 'SC000001', kind: 'childrens-home-monitoring', overall: null, judgements: [] }), 'SC000001'],
    ]);
    await home('SC000002', { name: 'elm Lodge', owner: 'DERBY  city council', localAuthority: 'Derbyshire' }, [
      ['4', '2018-04-01', parsed('2018-03-13', { urn: 'SC000002', overall: 'requires-improvement' }), 'SC000002'],
    ]);
    await home('SC000003', { name: 'Children’s Place', owner: 'Tom & Jerry Ltd', localAuthority: 'Nottingham' }, [
      ['5', '2019-03-01', parsed('2019-02-05', { urn: 'SC000003', overall: 'outstanding' }), 'SC000003'],
    ]);
    await home('SC000004', { name: 'Not Watched', owner: 'Derby City Council' }, []);
    await store.watchAdd(['SC000001', 'SC000002', 'SC000003', 'SC000009']);

    const urns = async (q: Partial<Parameters<Store['watchedProviderSummaries']>[0]>) => {
      const page = await store.watchedProviderSummaries({ sort: 'urn', offset: 0, limit: 50, ...q });
      return page.items.map((s) => s.urn);
    };
    assert.deepEqual(await urns({}), ['SC000001', 'SC000002', 'SC000003', 'SC000009']);
    assert.deepEqual(await urns({ text: 'sc000003' }), ['SC000003']);
    assert.deepEqual(await urns({ text: "children's" }), ['SC000003'], 'an apostrophe matches the curly one');
    assert.deepEqual(await urns({ text: 'DERBYSHIRE' }), ['SC000002']);
    assert.deepEqual(await urns({ owners: ['Derby City Council', 'DERBY  city council'] }), ['SC000001', 'SC000002']);
    assert.deepEqual(await urns({ owners: [] }), []);
    assert.deepEqual(await urns({ localAuthorities: ['Nottingham'] }), ['SC000003']);
    assert.deepEqual(await urns({ grade: 'inadequate' }), ['SC000001'], 'the newest graded inspection counts, not a later visit');
    assert.deepEqual(await urns({ grade: 'good' }), []);
    assert.deepEqual(await urns({ grade: 'none' }), ['SC000009']);
    assert.deepEqual(await urns({ sort: 'grade' }), ['SC000001', 'SC000002', 'SC000003', 'SC000009']);
    assert.deepEqual(await urns({ sort: 'inspected' }), ['SC000001', 'SC000003', 'SC000002', 'SC000009']);
    assert.deepEqual(await urns({ sort: 'name' }), ['SC000003', 'SC000002', 'SC000001', 'SC000009'], 'case ignored, unnamed last');

    const second = await store.watchedProviderSummaries({ sort: 'urn', offset: 2, limit: 2 });
    assert.equal(second.total, 4);
    assert.deepEqual(second.items.map((s) => s.urn), ['SC000003', 'SC000009']);
    const oak = (await store.watchedProviderSummaries({ sort: 'urn', offset: 0, limit: 1 })).items[0]!;
    assert.deepEqual(oak, (await store.listProviderSummaries()).find((s) => s.urn === 'SC000001'));
    assert.equal(oak.latestGraded?.overall, 'inadequate');
    assert.equal(oak.lastInspection?.kind, 'childrens-home-monitoring');

    assert.deepEqual((await store.listNames('owner')).sort(), ['DERBY  city council', 'Derby City Council', 'Tom & Jerry Ltd']);
    assert.deepEqual((await store.listNames('localAuthority', { watchedOnly: true })).sort(), ['Derby', 'Derbyshire', 'Nottingham']);
    assert.deepEqual(await store.listStoredGrades(), ['outstanding', 'good', 'requires-improvement', 'inadequate']);
    assert.deepEqual((await store.providersNamed('owner', ['Derby City Council'])).map((p) => p.urn), ['SC000001', 'SC000004']);
    assert.deepEqual(await store.inspectionKinds('watched'), ['childrens-home-full', 'childrens-home-monitoring']);
    assert.deepEqual(await store.inspectionKinds({ urns: ['SC000002'] }), ['childrens-home-full']);

    const many = await store.histories(['SC000001', 'SC000002', 'SC000009']);
    assert.deepEqual(many.get('SC000001'), await store.history('SC000001'));
    assert.deepEqual(many.get('SC000002'), await store.history('SC000002'));
    assert.deepEqual(many.get('SC000009'), []);
    assert.deepEqual([...(await store.reportUrls(['1', '5', 'nope'])).entries()].sort(), [
      ['1', 'http://127.0.0.1/v1/file/1'],
      ['5', 'http://127.0.0.1/v1/file/5'],
    ]);
    assert.deepEqual([...(await store.getProviders(['SC000003', 'SC999999'])).keys()], ['SC000003']);
  });

  it('keeps the grade filter and the grade and date sorts right through late, amended and re-parsed reports', async () => {
    // The watchlist reads provider_latest, kept on write; the summaries read the inspections themselves.
    // After every write, both must tell the same newest grade and newest inspection for every provider.
    const store = await stores.open();
    const urnsOf = ['SC000011', 'SC000012', 'SC000013'];
    await store.watchAdd(urnsOf);
    const rng = seededRng(7);
    const next = (n: number) => Math.floor(rng() * n);
    const grades = ['outstanding', 'good', 'requires-improvement', 'inadequate'] as const;
    const written: ReturnType<typeof report>[] = [];
    for (let step = 0; step < 40; step++) {
      const urn = urnsOf[next(urnsOf.length)]!;
      const start = `20${10 + next(12)}-0${1 + next(9)}-1${next(9)}`;
      const kind = next(4) === 0 ? 'childrens-home-monitoring' : 'childrens-home-full';
      const overall = kind === 'childrens-home-full' ? grades[next(grades.length)]! : null;
      const r = report(`f${step}`, `${start.slice(0, 4)}-12-0${1 + next(9)}`, parsed(start, { urn, kind, overall, ...(overall ? {} : { judgements: [] }) }), urn);
      if (written.length > 0 && next(4) === 0) {
        // Re-parse an earlier report: its grade, or its date, now read differently.
        const old = written[next(written.length)]!;
        const again = { ...old, parsed: { ...old.parsed!, overall: old.parsed!.kind === 'childrens-home-full' ? grades[next(grades.length)]! : null, inspectionStart: next(2) ? old.parsed!.inspectionStart : start } };
        await store.updateReports([again]);
      } else {
        await store.recordScrape(scrape({ provider: provider({ urn }), reports: [r] }));
        written.push(r);
      }
      const summaries = new Map((await store.listProviderSummaries()).map((s) => [s.urn, s]));
      if (step === 39) assert.ok([...summaries.values()].some((s) => s.latestGraded), 'some grades stored');
      for (const urn of urnsOf) {
        const truth = summaries.get(urn)?.latestGraded?.overall ?? 'none';
        for (const g of [...grades, 'none' as const]) {
          const listed = (await store.watchedProviderSummaries({ sort: 'urn', offset: 0, limit: 50, grade: g })).items.some((s) => s.urn === urn);
          assert.equal(listed, g === truth, `step ${step}: ${urn} listed under ${g}; its newest graded inspection says ${truth}`);
        }
      }
      const byDate = (await store.watchedProviderSummaries({ sort: 'inspected', offset: 0, limit: 50 })).items.map((s) => s.lastInspection?.inspectionStart ?? '');
      assert.deepEqual(byDate, [...byDate].sort().reverse(), `step ${step}: newest inspection first`);
    }
  });

  it('creates the indexes the pages read through (migration 0008)', async () => {
    const { url } = await stores.freshDatabase();
    await stores.openUrl(url);
    const wanted = ['providers_owner', 'providers_local_authority', 'inspections_urn_start', 'reports_file_id_grades', 'watchlist_added_at_urn'];
    let present: string[];
    if (kind === 'postgres') {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        present = (await client.query<{ indexname: string }>("select indexname from pg_indexes where schemaname = 'public'")).rows.map((r) => r.indexname);
      } finally {
        await client.end();
      }
    } else {
      const sqlite = new BetterSqlite3(url.slice('sqlite:'.length), { readonly: true });
      try {
        present = (sqlite.prepare("select name from sqlite_master where type = 'index'").all() as { name: string }[]).map((r) => r.name);
      } finally {
        sqlite.close();
      }
    }
    for (const name of wanted) assert.ok(present.includes(name), `${name} in ${present.join(', ')}`);
  });
});
