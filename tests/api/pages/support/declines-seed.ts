import type { ChangeEvent, ProviderInfo } from '../../../../src/ofsted/types.js';
import type { Grade } from '../../../../src/ofsted/vocabulary.js';
import type { Store, StoredReport } from '../../../../src/store/store.js';
import { parsed } from '../../../store/builders.js';

// A month the way /events buries it: one real decline (Oak House, Good → Inadequate, five days ago) among
// 120 "report published" events stored after it, plus what the declines view must tell apart: a judgement
// decline in another LA and owner, an old decline outside the 30 days, an enforcement notice (not a decline),
// a baseline decline (first-scrape history), and an improvement. Dates count back from `now`.

export const OAK = 'SC100001';
export const OAK_NAME = 'Oak House <b>&</b>';
export const ELM = 'SC100002';
export const OLD = 'SC100003';
export const ENFORCED = 'SC100004';
export const BASELINE = 'SC100005';
export const BUSY = 'SC100006';
export const IMPROVED = 'SC100007';
export const DERBY_OWNER = 'Derby City Council';
export const OTHER_OWNER = 'Acme Care Ltd';
export const FILES = 'http://127.0.0.1:9/v1/file';

const day = (now: Date, back: number) => new Date(now.getTime() - back * 86_400_000);
const iso = (d: Date) => d.toISOString();
const date = (d: Date) => d.toISOString().slice(0, 10);

export function provider(urn: string, o: Partial<ProviderInfo> = {}): ProviderInfo {
  return { urn, name: `Home ${urn}`, category: 'CARE', providerType: "Children's home", localAuthority: 'Derby', owner: DERBY_OWNER, url: `http://127.0.0.1:9/provider/CARE/${urn}`, ...o };
}

function report(fileId: string, urn: string, inspected: string, published: string, overall: Grade): StoredReport {
  return {
    fileId, urn, url: `${FILES}/${fileId}`, title: 'Full inspection', publishedAt: published, sha256: 'cd'.repeat(32), parserVersion: '1',
    parsed: parsed(inspected, { urn, overall }), error: null, fetchedAt: `${published}T06:00:00.000Z`,
  };
}

export function event(id: string, urn: string, at: Date, o: Partial<ChangeEvent>): ChangeEvent {
  return { id, urn, type: 'report-published', at: iso(at), inspectionDate: null, from: null, to: null, fileId: null, summary: `${urn}: ${id}`, backfill: false, ...o };
}

/** Stores the month; every provider is watched. */
export async function seedDeclines(store: Store, now: Date): Promise<void> {
  const rec = (p: ProviderInfo, reports: StoredReport[], events: ChangeEvent[], at: Date) => store.recordScrape({ provider: p, reports, events, at: iso(at) });
  // Stored in the order a daemon would have found them.
  await rec(provider(OLD), [], [
    event('old-decline', OLD, day(now, 100), { type: 'rating-declined', from: 'outstanding', to: 'good', inspectionDate: date(day(now, 130)), summary: `${OLD}: Outstanding → Good` }),
  ], day(now, 100));
  const five = day(now, 5);
  await rec(provider(OAK, { name: OAK_NAME }), [report('70000001', OAK, date(day(now, 40)), date(five), 'inadequate')], [
    event('oak-decline', OAK, five, { type: 'rating-declined', from: 'good', to: 'inadequate', inspectionDate: date(day(now, 40)), fileId: '70000001', summary: `${OAK}: Good → Inadequate` }),
  ], five);
  await rec(provider(ELM, { localAuthority: 'Nottingham', owner: OTHER_OWNER, providerType: 'Residential family centre' }), [], [
    event('elm-judgement', ELM, day(now, 3), { type: 'judgement-declined', from: 'good', to: 'requires-improvement', inspectionDate: date(day(now, 30)), summary: `${ELM}: a judgement fell` }),
  ], day(now, 3));
  await rec(provider(ENFORCED), [], [event('enforced', ENFORCED, day(now, 2), { type: 'enforcement', to: 'notice', summary: `${ENFORCED}: enforcement notice` })], day(now, 2));
  await rec(provider(BASELINE), [], [
    event('baseline-decline', BASELINE, day(now, 1), { type: 'rating-declined', from: 'good', to: 'inadequate', inspectionDate: '2015-01-01', backfill: true, summary: `${BASELINE}: old history` }),
  ], day(now, 1));
  await rec(provider(IMPROVED), [], [
    event('improved', IMPROVED, day(now, 4), { type: 'rating-improved', from: 'inadequate', to: 'good', inspectionDate: date(day(now, 20)), summary: `${IMPROVED}: better` }),
  ], day(now, 4));
  // The news that buries it: 120 reports published after the decline was raised.
  const busy: ChangeEvent[] = [];
  for (let i = 0; i < 120; i++) busy.push(event(`busy-${i}`, BUSY, day(now, 4 - i / 100), { to: 'good', summary: `${BUSY}: new report ${i}` }));
  await rec(provider(BUSY), [], busy, day(now, 1));
  await store.watchAdd([OAK, ELM, OLD, ENFORCED, BASELINE, BUSY, IMPROVED]);
}
