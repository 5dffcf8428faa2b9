import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { referenceSnapshot, snapshotReadiness } from '../../src/monitor/reference-snapshot.js';
import type { OfstedInspection } from '../../src/ofsted/provider-data/provider-level-rows.js';

const IMPORTED = '2025-04-01T10:00:00.000Z';
const inspection = (urn: string): OfstedInspection => ({
  urn,
  inspectionDate: '2024-12-10',
  publishedAt: '2025-01-24',
  kind: 'childrens-home-full',
  overall: 'good',
  judgements: [],
});

describe('referenceSnapshot', () => {
  it('names a snapshot by what the file states, not by its name or when it was imported', () => {
    const data = { urns: ['SC036243', 'SC002015'], inspections: [inspection('SC036243')] };
    const a = referenceSnapshot('provider_level_at_31_Mar_2025.csv', data, IMPORTED);
    const b = referenceSnapshot('Provider_level.ods', data, '2025-05-01T00:00:00.000Z');
    assert.equal(a.id, b.id);
    assert.match(a.id, /^[0-9a-f]{64}$/);
    assert.notEqual(referenceSnapshot('x', { ...data, urns: ['SC036243'] }, IMPORTED).id, a.id);
  });
});

describe('snapshotReadiness', () => {
  const base = {
    importedAt: IMPORTED,
    inspectedUrns: ['SC036243', 'SC488596', 'SC065730'],
    watched: new Set(['SC036243', 'SC488596', 'SC065730']),
    now: new Date('2025-04-01T12:00:00.000Z'),
    maxWaitMs: 48 * 3600_000,
  };
  const scraped = (at: string | null, closedAt: string | null = null) => ({ lastScrapedAt: at, closedAt });

  it('waits for every watched provider the file gives an inspection of to be scraped after the import', () => {
    const r = snapshotReadiness({
      ...base,
      providers: new Map([
        ['SC036243', scraped('2025-04-01T11:00:00.000Z')],
        // Scraped, but before the import: what the store holds may be older than the file.
        ['SC488596', scraped('2025-03-31T06:00:00.000Z')],
      ]),
    });
    assert.deepEqual(r, { ready: false, waiting: ['SC488596', 'SC065730'], overdue: false });
  });

  it('is ready once all are scraped, closed, or no longer watched', () => {
    const r = snapshotReadiness({
      ...base,
      watched: new Set(['SC036243', 'SC488596']),
      providers: new Map([
        ['SC036243', scraped('2025-04-02T06:00:00.000Z')],
        ['SC488596', scraped('2025-03-01T06:00:00.000Z', '2025-03-01T06:00:00.000Z')],
      ]),
    });
    assert.deepEqual(r, { ready: true, waiting: [], overdue: false });
  });

  it('stops waiting when the wait runs out, and says for which providers', () => {
    const r = snapshotReadiness({ ...base, providers: new Map(), now: new Date('2025-04-03T10:00:00.000Z') });
    assert.deepEqual(r, { ready: true, waiting: ['SC036243', 'SC488596', 'SC065730'], overdue: true });
  });
});
