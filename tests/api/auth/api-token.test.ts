import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ApiToken } from '../../../src/api/auth/api-token.js';

describe('ApiToken', () => {
  it('matches only the exact configured token', () => {
    const token = new ApiToken('s3cret-token');
    assert.equal(token.configured, true);
    assert.equal(token.matches('s3cret-token'), true);
    for (const wrong of ['s3cret-toke', 's3cret-token ', 'S3CRET-TOKEN', '', 's3cret-token-and-more', undefined]) {
      assert.equal(token.matches(wrong), false, String(wrong));
    }
  });

  it('matches nothing, not even an empty string, when no token is configured', () => {
    for (const unset of [undefined, '']) {
      const token = new ApiToken(unset);
      assert.equal(token.configured, false);
      assert.equal(token.matches(''), false);
      assert.equal(token.matches('undefined'), false);
      assert.equal(token.cookieValue, null);
      assert.equal(token.matchesCookie(''), false);
    }
  });

  it('derives a cookie value that is not the token, differs per token and matches only itself', () => {
    const a = new ApiToken('token-a');
    const b = new ApiToken('token-b');
    assert.ok(a.cookieValue && b.cookieValue);
    assert.notEqual(a.cookieValue, 'token-a');
    assert.ok(!a.cookieValue.includes('token-a'));
    assert.notEqual(a.cookieValue, b.cookieValue);
    assert.match(a.cookieValue, /^[A-Za-z0-9_-]+$/, 'safe in a cookie without encoding');
    assert.equal(a.matchesCookie(a.cookieValue), true);
    assert.equal(a.matchesCookie(b.cookieValue), false);
    assert.equal(a.matchesCookie('token-a'), false, 'the token itself is not a session cookie');
  });
});
