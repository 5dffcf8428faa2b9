import { agreementText, disagreementParts, share } from '../../monitor/reconcile-text.js';
import type { RenderedMessage } from '../types.js';
import { blocksToHtml } from './blocks-to-html.js';
import { blocksToText } from './blocks-to-text.js';
import { capList, moreLine } from './cap-list.js';
import { oneLine, shorten } from './clean-text.js';
import { formatTimestamp } from './format-dates.js';
import type { Block } from './message-blocks.js';
import type { OperatorAlert } from './operator-alert.js';

const PREFIX = '[ofsted-monitor]';
const MAX_EXAMPLES = 10;
// Enough for any realistic file; past it the message points to `reconcile --json`.
const MAX_DISAGREEMENTS = 200;

const providers = (n: number) => `${n} ${n === 1 ? 'provider' : 'providers'}`;
const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

function who(urn: string, provider: { name: string | null; url: string } | null): Block {
  const rows = [{ label: 'URN', value: urn }];
  if (provider?.name) rows.push({ label: 'Provider', value: provider.name });
  if (provider?.url) rows.push({ label: 'Page', value: provider.url });
  return { type: 'fields', rows };
}

/**
 * A message for whoever runs ofsted-monitor: scraping keeps failing, works again, reads too few reports, or
 * disagrees with Ofsted's own data.
 */
export function renderOperatorAlert(o: OperatorAlert): RenderedMessage {
  let subject: string;
  let blocks: Block[];
  switch (o.kind) {
    case 'scrape-failing': {
      const h = o.health;
      const since = h.failingSince ? formatTimestamp(h.failingSince) : null;
      subject = `${PREFIX} ${h.urn}: ${h.failures} scrapes failed in a row${since ? ` since ${since}` : ''}`;
      blocks = [
        { type: 'heading', level: 1, text: `Scraping ${h.urn} keeps failing` },
        {
          type: 'paragraph',
          tone: 'alert',
          text: `The last ${h.failures} scrapes of ${h.urn} failed${since ? `, the first at ${since}` : ''}. No new reports of this provider are read until a scrape works; you get one message when it does.`,
        },
        who(h.urn, o.provider),
        { type: 'fields', rows: [{ label: 'Last error', value: h.lastError ? shorten(h.lastError, 500) : 'not recorded' }] },
        {
          type: 'paragraph',
          text: `To retry now: ofsted-monitor scrape ${h.urn}. If Ofsted no longer lists the provider, remove it: ofsted-monitor watch remove ${h.urn}.`,
        },
      ];
      break;
    }
    case 'scrape-recovered': {
      const r = o.run;
      const since = r.failingSince ? formatTimestamp(r.failingSince) : null;
      subject = `${PREFIX} ${r.urn}: scraping works again`;
      blocks = [
        { type: 'heading', level: 1, text: `Scraping ${r.urn} works again` },
        {
          type: 'paragraph',
          tone: 'good',
          text: `${r.urn} scraped successfully at ${formatTimestamp(o.at)} after ${r.failures} failed ${r.failures === 1 ? 'scrape' : 'scrapes'}${since ? ` since ${since}` : ''}.`,
        },
        who(r.urn, o.provider),
        ...(r.lastError ? [{ type: 'fields', rows: [{ label: 'Last error was', value: shorten(r.lastError, 500) }] } as Block] : []),
      ];
      break;
    }
    case 'unreadable-reports': {
      const share = o.total > 0 ? o.unreadable / o.total : 0;
      const since = formatTimestamp(o.since);
      subject = `${PREFIX} ${o.unreadable} of ${o.total} reports unreadable (${percent(share)}) in the sweep of ${since}`;
      const { shown, more } = capList(o.examples ?? [], MAX_EXAMPLES);
      blocks = [
        { type: 'heading', level: 1, text: 'Many reports could not be read' },
        {
          type: 'paragraph',
          tone: 'alert',
          text: `Of ${o.total} reports fetched since ${since}, ${o.unreadable} could not be read (${percent(share)}; the alert threshold is ${percent(o.threshold)}). Ofsted may have changed its report format or its site; each unreadable report raised scrape-failed and no grade was taken from it.`,
        },
        { type: 'fields', rows: [{ label: 'Reports fetched', value: String(o.total) }, { label: 'Unreadable', value: String(o.unreadable) }] },
      ];
      if (shown.length > 0) {
        blocks.push({
          type: 'list',
          title: 'Examples',
          items: shown.map((e) => ({ lead: `${e.urn} file ${e.fileId}`, text: e.error ? shorten(e.error, 200) : 'no error recorded' })),
          more: moreLine(more, 'report', 'unreadable'),
        });
      }
      blocks.push({ type: 'paragraph', text: 'To see them: ofsted-monitor events --json and look for type scrape-failed.' });
      break;
    }
    case 'discovery-failed': {
      const what = o.categories.join(', ');
      subject = `${PREFIX} discovery of ${what} failed`;
      blocks = [
        { type: 'heading', level: 1, text: `Discovery of ${what} failed` },
        {
          type: 'paragraph',
          tone: 'alert',
          text: `Ofsted's search could not be read at ${formatTimestamp(o.at)}, so new reports of ${what} are not found until it can: the days it should have searched are searched again by the next pass, and the weekly full sweep still reads every watched provider. If the search page changed shape, ofsted-monitor needs updating.`,
        },
        { type: 'fields', rows: [{ label: 'Error', value: shorten(oneLine(o.error), 500) }] },
        { type: 'paragraph', text: 'To try again now: ofsted-monitor discover. To read every watched provider meanwhile: ofsted-monitor sweep --full.' },
      ];
      break;
    }
    case 'report-unread': {
      const e = o.event;
      subject = `${PREFIX} ${e.urn}: a report needs reading by hand`;
      blocks = [
        { type: 'heading', level: 1, text: `A report of ${e.urn} needs reading by hand` },
        {
          type: 'paragraph',
          tone: 'alert',
          text: `${e.summary.replace(/^[^:]*:\s*/, '')}. No grade was taken from it, so a decline it records raises no alert until it is read.`,
        },
        who(e.urn, o.provider),
        { type: 'fields', rows: [{ label: 'Report file', value: e.fileId ?? 'not recorded' }] },
        { type: 'paragraph', text: `To see what was read: ofsted-monitor history ${e.urn} --json. A newer ofsted-monitor may read it: ofsted-monitor reparse ${e.urn}.` },
      ];
      break;
    }
    case 'reconcile-disagreements': {
      const r = o.result;
      const file = o.snapshot.fileName;
      const n = r.disagree.length;
      subject = `${PREFIX} ${n} ${n === 1 ? 'field disagrees' : 'fields disagree'} with Ofsted's data in ${file} (${r.agree} of ${r.compared} inspections agree)`;
      const { shown, more } = capList(r.disagree, MAX_DISAGREEMENTS);
      blocks = [
        { type: 'heading', level: 1, text: "What was parsed disagrees with Ofsted's own data" },
        {
          type: 'paragraph',
          tone: 'alert',
          text: `${file}, imported ${formatTimestamp(o.snapshot.importedAt)}, was compared with the reports this monitor parsed: ${agreementText(r)}. A grade read wrong raises a false decline or hides a real one: check each one below against its report (ofsted-monitor history <URN> --json gives the stored reading and the PDF's link), and where the parser misread it, fix the parser and run ofsted-monitor reparse <URN>. No event was raised.`,
        },
        {
          type: 'fields',
          rows: Object.entries(r.fields).map(([field, f]) => ({ label: field, value: `${f.agree} of ${f.compared} agree (${share(f)})` })),
        },
        {
          type: 'list',
          title: n === 1 ? 'The disagreement' : `The ${n} disagreements`,
          items: shown.map(disagreementParts),
          more: more > 0 ? `…and ${more} more: ofsted-monitor reconcile ${file} --json lists them all` : null,
        },
      ];
      if (o.unscraped.length > 0) {
        const { shown: urns, more: others } = capList(o.unscraped, MAX_EXAMPLES);
        blocks.push({
          type: 'paragraph',
          tone: 'muted',
          text: `${providers(o.unscraped.length)} of the file ${o.unscraped.length === 1 ? 'was' : 'were'} still not scraped when the wait for them ran out, so their inspections count as not stored: ${urns.join(', ')}${others > 0 ? ` and ${others} more` : ''}.`,
        });
      }
      if (r.notStored.length > 0) {
        blocks.push({ type: 'paragraph', tone: 'muted', text: `${providers(r.notStored.length)} of the file ${r.notStored.length === 1 ? 'has' : 'have'} never been scraped and ${r.notStored.length === 1 ? 'was' : 'were'} not compared.` });
      }
      blocks.push({ type: 'paragraph', text: `To see it again, with every figure: ofsted-monitor reconcile ${file} --json (from where the file is).` });
      break;
    }
  }
  subject = oneLine(subject);
  blocks.push({ type: 'rule' }, { type: 'paragraph', tone: 'muted', text: 'Sent to the operator address (OPERATOR_EMAIL) by ofsted-monitor.' });
  return { subject, text: blocksToText(blocks), html: blocksToHtml(subject, blocks) };
}
