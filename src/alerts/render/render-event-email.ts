import type { RenderedMessage } from '../types.js';
import type { AlertContext } from './alert-context.js';
import { blocksToHtml } from './blocks-to-html.js';
import { blocksToText } from './blocks-to-text.js';
import { EMAIL_LIMITS, eventDetailBlocks, providerTitle } from './event-blocks.js';
import { eventSubject } from './event-subject.js';
import { footerBlocks } from './footer-blocks.js';
import type { Block } from './message-blocks.js';

/** The email about one change event, as plain text and HTML. */
export function renderEventEmail(ctx: AlertContext): RenderedMessage {
  const subject = eventSubject(ctx);
  const blocks: Block[] = [
    { type: 'heading', level: 1, text: providerTitle(ctx) },
    ...eventDetailBlocks(ctx, EMAIL_LIMITS, { providerFields: true }),
    ...footerBlocks(ctx.links.unsubscribe, 'You get this email because you subscribed to ofsted-monitor alerts that cover this provider.'),
  ];
  return { subject, text: blocksToText(blocks), html: blocksToHtml(subject, blocks) };
}
