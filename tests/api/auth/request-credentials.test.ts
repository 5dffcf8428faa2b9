import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bearerToken, readCookie } from '../../../src/api/auth/request-credentials.js';

describe('bearerToken', () => {
  it('reads the token of a Bearer header in any casing of the scheme', () => {
    assert.equal(bearerToken('Bearer abc.DEF-123'), 'abc.DEF-123');
    assert.equal(bearerToken('bearer   abc'), 'abc');
    assert.equal(bearerToken('Bearer abc '), 'abc');
  });

  it('gives nothing for other schemes, a bare token, or a token with spaces', () => {
    for (const header of [undefined, '', 'Basic abc', 'abc', 'Bearer', 'Bearer ', 'Bearer a b', 'Bearerabc']) {
      assert.equal(bearerToken(header), undefined, String(header));
    }
  });
});

describe('readCookie', () => {
  it('finds one cookie among several by exact name', () => {
    const header = 'a=1; ofsted_monitor_admin=xyz_-9; b=2';
    assert.equal(readCookie(header, 'ofsted_monitor_admin'), 'xyz_-9');
    assert.equal(readCookie(header, 'a'), '1');
    assert.equal(readCookie(header, 'ofsted_monitor'), undefined);
    assert.equal(readCookie(undefined, 'a'), undefined);
    assert.equal(readCookie('junk; =x', 'a'), undefined);
  });
});
