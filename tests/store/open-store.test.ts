import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { BadInputError, OfstedMonitorError } from '../../src/errors.js';
import { openStore, parseDatabaseUrl } from '../../src/store/open-store.js';

/** A 127.0.0.1 port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

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

describe('openStore', () => {
  it('rejects an unknown scheme as bad input', async () => {
    await assert.rejects(openStore('mysql://127.0.0.1/x'), BadInputError);
  });

  it('fails with one clear line naming the server, never its password, when PostgreSQL is unreachable', async () => {
    const port = await closedPort();
    const started = Date.now();
    await assert.rejects(openStore(`postgres://monitor:s3cr%40t-pw@127.0.0.1:${port}/ofsted`), (error: unknown) => {
      assert.ok(error instanceof OfstedMonitorError);
      const message = (error as Error).message;
      assert.match(message, new RegExp(`^cannot reach PostgreSQL at postgres://monitor:\\*\\*\\*@127\\.0\\.0\\.1:${port}/ofsted: `));
      assert.match(message, /ECONNREFUSED/);
      assert.doesNotMatch(message, /s3cr/);
      assert.equal(message.split('\n').length, 1);
      return true;
    });
    assert.ok(Date.now() - started < 5000, 'fails at once rather than waiting for a timeout');
  });
});
