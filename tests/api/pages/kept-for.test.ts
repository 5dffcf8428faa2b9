import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { keptFor } from '../../../src/api/pages/kept-for.js';

describe('keptFor', () => {
  it('loads once for callers within the time, and again after it', async () => {
    let clock = 0;
    let loads = 0;
    const get = keptFor(1_000, async () => ++loads, () => clock);
    assert.deepEqual(await Promise.all([get(), get()]), [1, 1], 'concurrent callers share one load');
    clock = 999;
    assert.equal(await get(), 1);
    clock = 1_000;
    assert.equal(await get(), 2);
  });

  it('keeps no failure: the next call loads again', async () => {
    let fail = true;
    const get = keptFor(60_000, async () => {
      if (fail) throw new Error('database down');
      return 'names';
    });
    await assert.rejects(get(), /database down/);
    fail = false;
    assert.equal(await get(), 'names');
  });
});
