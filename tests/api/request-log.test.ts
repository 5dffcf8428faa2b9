import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { maskTokenInUrl, requestId } from '../../src/api/request-log.js';

describe('maskTokenInUrl', () => {
  it('masks a token query value wherever it stands and leaves the rest', () => {
    assert.equal(maskTokenInUrl('/admin/queues?token=abc'), '/admin/queues?token=[redacted]');
    assert.equal(maskTokenInUrl('/admin/queues?a=1&token=abc&b=2'), '/admin/queues?a=1&token=[redacted]&b=2');
    assert.equal(maskTokenInUrl('/x?TOKEN=abc#frag'), '/x?TOKEN=[redacted]#frag');
    assert.equal(maskTokenInUrl('/x?token=a&token=b'), '/x?token=[redacted]&token=[redacted]');
    // The board reads names decoded, so an escaped name is the same parameter.
    assert.equal(maskTokenInUrl('/admin/queues?%74oken=abc&a=1'), '/admin/queues?%74oken=[redacted]&a=1');
  });

  it('leaves URLs without a token parameter alone', () => {
    for (const url of ['/api/providers', '/api/events?since=2019-01-01', '/x?mytoken=1', '/token=1']) {
      assert.equal(maskTokenInUrl(url), url);
    }
  });
});

describe('requestId', () => {
  const req = (id?: string | string[]) => ({ headers: id === undefined ? {} : { 'x-request-id': id } }) as unknown as IncomingMessage;

  it('keeps a short plain caller id and makes a UUID otherwise', () => {
    assert.equal(requestId(req('abc-123_X.y')), 'abc-123_X.y');
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    for (const bad of [undefined, '', 'a b', 'x'.repeat(65), 'a"b', ['a', 'b']]) {
      assert.match(requestId(req(bad)), uuid, String(bad));
    }
  });
});
