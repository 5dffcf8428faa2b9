import type { Block } from './message-blocks.js';

/** The closing lines of every subscriber message: why it came, and the one-click way to stop it. */
export function footerBlocks(unsubscribe: string | null, why: string): Block[] {
  const blocks: Block[] = [
    { type: 'rule' },
    { type: 'paragraph', text: `${why} Grades and findings are as read from Ofsted's report; the PDF is the authority.`, tone: 'muted' },
  ];
  if (unsubscribe) blocks.push({ type: 'links', links: [{ label: 'Unsubscribe', url: unsubscribe }] });
  return blocks;
}
