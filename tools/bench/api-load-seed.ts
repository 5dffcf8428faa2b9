// The API load bench's store: providers, two reports (and inspections) each, events and the watchlist,
// written straight into a migrated SQLite file in one transaction (a few seconds for 10,000 providers
// and 50,000 events; through recordScrape it would take minutes). Deterministic: the same counts give
// the same rows.
import BetterSqlite3 from 'better-sqlite3';
import type { ParsedReport } from '../../src/ofsted/types.js';
import type { EventType, Grade } from '../../src/ofsted/vocabulary.js';
import { openStore } from '../../src/store/open-store.js';
import { SeededRandom } from '../fake-ofsted/util/seeded-random.js';

export interface SeedOptions {
  /** A `sqlite:` path; the file is created and migrated. */
  databaseUrl: string;
  /** URNs to store first (e.g. those the local Ofsted site knows, so a sweep finds them). */
  knownUrns: readonly string[];
  providers: number;
  events: number;
}

export interface SeedFacts {
  urns: string[];
  owners: string[];
  /** seq of the last event stored. */
  lastSeq: number;
}

const GRADES: Grade[] = ['outstanding', 'good', 'good', 'good', 'requires-improvement', 'requires-improvement', 'inadequate'];
const EVENT_MIX: EventType[] = ['report-published', 'report-published', 'report-published', 'rating-declined', 'rating-improved', 'judgement-declined', 'enforcement', 'manager-changed'];
const AREAS = [
  ['experiences-and-progress', 'Overall experiences and progress of children and young people'],
  ['help-and-protection', 'How well children and young people are helped and protected'],
  ['leadership-and-management', 'The effectiveness of leaders and managers'],
] as const;

function iso(dayOffset: number): string {
  return new Date(Date.UTC(2015, 0, 1) + dayOffset * 86_400_000).toISOString().slice(0, 10);
}

export async function seedApiLoadStore(o: SeedOptions): Promise<SeedFacts> {
  // Migrations through the product, so the schema (and migration 0008's indexes) is exactly the shipped one.
  await (await openStore(o.databaseUrl)).close();
  const db = new BetterSqlite3(o.databaseUrl.slice('sqlite:'.length));
  db.pragma('journal_mode = WAL');
  const seeded = new SeededRandom('api-load-bench');
  const random = () => seeded.next();
  const pick = <T>(list: readonly T[]): T => seeded.pick(list);

  const synthetic = Array.from({ length: Math.max(0, o.providers - o.knownUrns.length) }, (_, i) => `SC${String(900000 + i).padStart(6, '0')}`);
  const urns = [...o.knownUrns.slice(0, o.providers), ...synthetic];
  const owners = Array.from({ length: 700 }, (_, i) => (i === 0 ? 'Derby City Council' : `Care Group ${i} Ltd`));
  const las = Array.from({ length: 150 }, (_, i) => `Local Authority ${i}`);

  const insertProvider = db.prepare(
    `insert into providers (urn, name, category, provider_type, local_authority, owner, url, first_scraped_at, last_scraped_at, closed_at, page_hash)
     values (?, ?, 'CARE', 'Children''s home', ?, ?, ?, '2024-01-01T06:00:00.000Z', '2025-03-01T06:00:00.000Z', null, null)`,
  );
  const insertReport = db.prepare(
    `insert into reports (file_id, urn, url, title, published_at, sha256, parser_version, status, error, parsed_json, kind, inspection_start, inspection_end, overall, interim_outcome, fetched_at)
     values (?, ?, ?, 'Full inspection', ?, ?, '2', 'parsed', null, ?, 'childrens-home-full', ?, ?, ?, null, '2025-03-01T06:00:00.000Z')`,
  );
  const insertInspection = db.prepare(`insert into inspections (urn, kind, inspection_start, file_id) values (?, 'childrens-home-full', ?, ?)`);
  const insertEvent = db.prepare(
    `insert into events (id, urn, type, at, inspection_date, from_value, to_value, file_id, summary, backfill, alerts_planned_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '2025-03-01T06:00:00.000Z')`,
  );
  const insertWatch = db.prepare(`insert into watchlist (urn, added_at) values (?, '2024-01-01T06:00:00.000Z')`);

  db.transaction(() => {
    urns.forEach((urn, i) => {
      // One large owner (as big as the largest real groups of homes), the rest spread over many.
      const owner = i % 60 === 0 ? owners[0]! : pick(owners);
      insertProvider.run(urn, `${pick(['Oak', 'Elm', 'Ash', 'Birch', 'Willow', 'Cedar'])} House ${i}`, pick(las), owner, `https://reports.ofsted.gov.uk/provider/CARE/${urn}`);
      for (let r = 0; r < 2; r++) {
        const start = iso(r * 900 + Math.floor(random() * 800));
        const overall = pick(GRADES);
        const fileId = `b${i}x${r}`;
        const parsed: ParsedReport = {
          urn,
          kind: 'childrens-home-full',
          inspectionStart: start,
          inspectionEnd: start,
          overall,
          judgements: AREAS.map(([key, area]) => ({ key, area, grade: pick(GRADES) })),
          interimOutcome: null,
          previous: r ? { date: null, overall: null } : null,
          enforcementSinceLast: 'none',
          registeredProvider: owner,
          registeredManager: `Manager ${i % 500}`,
          inspectors: [`Inspector ${i % 90}`],
          requirements: [{ regulation: '12', text: 'The protection of children standard is met in full for every child.', dueDate: start }],
          recommendations: ['Improve the recording of sanctions.'],
          keyFindings: ['Children make good progress.', 'Staff know the children well.', 'Leaders act on what monitoring finds.'],
          safeguarding: null,
          parserVersion: '2',
          unreadable: [],
        };
        insertReport.run(fileId, urn, `https://files.ofsted.gov.uk/v1/file/${fileId}`, start, 'ab'.repeat(32), JSON.stringify(parsed), start, start, overall);
        insertInspection.run(urn, start, fileId);
      }
      insertWatch.run(urn);
    });
    // Events in time order, so insertion order (seq) is time order as a daemon would store them.
    for (let e = 0; e < o.events; e++) {
      const urn = urns[Math.floor(random() * urns.length)]!;
      const type = pick(EVENT_MIX);
      const at = new Date(Date.UTC(2015, 0, 1) + Math.floor((e / o.events) * 3_650) * 86_400_000 + (e % 86_400) * 1000).toISOString();
      const moved = type.endsWith('declined') || type.endsWith('improved');
      insertEvent.run(`bench-${e}`, urn, type, at, at.slice(0, 10), moved ? 'good' : null, moved ? 'inadequate' : type === 'report-published' ? 'good' : null, null, `${urn}: bench event ${e} (${type})`, e % 3 === 0 ? 1 : 0);
    }
  })();
  const lastSeq = Number((db.prepare('select max(seq) as n from events').get() as { n: number }).n);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return { urns, owners, lastSeq };
}
