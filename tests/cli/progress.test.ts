import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startFakeOfsted, type FakeOfsted } from '../../tools/fake-ofsted/index.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { runCliInTerminal } from '../helpers/terminal.js';

// Long commands draw a progress bar with an ETA on a terminal's stderr, and nothing into a pipe.

describe('progress bar', () => {
  let site: FakeOfsted;
  const work = tempDir();
  let env: Record<string, string>;

  before(async () => {
    site = await startFakeOfsted({ now: '2019-09-30', bulk: false });
    env = { DATABASE_URL: `sqlite:${join(work.dir, 'store.db')}`, OFSTED_REPORTS_URL: site.reportsUrl, OFSTED_FILES_URL: site.filesUrl, REQUESTS_PER_SECOND: '50' };
    for (const urn of ['SC036243', 'SC036109']) {
      const run = await runCli(['scrape', urn, '--json'], env);
      assert.equal(run.code, 0, run.stderr);
    }
  });
  after(async () => {
    await site?.close();
    work.cleanup();
  });

  it('reparse --all shows one at a terminal, then its result', async () => {
    const run = await runCliInTerminal(['reparse', '--all'], env);
    assert.equal(run.code, 0, run.output);
    assert.match(run.output, /reparse \[[░█]+\] [0-2]\/2 \| \d+% \| ETA/);
    assert.match(run.output, /parser \d+: \d+ of \d+ reports re-read/);
  });

  it('reparse --all writes nothing on stderr when it is a pipe', async () => {
    const run = await runCli(['reparse', '--all', '--json'], env);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, '');
    assert.ok(run.json().reports > 0);
  });

  it('watch import shows how far through the file it has read at a terminal, and nothing in a pipe', async () => {
    const csv = join(work.dir, 'homes.csv');
    writeFileSync(csv, `URN,Name\n${Array.from({ length: 3000 }, (_, i) => `SC${String(100000 + i)},Home ${i}`).join('\n')}\n`);
    const shown = await runCliInTerminal(['watch', 'import', csv], env);
    assert.equal(shown.code, 0, shown.output);
    assert.match(shown.output, /reading file \(kB\) \[[░█]+\] \d+\/\d+ \| \d+% \| ETA/);
    assert.match(shown.output, /imported 3000 URNs/);
    const piped = await runCli(['watch', 'import', csv, '--json'], env);
    assert.equal(piped.code, 0, piped.stderr);
    assert.doesNotMatch(piped.stderr, /reading file/);
  });
});
