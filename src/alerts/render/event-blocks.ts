import type { AlertContext } from './alert-context.js';
import { capList, moreLine } from './cap-list.js';
import { oneLine, shorten } from './clean-text.js';
import { eventDates } from './event-dates.js';
import { eventHeadline } from './event-headline.js';
import { formatDateRange, formatDay } from './format-dates.js';
import { isGraded, judgementChanges } from './judgement-changes.js';
import { capitalise, kindLabel, outcomeLabel } from './labels.js';
import type { Block, ListItem } from './message-blocks.js';

/** How much of a report a message quotes; the PDF link has the rest. */
export interface DetailLimits {
  /** Statutory requirements listed in full; 0 lists none and gives only their number. */
  requirements: number;
  keyFindings: number;
  /** Longest quoted requirement or finding, in characters. */
  itemChars: number;
}

export const EMAIL_LIMITS: DetailLimits = { requirements: 5, keyFindings: 6, itemChars: 400 };
export const DIGEST_LIMITS: DetailLimits = { requirements: 0, keyFindings: 3, itemChars: 240 };

/** "Children's home (SC036243)", or the URN alone when the name is unknown. */
export function providerTitle(ctx: Pick<AlertContext, 'event' | 'provider'>): string {
  const name = ctx.provider?.name ? oneLine(ctx.provider.name) : null;
  return name ? `${name} (${ctx.event.urn})` : ctx.event.urn;
}

/** Who the provider is: name, URN, type, local authority, owner (and closure, when Ofsted stopped listing it). */
export function providerFields(ctx: AlertContext): Block {
  const p = ctx.provider;
  const owner = p?.owner ?? ctx.report?.registeredProvider ?? null;
  const rows: { label: string; value: string }[] = [];
  if (p?.name) rows.push({ label: 'Provider', value: p.name });
  rows.push({ label: 'URN', value: ctx.event.urn });
  if (p?.providerType) rows.push({ label: 'Type', value: p.providerType });
  if (p?.localAuthority) rows.push({ label: 'Local authority', value: p.localAuthority });
  if (owner) rows.push({ label: 'Owner', value: owner });
  if (p?.closedAt) rows.push({ label: 'No longer listed since', value: formatDay(p.closedAt) });
  return { type: 'fields', rows };
}

function inspectionFields(ctx: AlertContext): Block | null {
  const { report, previous } = ctx;
  const rows: { label: string; value: string }[] = [];
  const when = report ? formatDateRange(report.inspectionStart, report.inspectionEnd) : eventDates(ctx);
  if (report) rows.push({ label: 'Inspection', value: `${capitalise(kindLabel(report.kind))}${when ? `, ${when}` : ''}` });
  else if (when) rows.push({ label: 'Inspected', value: when });
  if (report?.publishedAt) rows.push({ label: 'Published', value: formatDay(report.publishedAt) });
  if (report?.interimOutcome) rows.push({ label: 'Outcome', value: outcomeLabel(report.interimOutcome) });
  if (previous) {
    const prevWhen = formatDateRange(previous.inspectionStart, previous.inspectionEnd) ?? 'date unknown';
    const grade = previous.overall ? `: ${outcomeLabel(previous.overall)}` : '';
    rows.push({ label: 'Compared with', value: `${kindLabel(previous.kind)} of ${prevWhen}${grade}` });
  } else if (report?.previous && (report.previous.date || report.previous.overall)) {
    const grade = report.previous.overall ? outcomeLabel(report.previous.overall) : 'grade not given';
    rows.push({ label: 'Previous inspection', value: `${report.previous.date ? `${formatDay(report.previous.date)}: ` : ''}${grade}` });
  }
  if (report?.enforcementSinceLast) {
    rows.push({ label: 'Enforcement since last inspection', value: shorten(report.enforcementSinceLast, 300) });
  }
  if (report?.registeredManager) rows.push({ label: 'Registered manager', value: report.registeredManager });
  return rows.length > 0 ? { type: 'fields', rows } : null;
}

function requirementItems(ctx: AlertContext, limits: DetailLimits): Block | null {
  const all = ctx.report?.requirements ?? [];
  if (all.length === 0) return null;
  if (limits.requirements <= 0) {
    const due = all.map((r) => r.dueDate).filter((d): d is string => Boolean(d)).sort()[0];
    return {
      type: 'fields',
      rows: [{ label: 'Statutory requirements', value: `${all.length}${due ? `, first due ${formatDay(due)}` : ''} (see the report)` }],
    };
  }
  const { shown, more } = capList(all, limits.requirements);
  const items: ListItem[] = shown.map((r) => {
    const lead = [r.regulation ? `Regulation ${r.regulation}` : 'Requirement', r.dueDate ? `due ${formatDay(r.dueDate)}` : null]
      .filter(Boolean)
      .join(', ');
    return { lead, text: shorten(r.text, limits.itemChars) };
  });
  return { type: 'list', title: `Statutory requirements (${all.length})`, items, more: moreLine(more, 'requirement') };
}

function findingItems(ctx: AlertContext, limits: DetailLimits): Block | null {
  const all = ctx.report?.keyFindings ?? [];
  if (all.length === 0 || limits.keyFindings <= 0) return null;
  const { shown, more } = capList(all, limits.keyFindings);
  return {
    type: 'list',
    title: `Key findings (${all.length})`,
    items: shown.map((f) => ({ text: shorten(f, limits.itemChars) })),
    more: moreLine(more, 'finding'),
  };
}

/** Old and new grade per judgement, when the report grades anything. */
function changesBlock(ctx: AlertContext): Block | null {
  const { report, previous } = ctx;
  if (!isGraded(report)) return null;
  const rows = judgementChanges(isGraded(previous) ? previous : null, report);
  if (rows.length === 0) return null;
  return {
    type: 'changes',
    title: 'Judgements',
    beforeWhen: previous && isGraded(previous) ? formatDateRange(previous.inspectionStart, previous.inspectionEnd) : null,
    nowWhen: report ? formatDateRange(report.inspectionStart, report.inspectionEnd) : null,
    rows,
  };
}

/** Links to the report PDF and the provider page, falling back to the stored URLs. */
export function reportLinks(ctx: AlertContext, include: { providerPage: boolean }): Block | null {
  const links: { label: string; url: string }[] = [];
  const pdf = ctx.links.pdf ?? ctx.report?.url ?? null;
  const page = ctx.links.providerPage ?? ctx.provider?.url ?? null;
  // Digests link the dashboard once per provider, not under each of its events.
  if (ctx.links.dashboard && include.providerPage) links.push({ label: 'Its history on the dashboard', url: ctx.links.dashboard });
  if (pdf) links.push({ label: 'Report (PDF)', url: pdf });
  if (page && include.providerPage) links.push({ label: 'Provider page', url: page });
  return links.length > 0 ? { type: 'links', links } : null;
}

/**
 * The body of a message about one event, under the provider's heading: what changed, the judgements
 * before and after, the inspection, what the report requires and found, and the links.
 */
export function eventDetailBlocks(
  ctx: AlertContext,
  limits: DetailLimits,
  o: { providerFields: boolean; reportDetails?: boolean },
): Block[] {
  const headline = eventHeadline(ctx);
  // A digest shows a report's details once, under the first of its events.
  if (o.reportDetails === false) return [{ type: 'paragraph', text: headline.text, tone: headline.tone }];
  const blocks: (Block | null)[] = [
    { type: 'paragraph', text: headline.text, tone: headline.tone },
    o.providerFields ? providerFields(ctx) : null,
    changesBlock(ctx),
    inspectionFields(ctx),
    requirementItems(ctx, limits),
    findingItems(ctx, limits),
    reportLinks(ctx, { providerPage: o.providerFields }),
  ];
  return blocks.filter((b): b is Block => b !== null);
}
