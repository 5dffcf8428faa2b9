import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { nameKey, resolveName } from '../../src/monitor/scope-names.js';
import { BadInputError } from '../../src/errors.js';
import { LOCAL_AUTHORITIES } from '../../src/ofsted/local-authorities.js';
import { localAuthorityKey, readLocalAuthorityCodes } from '../../src/ofsted/site/search-page.js';
import { startFakeOfsted, type FakeOfsted } from '../../tools/fake-ofsted/index.js';
import { REPO_ROOT, runCli, tempDir } from '../helpers/cli.js';

// `--la` and `--owner` that name nothing known are refused with a suggestion, before anything is written.

const LA = { noun: 'local authority', complete: true };
const OWNER = { noun: 'owner', complete: false };

describe('did you mean', () => {
  it("knows every local authority of the real search page's filter", () => {
    const page = readFileSync(join(REPO_ROOT, 'fixtures', 'real', 'html', 'search_results_folkestone_primary_2023-11.html'), 'utf8');
    const real = [...readLocalAuthorityCodes(page).keys()].sort();
    assert.equal(real.length, 153);
    assert.deepEqual(LOCAL_AUTHORITIES.map(localAuthorityKey).sort(), real);
  });

  it('suggests the nearest local authority, and takes any casing, spacing or "&" as the canonical spelling', () => {
    assert.throws(() => resolveName('Darby', LOCAL_AUTHORITIES, LA), (err: Error) => err instanceof BadInputError && err.message === "no local authority called 'Darby'; did you mean 'Derby'?");
    assert.equal(resolveName('  derby ', LOCAL_AUTHORITIES, LA), 'Derby');
    assert.equal(resolveName('bournemouth christchurch & poole', LOCAL_AUTHORITIES, LA), 'Bournemouth, Christchurch and Poole');
    assert.throws(() => resolveName('Atlantis', LOCAL_AUTHORITIES, LA), /^BadInputError: no local authority called 'Atlantis' \(/);
  });

  it('takes an owner the store has not seen, unless it is a near miss of one it has', () => {
    const known = ['Derby City Council', 'Keys Group Limited'];
    assert.equal(resolveName('Brand  New Care Ltd', known, OWNER), 'Brand New Care Ltd');
    assert.equal(resolveName('derby city council', known, OWNER), 'Derby City Council');
    assert.throws(() => resolveName('Derby Citty Council', known, OWNER), { message: "no owner called 'Derby Citty Council'; did you mean 'Derby City Council'?" });
    assert.equal(nameKey('Keys Group  Ltd.'), 'keys group ltd');
  });

  describe('on the command line', () => {
    let site: FakeOfsted;
    const work = tempDir();
    let env: Record<string, string>;
    before(async () => {
      site = await startFakeOfsted({ now: '2019-09-30', bulk: false });
      env = { DATABASE_URL: `sqlite:${join(work.dir, 'store.db')}`, OFSTED_REPORTS_URL: site.reportsUrl, OFSTED_FILES_URL: site.filesUrl, REQUESTS_PER_SECOND: '50' };
      // The store learns SC036243's owner, Derby City Council, from its page.
      const run = await runCli(['scrape', 'SC036243', '--json'], env);
      assert.equal(run.code, 0, run.stderr);
    });
    after(async () => {
      await site?.close();
      work.cleanup();
    });

    it('refuses a misspelt --la or --owner with exit 2 and one line, and adds nothing', async () => {
      const sub = await runCli(['subscribe', 'team@example.org', '--la', 'Darby'], env);
      assert.equal(sub.code, 2);
      assert.equal(sub.stderr, "ofsted-monitor: no local authority called 'Darby'; did you mean 'Derby'?\n");
      const watch = await runCli(['watch', 'add', '--category', 'childrens-homes', '--owner', 'Derby Cty Council'], env);
      assert.equal(watch.code, 2);
      assert.equal(watch.stderr, "ofsted-monitor: no owner called 'Derby Cty Council'; did you mean 'Derby City Council'?\n");
      const listed = await runCli(['subscriptions', '--json'], env);
      assert.deepEqual(listed.json().subscriptions, []);
      const scopes = (await runCli(['watch', 'list', '--json'], env)).json<{ category?: string }[]>();
      assert.deepEqual(scopes.filter((w) => w.category), []);
    });

    it('stores the canonical spelling of a name given in another case', async () => {
      const run = await runCli(['watch', 'add', '--category', 'childrens-homes', '--la', 'DERBY', '--owner', 'derby city  council', '--json'], env);
      assert.equal(run.code, 0, run.stderr);
      assert.deepEqual([run.json().scope.localAuthority, run.json().scope.owner], ['Derby', 'Derby City Council']);
      const sub = await runCli(['subscribe', 'team@example.org', '--owner', 'DERBY CITY COUNCIL', '--json'], env);
      assert.equal(sub.code, 0, sub.stderr);
      assert.equal(sub.json().subscriptions[0].value, 'Derby City Council');
    });
  });
});
