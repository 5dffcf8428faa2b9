import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderTimelineChart as renderChart, timelineLayout, timelineSummary } from '../../../src/api/pages/timeline-chart.js';
import { timeAxis } from '../../../src/api/pages/time-axis.js';
import { entry, interim, visit } from './support/history-builders.js';

const renderTimelineChart = (...args: Parameters<typeof renderChart>): string => String(renderChart(...args));

// SC036243's story in 2019: Good in January, interim sustained, Inadequate in October, then a monitoring visit
// and Requires improvement in December.
const HISTORY = [
  entry('2019-01-08', { fileId: 'f1', overall: 'good' }),
  interim('2019-05-20', 'sustained'),
  entry('2019-10-29', { fileId: 'f2', overall: 'inadequate', inspectionEnd: '2019-10-30' }),
  visit('2019-11-20'),
  entry('2019-12-10', { fileId: 'f3', overall: 'requires-improvement' }),
];

function rowY(layout: ReturnType<typeof timelineLayout>, label: string): number {
  const row = layout.rows.find((r) => r.label === label);
  assert.ok(row, `a row labelled ${label}`);
  return row.y;
}

describe('timelineLayout', () => {
  it('puts each full inspection on the row of its overall grade, best at the top, in date order', () => {
    const layout = timelineLayout(HISTORY);
    const graded = layout.marks.filter((m) => m.lane === 'graded');
    assert.deepEqual(
      graded.map((m) => [m.date, m.grade]),
      [
        ['2019-01-08', 'good'],
        ['2019-10-29', 'inadequate'],
        ['2019-12-10', 'requires-improvement'],
      ],
    );
    assert.deepEqual(
      layout.rows.map((r) => r.label),
      ['Outstanding', 'Good', 'Requires improvement', 'Inadequate'],
    );
    assert.equal(graded[0]!.y, rowY(layout, 'Good'));
    assert.equal(graded[1]!.y, rowY(layout, 'Inadequate'));
    assert.equal(graded[2]!.y, rowY(layout, 'Requires improvement'));
    assert.ok(rowY(layout, 'Outstanding') < rowY(layout, 'Good') && rowY(layout, 'Good') < rowY(layout, 'Inadequate'));
    assert.ok(graded[0]!.x < graded[1]!.x && graded[1]!.x < graded[2]!.x, 'later inspections further right');
  });

  it('places x proportionally to the date', () => {
    const layout = timelineLayout(HISTORY);
    const [a, b, c] = layout.marks.filter((m) => m.lane === 'graded');
    // Jan 8 → Oct 29 is 294 days, Oct 29 → Dec 10 is 42: seven times the gap.
    const ratio = (b!.x - a!.x) / (c!.x - b!.x);
    assert.ok(Math.abs(ratio - 294 / 42) < 0.05, `ratio ${ratio}`);
  });

  it('joins the graded inspections with one line through their points', () => {
    const layout = timelineLayout(HISTORY);
    assert.equal(layout.lines.length, 1);
    const graded = layout.marks.filter((m) => m.lane === 'graded');
    assert.deepEqual(
      layout.lines[0]!.points,
      graded.map((m) => [m.x, m.y]),
    );
  });

  it('shows interim outcomes and visits as markers in lanes of their own, below the grades, on the same time axis', () => {
    const layout = timelineLayout(HISTORY);
    const interimMark = layout.marks.find((m) => m.lane === 'interim');
    const visitMark = layout.marks.find((m) => m.lane === 'visit');
    assert.equal(interimMark?.outcome, 'sustained');
    assert.equal(visitMark?.kind, 'childrens-home-monitoring');
    const lowestRow = Math.max(...layout.rows.map((r) => r.y));
    assert.ok(interimMark!.y > lowestRow && visitMark!.y > interimMark!.y);
    assert.deepEqual(
      layout.lanes.map((l) => l.lane),
      ['interim', 'visit'],
    );
    assert.equal(interimMark!.x, layout.axis.x('2019-05-20'));
  });

  it('draws no lane for markers a provider does not have', () => {
    const layout = timelineLayout([entry('2019-01-08'), entry('2020-01-08')]);
    assert.deepEqual(layout.lanes, []);
  });

  it('maps older adequate and satisfactory grades onto the requires-improvement row and names them there', () => {
    const layout = timelineLayout([entry('2014-07-01', { overall: 'adequate' }), entry('2015-05-13', { overall: 'requires-improvement' })]);
    const [adequate, ri] = layout.marks;
    assert.equal(adequate!.y, ri!.y);
    assert.equal(layout.rows.find((r) => r.rank === 2)?.label, 'Requires improvement / Adequate');
    // Too long for the margin on one line: the second grade goes on a line of its own.
    const svg = renderTimelineChart([entry('2014-07-01', { overall: 'adequate' })], { title: 't' });
    assert.match(svg, />Adequate<\/text>/, 'only adequate present: named alone');
    const both = renderTimelineChart([entry('2014-07-01', { overall: 'adequate' }), entry('2015-05-13', { overall: 'requires-improvement' })], { title: 't' });
    assert.match(both, />Requires improvement<tspan x="[\d.]+" dy="12">\/ Adequate<\/tspan><\/text>/);
  });

  it('gives school report cards their own five-point scale below the four-point one, with no line between scales', () => {
    const layout = timelineLayout([
      entry('2023-03-01', { kind: 'school', overall: 'good' }),
      entry('2026-01-20', { kind: 'school', overall: 'strong-standard' }),
    ]);
    assert.deepEqual(
      layout.rows.map((r) => `${r.scale}:${r.label}`),
      [
        'four-point:Outstanding',
        'four-point:Good',
        'four-point:Requires improvement',
        'four-point:Inadequate',
        'report-card:Exceptional',
        'report-card:Strong standard',
        'report-card:Expected standard',
        'report-card:Needs attention',
        'report-card:Urgent improvement',
      ],
    );
    const card = layout.marks.find((m) => m.grade === 'strong-standard')!;
    assert.equal(card.y, layout.rows.find((r) => r.label === 'Strong standard')!.y);
    assert.deepEqual(layout.lines, [], 'a line needs two points on one scale');
  });

  it('puts a full inspection without a usable overall grade among the ungraded markers, not on the grade axis', () => {
    const layout = timelineLayout([entry('2025-03-01', { overall: 'not-judged' }), entry('2025-06-01', { overall: null })]);
    assert.deepEqual(
      layout.marks.map((m) => m.lane),
      ['visit', 'visit'],
    );
    assert.equal(layout.rows.length, 4, 'the familiar four-point axis is still drawn');
  });

  it('leaves out an inspection with no date rather than guessing one', () => {
    const layout = timelineLayout([entry('2019-01-08'), entry('2019-02-01', { inspectionStart: null })]);
    assert.equal(layout.marks.length, 1);
  });
});

describe('timeAxis', () => {
  it('labels each year inside the range, no more than about ten of them', () => {
    const short = timeAxis(['2019-01-08', '2019-12-10'], 0, 100);
    assert.deepEqual(
      short.ticks.map((t) => t.year),
      [2019, 2020],
    );
    const long = timeAxis(['2004-02-12', '2025-03-01'], 0, 100);
    assert.ok(long.ticks.length <= 11 && long.ticks.length >= 5, `${long.ticks.length} ticks`);
    assert.ok(long.ticks.every((t, i, all) => i === 0 || t.x > all[i - 1]!.x));
  });
});

describe('renderTimelineChart', () => {
  const svg = renderTimelineChart(HISTORY, { title: 'Inspections of <Oak & Ash> (SC036243)' });

  it('is an accessible SVG: an escaped <title> and a <desc> summing up the inspections', () => {
    assert.match(svg, /^<svg class="chart timeline"[^>]* role="img" aria-labelledby="timeline-title timeline-desc">/);
    assert.match(svg, /<title id="timeline-title">Inspections of &lt;Oak &amp; Ash&gt; \(SC036243\)<\/title>/);
    assert.match(svg, /<desc id="timeline-desc">3 graded inspections from 8 Jan 2019 to 10 Dec 2019: Good, then Inadequate, then Requires improvement to be good\./);
    assert.ok(svg.endsWith('</svg>'));
  });

  it('draws one marker per inspection, coloured by class, each with a tooltip and a link to its report', () => {
    assert.equal((svg.match(/<circle class="point grade-/g) ?? []).length, 3);
    assert.match(svg, /<a href="#report-f2"><circle class="point grade-inadequate" cx="[\d.]+" cy="[\d.]+" r="6" data-date="2019-10-29"[^>]*><title>Full inspection, 29–30 Oct 2019: Inadequate<\/title>/);
    assert.match(svg, /<polygon class="interim interim-sustained"[^>]*data-outcome="sustained"><title>Interim inspection, 20 May 2019: Sustained effectiveness<\/title>/);
    assert.match(svg, /<rect class="visit"[^>]*data-kind="childrens-home-monitoring"><title>Monitoring visit, 20 Nov 2019<\/title>/);
  });

  it('uses shapes that tell improved, sustained and declined interims apart', () => {
    const three = renderTimelineChart([interim('2016-05-17', 'improved'), interim('2017-05-23', 'sustained'), interim('2018-06-12', 'declined')], { title: 't' });
    const points = (outcome: string) => new RegExp(`class="interim interim-${outcome}" points="([^"]+)"`).exec(three)?.[1]?.split(' ').length;
    assert.equal(points('improved'), 3);
    assert.equal(points('declined'), 3);
    assert.equal(points('sustained'), 4);
    assert.notEqual(/interim-improved" points="([^"]+)"/.exec(three)?.[1], /interim-declined" points="([^"]+)"/.exec(three)?.[1]);
  });

  it('needs no script and no style attribute (the page CSP allows neither)', () => {
    assert.doesNotMatch(svg, /<script|style=|on[a-z]+=/i);
  });

  it('escapes the ids of reports taken from stored data', () => {
    const odd = renderTimelineChart([entry('2019-01-08', { fileId: '"><script>x</script>' })], { title: 't' });
    assert.doesNotMatch(odd, /<script/);
    assert.match(odd, /href="#report-__+script_x__script_"/);
  });
});

describe('timelineSummary', () => {
  it('says how many interims and visits there were', () => {
    assert.equal(
      timelineSummary(HISTORY),
      '3 graded inspections from 8 Jan 2019 to 10 Dec 2019: Good, then Inadequate, then Requires improvement to be good. ' +
        '1 interim inspection (sustained). 1 visit or ungraded report.',
    );
  });

  it('says so when nothing is stored', () => {
    assert.equal(timelineSummary([]), 'No inspection with a date is stored yet.');
  });
});
