import { oneLine } from './clean-text.js';
import type { Block, ChangeRow } from './message-blocks.js';
import { TEXT_WIDTH, wrapText } from './wrap-text.js';

const ARROW: Readonly<Record<NonNullable<ChangeRow['direction']>, string>> = {
  down: ' (down)',
  up: ' (up)',
  same: '',
};

/** The plain-text part: blocks separated by blank lines, no line wider than TEXT_WIDTH except a URL. */
export function blocksToText(blocks: readonly Block[]): string {
  return `${blocks.map(blockText).join('\n\n')}\n`;
}

function blockText(block: Block): string {
  switch (block.type) {
    case 'heading': {
      if (block.level === 3) return wrapText(oneLine(block.text), { first: '▸ ', rest: '  ' }).join('\n');
      const lines = wrapText(oneLine(block.text));
      const width = Math.min(TEXT_WIDTH, Math.max(...lines.map((l) => l.length)));
      return [...lines, (block.level === 1 ? '=' : '-').repeat(width)].join('\n');
    }
    case 'paragraph':
      return wrapText(oneLine(block.text)).join('\n');
    case 'fields':
      return block.rows.flatMap((r) => wrapText(oneLine(r.value), { first: `${oneLine(r.label)}: `, rest: '  ' })).join('\n');
    case 'changes':
      return [
        ...wrapText(
          block.beforeWhen || block.nowWhen
            ? `${oneLine(block.title)} (${block.beforeWhen ?? 'before'} → ${block.nowWhen ?? 'now'})`
            : oneLine(block.title),
        ),
        ...block.rows.flatMap((r) =>
          wrapText(`${oneLine(r.label)}: ${r.before ?? '—'} → ${r.now ?? '—'}${r.direction ? ARROW[r.direction] : ''}`, {
            first: '- ',
            rest: '  ',
          }),
        ),
      ].join('\n');
    case 'list':
      return [
        ...wrapText(oneLine(block.title)),
        ...block.items.flatMap((i) =>
          wrapText(i.lead ? `${oneLine(i.lead)}: ${oneLine(i.text)}` : oneLine(i.text), { first: '- ', rest: '  ' }),
        ),
        ...(block.more ? wrapText(oneLine(block.more), { first: '  ' }) : []),
      ].join('\n');
    case 'links':
      return block.links.flatMap((l) => wrapText(`${oneLine(l.label)}: ${l.url}`, { rest: '  ' })).join('\n');
    case 'rule':
      return '-- ';
  }
}
