import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { pino } from 'pino';
import type { AlertDeps } from '../../src/alerts/alert-deps.js';
import { reconcileImportedSnapshots } from '../../src/alerts/reconcile-snapshots.js';
import { ChannelTransports } from '../../src/alerts/transport/channel-transports.js';
import { loadConfig } from '../../src/config.js';
import { referenceSnapshot } from '../../src/monitor/reference-snapshot.js';
import { readCsvRows } from '../../src/ofsted/csv/csv-rows.js';
import { readProviderLevelTables } from '../../src/ofsted/provider-data/provider-level-rows.js';
import type { Judgement } from '../../src/ofsted/types.js';
import type { Store } from '../../src/store/store.js';
import { CSC_DIR } from '../helpers/ofsted-workbook.js';
import { testStoreKind } from '../helpers/test-database.js';
import { parsed, provider, report, scrape } from '../store/builders.js';
import { TestStores } from '../store/test-stores.js';

// The daemon's reconciliation step on a real store: it waits for the providers of an imported file to be
// scraped, then queues one operator message listing the disagreements, once. The file is the real Derby
// extract of 31 March 2018, cut to two providers' rows.

const stores = new TestStores();
const FILE = 'provider_level_at_31_Mar_2018_derby.csv';
const URNS = ['SC065730', 'SC036243'];
const full = readProviderLevelTables([{ name: FILE, rows: readCsvRows(readFileSync(join(CSC_DIR, 'derby_extracts', FILE), 'utf8')) }]);
const DATA = { urns: URNS, inspections: full.inspections.filter((i) => URNS.includes(i.urn)) };

const IMPORTED = '2025-04-01T10:00:00.000Z';
const judgements = (e: string, h: string, l: string): Judgement[] => [
  { area: 'Overall experiences and progress of children and young people', key: 'experiences-and-progress', grade: e as Judgement['grade'] },
  { area: 'How well children and young people are helped and protected', key: 'help-and-protection', grade: h as Judgement['grade'] },
  { area: 'The effectiveness of leaders and managers', key: 'leadership-and-management', grade: l as Judgement['grade'] },
];

describe(`reconcileImportedSnapshots on ${testStoreKind()}`, () => {
  let store: Store;
  let now: Date;
  let deps: AlertDeps;

  const depsWith = (env: Record<string, string>): AlertDeps => {
    const config = loadConfig(env);
    return { store, logger: pino({ level: 'silent' }), config, transports: new ChannelTransports(config), now: () => now };
  };

  /** What a scrape at `at` stores: SC065730's 2017 report as a parser that took the row below for the overall grade would. */
  async function scrapeBoth(at: string): Promise<void> {
    const misread = parsed('2017-09-26', {
      urn: 'SC065730',
      inspectionEnd: '2017-09-27',
      overall: 'requires-improvement',
      judgements: judgements('good', 'requires-improvement', 'requires-improvement'),
    });
    await store.recordScrape(scrape({ provider: provider({ urn: 'SC065730' }), reports: [report('10027635', '2017-10-16', misread, 'SC065730')], at }));
    const right = parsed('2015-05-13', { inspectionEnd: '2015-05-14', overall: 'good', judgements: judgements('good', 'good', 'good') });
    await store.recordScrape(scrape({ reports: [report('2456894', '2015-06-22', right)], at }));
  }

  beforeEach(async () => {
    store = await stores.open();
    now = new Date('2025-04-01T11:00:00.000Z');
    deps = depsWith({ OPERATOR_EMAIL: 'ops@example.org', RECONCILE_MAX_WAIT_MS: String(48 * 3600_000) });
    await store.watchAdd(URNS);
    await store.addReferenceSnapshot(referenceSnapshot(FILE, DATA, IMPORTED));
  });
  afterEach(async () => {
    await deps.transports.close();
    await stores.cleanup();
  });

  it('waits while the providers were last scraped before the import, then sends one message listing the disagreement', async () => {
    await scrapeBoth('2025-03-31T06:00:00.000Z');
    assert.equal(await reconcileImportedSnapshots(deps), 0, 'scraped before the file came in: not yet');
    assert.deepEqual(await store.listMessages({ kind: 'operator' }), []);

    now = new Date('2025-04-02T07:00:00.000Z');
    await scrapeBoth('2025-04-02T06:00:00.000Z');
    assert.equal(await reconcileImportedSnapshots(deps), 1);
    const messages = await store.listMessages({ kind: 'operator' });
    assert.equal(messages.length, 1);
    assert.equal(messages[0]!.recipient, 'ops@example.org');
    assert.equal(messages[0]!.subject, `[ofsted-monitor] 1 field disagrees with Ofsted's data in ${FILE} (1 of 2 inspections agree)`);
    assert.match(messages[0]!.text.replace(/\s+/g, ' '), /SC065730, inspected 2017-09-26: overall: ours Requires improvement to be good, Ofsted Good/);

    const [snapshot] = await store.listReferenceSnapshots();
    assert.deepEqual(snapshot?.outcome, { compared: 2, agree: 1, disagreements: 1, notStored: 0, unscraped: 0, alerted: true });
    assert.equal(snapshot?.reconciledAt, now.toISOString());

    // Later ticks, and the same file imported again, add nothing.
    assert.equal(await reconcileImportedSnapshots(deps), 0);
    assert.equal(await store.addReferenceSnapshot(referenceSnapshot('again.csv', DATA, now.toISOString())), false);
    assert.equal(await reconcileImportedSnapshots(deps), 0);
    assert.equal((await store.listMessages({ kind: 'operator' })).length, 1);
    assert.deepEqual(await store.listEvents(), [], 'reconciling raises no event');
  });

  it('reconciles when the wait runs out, with what was scraped, and names the providers it stopped waiting for', async () => {
    // SC036243 is never scraped (say Ofsted's page keeps failing): only SC065730 comes into the store.
    await store.recordScrape(
      scrape({
        provider: provider({ urn: 'SC065730' }),
        reports: [report('10027635', '2017-10-16', parsed('2017-09-26', { urn: 'SC065730', overall: 'requires-improvement', judgements: judgements('good', 'requires-improvement', 'requires-improvement') }), 'SC065730')],
        at: '2025-04-01T12:00:00.000Z',
      }),
    );
    now = new Date(Date.parse(IMPORTED) + 47 * 3600_000);
    assert.equal(await reconcileImportedSnapshots(deps), 0, 'still waiting for SC036243');
    now = new Date(Date.parse(IMPORTED) + 48 * 3600_000);
    assert.equal(await reconcileImportedSnapshots(deps), 1);
    const messages = await store.listMessages({ kind: 'operator' });
    assert.equal(messages.length, 1);
    const text = messages[0]!.text.replace(/\s+/g, ' ');
    assert.match(text, /SC065730, inspected 2017-09-26: overall: ours Requires improvement to be good, Ofsted Good/);
    assert.match(text, /1 provider of the file was still not scraped when the wait for them ran out.*: SC036243\./);
    assert.deepEqual((await store.listReferenceSnapshots())[0]?.outcome, { compared: 1, agree: 0, disagreements: 1, notStored: 1, unscraped: 1, alerted: true });
  });

  it('records the outcome without a message when there is no OPERATOR_EMAIL, or nothing disagrees', async () => {
    deps = depsWith({});
    now = new Date('2025-04-02T07:00:00.000Z');
    await scrapeBoth('2025-04-02T06:00:00.000Z');
    assert.equal(await reconcileImportedSnapshots(deps), 1);
    assert.deepEqual(await store.listMessages(), []);
    assert.deepEqual((await store.listReferenceSnapshots())[0]?.outcome?.alerted, false);
  });
});
