import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { BadInputError } from '../../src/errors.js';
import { parseDatabaseUrl } from '../../src/store/open-store.js';

describe('parseDatabaseUrl', () => {
  it('resolves sqlite:<relative path> against the working directory', () => {
    assert.deepEqual(parseDatabaseUrl('sqlite:./data/ofsted-monitor.db'), {
      kind: 'sqlite',
      path: resolve('data/ofsted-monitor.db'),
    });
  });

  it('reads sqlite:/abs and sqlite:///abs as the same absolute path', () => {
    assert.deepEqual(parseDatabaseUrl('sqlite:/var/lib/om.db'), { kind: 'sqlite', path: '/var/lib/om.db' });
    assert.deepEqual(parseDatabaseUrl('sqlite:///var/lib/om.db'), { kind: 'sqlite', path: '/var/lib/om.db' });
  });

  it('passes sqlite::memory: through as an in-memory database', () => {
    assert.deepEqual(parseDatabaseUrl('sqlite::memory:'), { kind: 'sqlite', path: ':memory:' });
  });

  it('recognises postgres:// and postgresql:// URLs', () => {
    assert.equal(parseDatabaseUrl('postgres://u@127.0.0.1/db').kind, 'postgres');
    assert.equal(parseDatabaseUrl('postgresql://u@127.0.0.1/db').kind, 'postgres');
  });

  it('rejects an empty sqlite path and unknown schemes as bad input', () => {
    assert.throws(() => parseDatabaseUrl('sqlite:'), BadInputError);
    assert.throws(() => parseDatabaseUrl('./data/x.db'), BadInputError);
  });
});
