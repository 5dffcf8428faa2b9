import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  classifyWebhookAnswer,
  MAX_WEBHOOK_RETRY_AFTER_MS,
  webhookFetchError,
} from '../../../src/alerts/transport/webhook-response-classifier.js';

const host = 'hooks.example.org';
const answer = (status: number, retryAfter: string | null = null, bodySnippet = '') => ({ status, retryAfter, bodySnippet });

describe('classifyWebhookAnswer', () => {
  it('accepts any 2xx', () => {
    for (const status of [200, 201, 202, 204]) assert.equal(classifyWebhookAnswer(answer(status), host), null);
  });

  it('makes 4xx permanent except 408, 425 and 429', () => {
    for (const status of [400, 401, 403, 404, 410, 413, 422]) {
      assert.equal(classifyWebhookAnswer(answer(status), host)?.permanent, true, String(status));
    }
    for (const status of [408, 425, 429]) {
      assert.equal(classifyWebhookAnswer(answer(status), host)?.permanent, false, String(status));
    }
  });

  it('makes 5xx transient and 3xx permanent', () => {
    for (const status of [500, 502, 503, 504]) assert.equal(classifyWebhookAnswer(answer(status), host)?.permanent, false);
    assert.equal(classifyWebhookAnswer(answer(301), host)?.permanent, true);
  });

  it('reads Retry-After on 429 and 503, in seconds or as a date', () => {
    const now = Date.parse('2019-11-20T06:00:00Z');
    assert.equal(classifyWebhookAnswer(answer(429, '30'), host, now)?.retryAfterMs, 30_000);
    assert.equal(classifyWebhookAnswer(answer(503, 'Wed, 20 Nov 2019 06:02:00 GMT'), host, now)?.retryAfterMs, 120_000);
    assert.equal(classifyWebhookAnswer(answer(500, '30'), host, now)?.retryAfterMs, undefined);
    assert.equal(classifyWebhookAnswer(answer(429, 'soon'), host, now)?.retryAfterMs, undefined);
    assert.equal(classifyWebhookAnswer(answer(429, '9999999'), host, now)?.retryAfterMs, MAX_WEBHOOK_RETRY_AFTER_MS);
  });

  it('quotes the start of the body on one line', () => {
    const error = classifyWebhookAnswer(answer(400, null, 'invalid_payload\n' + 'x'.repeat(500)), host);
    assert.ok(error);
    assert.ok(error.message.startsWith('webhook hooks.example.org answered 400: invalid_payload x'));
    assert.ok(error.message.length < 200);
  });
});

describe('webhookFetchError', () => {
  it('is transient and names the socket error', () => {
    const error = webhookFetchError(new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code: 'ECONNRESET' }) }), host, 1000);
    assert.equal(error.permanent, false);
    assert.equal(error.code, 'ECONNRESET');
    assert.equal(error.message, 'webhook hooks.example.org could not be reached (ECONNRESET)');
  });

  it('is transient on a timeout', () => {
    const error = webhookFetchError(new DOMException('timed out', 'TimeoutError'), host, 1000);
    assert.equal(error.permanent, false);
    assert.equal(error.code, 'ETIMEDOUT');
  });
});
