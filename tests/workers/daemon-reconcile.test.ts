import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { startFakeOfsted, type FakeOfsted } from '../../tools/fake-ofsted/index.js';
import { scrapeFromLocalSite } from '../api/pages/support/scrape-local-site.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { readMessage } from '../helpers/mime-reader.js';
import { CSC_DIR } from '../helpers/ofsted-workbook.js';
import { SmtpSink } from '../helpers/smtp-sink.js';
import { startTestRedis, type TestRedis } from '../helpers/test-redis.js';
import { startDaemonWorld, type DaemonWorld } from './support/daemon-world.js';
import { waitFor } from './support/wait-for.js';

// The compiled daemon, real Redis, a real SMTP server and the local Ofsted site: an operator imports Ofsted's
// provider-level data; the daemon scrapes the providers it lists on its schedule, compares, and tells the
// operator once of the report it mis-parsed.

const OPS = 'ops@example.org';
const URNS = ['SC065730', 'SC036019', 'SC036240'];
const FILE = 'provider_level_at_31_Mar_2018_derby.csv';

/** The real Derby extract of 31 March 2018 cut to three providers: its preamble, header and their rows, unmodified. */
function cutExtract(dir: string): string {
  const lines = readFileSync(join(CSC_DIR, 'derby_extracts', FILE), 'utf8').split('\n');
  const firstRow = lines.findIndex((l) => l.startsWith('Ofsted Social Care Provider Webpage,'));
  const kept = [...lines.slice(0, firstRow), ...lines.slice(firstRow).filter((l) => URNS.some((u) => l.includes(`,${u},`)))];
  const path = join(dir, FILE);
  writeFileSync(path, `${kept.join('\n')}\n`);
  return path;
}

describe('daemon: reconciling an imported Ofsted data file', () => {
  let site: FakeOfsted;
  let sink: SmtpSink;
  let redis: TestRedis;
  let world: DaemonWorld;
  let tmp: ReturnType<typeof tempDir>;

  before(async () => {
    site = await startFakeOfsted({ now: '2025-06-30', bulk: false });
    sink = await SmtpSink.start();
    redis = await startTestRedis();
    tmp = tempDir();
    world = await startDaemonWorld({
      site,
      redisUrl: redis.url,
      name: 'reconcile',
      env: {
        SMTP_URL: sink.url(),
        OPERATOR_EMAIL: OPS,
        // The per-URN sweep; discovery (SCRAPE_SCHEDULE) stays out of the way.
        FULL_SWEEP_SCHEDULE: '*/3 * * * * *',
        SCRAPE_SCHEDULE: '0 0 1 1 *',
        SWEEP_JITTER_MS: '200',
        REQUESTS_PER_SECOND: '30',
        OUTBOX_INTERVAL_MS: '300',
        FETCH_BACKOFF_MS: '50',
        JOB_BACKOFF_MS: '300',
      },
    });
  });
  after(async () => {
    await world?.close();
    await redis?.stop();
    await sink?.close();
    await site?.close();
    tmp?.cleanup();
  });

  it('scrapes what the import lists, then mails the operator one message listing the mis-parsed report, once', async () => {
    const { store, env } = world;
    // SC065730 was scraped before, by a parser that took the overall grade of its 2017 report from the row below.
    await scrapeFromLocalSite(store, site, ['SC065730']);
    const stored = (await store.listReports('SC065730')).find((r) => r.parsed?.inspectionStart === '2017-09-26');
    assert.ok(stored?.parsed);
    assert.equal(stored.parsed.overall, 'good', 'read right from the local site');
    await store.updateReports([{ ...stored, parsed: { ...stored.parsed, overall: 'requires-improvement' } }]);

    const file = cutExtract(tmp.dir);
    const imported = await runCli(['watch', 'import', file, '--json'], env);
    assert.equal(imported.code, 0, imported.stderr);
    assert.deepEqual([imported.json().found, imported.json().added, imported.json().snapshot.created], [3, 3, true]);

    const daemon = world.start();
    await daemon.started();
    const [mail] = await sink.waitFor(1, 90_000);
    const message = readMessage(mail!.raw);
    assert.deepEqual(mail!.to, [OPS]);
    assert.equal(message.subject, `[ofsted-monitor] 1 field disagrees with Ofsted's data in ${FILE} (2 of 3 inspections agree)`);
    const text = (message.text ?? '').replace(/\s+/g, ' ');
    assert.match(text, /SC065730, inspected 2017-09-26: overall: ours Requires improvement to be good, Ofsted Good/);
    assert.match(text, /all fields agree on 2 of 3 inspections \(66\.6%\)/);

    // By then every listed provider had been scraped since the import.
    const snapshot = (await store.listReferenceSnapshots())[0];
    assert.deepEqual(snapshot?.outcome, { compared: 3, agree: 2, disagreements: 1, notStored: 0, unscraped: 0, alerted: true });
    for (const urn of URNS) assert.ok(((await store.getProvider(urn))?.lastScrapedAt ?? '') >= snapshot!.importedAt, `${urn} scraped after the import`);

    // More sweeps and outbox ticks, and the same file imported again: still one message.
    assert.match((await runCli(['watch', 'import', file], env)).stdout, /imported before/);
    const ticks = () => daemon.logs.filter((l) => l.msg === 'sweep: provider jobs queued').length;
    const seen = ticks();
    await waitFor('two more sweeps', () => ticks() >= seen + 2, 15_000);
    await delay(1_000);
    assert.equal(sink.messages.length, 1);
    assert.equal((await store.listMessages({ kind: 'operator' })).length, 1);
    // Nothing here is a rating change: the scrapes stored baselines, and reconciling raised nothing.
    assert.deepEqual((await store.listEvents()).filter((e) => !e.backfill), []);
    assert.equal((await daemon.stop('SIGTERM')).code, 0, daemon.text.join('\n'));
  });
});
