import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { get } from 'node:http';
import { parse } from 'csv-parse/sync';
import { csvCell, csvRow } from '../../../src/api/pages/csv-cell.js';
import { csvFilename, historyCsv, judgementColumns, type ProviderHistory } from '../../../src/api/pages/history-csv.js';
import type { HistoryEntry } from '../../../src/store/store.js';
import { parsed as parsedReport, provider as providerInfo, report as storedReport } from '../../store/builders.js';
import { startApiFixture, type ApiFixture } from '../support/api-fixture.js';
import { DERBY, EVIL, EVIL_NAME, EVIL_OWNER, HOME, HOME_B, HOME_C, SLASHED, seedListData } from './support/list-seed.js';

function rows(csv: string): Record<string, string>[] {
  return parse(csv, { columns: true, skip_empty_lines: true });
}

function entry(o: Partial<HistoryEntry>): HistoryEntry {
  return {
    urn: HOME, kind: 'childrens-home-full', inspectionStart: '2019-10-29', inspectionEnd: '2019-10-30', overall: 'inadequate',
    judgements: [], interimOutcome: null, previous: null, enforcementSinceLast: 'none', registeredProvider: DERBY,
    registeredManager: null, inspectors: [], requirements: [], recommendations: [], keyFindings: [], safeguarding: null,
    parserVersion: '2', unreadable: [], fileId: '10541604', url: 'http://127.0.0.1/v1/file/10541604', publishedAt: '2019-11-27', ...o,
  };
}

describe('CSV cells', () => {
  it('quotes cells holding a comma, a quote or a line break, doubling quotes (RFC 4180)', () => {
    assert.equal(csvCell('plain'), 'plain');
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell('two\nlines'), '"two\nlines"');
    assert.equal(csvCell(null), '');
    assert.equal(csvRow(['a', null, 'b,c']), 'a,,"b,c"\r\n');
  });

  it('puts an apostrophe before text a spreadsheet would run as a formula', () => {
    for (const formula of ['=1+1', '+44 1332', '-2', '@SUM(A1)', '\tx', '\rx']) {
      assert.ok(csvCell(formula).replace(/^"/, '').startsWith("'"), JSON.stringify(formula));
    }
    assert.equal(csvCell('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
    assert.equal(csvCell('2019-10-29'), '2019-10-29');
    assert.equal(csvCell('requires-improvement'), 'requires-improvement');
  });
});

describe('the history CSV', () => {
  const derby: ProviderHistory = {
    provider: { urn: HOME, name: "Children's home", owner: DERBY, localAuthority: 'Derby' },
    history: [
      entry({
        inspectionStart: '2019-01-08', inspectionEnd: '2019-01-08', overall: 'good', fileId: '10049675', url: 'http://127.0.0.1/v1/file/10049675',
        judgements: [
          { key: 'leadership-and-management', area: 'The effectiveness of leaders and managers', grade: 'good' },
          { key: 'experiences-and-progress', area: 'Overall experiences and progress of children and young people', grade: 'good' },
        ],
      }),
      entry({ kind: 'childrens-home-interim', overall: null, interimOutcome: 'declined', inspectionStart: '2020-06-01', inspectionEnd: '2020-06-01' }),
    ],
  };

  it('has one row per inspection with the provider, dates, grades, interim outcome and PDF address', () => {
    const parsed = rows(historyCsv([derby]));
    assert.equal(parsed.length, 2);
    const judged = Object.fromEntries(Object.entries(parsed[0]!).filter(([k, v]) => !k.startsWith('judgement:') || v !== ''));
    assert.deepEqual(judged, {
      urn: HOME, provider: "Children's home", owner: DERBY, local_authority: 'Derby', kind: 'childrens-home-full',
      inspection_start: '2019-01-08', inspection_end: '2019-01-08', overall: 'good',
      'judgement:experiences-and-progress': 'good', 'judgement:leadership-and-management': 'good',
      interim_outcome: '', published: '2019-11-27', file_id: '10049675', pdf_url: 'http://127.0.0.1/v1/file/10049675',
    });
    assert.equal(parsed[1]!.interim_outcome, 'declined');
    assert.equal(parsed[1]!.overall, '');
  });

  it("gives the judgement columns of the export's report families only, in the vocabulary order, children's homes first", () => {
    const homes = judgementColumns(['childrens-home-full', 'childrens-home-interim']);
    assert.deepEqual(homes.slice(0, 3), ['experiences-and-progress', 'help-and-protection', 'leadership-and-management']);
    assert.ok(homes.includes('quality-of-care-and-support') && homes.includes('overall-effectiveness'));
    assert.ok(!homes.includes('quality-of-education') && !homes.includes('impact-of-leaders'), 'no school or LA columns');
    const both = judgementColumns(['school', 'childrens-home-full']);
    assert.ok(both.indexOf('experiences-and-progress') < both.indexOf('quality-of-education'));
    assert.deepEqual(judgementColumns(['other']), ['overall-effectiveness']);
    assert.deepEqual(judgementColumns([]), []);
  });

  it('ends records with CRLF and keeps hostile names as inert text', () => {
    const csv = historyCsv([{ provider: { urn: EVIL, name: EVIL_NAME, owner: EVIL_OWNER, localAuthority: '-Nottingham' }, history: [entry({})] }]);
    assert.ok(csv.endsWith('\r\n'));
    assert.equal(csv.split('\r\n').length, 3);
    const [row] = rows(csv);
    assert.equal(row!.provider, EVIL_NAME);
    assert.equal(row!.owner, `'${EVIL_OWNER}`);
    assert.equal(row!.local_authority, "'-Nottingham");
  });

  it('writes only the header for providers with no inspections', () => {
    assert.equal(historyCsv([{ provider: { urn: HOME, name: null, owner: null, localAuthority: null }, history: [] }]).split('\r\n')[1], '');
  });

  it('names files with a plain slug', () => {
    assert.equal(csvFilename(HOME), 'ofsted-history-sc036243.csv');
    assert.equal(csvFilename("Derby City Council's \"homes\" / Ltd"), 'ofsted-history-derby-city-council-s-homes-ltd.csv');
    assert.equal(csvFilename('Café Ōme'), 'ofsted-history-cafe-ome.csv');
    assert.equal(csvFilename('///'), 'ofsted-history-export.csv');
  });
});

describe('CSV routes', () => {
  let fx: ApiFixture;

  before(async () => {
    fx = await startApiFixture();
    await seedListData(fx.store);
  });
  after(() => fx?.close());

  async function csv(path: string): Promise<{ res: Response; body: string }> {
    const res = await fx.fetch(path);
    return { res, body: await res.text() };
  }

  it("exports one provider's history as an attachment, oldest inspection first", async () => {
    const { res, body } = await csv(`/providers/${HOME.toLowerCase()}/history.csv`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/csv; charset=utf-8; header=present');
    assert.equal(res.headers.get('content-disposition'), 'attachment; filename="ofsted-history-sc036243.csv"');
    const parsed = rows(body);
    assert.deepEqual(parsed.map((r) => [r.inspection_start, r.overall]), [['2015-05-13', 'good'], ['2019-01-08', 'good'], ['2019-10-29', 'inadequate']]);
    assert.equal(parsed[2]!['judgement:help-and-protection'], 'inadequate');
    assert.equal(parsed[2]!.pdf_url, 'http://127.0.0.1:9/v1/file/10541604');
  });

  it("exports an owner's providers, whatever the name's casing", async () => {
    const { res, body } = await csv(`/owners/${encodeURIComponent('DERBY CITY COUNCIL')}/history.csv`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-disposition'), 'attachment; filename="ofsted-history-derby-city-council.csv"');
    assert.deepEqual([...new Set(rows(body).map((r) => r.urn))], [HOME_B, HOME, HOME_C]);
  });

  it('exports every watched provider, guarding against formula injection', async () => {
    const { res, body } = await csv('/history.csv');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-disposition'), 'attachment; filename="ofsted-history-watchlist.csv"');
    const parsed = rows(body);
    assert.deepEqual([...new Set(parsed.map((r) => r.urn))], [HOME_B, HOME, HOME_C, EVIL]);
    assert.equal(parsed.find((r) => r.urn === EVIL)!.owner, `'${EVIL_OWNER}`);
    assert.ok(!parsed.some((r) => r.urn === SLASHED), 'a provider with no inspections has no rows');
  });

  it('streams a large export as it reads it: chunked, no length known up front, arriving in several pieces, every row once', async () => {
    const urns = Array.from({ length: 300 }, (_, i) => String(3_000_000 + i));
    for (const urn of urns) {
      await fx.store.recordScrape({
        provider: providerInfo({ urn, name: `Home ${urn}`, owner: 'Big Group' }),
        reports: [storedReport(`f${urn}`, '2024-02-01', parsedReport('2024-01-10', { urn }), urn)],
        events: [],
        at: '2024-02-02T06:00:00.000Z',
      });
    }
    await fx.store.watchAdd(urns);
    const { headers, chunks } = await new Promise<{ headers: Record<string, unknown>; chunks: Buffer[] }>((resolve, reject) => {
      get(`${fx.url}/history.csv`, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ headers: res.headers, chunks }));
        res.on('error', reject);
      }).on('error', reject);
    });
    assert.equal(headers['transfer-encoding'], 'chunked');
    assert.equal(headers['content-length'], undefined);
    assert.ok(chunks.length > 3, `${chunks.length} chunks`);
    const parsed = rows(Buffer.concat(chunks).toString('utf8'));
    const bigGroup = parsed.filter((r) => r.owner === 'Big Group').map((r) => r.urn);
    assert.deepEqual(bigGroup, urns);
    assert.deepEqual([...new Set(parsed.map((r) => r.urn))].slice(-4), [HOME_B, HOME, HOME_C, EVIL], 'URN order: digits before letters');
  });

  it('answers 400 for a malformed URN and 404 for an unknown URN or owner', async () => {
    for (const [path, status] of [
      ['/providers/NOTAURN/history.csv', 400],
      ['/providers/SC999999/history.csv', 404],
      ['/owners/Nobody/history.csv', 404],
    ] as const) {
      const { res, body } = await csv(path);
      assert.equal(res.status, status, path);
      assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
      assert.equal(res.headers.get('content-disposition'), null);
      assert.match(body, status === 400 ? /not a URN/ : /not known here/);
    }
  });
});
