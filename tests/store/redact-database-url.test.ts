import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { redactDatabaseUrl, scrubDatabaseUrl } from '../../src/store/redact-database-url.js';

describe('redactDatabaseUrl', () => {
  it('replaces the password of a postgres:// URL and keeps user, host, port, database and query', () => {
    assert.equal(
      redactDatabaseUrl('postgres://monitor:hunter2@db.internal:5432/ofsted?sslmode=require'),
      'postgres://monitor:***@db.internal:5432/ofsted?sslmode=require',
    );
    assert.equal(redactDatabaseUrl('postgresql://u:p@h/d'), 'postgresql://u:***@h/d');
  });

  it('hides a password holding unescaped @, /, : or ? whole', () => {
    assert.equal(redactDatabaseUrl('postgres://u:a@b/c:d@host:5432/db'), 'postgres://u:***@host:5432/db');
    assert.equal(redactDatabaseUrl('postgres://u:pa?ss@host/db?sslmode=require'), 'postgres://u:***@host/db?sslmode=require');
  });

  it('keeps the query part out of the search for the password', () => {
    assert.equal(redactDatabaseUrl('postgres://u:pw@host/db?application_name=a@b'), 'postgres://u:***@host/db?application_name=a@b');
  });

  it('leaves URLs without a password and sqlite: paths as they are', () => {
    assert.equal(redactDatabaseUrl('postgres://postgres@127.0.0.1:56432/postgres'), 'postgres://postgres@127.0.0.1:56432/postgres');
    assert.equal(redactDatabaseUrl('postgres://127.0.0.1/db'), 'postgres://127.0.0.1/db');
    assert.equal(redactDatabaseUrl('sqlite:./data/user:pw@x.db'), 'sqlite:./data/user:pw@x.db');
  });
});

describe('scrubDatabaseUrl', () => {
  it('removes the URL and the password, raw or percent-decoded, from a message', () => {
    const url = 'postgres://monitor:p%40ss-w0rd@db:5432/ofsted';
    assert.equal(
      scrubDatabaseUrl(`could not connect to ${url} as monitor with p@ss-w0rd or p%40ss-w0rd`, url),
      'could not connect to postgres://monitor:***@db:5432/ofsted as monitor with *** or ***',
    );
  });

  it('leaves a message alone when the URL has no password', () => {
    assert.equal(scrubDatabaseUrl('connect ECONNREFUSED', 'postgres://u@h/d'), 'connect ECONNREFUSED');
  });
});
