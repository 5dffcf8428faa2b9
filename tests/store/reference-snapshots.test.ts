import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { referenceSnapshot } from '../../src/monitor/reference-snapshot.js';
import { readCsvRows } from '../../src/ofsted/csv/csv-rows.js';
import { readProviderLevelTables } from '../../src/ofsted/provider-data/provider-level-rows.js';
import type { SnapshotOutcome } from '../../src/store/store.js';
import { CSC_DIR } from '../helpers/ofsted-workbook.js';
import { testStoreKind } from '../helpers/test-database.js';
import { TestStores } from './test-stores.js';

// Ofsted's provider-level data as imported, kept until the daemon reconciles it, on the store this run
// tests (TEST_STORE).

const KIND = testStoreKind();
const stores = new TestStores();
afterEach(() => stores.cleanup());

const FILE = 'provider_level_at_31_Mar_2025.csv';
const data = readProviderLevelTables([{ name: FILE, rows: readCsvRows(readFileSync(join(CSC_DIR, FILE), 'utf8')) }]);
const T0 = '2025-04-01T10:00:00.000Z';
const OUTCOME: SnapshotOutcome = { compared: 14, agree: 13, disagreements: 2, notStored: 5586, unscraped: 0, alerted: true };

describe(`Store reference snapshots on ${KIND}`, () => {
  it("keeps the whole of a real file's data and gives it back as it was", async () => {
    const store = await stores.open();
    const snapshot = referenceSnapshot(FILE, data, T0);
    assert.equal(await store.addReferenceSnapshot(snapshot), true);
    assert.deepEqual(await store.getReferenceSnapshotData(snapshot.id), { urns: data.urns, inspections: data.inspections });
    assert.deepEqual(await store.listReferenceSnapshots(), [
      { id: snapshot.id, fileName: FILE, importedAt: T0, urnCount: 5600, inspectionCount: 4343, reconciledAt: null, outcome: null },
    ]);
    assert.equal(await store.getReferenceSnapshotData('no-such-id'), null);
  });

  it('keeps the same data imported twice once, with its first import time', async () => {
    const store = await stores.open();
    assert.equal(await store.addReferenceSnapshot(referenceSnapshot(FILE, data, T0)), true);
    assert.equal(await store.addReferenceSnapshot(referenceSnapshot('again.csv', data, '2025-04-02T00:00:00.000Z')), false);
    const listed = await store.listReferenceSnapshots();
    assert.deepEqual(listed.map((s) => [s.fileName, s.importedAt]), [[FILE, T0]]);
  });

  it('records a reconciliation once, even from two processes sharing the database', async () => {
    const [a, b] = await stores.openShared(2);
    const snapshot = referenceSnapshot(FILE, data, T0);
    await a!.addReferenceSnapshot(snapshot);
    const other = referenceSnapshot('derby.csv', { urns: ['SC036243'], inspections: data.inspections.slice(0, 1) }, '2025-04-01T11:00:00.000Z');
    await a!.addReferenceSnapshot(other);
    assert.deepEqual((await b!.listReferenceSnapshots({ pending: true })).map((s) => s.fileName), [FILE, 'derby.csv']);

    const marks = await Promise.all([
      a!.markSnapshotReconciled(snapshot.id, '2025-04-02T06:10:00.000Z', OUTCOME),
      b!.markSnapshotReconciled(snapshot.id, '2025-04-02T06:10:01.000Z', { ...OUTCOME, alerted: false }),
    ]);
    assert.deepEqual(marks.filter(Boolean).length, 1, 'exactly one process records it');
    const [done] = await a!.listReferenceSnapshots();
    assert.ok(done?.reconciledAt);
    assert.ok(done.outcome?.compared === 14 && done.outcome.disagreements === 2);
    assert.deepEqual((await b!.listReferenceSnapshots({ pending: true })).map((s) => s.fileName), ['derby.csv']);
  });
});
