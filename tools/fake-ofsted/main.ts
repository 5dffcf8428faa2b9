// `npm run fake-ofsted`: the local Ofsted site on fixed ports, for demos in another terminal.
// Env: FAKE_OFSTED_PORT (reports; files = +1, other = +2; default 8700), FAKE_OFSTED_NOW (default
// 2019-09-30), FAKE_OFSTED_BULK=0 to leave out the 5,600 CSV providers.

import { DEFAULT_NOW, startFakeOfsted } from './index.js';

const base = Number.parseInt(process.env.FAKE_OFSTED_PORT ?? '8700', 10);
if (!Number.isInteger(base) || base <= 0 || base > 65533) {
  process.stderr.write(`FAKE_OFSTED_PORT must be a port number, got "${process.env.FAKE_OFSTED_PORT}"\n`);
  process.exit(2);
}

const site = await startFakeOfsted({
  reportsPort: base,
  filesPort: base + 1,
  otherPort: base + 2,
  now: process.env.FAKE_OFSTED_NOW ?? DEFAULT_NOW,
  bulk: process.env.FAKE_OFSTED_BULK !== '0',
});

const r = site.reportsUrl;
process.stdout.write(`Local Ofsted site (its date: ${site.now()})
  reports: ${r}   e.g. ${r}/provider/CARE/SC036243
  files:   ${site.filesUrl}
  other:   ${site.otherUrl}   (offsite redirect target)

Point ofsted-monitor at it:
  export OFSTED_REPORTS_URL=${r}
  export OFSTED_FILES_URL=${site.filesUrl}

Move time on:
  curl -s ${r}/__scenario | head -40                          # state
  curl -s -X POST '${r}/__scenario/advance?urn=SC036243'     # next report of one provider
  curl -s -X POST ${r}/__scenario/advance                    # next report of any curated provider
  curl -s -X POST '${r}/__scenario/now?date=2020-01-31'      # set the date
  curl -s -X POST '${r}/__scenario/fault?urn=SC036243' -d '{"kind":"status","status":503,"times":2}'
  curl -s -X POST ${r}/__scenario/reset                      # date back, faults cleared
Ctrl-C to stop.
`);

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  process.stdout.write(`\n${signal}: closing the local Ofsted site\n`);
  await site.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
