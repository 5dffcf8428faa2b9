import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eventSubject } from '../../../src/alerts/render/event-subject.js';
import { formatDateRange } from '../../../src/alerts/render/format-dates.js';
import { declineContext, event, full, JANUARY_2019, OCTOBER_2019, provider } from './derby-contexts.js';

const DECEMBER_2019 = full('2019-12-10', '2019-12-11', ['requires-improvement', 'requires-improvement', 'requires-improvement'], {
  fileId: '50150001',
  enforcementSinceLast:
    "Ofsted served a compliance notice in relation to regulation 12 of the Children's Homes (England) Regulations 2015 on 8 November 2019.",
  registeredManager: 'Alex Newman',
});

describe('inspection date ranges', () => {
  it('writes one day as "29 Oct 2019"', () => {
    assert.equal(formatDateRange('2019-10-29', '2019-10-29'), '29 Oct 2019');
    assert.equal(formatDateRange('2019-10-29', null), '29 Oct 2019');
  });
  it('writes days of one month as "29–30 Oct 2019"', () => {
    assert.equal(formatDateRange('2019-10-29', '2019-10-30'), '29–30 Oct 2019');
  });
  it('writes a range across months as "30 Sep – 1 Oct 2019"', () => {
    assert.equal(formatDateRange('2019-09-30', '2019-10-01'), '30 Sep – 1 Oct 2019');
  });
  it('writes a range across years as "31 Dec 2019 – 2 Jan 2020"', () => {
    assert.equal(formatDateRange('2019-12-31', '2020-01-02'), '31 Dec 2019 – 2 Jan 2020');
  });
  it('gives nothing without a start date', () => {
    assert.equal(formatDateRange(null, '2019-10-30'), null);
  });
});

describe('event subjects', () => {
  it('names the grades and the inspection dates of a rating decline', () => {
    assert.equal(eventSubject(declineContext()), 'SC036243: Good → Inadequate (inspected 29–30 Oct 2019)');
  });

  it('writes a one-day inspection as one date', () => {
    const report = { ...OCTOBER_2019, inspectionEnd: '2019-10-29' };
    assert.equal(eventSubject(declineContext({ report })), 'SC036243: Good → Inadequate (inspected 29 Oct 2019)');
  });

  it('writes an inspection across two months with a spaced dash', () => {
    const report = { ...OCTOBER_2019, inspectionStart: '2019-09-30', inspectionEnd: '2019-10-01' };
    const ctx = declineContext({ report, event: event({ inspectionDate: '2019-09-30' }) });
    assert.equal(eventSubject(ctx), 'SC036243: Good → Inadequate (inspected 30 Sep – 1 Oct 2019)');
  });

  it('writes an inspection across the new year with both years', () => {
    const report = { ...OCTOBER_2019, inspectionStart: '2019-12-31', inspectionEnd: '2020-01-02' };
    const ctx = declineContext({ report, event: event({ inspectionDate: '2019-12-31' }) });
    assert.equal(eventSubject(ctx), 'SC036243: Good → Inadequate (inspected 31 Dec 2019 – 2 Jan 2020)');
  });

  it('leaves the parenthesis out when the event has no date', () => {
    const ctx = declineContext({ event: event({ inspectionDate: null }) });
    assert.equal(eventSubject(ctx), 'SC036243: Good → Inadequate');
  });

  it('gives the start date alone when the report is not at hand', () => {
    assert.equal(eventSubject(declineContext({ report: null })), 'SC036243: Good → Inadequate (inspected 29 Oct 2019)');
  });

  it('names the grades of a rating improvement', () => {
    const ctx = declineContext({
      event: event({ type: 'rating-improved', from: 'inadequate', to: 'requires-improvement', inspectionDate: '2019-12-10' }),
      report: DECEMBER_2019,
      previous: OCTOBER_2019,
    });
    assert.equal(eventSubject(ctx), 'SC036243: Inadequate → Requires improvement to be good (inspected 10–11 Dec 2019)');
  });

  it('names the judgement that declined', () => {
    const report = full('2019-10-29', '2019-10-30', ['good', 'requires-improvement', 'good']);
    const ctx = declineContext({
      event: event({
        type: 'judgement-declined',
        from: 'good',
        to: 'requires-improvement',
        summary:
          'SC036243: How well children and young people are helped and protected: Good → Requires improvement to be good (overall still Good; inspected 29–30 Oct 2019)',
      }),
      report,
      previous: JANUARY_2019,
    });
    assert.equal(eventSubject(ctx), 'SC036243: Help and protection: Good → Requires improvement to be good (inspected 29–30 Oct 2019)');
  });

  it('tells apart two judgements that moved alike by the event summary', () => {
    const report = full('2019-10-29', '2019-10-30', ['good', 'requires-improvement', 'requires-improvement']);
    const ctx = declineContext({
      event: event({
        type: 'judgement-declined',
        from: 'good',
        to: 'requires-improvement',
        summary:
          'SC036243: The effectiveness of leaders and managers: Good → Requires improvement to be good (overall still Good; inspected 29–30 Oct 2019)',
      }),
      report,
      previous: JANUARY_2019,
    });
    assert.equal(eventSubject(ctx), 'SC036243: Leadership and management: Good → Requires improvement to be good (inspected 29–30 Oct 2019)');
  });

  it('names the judgement from the summary when no report is at hand', () => {
    const ctx = declineContext({
      event: event({
        type: 'judgement-improved',
        inspectionDate: '2024-01-24',
        from: 'good',
        to: 'outstanding',
        summary: 'SC036243: The effectiveness of leaders and managers: Good → Outstanding (overall still Good; inspected 24–25 Jan 2024)',
      }),
      report: null,
      previous: null,
    });
    assert.equal(eventSubject(ctx), 'SC036243: Leadership and management: Good → Outstanding (inspected 24 Jan 2024)');
  });

  it('says "declined in effectiveness" for an interim decline', () => {
    const interim = { ...full('2019-12-04', '2019-12-04', ['good', 'good', 'good']), urn: 'SC488596', kind: 'childrens-home-interim' as const, overall: null, judgements: [], interimOutcome: 'declined' as const };
    const ctx = declineContext({
      event: event({ urn: 'SC488596', type: 'interim-declined', inspectionDate: '2019-12-04', from: 'good', to: 'declined', summary: 'SC488596: declined in effectiveness at interim inspection (4 Dec 2019); last full inspection Good' }),
      provider: provider({ urn: 'SC488596' }),
      report: interim,
    });
    assert.equal(eventSubject(ctx), 'SC488596: declined in effectiveness at interim inspection (inspected 4 Dec 2019)');
  });

  it('says enforcement action was taken, without quoting the report in the subject', () => {
    const ctx = declineContext({
      event: event({ type: 'enforcement', inspectionDate: '2019-12-10', from: null, to: DECEMBER_2019.enforcementSinceLast }),
      report: DECEMBER_2019,
    });
    assert.equal(eventSubject(ctx), 'SC036243: enforcement action since last inspection (inspected 10–11 Dec 2019)');
  });

  it('says the provider is no longer listed when it closes', () => {
    const ctx = declineContext({
      event: event({ type: 'provider-closed', inspectionDate: null, from: null, to: null, fileId: null, summary: 'SC036243: Ofsted no longer lists this provider (its page is gone)' }),
      report: null,
      previous: null,
    });
    assert.equal(eventSubject(ctx), 'SC036243: no longer listed by Ofsted');
  });

  it('says a report could not be read, and when it was its grade that could not', () => {
    const unreadable = declineContext({
      event: event({ type: 'scrape-failed', inspectionDate: null, from: null, to: null, summary: 'SC036243: report 50123456 could not be read (not a PDF)' }),
      report: null,
      previous: null,
    });
    assert.equal(eventSubject(unreadable), 'SC036243: report could not be read');
    const noGrade = declineContext({
      event: event({ type: 'scrape-failed', from: null, to: null, summary: 'SC036243: the full inspection report of 29–30 Oct 2019 was read but its grade could not be' }),
      report: { ...OCTOBER_2019, overall: null, unreadable: ['overall'] },
    });
    assert.equal(eventSubject(noGrade), 'SC036243: grade could not be read (inspected 29–30 Oct 2019)');
  });

  it('names the kind and grade of a newly published report', () => {
    const ctx = declineContext({
      event: event({ type: 'report-published', from: null, to: 'inadequate', summary: 'SC036243: new full inspection report (inspected 29–30 Oct 2019): Inadequate' }),
    });
    assert.equal(eventSubject(ctx), 'SC036243: new full inspection report: Inadequate (inspected 29–30 Oct 2019)');
  });

  it('calls an amended report amended', () => {
    const ctx = declineContext({
      event: event({ type: 'report-published', from: null, to: 'inadequate', summary: 'SC036243: amended full inspection report (inspected 29–30 Oct 2019): Inadequate' }),
    });
    assert.equal(eventSubject(ctx), 'SC036243: amended full inspection report: Inadequate (inspected 29–30 Oct 2019)');
  });

  it('says the registered manager changed, without naming people in the subject', () => {
    const ctx = declineContext({
      event: event({ type: 'manager-changed', inspectionDate: '2019-12-10', from: 'Sam Oldham', to: 'Alex Newman' }),
      report: DECEMBER_2019,
    });
    assert.equal(eventSubject(ctx), 'SC036243: registered manager changed (inspected 10–11 Dec 2019)');
  });

  it('keeps a subject on one line whatever the event holds', () => {
    const ctx = declineContext({ event: event({ urn: 'SC036243\r\nBcc: victim@example.org' }) });
    assert.doesNotMatch(eventSubject(ctx), /[\r\n]/);
  });
});
