import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as cheerio from 'cheerio';
import { ADMIN_COOKIE } from '../../../src/api/auth/admin-session.js';
import { ApiToken } from '../../../src/api/auth/api-token.js';
import { paginate } from '../../../src/api/pages/pagination.js';
import { watchlistChoices, watchlistFilterFrom } from '../../../src/api/pages/watchlist-filter.js';
import { renderWatchlistPage, type WatchlistPageInput } from '../../../src/api/pages/watchlist-page.js';
import type { WatchScope } from '../../../src/store/store.js';
import { startApiFixture, TOKEN, type ApiFixture } from '../support/api-fixture.js';

// The watchlist's "Watched scopes" list and its "Sweep now" button, which queues discovery as POST /api/sweeps does.

const CHOICES = watchlistChoices({ owners: [], localAuthorities: [] }, []);

function render(scopes: WatchScope[], extra: Partial<WatchlistPageInput> = {}) {
  return cheerio.load(renderWatchlistPage({ watched: 0, slice: paginate([], 1), choices: CHOICES, filter: watchlistFilterFrom({}), scopes, ...extra }));
}

describe('the watchlist page: watched scopes and the sweep form', () => {
  it('lists each scope with its local authority and owner, escaped, and whether its first pass is done', () => {
    const $ = render([
      { category: 'childrens-homes', localAuthority: 'Derby <script>x</script>', owner: 'A&B "Care" Ltd', addedAt: '2026-01-01T00:00:00Z', baselinedAt: null },
      { category: 'schools', localAuthority: null, owner: null, addedAt: '2026-01-02T00:00:00Z', baselinedAt: '2026-01-03T10:00:00Z' },
    ]);
    const items = $('section.scopes li');
    assert.equal(items.length, 2);
    assert.match(items.eq(0).text(), /^childrens-homes in Derby <script>x<\/script> owned by A&B "Care" Ltd \(first pass pending\)$/);
    assert.equal($('section.scopes script').length, 0, 'no markup from a stored name');
    assert.equal(items.eq(0).find('a').attr('href'), `/owners/${encodeURIComponent('A&B "Care" Ltd')}`);
    assert.match(items.eq(1).text(), /^schools \(listed .+\)$/);
  });

  it('offers "Sweep now" with a token field, none with the admin session, a note when API_TOKEN is unset', () => {
    const withField = render([], { sweepForm: { tokenConfigured: true, hasSession: false } });
    assert.equal(withField('form.sweep').attr('method'), 'post');
    assert.equal(withField('form.sweep').attr('action'), '/sweep');
    assert.equal(withField('form.sweep input[name=token]').attr('type'), 'password');
    assert.equal(withField('form.sweep button').text(), 'Sweep now');
    assert.equal(render([], { sweepForm: { tokenConfigured: true, hasSession: true } })('form.sweep input').length, 0);
    const unset = render([], { sweepForm: { tokenConfigured: false, hasSession: false } });
    assert.equal(unset('form.sweep').length, 0);
    assert.match(unset('section.scopes').text(), /needs API_TOKEN/);
  });
});

describe('POST /sweep and the watchlist it redirects to', () => {
  let fx: ApiFixture;
  before(async () => {
    fx = await startApiFixture();
  });
  after(() => fx?.close());

  const post = (body: Record<string, string>, headers: Record<string, string> = {}) =>
    fx.fetch('/sweep', { method: 'POST', body: new URLSearchParams(body).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });
  const manualJobs = async () => (await fx.queues.sweep.getJobs(['waiting', 'prioritized', 'delayed'])).filter((j) => j.id?.startsWith('manual-'));

  it('refuses a wrong token with 401 and the form again, and queues nothing', async () => {
    const res = await post({ token: `${TOKEN}x` });
    assert.equal(res.status, 401);
    const $ = cheerio.load(await res.text());
    assert.equal($('form.sweep input[name=token]').length, 1);
    assert.deepEqual(await manualJobs(), []);
  });

  it('queues discovery with the token, sets the session cookie and redirects to the watchlist, which tells the job and lists the scopes', async () => {
    await fx.store.addWatchScope({ category: 'childrens-homes', localAuthority: 'Derby', owner: null }, '2026-01-01T00:00:00Z');
    const res = await post({ token: TOKEN });
    assert.equal(res.status, 303);
    const location = res.headers.get('location') ?? '';
    const jobId = new URL(location, fx.url).searchParams.get('sweep') ?? '';
    assert.match(jobId, /^manual-discovery-\d+$/);
    assert.equal((await fx.queues.sweep.getJob(jobId))?.name, 'discovery');
    assert.match(res.headers.get('set-cookie') ?? '', new RegExp(`^${ADMIN_COOKIE}=`));

    const cookie = `${ADMIN_COOKIE}=${new ApiToken(TOKEN).cookieValue}`;
    const again = await post({}, { cookie });
    assert.equal(again.status, 303);
    assert.equal(again.headers.get('location'), location, 'the pending discovery is answered, not a second one');

    assert.match(location, /^\/watchlist\?sweep=/);
    const page = await fx.fetch(location, { headers: { cookie } });
    assert.equal(page.status, 200);
    const $ = cheerio.load(await page.text());
    assert.equal($('.notice.job code').text(), jobId);
    assert.match($('section.scopes li').text(), /^childrens-homes in Derby/);
    assert.equal($('form.sweep input').length, 0, 'no token field with the session');
    for (const job of await manualJobs()) await job.remove();
  });

  it('shows no notice for a sweep value that is not a job id', async () => {
    const $ = cheerio.load(await (await fx.fetch(`/watchlist?sweep=${encodeURIComponent('<b>x</b>')}`)).text());
    assert.equal($('.notice.job').length, 0);
  });
});

describe('POST /sweep with API_TOKEN unset', () => {
  it('answers 503 and the watchlist offers a note instead of the form', async () => {
    const fx = await startApiFixture({ apiToken: undefined });
    try {
      assert.equal((await fx.fetch('/sweep', { method: 'POST' })).status, 503);
      const $ = cheerio.load(await (await fx.fetch('/watchlist')).text());
      assert.equal($('form.sweep').length, 0);
    } finally {
      await fx.close();
    }
  });
});
