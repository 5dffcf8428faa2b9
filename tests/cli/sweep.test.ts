import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as cheerio from 'cheerio';
import { startFakeOfsted, type FakeOfsted } from '../../tools/fake-ofsted/index.js';
import { runCli } from '../helpers/cli.js';
import { startTestRedis, type TestRedis } from '../helpers/test-redis.js';
import { runCliInTerminal } from '../helpers/terminal.js';
import type { DaemonProcess } from '../workers/support/daemon-process.js';
import { startDaemonWorld, type DaemonWorld } from '../workers/support/daemon-world.js';

// `sweep [now] [--full] [--wait]` against a real daemon: the run is followed to its end, its one-line summary
// is printed, logged by the daemon and listed on the dashboard's sweeps page.

const TOKEN = 'sweep-test-token';

describe('sweep now, followed to its summary', () => {
  let site: FakeOfsted;
  let redis: TestRedis;
  let world: DaemonWorld;
  let daemon: DaemonProcess;
  let base: string;

  before(async () => {
    site = await startFakeOfsted({ now: '2019-09-30', bulk: false });
    redis = await startTestRedis();
    world = await startDaemonWorld({ site, redisUrl: redis.url, name: 'cli-sweep', watch: ['SC036243', 'SC036109'], env: { REQUESTS_PER_SECOND: '50', SWEEP_JITTER_MS: '0', API_TOKEN: TOKEN } });
    daemon = world.start();
    base = String((await daemon.started()).api);
  });
  after(async () => {
    if (daemon && !daemon.exited) await daemon.stop('SIGTERM');
    await world?.close();
    await site?.close();
    await redis?.stop();
  });

  it('runs the full sweep now, waits for every provider and prints { jobId, summary }; the daemon logs the line', { timeout: 60_000 }, async () => {
    const run = await runCli(['sweep', 'now', '--full', '--wait', '--json'], world.env);
    assert.equal(run.code, 0, run.stderr);
    const { jobId, summary } = run.json<{ jobId: string; summary: Record<string, unknown> }>();
    assert.match(jobId, /^manual/);
    assert.equal(summary.id, jobId);
    assert.equal(summary.kind, 'full');
    assert.deepEqual([summary.providers, summary.ok, summary.failed], [2, 2, 0]);
    assert.ok(Number(summary.reports) >= (await world.store.history('SC036243')).length, 'a first scrape stores every report');
    // The first scrape is a baseline: nothing in it is news, so no decline however the history went.
    assert.equal(summary.declines, 0);
    const logged = await daemon.waitForLog('the summary', (l) => l.msg?.startsWith('full sweep finished:') === true, 5_000);
    assert.match(String(logged.msg), new RegExp(`^full sweep finished: 2 providers, 2 ok, 0 failed, ${summary.reports} new reports, 0 declines, \\d`));
  });

  it('accepts `sweep` alone as the same request and refuses any other word with exit 2', async () => {
    const plain = await runCli(['sweep', '--json'], world.env);
    assert.equal(plain.code, 0, plain.stderr);
    assert.ok(plain.json().jobId);
    const wrong = await runCli(['sweep', 'later'], world.env);
    assert.equal(wrong.code, 2);
    assert.equal(wrong.stderr.trim().split('\n').length, 1);
    assert.match(wrong.stderr, /"now" or nothing/);
  });

  it('shows a progress bar at a terminal and ends with the summary line on stdout', { timeout: 60_000 }, async () => {
    // One request a second: the second provider page waits a second for its turn, long enough for the bar
    // to be drawn whatever the machine's speed (it is polled twice a second).
    await daemon.stop('SIGTERM');
    daemon = world.start({ REQUESTS_PER_SECOND: '1' });
    base = String((await daemon.started()).api);
    const run = await runCliInTerminal(['sweep', 'now', '--full', '--wait'], world.env);
    assert.equal(run.code, 0, run.output);
    assert.match(run.output, /full sweep \[[░█]*\] \d+\/2/);
    // Nothing new since the first sweep. The line follows the bar's last frame, erased by control codes.
    assert.match(run.output, /full sweep finished: 2 providers, 2 ok, 0 failed, 0 new reports, 0 declines, [\d.]+s\n$/);
  });

  it('lists finished sweeps on the dashboard, and its Sweep now button works with no scope watched', async () => {
    const sweeps = cheerio.load(await (await fetch(`${base}/sweeps`)).text());
    const rows = sweeps('table.sweeps tbody tr').toArray().map((tr) => sweeps(tr).find('td').toArray().map((td) => sweeps(td).text().trim()));
    assert.ok(rows.length >= 2, `rows: ${JSON.stringify(rows)}`);
    assert.deepEqual(rows.at(-1)!.slice(1, 5), ['full sweep', '2', '2', '0']);
    assert.deepEqual(await world.store.listWatchScopes(), []);
    const posted = await fetch(`${base}/sweep`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
      redirect: 'manual',
    });
    assert.equal(posted.status, 303);
    assert.match(posted.headers.get('location') ?? '', /^\/watchlist\?sweep=/);
  });
});
