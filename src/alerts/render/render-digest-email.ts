import type { RenderedMessage } from '../types.js';
import type { AlertContext } from './alert-context.js';
import { blocksToHtml } from './blocks-to-html.js';
import { blocksToText } from './blocks-to-text.js';
import { shorten } from './clean-text.js';
import { DIGEST_LIMITS, eventDetailBlocks, providerTitle } from './event-blocks.js';
import { eventSubject, eventSubjectTail } from './event-subject.js';
import { footerBlocks } from './footer-blocks.js';
import { formatDay } from './format-dates.js';
import { capitalise } from './labels.js';
import type { Block } from './message-blocks.js';

export interface DigestInput {
  /** The day the digest covers, ISO `YYYY-MM-DD`. */
  day: string;
  items: readonly AlertContext[];
  unsubscribe: string | null;
}

/**
 * Events shown in full in one digest. A day with more (a first sweep of many homes, say) lists the rest by
 * subject alone, so the message stays a readable size and still names every event it stands for.
 */
export const DIGEST_FULL_EVENTS = 25;

const DECLINES: ReadonlySet<string> = new Set(['rating-declined', 'judgement-declined', 'interim-declined']);

interface ProviderGroup {
  urn: string;
  items: AlertContext[];
}

/** Per provider, providers in order of their first event; each provider's events oldest first. */
export function groupByProvider(items: readonly AlertContext[]): ProviderGroup[] {
  const sorted = [...items].sort(
    (a, b) => a.event.at.localeCompare(b.event.at) || (a.event.inspectionDate ?? '').localeCompare(b.event.inspectionDate ?? ''),
  );
  const groups = new Map<string, ProviderGroup>();
  for (const item of sorted) {
    const group = groups.get(item.event.urn) ?? { urn: item.event.urn, items: [] };
    group.items.push(item);
    groups.set(item.event.urn, group);
  }
  return [...groups.values()];
}

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

function digestSubject(day: string, groups: readonly ProviderGroup[], count: number): string {
  const head = `Ofsted changes, ${formatDay(day)}`;
  const only = groups.length === 1 ? groups[0]?.items : undefined;
  if (count === 0) return `${head}: no events`;
  if (only?.length === 1 && only[0]) return `${head}: ${eventSubject(only[0])}`;
  const declines = groups.flatMap((g) => g.items).filter((i) => DECLINES.has(i.event.type)).length;
  const worse = declines > 0 ? `, ${plural(declines, 'decline')}` : '';
  if (only?.[0]) return `${head}: ${plural(count, 'event')} at ${shorten(providerTitle(only[0]), 60)}${worse}`;
  return `${head}: ${plural(count, 'event')} at ${plural(groups.length, 'provider')}${worse}`;
}

/** One message for a day's events, grouped per provider. */
export function renderDigestEmail(input: DigestInput): RenderedMessage {
  const groups = groupByProvider(input.items);
  const subject = digestSubject(input.day, groups, input.items.length);
  const blocks: Block[] = [
    { type: 'heading', level: 1, text: `Ofsted changes, ${formatDay(input.day)}` },
    {
      type: 'paragraph',
      text:
        input.items.length === 0
          ? 'No changes to report for this day.'
          : `${plural(input.items.length, 'event')} at ${plural(groups.length, 'provider')}, grouped by provider, oldest first.`,
    },
  ];
  let shown = 0;
  const rest: string[] = [];
  const detailed = new Set<string>();
  for (const group of groups) {
    const first = group.items[0];
    if (!first) continue;
    if (shown >= DIGEST_FULL_EVENTS) {
      rest.push(...group.items.map((i) => eventSubject(i)));
      continue;
    }
    blocks.push({ type: 'heading', level: 2, text: providerTitle(first) });
    const about = [first.provider?.providerType, first.provider?.localAuthority, first.provider?.owner ?? first.report?.registeredProvider]
      .filter((s): s is string => Boolean(s))
      .join(' · ');
    if (about) blocks.push({ type: 'paragraph', text: about, tone: 'muted' });
    for (const item of group.items) {
      if (shown >= DIGEST_FULL_EVENTS) {
        rest.push(eventSubject(item));
        continue;
      }
      shown += 1;
      const fileId = item.event.fileId ?? item.report?.fileId ?? null;
      blocks.push({ type: 'heading', level: 3, text: capitalise(eventSubjectTail(item)) });
      blocks.push(...eventDetailBlocks(item, DIGEST_LIMITS, { providerFields: false, reportDetails: !fileId || !detailed.has(fileId) }));
      if (fileId) detailed.add(fileId);
    }
    const page = first.links.providerPage ?? first.provider?.url ?? null;
    const links = [
      ...(first.links.dashboard ? [{ label: 'Its history on the dashboard', url: first.links.dashboard }] : []),
      ...(page ? [{ label: 'Provider page', url: page }] : []),
    ];
    if (links.length > 0) blocks.push({ type: 'links', links });
  }
  if (rest.length > 0) {
    blocks.push({ type: 'heading', level: 2, text: `${plural(rest.length, 'more event')}` });
    blocks.push({ type: 'list', title: 'Not shown in full (see `events` or the dashboard):', items: rest.map((text) => ({ text })), more: null });
  }
  blocks.push(...footerBlocks(input.unsubscribe, 'You get this daily digest because you subscribed to ofsted-monitor alerts.'));
  return { subject, text: blocksToText(blocks), html: blocksToHtml(subject, blocks) };
}
