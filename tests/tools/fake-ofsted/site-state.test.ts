import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FakeScenario } from '../../../tools/fake-ofsted/scenario/fake-scenario.js';
import { SiteState } from '../../../tools/fake-ofsted/site-state.js';

const scenario = new FakeScenario({ bulk: false });

describe('SiteState', () => {
  it('lists only reports published on or before now', () => {
    const state = new SiteState(scenario, '2019-11-26');
    const p = scenario.provider('SC036243');
    assert.ok(p, 'SC036243 exists');
    assert.equal(state.published(p).at(-1)?.publishedAt, '2019-01-30');
    state.setNow('2019-11-27');
    assert.equal(state.published(p).at(-1)?.publishedAt, '2019-11-27');
  });

  it('advances to the next publication date of one provider, then returns null when none is left', () => {
    const state = new SiteState(scenario, '2024-09-01');
    assert.equal(state.advance('sc488596'), '2024-09-12');
    assert.equal(state.advance('SC488596'), null);
    assert.equal(state.now(), '2024-09-12');
    assert.equal(state.advance('NOPE'), null);
  });

  it('counts a fault down and then forgets it', () => {
    const state = new SiteState(scenario, '2019-09-30');
    state.setFault({ urn: 'sc036243' }, { kind: 'status', status: 500, times: 2 });
    assert.equal(state.takeFault({ urn: 'SC036243' })?.kind, 'status');
    assert.equal(state.describeFaults()[0]?.remaining, 1);
    assert.equal(state.takeFault({ urn: 'SC036243' })?.kind, 'status');
    assert.equal(state.takeFault({ urn: 'SC036243' }), undefined);
    state.setFault({ fileId: '12345678' }, { kind: 'slow', ms: 5 });
    assert.equal(state.takeFault({ fileId: '12345678' })?.kind, 'slow');
    assert.equal(state.takeFault({ fileId: '12345678' })?.kind, 'slow', 'faults without a count persist');
    state.clearFaults();
    assert.equal(state.takeFault({ fileId: '12345678' }), undefined);
  });

  it('defaults a challenge to one response', () => {
    const state = new SiteState(scenario, '2019-09-30');
    state.setFault({ urn: 'SC036243' }, { kind: 'challenge' });
    assert.equal(state.takeFault({ urn: 'SC036243' })?.kind, 'challenge');
    assert.equal(state.takeFault({ urn: 'SC036243' }), undefined);
  });

  it('refuses a start date that is not an ISO date', () => {
    assert.throws(() => new SiteState(scenario, '2019-02-30'), /ISO date/);
  });
});
