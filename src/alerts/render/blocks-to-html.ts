import { oneLine } from './clean-text.js';
import { escapeHtml, safeHref } from './escape-html.js';
import type { Block, ChangeRow } from './message-blocks.js';

// Mail clients ignore <style> blocks and external CSS unevenly, so every element carries its own inline
// style; no images, fonts, scripts or other external assets.

const FONT = 'font-family:Arial,Helvetica,sans-serif';
const TEXT = `${FONT};font-size:15px;line-height:1.45;color:#1b1b1b`;
const TONE: Readonly<Record<string, string>> = {
  alert: 'background:#fdecea;border-left:4px solid #b00020;padding:10px 12px;font-weight:bold',
  good: 'background:#e8f5e9;border-left:4px solid #2e7d32;padding:10px 12px;font-weight:bold',
  muted: 'color:#5f6368;font-size:13px',
};
const DIRECTION: Readonly<Record<NonNullable<ChangeRow['direction']>, { mark: string; style: string }>> = {
  down: { mark: ' ↓', style: 'color:#b00020;font-weight:bold' },
  up: { mark: ' ↑', style: 'color:#2e7d32;font-weight:bold' },
  same: { mark: '', style: '' },
};
const CELL = 'padding:6px 8px;border-bottom:1px solid #e0e0e0;vertical-align:top;text-align:left';

const h = (text: string) => escapeHtml(oneLine(text));

/** The HTML part: one self-contained document, readable at phone width. */
export function blocksToHtml(title: string, blocks: readonly Block[]): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${h(title)}</title></head>`,
    `<body style="margin:0;padding:0;background:#ffffff">`,
    `<div style="${TEXT};max-width:640px;margin:0 auto;padding:16px">`,
    ...blocks.map(blockHtml),
    '</div></body></html>',
    '',
  ].join('\n');
}

function link(label: string, url: string): string {
  const href = safeHref(url);
  // A URL that is not http(s) or mailto is shown as text, never made clickable.
  if (!href) return `${h(label)}: ${h(url)}`;
  return `<a href="${escapeHtml(href)}" style="color:#1a5fb4">${h(label)}</a>`;
}

function blockHtml(block: Block): string {
  switch (block.type) {
    case 'heading': {
      const size = block.level === 1 ? 20 : block.level === 2 ? 17 : 15;
      return `<h${block.level} style="${FONT};font-size:${size}px;margin:20px 0 8px">${h(block.text)}</h${block.level}>`;
    }
    case 'paragraph':
      return `<p style="margin:0 0 12px;${block.tone ? (TONE[block.tone] ?? '') : ''}">${h(block.text)}</p>`;
    case 'fields':
      return [
        '<table role="presentation" style="border-collapse:collapse;margin:0 0 12px">',
        ...block.rows.map(
          (r) =>
            `<tr><th scope="row" style="${CELL};color:#5f6368;font-weight:normal;white-space:nowrap">${h(r.label)}</th>` +
            `<td style="${CELL}">${h(r.value)}</td></tr>`,
        ),
        '</table>',
      ].join('\n');
    case 'changes':
      return [
        `<p style="margin:12px 0 4px;font-weight:bold">${h(block.title)}</p>`,
        '<table style="border-collapse:collapse;width:100%;margin:0 0 12px">',
        `<tr><th style="${CELL}">Judgement</th>` +
          `<th style="${CELL}">Before${block.beforeWhen ? `<br><span style="font-weight:normal">${h(block.beforeWhen)}</span>` : ''}</th>` +
          `<th style="${CELL}">Now${block.nowWhen ? `<br><span style="font-weight:normal">${h(block.nowWhen)}</span>` : ''}</th></tr>`,
        ...block.rows.map((r) => {
          const d = r.direction ? DIRECTION[r.direction] : null;
          return (
            `<tr><td style="${CELL}">${h(r.label)}</td><td style="${CELL}">${h(r.before ?? '—')}</td>` +
            `<td style="${CELL};${d?.style ?? ''}">${h(r.now ?? '—')}${d?.mark ?? ''}</td></tr>`
          );
        }),
        '</table>',
      ].join('\n');
    case 'list':
      return [
        `<p style="margin:12px 0 4px;font-weight:bold">${h(block.title)}</p>`,
        '<ul style="margin:0 0 12px;padding-left:20px">',
        ...block.items.map(
          (i) => `<li style="margin:0 0 6px">${i.lead ? `<strong>${h(i.lead)}</strong>: ` : ''}${h(i.text)}</li>`,
        ),
        '</ul>',
        ...(block.more ? [`<p style="margin:0 0 12px;${TONE.muted}">${h(block.more)}</p>`] : []),
      ].join('\n');
    case 'links':
      return `<p style="margin:12px 0">${block.links.map((l) => link(l.label, l.url)).join(' &middot; ')}</p>`;
    case 'rule':
      return '<hr style="border:0;border-top:1px solid #e0e0e0;margin:20px 0">';
  }
}
