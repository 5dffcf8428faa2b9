import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { changeText, portfolioLayout, portfolioSummary, renderPortfolioChart as renderChart } from '../../../src/api/pages/portfolio-chart.js';
import { changeDirection, isGoodOrBetter, portfolioShare, type PortfolioHome } from '../../../src/api/pages/portfolio-share.js';
import { entry, interim, visit } from './support/history-builders.js';

const renderPortfolioChart = (...args: Parameters<typeof renderChart>): string => String(renderChart(...args));

// Derby's three homes as the local Ofsted site tells them up to November 2019.
const DERBY: PortfolioHome[] = [
  {
    urn: 'SC036243',
    name: 'Oak House',
    closedAt: null,
    history: [
      entry('2014-07-01', { overall: 'adequate' }),
      entry('2015-05-13', { overall: 'good' }),
      interim('2016-05-17', 'sustained'),
      entry('2019-01-08', { overall: 'good' }),
      entry('2019-10-29', { overall: 'inadequate' }),
    ],
  },
  {
    urn: 'SC488596',
    name: 'Elm House',
    closedAt: null,
    history: [
      entry('2015-09-24', { overall: 'good' }),
      entry('2017-06-13', { overall: 'requires-improvement' }),
      entry('2019-07-16', { overall: 'good' }),
      visit('2019-08-01'),
    ],
  },
  {
    urn: 'SC036109',
    name: 'Ash House',
    closedAt: null,
    history: [entry('2018-03-13', { overall: 'good' }), entry('2019-09-10', { overall: 'inadequate' })],
  },
];

function table(steps: ReturnType<typeof portfolioShare>): string[] {
  return steps.map((s) => `${s.date} ${s.goodOrBetter}/${s.graded}`);
}

describe('portfolioShare', () => {
  it('counts, at each inspection date, the graded homes whose latest overall grade is good or outstanding', () => {
    assert.deepEqual(table(portfolioShare(DERBY)), [
      '2014-07-01 0/1',
      '2015-05-13 1/1',
      '2015-09-24 2/2',
      '2017-06-13 1/2',
      '2018-03-13 2/3',
      '2019-01-08 2/3',
      '2019-07-16 3/3',
      '2019-09-10 2/3',
      '2019-10-29 1/3',
    ]);
    const last = portfolioShare(DERBY).at(-1)!;
    assert.equal(last.share, 1 / 3);
    assert.deepEqual(last.changes, [{ urn: 'SC036243', name: 'Oak House', from: 'good', grade: 'inadequate' }]);
    assert.equal(changeDirection(last.changes[0]!), 'declined');
    assert.equal(changeText(last.changes[0]!), 'SC036243 Oak House: Good → Inadequate');
  });

  it('ignores interims and visits: they never set a home\'s grade', () => {
    const steps = portfolioShare(DERBY);
    assert.ok(!steps.some((s) => s.date === '2016-05-17' || s.date === '2019-08-01'));
  });

  it('takes a closed home out of the portfolio from the day Ofsted stopped listing it', () => {
    const withClosure: PortfolioHome[] = [...DERBY, { urn: 'SC036019', name: 'Closed House', closedAt: '2019-11-15T06:00:00.000Z', history: [entry('2018-09-04', { overall: 'requires-improvement' })] }];
    const steps = portfolioShare(withClosure);
    assert.deepEqual(
      table(steps).slice(-2),
      ['2019-10-29 1/4', '2019-11-15 1/3'],
    );
    assert.deepEqual(steps.at(-1)!.changes, [{ urn: 'SC036019', name: 'Closed House', from: 'requires-improvement', grade: null }]);
  });

  it('does not count a local authority\'s own inspection as one of its homes', () => {
    const la: PortfolioHome = { urn: '80459', name: 'Derby', closedAt: null, history: [entry('2022-03-21', { kind: 'la-childrens-services', overall: 'requires-improvement' })] };
    assert.deepEqual(table(portfolioShare([...DERBY, la])), table(portfolioShare(DERBY)));
  });

  it('applies two inspections on the same day as one step', () => {
    const steps = portfolioShare([
      { urn: 'A', name: null, closedAt: null, history: [entry('2020-01-01', { overall: 'good' })] },
      { urn: 'B', name: null, closedAt: null, history: [entry('2020-01-01', { overall: 'outstanding' })] },
    ]);
    assert.deepEqual(table(steps), ['2020-01-01 2/2']);
    assert.equal(steps[0]!.changes.length, 2);
  });

  it('has no step for a home never graded, and none at all for an owner with no graded inspection', () => {
    assert.deepEqual(portfolioShare([{ urn: 'A', name: null, closedAt: '2020-01-01', history: [visit('2019-01-01')] }]), []);
  });

  it('treats good and outstanding (and expected standard or better on report cards) as good or better', () => {
    assert.equal(isGoodOrBetter('outstanding'), true);
    assert.equal(isGoodOrBetter('good'), true);
    assert.equal(isGoodOrBetter('requires-improvement'), false);
    assert.equal(isGoodOrBetter('adequate'), false);
    assert.equal(isGoodOrBetter('inadequate'), false);
    assert.equal(isGoodOrBetter('not-judged'), false);
    assert.equal(isGoodOrBetter('strong-standard'), true);
    assert.equal(isGoodOrBetter('needs-attention'), false);
  });
});

describe('renderPortfolioChart', () => {
  const steps = portfolioShare(DERBY);
  const layout = portfolioLayout(steps);
  const svg = renderPortfolioChart(steps, { title: "Share of Derby City Council's homes rated good or outstanding" });

  it('plots each step at its share, 100% at the target line and 0% at the axis', () => {
    const byDate = new Map(layout.points.map((p) => [p.date, p]));
    assert.equal(byDate.get('2015-05-13')!.y, layout.targetY);
    assert.equal(byDate.get('2014-07-01')!.y, layout.zeroY);
    const third = byDate.get('2019-10-29')!;
    assert.ok(Math.abs(third.y - (layout.zeroY - (layout.zeroY - layout.targetY) / 3)) < 0.01);
    assert.equal(third.label, '29 Oct 2019: SC036243 Oak House: Good → Inadequate. 1 of 3 homes good or better (33%)');
  });

  it('draws a step line: level until the next date, then straight up or down, held to the end of the axis', () => {
    const [p0, p1] = layout.points;
    assert.ok(layout.path.startsWith(`M${p0!.x} ${p0!.y}H${p1!.x}V${p1!.y}`), layout.path);
    assert.ok(layout.path.endsWith(`H${layout.axis.right}`));
    assert.match(svg, new RegExp(`<path class="line step" d="${layout.path}"/>`));
  });

  it('draws the 100% target as a dashed line (class target) across the whole chart', () => {
    assert.match(svg, new RegExp(`<line class="target" x1="${layout.axis.left}" x2="${layout.axis.right}" y1="${layout.targetY}" y2="${layout.targetY}"/>`));
  });

  it('marks declines with a down triangle and improvements with an up triangle, other changes with a circle', () => {
    const marks = (direction: string) => [...svg.matchAll(new RegExp(`<(\\w+) class="point step-${direction}"[^>]*data-date="([\\d-]+)"`, 'g'))].map((m) => `${m[1]} ${m[2]}`);
    assert.deepEqual(marks('declined'), ['polygon 2017-06-13', 'polygon 2019-09-10', 'polygon 2019-10-29']);
    assert.deepEqual(marks('improved'), ['polygon 2015-05-13', 'polygon 2019-07-16']);
    assert.deepEqual(marks('other'), ['circle 2014-07-01', 'circle 2015-09-24', 'circle 2018-03-13', 'circle 2019-01-08']);
  });

  it('names the home behind each step in its tooltip', () => {
    assert.match(svg, /<title>10 Sep 2019: SC036109 Ash House: Good → Inadequate\. 2 of 3 homes good or better \(67%\)<\/title>/);
    assert.match(svg, /<title>1 Jul 2014: SC036243 Oak House: first graded Adequate\. 0 of 1 home good or better \(0%\)<\/title>/);
  });

  it('plots how many homes were graded, stepping up as each is first graded, on a right-hand scale', () => {
    assert.deepEqual(layout.points.map((p) => p.homes), [1, 1, 2, 2, 3, 3, 3, 3, 3]);
    assert.deepEqual(layout.homeTicks.map((t) => t.count), [0, 5]);
    assert.match(svg, new RegExp(`<path class="homes" d="${layout.homesPath}">`));
  });

  it('is accessible (escaped title, a desc with the latest share) and needs no script or style attribute', () => {
    assert.match(svg, /<title id="portfolio-title">Share of Derby City Council&#39;s homes rated good or outstanding<\/title>/);
    assert.match(svg, /<desc id="portfolio-desc">From 1 Jul 2014 to 29 Oct 2019\. Latest, on 29 Oct 2019: 1 of 3 homes good or better \(33%\)\. All graded homes were good or better after 3 of the 9 changes; a home declined on 3 dates\.<\/desc>/);
    assert.doesNotMatch(svg, /<script|style=/);
  });

  it('says there is nothing to plot when no home is graded', () => {
    const empty = renderPortfolioChart([], { title: 'empty' });
    assert.match(empty, /No graded inspection stored yet/);
    assert.doesNotMatch(empty, /<path/);
    assert.equal(portfolioSummary([]), 'No home of this owner has a graded inspection stored yet.');
  });
});
