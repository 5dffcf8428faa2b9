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

const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

function who(urn: string, provider: { name: string | null; url: string } | null): Block {
  const rows = [{ label: 'URN', value: urn }];
  if (provider?.name) rows.push({ label: 'Provider', value: provider.name });
  if (provider?.url) rows.push({ label: 'Page', value: provider.url });
  return { type: 'fields', rows };
}

/** A message for whoever runs ofsted-monitor: scraping keeps failing, works again, or reads too few reports. */
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
  }
  subject = oneLine(subject);
  blocks.push({ type: 'rule' }, { type: 'paragraph', tone: 'muted', text: 'Sent to the operator address (OPERATOR_EMAIL) by ofsted-monitor.' });
  return { subject, text: blocksToText(blocks), html: blocksToHtml(subject, blocks) };
}
