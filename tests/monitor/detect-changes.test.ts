import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectChanges, evaluateChanges } from '../../src/monitor/detect-changes.js';
import type { ParsedReport } from '../../src/ofsted/types.js';
import type { Grade } from '../../src/ofsted/vocabulary.js';
import type { HistoryEntry, StoredReport } from '../../src/store/store.js';

const URN = 'SC036243';
const AT = '2026-11-22T06:00:00.000Z';

function full(start: string, overall: Grade, sub: [Grade, Grade] = [overall, overall], extra: Partial<ParsedReport> = {}): ParsedReport {
  return {
    urn: URN,
    kind: 'childrens-home-full',
    inspectionStart: start,
    inspectionEnd: start,
    overall,
    judgements: [
      { area: 'Overall experiences and progress of children and young people', key: 'experiences-and-progress', grade: overall },
      { area: 'How well children and young people are helped and protected', key: 'help-and-protection', grade: sub[0] },
      { area: 'The effectiveness of leaders and managers', key: 'leadership-and-management', grade: sub[1] },
    ],
    interimOutcome: null,
    previous: null,
    enforcementSinceLast: 'none',
    registeredProvider: 'Derby City Council',
    registeredManager: null,
    inspectors: [],
    requirements: [],
    recommendations: [],
    keyFindings: [],
    safeguarding: null,
    parserVersion: '1',
    unreadable: [],
    ...extra,
  };
}

function visit(kind: ParsedReport['kind'], start: string, extra: Partial<ParsedReport> = {}): ParsedReport {
  return { ...full(start, 'good'), kind, overall: null, judgements: [], ...extra };
}

let ids = 0;
function stored(parsed: ParsedReport | null, error: string | null = null): StoredReport {
  ids += 1;
  return {
    fileId: String(50000000 + ids),
    urn: URN,
    url: `http://files/v1/file/${50000000 + ids}`,
    title: 'Full inspection',
    publishedAt: parsed?.inspectionEnd ?? '2020-01-01',
    sha256: 'ab',
    parserVersion: '1',
    parsed,
    error,
    fetchedAt: AT,
  };
}

function history(...reports: StoredReport[]): HistoryEntry[] {
  return reports.map((r) => ({ ...r.parsed!, fileId: r.fileId, url: r.url, publishedAt: r.publishedAt }));
}

const types = (events: { type: string }[]) => events.map((e) => e.type).sort();

describe('detectChanges', () => {
  it('raises rating-declined when Good becomes Inadequate', () => {
    const before = stored(full('2019-01-08', 'good'));
    const after = stored(full('2019-10-29', 'inadequate'));
    const events = detectChanges({ urn: URN, history: history(before), incoming: [after], baseline: false, at: AT });
    assert.deepEqual(types(events), ['rating-declined', 'report-published']);
    const declined = events.find((e) => e.type === 'rating-declined')!;
    assert.equal(declined.from, 'good');
    assert.equal(declined.to, 'inadequate');
    assert.equal(declined.inspectionDate, '2019-10-29');
    assert.equal(declined.fileId, after.fileId);
    assert.equal(declined.backfill, false);
    assert.match(declined.summary, /Good → Inadequate/);
  });

  it('raises rating-improved when the grade rises', () => {
    const events = detectChanges({
      urn: URN,
      history: history(stored(full('2019-10-29', 'inadequate'))),
      incoming: [stored(full('2019-12-10', 'requires-improvement'))],
      baseline: false,
      at: AT,
    });
    assert.deepEqual(types(events), ['rating-improved', 'report-published']);
  });

  it('raises judgement-declined for a lower sub-judgement when the overall grade holds', () => {
    const events = detectChanges({
      urn: URN,
      history: history(stored(full('2024-01-24', 'good', ['good', 'outstanding']))),
      incoming: [stored(full('2024-12-10', 'good', ['good', 'good']))],
      baseline: false,
      at: AT,
    });
    assert.deepEqual(types(events), ['judgement-declined', 'report-published']);
    const e = events.find((x) => x.type === 'judgement-declined')!;
    assert.equal(e.from, 'outstanding');
    assert.equal(e.to, 'good');
  });

  it('treats "requires improvement" older "adequate" as the same rung', () => {
    const events = detectChanges({
      urn: URN,
      history: history(stored(full('2014-07-01', 'adequate'))),
      incoming: [stored(full('2015-05-13', 'requires-improvement'))],
      baseline: false,
      at: AT,
    });
    assert.deepEqual(types(events), ['report-published']);
  });

  it('raises interim-declined for an interim "declined in effectiveness" though the grade stays', () => {
    const events = detectChanges({
      urn: URN,
      history: history(stored(full('2019-07-16', 'good'))),
      incoming: [stored(visit('childrens-home-interim', '2019-12-04', { interimOutcome: 'declined' }))],
      baseline: false,
      at: AT,
    });
    assert.deepEqual(types(events), ['interim-declined', 'report-published']);
    assert.equal(events.find((e) => e.type === 'interim-declined')!.from, 'good');
  });

  it('raises only report-published for a monitoring visit', () => {
    const events = detectChanges({
      urn: URN,
      history: history(stored(full('2019-07-16', 'good'))),
      incoming: [stored(visit('childrens-home-monitoring', '2020-02-20'))],
      baseline: false,
      at: AT,
    });
    assert.deepEqual(types(events), ['report-published']);
  });

  it('a monitoring visit between two full inspections does not hide a decline', () => {
    const events = detectChanges({
      urn: URN,
      history: history(stored(full('2019-07-16', 'good')), stored(visit('childrens-home-monitoring', '2020-02-20'))),
      incoming: [stored(full('2021-09-14', 'requires-improvement'))],
      baseline: false,
      at: AT,
    });
    assert.ok(types(events).includes('rating-declined'));
  });

  it('raises scrape-failed, never a rating change, for an unreadable report', () => {
    const events = detectChanges({
      urn: URN,
      history: history(stored(full('2019-01-08', 'good'))),
      incoming: [stored(null, 'the PDF is damaged or truncated and cannot be read')],
      baseline: false,
      at: AT,
    });
    assert.deepEqual(types(events), ['scrape-failed']);
  });

  it('raises scrape-failed when a full report was read but its grade was not', () => {
    const unreadable = { ...full('2019-10-29', 'good'), overall: null, judgements: [], unreadable: ['overall'] };
    const events = detectChanges({
      urn: URN,
      history: history(stored(full('2019-01-08', 'good'))),
      incoming: [stored(unreadable)],
      baseline: false,
      at: AT,
    });
    assert.deepEqual(types(events), ['report-published', 'scrape-failed']);
  });

  it('raises scrape-failed, not only report-published, for a report it could not classify', () => {
    const events = detectChanges({
      urn: URN,
      history: history(stored(full('2019-01-08', 'good'))),
      incoming: [stored(visit('other', '2019-10-29'))],
      baseline: false,
      at: AT,
    });
    assert.deepEqual(types(events), ['report-published', 'scrape-failed']);
    assert.match(events[1]!.summary, /could not be classified/);
  });

  it('raises scrape-failed even on a first scrape for a report it could not classify (never backfill)', () => {
    const events = detectChanges({ urn: URN, history: [], incoming: [stored(visit('other', '2019-10-29'))], baseline: true, at: AT });
    const failed = events.find((e) => e.type === 'scrape-failed');
    assert.equal(failed?.backfill, false);
  });

  it('raises scrape-failed for an LA inspection with no overall owed but no judgement read either', () => {
    const ilacs2026 = visit('la-childrens-services', '2026-05-11', { unreadable: ['judgements.impact-of-leaders', 'judgements.help-and-protection'] });
    const events = detectChanges({ urn: '80459', history: [], incoming: [stored(ilacs2026)], baseline: false, at: AT });
    assert.deepEqual(types(events), ['report-published', 'scrape-failed']);
  });

  it('raises nothing extra for a full report that honestly has no grade (a home with no children yet)', () => {
    const notJudged = visit('childrens-home-full', '2025-03-04');
    const events = detectChanges({ urn: URN, history: history(stored(full('2019-01-08', 'good'))), incoming: [stored(notJudged)], baseline: false, at: AT });
    assert.deepEqual(types(events), ['report-published']);
  });

  it('raises scrape-failed for an interim inspection whose outcome could not be read, and no decline', () => {
    const interim = visit('childrens-home-interim', '2019-06-04', { unreadable: ['interimOutcome'] });
    const events = detectChanges({ urn: URN, history: history(stored(full('2019-01-08', 'good'))), incoming: [stored(interim)], baseline: false, at: AT });
    assert.deepEqual(types(events), ['report-published', 'scrape-failed']);
  });

  it('marks every event of a first scrape as backfill', () => {
    const events = detectChanges({
      urn: URN,
      history: [],
      incoming: [stored(full('2019-01-08', 'good')), stored(full('2019-10-29', 'inadequate'))],
      baseline: true,
      at: AT,
    });
    assert.deepEqual(types(events), ['rating-declined', 'report-published', 'report-published']);
    assert.ok(events.every((e) => e.backfill));
  });

  it('orders incoming reports by inspection date whatever order the page lists them in', () => {
    const events = detectChanges({
      urn: URN,
      history: [],
      incoming: [stored(full('2019-10-29', 'inadequate')), stored(full('2019-01-08', 'good'))],
      baseline: true,
      at: AT,
    });
    const declined = events.filter((e) => e.type === 'rating-declined');
    assert.equal(declined.length, 1);
    assert.equal(declined[0]!.inspectionDate, '2019-10-29');
  });

  it('gives the same ids for the same facts, so a repeated scrape stores nothing twice', () => {
    const before = stored(full('2019-01-08', 'good'));
    const after = stored(full('2019-10-29', 'inadequate'));
    const a = detectChanges({ urn: URN, history: history(before), incoming: [after], baseline: false, at: AT });
    const b = detectChanges({ urn: URN, history: history(before), incoming: [after], baseline: false, at: '2030-01-01T00:00:00Z' });
    assert.deepEqual(a.map((e) => e.id), b.map((e) => e.id));
  });

  it('an amended report with the same grade raises no rating event', () => {
    const good = stored(full('2019-01-08', 'good'));
    const original = stored(full('2019-10-29', 'inadequate'));
    const amended = stored(full('2019-10-29', 'inadequate'));
    // What the store holds from when the original came in: its Good → Inadequate stands for the amendment too.
    const before = detectChanges({ urn: URN, history: history(good), incoming: [original], baseline: false, at: AT });
    const events = detectChanges({
      urn: URN,
      history: history(good, original),
      incoming: [amended],
      stored: before,
      baseline: false,
      at: AT,
    });
    assert.deepEqual(types(events), ['report-published']);
    assert.match(events[0]!.summary, /amended/);
  });

  it('raises manager-changed when the registered manager differs from the last one named', () => {
    const events = detectChanges({
      urn: URN,
      history: history(stored(full('2019-01-08', 'good', ['good', 'good'], { registeredManager: 'Alex Morgan' }))),
      incoming: [stored(full('2019-10-29', 'good', ['good', 'good'], { registeredManager: 'Sam Patel' }))],
      baseline: false,
      at: AT,
    });
    assert.deepEqual(types(events), ['manager-changed', 'report-published']);
  });

  it('raises enforcement when the report names enforcement action since the last inspection', () => {
    const events = detectChanges({
      urn: URN,
      history: history(stored(full('2019-01-08', 'good'))),
      incoming: [stored(full('2019-10-29', 'good', ['good', 'good'], { enforcementSinceLast: 'A compliance notice was issued on 3 June 2019.' }))],
      baseline: false,
      at: AT,
    });
    assert.deepEqual(types(events), ['enforcement', 'report-published']);
  });

  it('compares schools without an overall grade judgement by judgement', () => {
    const school = (start: string, quality: Grade, overall: Grade | null): ParsedReport => ({
      ...full(start, 'good'),
      kind: 'school',
      overall,
      judgements: [
        ...(overall ? [{ area: 'Overall effectiveness', key: 'overall-effectiveness', grade: overall }] : []),
        { area: 'The quality of education', key: 'quality-of-education', grade: quality },
      ],
    });
    const events = detectChanges({
      urn: URN,
      history: history(stored(school('2022-03-01', 'good', 'good'))),
      incoming: [stored(school('2024-11-12', 'requires-improvement', null))],
      baseline: false,
      at: AT,
    });
    assert.deepEqual(types(events), ['judgement-declined', 'report-published']);
  });

  it('never compares grades across scales (report cards against the four-point scale)', () => {
    const card = { ...full('2025-12-01', 'good'), kind: 'school' as const, overall: null, judgements: [{ area: 'Achievement', key: 'quality-of-education', grade: 'needs-attention' as Grade }] };
    const old = { ...full('2022-03-01', 'good'), kind: 'school' as const, overall: null, judgements: [{ area: 'The quality of education', key: 'quality-of-education', grade: 'outstanding' as Grade }] };
    const events = detectChanges({ urn: URN, history: history(stored(old)), incoming: [stored(card)], baseline: false, at: AT });
    assert.deepEqual(types(events), ['report-published']);
  });

  describe('a report that arrives after a newer one was compared', () => {
    const a = () => stored(full('2019-01-08', 'good'));
    const brief = (events: { type: string; from: string | null; to: string | null; fileId: string | null; restates?: string | null }[]) =>
      events.filter((e) => e.type !== 'report-published').map((e) => [e.type, e.from, e.to, e.fileId, e.restates ?? null]);

    it('supersedes the comparison it falls into, raises its own, and restates rather than repeats what was told', () => {
      const [A, B, C] = [a(), stored(full('2019-06-04', 'requires-improvement')), stored(full('2019-10-29', 'inadequate'))];
      const first = detectChanges({ urn: URN, history: history(A), incoming: [C], baseline: false, at: AT });
      const told = first.find((e) => e.type === 'rating-declined')!;
      assert.deepEqual([told.from, told.to], ['good', 'inadequate']);

      const late = evaluateChanges({ urn: URN, history: history(A, C), incoming: [B], stored: first, baseline: false, at: AT });
      assert.deepEqual(late.superseded, [{ id: told.id, by: B.fileId }]);
      assert.deepEqual(brief(late.events), [
        // News: nobody was told the home was rated Requires improvement in June.
        ['rating-declined', 'good', 'requires-improvement', B.fileId, null],
        // The October decline was told already (from Good): stored, alerting nobody.
        ['rating-declined', 'requires-improvement', 'inadequate', C.fileId, told.id],
      ]);
      assert.ok(late.events.every((e) => !e.backfill));
    });

    it('restates when the late report made the move that was told about the later one', () => {
      const [A, B, C] = [a(), stored(full('2019-06-04', 'requires-improvement')), stored(full('2019-10-29', 'requires-improvement'))];
      const first = detectChanges({ urn: URN, history: history(A), incoming: [C], baseline: false, at: AT });
      const told = first.find((e) => e.type === 'rating-declined')!;
      const late = evaluateChanges({ urn: URN, history: history(A, C), incoming: [B], stored: first, baseline: false, at: AT });
      assert.deepEqual(late.superseded, [{ id: told.id, by: B.fileId }]);
      assert.deepEqual(brief(late.events), [['rating-declined', 'good', 'requires-improvement', B.fileId, told.id]]);
    });

    it('changes nothing already raised when the late report has the grade of the one before it', () => {
      const [A, B, C] = [a(), stored(full('2019-06-04', 'good')), stored(full('2019-10-29', 'inadequate'))];
      const first = detectChanges({ urn: URN, history: history(A), incoming: [C], baseline: false, at: AT });
      const late = evaluateChanges({ urn: URN, history: history(A, C), incoming: [B], stored: first, baseline: false, at: AT });
      assert.deepEqual(late.superseded, [], 'Good → Inadequate in October still stands, whichever Good it follows');
      assert.deepEqual(brief(late.events), []);
    });

    it('raises a worse grade in between as news, and what followed it as an improvement', () => {
      const [A, B, C] = [a(), stored(full('2019-06-04', 'inadequate')), stored(full('2019-10-29', 'requires-improvement'))];
      const first = detectChanges({ urn: URN, history: history(A), incoming: [C], baseline: false, at: AT });
      const late = evaluateChanges({ urn: URN, history: history(A, C), incoming: [B], stored: first, baseline: false, at: AT });
      assert.equal(late.superseded.length, 1);
      assert.deepEqual(brief(late.events), [
        ['rating-declined', 'good', 'inadequate', B.fileId, null],
        ['rating-improved', 'inadequate', 'requires-improvement', C.fileId, null],
      ]);
    });

    it("re-evaluates a first scrape's comparison too, as news: the baseline told nobody", () => {
      const [A, B, C] = [a(), stored(full('2019-06-04', 'requires-improvement')), stored(full('2019-10-29', 'inadequate'))];
      const baseline = detectChanges({ urn: URN, history: [], incoming: [A, C], baseline: true, at: AT });
      const late = evaluateChanges({ urn: URN, history: history(A, C), incoming: [B], stored: baseline, baseline: false, at: AT });
      assert.equal(late.superseded.length, 1);
      assert.deepEqual(brief(late.events), [
        ['rating-declined', 'good', 'requires-improvement', B.fileId, null],
        ['rating-declined', 'requires-improvement', 'inadequate', C.fileId, null],
      ]);
    });

    it('an amendment that changes the grade says what changed, and restates the decline already told', () => {
      const [A, C] = [a(), stored(full('2019-10-29', 'inadequate'))];
      const amended = { ...stored(full('2019-10-29', 'requires-improvement')), publishedAt: '2019-12-01' };
      const first = detectChanges({ urn: URN, history: history(A), incoming: [C], baseline: false, at: AT });
      const told = first.find((e) => e.type === 'rating-declined')!;
      const late = evaluateChanges({ urn: URN, history: history(A, C), incoming: [amended], stored: first, baseline: false, at: AT });
      assert.deepEqual(late.superseded, [{ id: told.id, by: amended.fileId }]);
      assert.deepEqual(brief(late.events), [
        ['rating-declined', 'good', 'requires-improvement', amended.fileId, told.id],
        ['rating-improved', 'inadequate', 'requires-improvement', amended.fileId, null],
      ]);
      assert.match(late.events[0]!.summary, /amended/);
    });

    it("alerts a report's move once even when its comparison is superseded twice", () => {
      const [good2022, adequate2014, good2015, ri2019] = [
        stored(full('2022-09-05', 'good')),
        stored(full('2014-07-01', 'adequate')),
        stored(full('2015-05-13', 'good')),
        stored(full('2019-12-10', 'requires-improvement')),
      ];
      const base = detectChanges({ urn: URN, history: [], incoming: [good2022], baseline: true, at: AT });
      const one = evaluateChanges({ urn: URN, history: history(good2022), incoming: [adequate2014], stored: base, baseline: false, at: AT });
      const told = one.events.find((e) => e.type === 'rating-improved')!;
      assert.deepEqual([told.from, told.to, told.fileId], ['adequate', 'good', good2022.fileId]);
      const two = evaluateChanges({ urn: URN, history: history(adequate2014, good2022), incoming: [good2015], stored: [...base, ...one.events], baseline: false, at: AT });
      assert.deepEqual(two.superseded, [{ id: told.id, by: good2015.fileId }]);
      // As the store holds them now: 2022's improvement superseded by 2015's report.
      const held = [...base, ...one.events.map((e) => (e.id === told.id ? { ...e, supersededBy: good2015.fileId } : e)), ...two.events];
      const three = evaluateChanges({ urn: URN, history: history(adequate2014, good2015, good2022), incoming: [ri2019], stored: held, baseline: false, at: AT });
      assert.deepEqual(brief(three.events), [
        ['rating-declined', 'good', 'requires-improvement', ri2019.fileId, null],
        // 2022's improvement, now from Requires improvement: told once already.
        ['rating-improved', 'requires-improvement', 'good', good2022.fileId, told.id],
      ]);
    });

    it('keeps one alert for an interim decline when a full inspection before it arrives late', () => {
      const full2019 = a();
      const interim = stored(visit('childrens-home-interim', '2019-12-04', { interimOutcome: 'declined' }));
      const fullLate = stored(full('2019-07-16', 'requires-improvement'));
      const first = detectChanges({ urn: URN, history: history(full2019), incoming: [interim], baseline: false, at: AT });
      const told = first.find((e) => e.type === 'interim-declined')!;
      assert.equal(told.from, 'good');
      const late = evaluateChanges({ urn: URN, history: history(full2019, interim), incoming: [fullLate], stored: first, baseline: false, at: AT });
      assert.deepEqual(late.superseded, [{ id: told.id, by: fullLate.fileId }]);
      assert.deepEqual(brief(late.events), [
        ['rating-declined', 'good', 'requires-improvement', fullLate.fileId, null],
        ['interim-declined', 'requires-improvement', 'declined', interim.fileId, told.id],
      ]);
    });
  });
});
