import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ChangeEvent } from '../../src/ofsted/types.js';
import { startApiFixture, type ApiFixture } from './support/api-fixture.js';
import { HOME, SCHOOL, seedStore } from './support/seed.js';

describe('the read-only JSON API', () => {
  let fx: ApiFixture;
  let seeded: ChangeEvent[];

  before(async () => {
    fx = await startApiFixture();
    seeded = await seedStore(fx.store);
  });
  after(() => fx?.close());

  async function json(path: string): Promise<{ status: number; body: any; type: string | null }> {
    const res = await fx.fetch(path);
    return { status: res.status, body: await res.json(), type: res.headers.get('content-type') };
  }

  it('lists stored providers as the store keeps them', async () => {
    const { status, body, type } = await json('/api/providers');
    assert.equal(status, 200);
    assert.match(type ?? '', /^application\/json/);
    assert.deepEqual(body, JSON.parse(JSON.stringify(await fx.store.listProviders())));
    assert.deepEqual(body.map((p: { urn: string }) => p.urn).sort(), [SCHOOL, HOME].sort());
  });

  it('answers one provider with its newest inspection', async () => {
    const { status, body } = await json(`/api/providers/${HOME}`);
    assert.equal(status, 200);
    assert.equal(body.urn, HOME);
    assert.equal(body.name, 'Derby Home');
    assert.equal(body.latestInspection.fileId, '50000002');
    assert.equal(body.latestInspection.overall, 'inadequate');
  });

  it('trims and upper-cases a URN in the path as the CLI does', async () => {
    const { status, body } = await json(`/api/providers/${encodeURIComponent(' sc036243 ')}`);
    assert.equal(status, 200);
    assert.equal(body.urn, HOME);
  });

  it('answers 404 with a one-line JSON error for a provider never scraped', async () => {
    const { status, body } = await json('/api/providers/SC999999');
    assert.equal(status, 404);
    assert.deepEqual(Object.keys(body), ['error']);
    assert.match(body.error, /SC999999/);
    assert.doesNotMatch(body.error, /\n/);
  });

  it('rejects a malformed URN with 400 and the reason, before reading anything', async () => {
    for (const path of ['/api/providers/NOTAURN', '/api/providers/SC12/history', '/api/events?urn=12']) {
      const { status, body } = await json(path);
      assert.equal(status, 400, path);
      assert.match(body.error, /not a URN/, path);
      assert.doesNotMatch(body.error, /\n/);
    }
  });

  it('answers history with the same JSON as `history --json`: every inspection, oldest first', async () => {
    const { status, body } = await json(`/api/providers/${HOME}/history`);
    assert.equal(status, 200);
    assert.deepEqual(body, JSON.parse(JSON.stringify(await fx.store.history(HOME))));
    assert.deepEqual(
      body.map((h: { inspectionStart: string }) => h.inspectionStart),
      ['2019-01-08', '2019-10-29'],
    );
  });

  it('answers an empty history for a URN with nothing stored, as the CLI does', async () => {
    const { status, body } = await json('/api/providers/123456/history');
    assert.equal(status, 200);
    assert.deepEqual(body, []);
  });

  it('lists events oldest first with the same JSON as `events --json`', async () => {
    const { status, body } = await json('/api/events');
    assert.equal(status, 200);
    assert.deepEqual(body, JSON.parse(JSON.stringify(seeded)));
    assert.deepEqual(
      body.map((e: ChangeEvent) => e.id),
      ['e-home-1', 'e-school-1', 'e-home-2'],
    );
    assert.equal(body[0].backfill, true);
  });

  it('filters events by since and by urn', async () => {
    const since = await json('/api/events?since=2019-06-01');
    assert.deepEqual(
      since.body.map((e: ChangeEvent) => e.id),
      ['e-school-1', 'e-home-2'],
    );
    const byUrn = await json(`/api/events?urn=${HOME.toLowerCase()}`);
    assert.deepEqual(
      byUrn.body.map((e: ChangeEvent) => e.id),
      ['e-home-1', 'e-home-2'],
    );
    const both = await json(`/api/events?since=2019-06-01&urn=${HOME}`);
    assert.deepEqual(
      both.body.map((e: ChangeEvent) => e.id),
      ['e-home-2'],
    );
  });

  it('rejects a since that is not an ISO date, and a parameter given twice, with 400', async () => {
    const bad = await json('/api/events?since=yesterday');
    assert.equal(bad.status, 400);
    assert.match(bad.body.error, /since.*ISO date/);
    const twice = await json(`/api/events?urn=${HOME}&urn=${SCHOOL}`);
    assert.equal(twice.status, 400);
    assert.match(twice.body.error, /urn/);
  });

  it('lists the watchlist without a token', async () => {
    await fx.store.watchAdd([HOME]);
    const { status, body } = await json('/api/watchlist');
    assert.equal(status, 200);
    assert.deepEqual(
      body.map((w: { urn: string }) => w.urn),
      [HOME],
    );
  });

  it('answers an unknown path with 404 and a JSON error', async () => {
    const { status, body } = await json('/api/nothing-here?x=1');
    assert.equal(status, 404);
    assert.equal(body.error, 'no such endpoint: GET /api/nothing-here');
  });
});
