import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startApiFixture, TOKEN, type ApiFixture } from './support/api-fixture.js';
import { HOME } from './support/seed.js';

// What HTTP clients put on a POST with nothing to send: many label it a form or text even when empty.
const LABELS = [
  'application/x-www-form-urlencoded',
  'text/plain',
  'application/octet-stream',
  'multipart/form-data; boundary=----x',
  'application/json',
];

// Every state-changing endpoint whose request needs no body (the query or path says it all).
const CALLS: Array<[method: string, path: string]> = [
  ['POST', `/api/providers/${HOME}/scrape`],
  ['POST', '/api/sweeps'],
  ['POST', `/api/watchlist/${HOME}`],
  ['DELETE', `/api/watchlist/${HOME}`],
  ['DELETE', '/api/scopes?category=childrens-homes'],
  ['DELETE', '/api/subscriptions?target=someone%40example.org'],
  ['DELETE', '/api/subscriptions/no-such-id'],
];

describe('state-changing calls with an empty body, whatever its content type', () => {
  let fx: ApiFixture;
  before(async () => {
    fx = await startApiFixture();
  });
  after(() => fx?.close());

  for (const [method, path] of CALLS) {
    it(`answers ${method} ${path.split('?')[0]?.replace(HOME, '<URN>')} as it does with no content type`, async () => {
      const plain = await fx.fetch(path, { method, token: TOKEN });
      assert.notEqual(plain.status, 415);
      for (const type of LABELS) {
        const labelled = await fx.fetch(path, { method, token: TOKEN, headers: { 'content-type': type }, body: '' });
        assert.notEqual(labelled.status, 415, type);
        // The same class of answer (a repeated add is 200 where the first was 201), never 415.
        assert.equal(Math.floor(labelled.status / 100), Math.floor(plain.status / 100), `${type}: ${labelled.status} ${await labelled.text()}`);
      }
    });
  }

  it('answers 202 to a scrape posted as an empty form', async () => {
    const res = await fx.fetch(`/api/providers/${HOME}/scrape`, {
      method: 'POST',
      token: TOKEN,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    });
    assert.equal(res.status, 202);
    assert.ok((await res.json()).jobId);
  });

  it('still refuses a non-empty body of a type it does not read with 415', async () => {
    const res = await fx.fetch('/api/subscriptions', {
      method: 'POST',
      token: TOKEN,
      headers: { 'content-type': 'application/octet-stream' },
      body: 'target=someone@example.org',
    });
    assert.equal(res.status, 415);
  });
});
