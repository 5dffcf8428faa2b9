import { html, joinHtml, trusted, type Html } from '../../render/html.js';
import { oneLine } from './clean-text.js';
import { safeHref } from './escape-html.js';
import type { Block, ChangeRow } from './message-blocks.js';

// Mail clients ignore <style> blocks and external CSS unevenly, so every element carries its own inline
// style; no images, fonts, scripts or other external assets. Styles are constants of this file.

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
const NL = trusted('\n');

/** The HTML part: one self-contained document, readable at phone width. */
export function blocksToHtml(title: string, blocks: readonly Block[]): string {
  return String(
    joinHtml(
      [
        html`<!DOCTYPE html>`,
        html`<html lang="en"><head><meta charset="utf-8">`,
        html`<meta name="viewport" content="width=device-width, initial-scale=1">`,
        html`<title>${oneLine(title)}</title></head>`,
        html`<body style="margin:0;padding:0;background:#ffffff">`,
        html`<div style="${TEXT};max-width:640px;margin:0 auto;padding:16px">`,
        ...blocks.map(blockHtml),
        html`</div></body></html>`,
        html``,
      ],
      NL,
    ),
  );
}

function link(label: string, url: string): Html {
  const href = safeHref(url);
  // A URL that is not http(s) or mailto is shown as text, never made clickable.
  if (!href) return html`${oneLine(label)}: ${oneLine(url)}`;
  return html`<a href="${href}" style="color:#1a5fb4">${oneLine(label)}</a>`;
}

function blockHtml(block: Block): Html {
  switch (block.type) {
    case 'heading': {
      const size = block.level === 1 ? 20 : block.level === 2 ? 17 : 15;
      // The level is 1-3 by type; the tag name cannot be an interpolation, so it is chosen here.
      const tag = trusted(`h${block.level}`);
      return html`<${tag} style="${FONT};font-size:${size}px;margin:20px 0 8px">${oneLine(block.text)}</${tag}>`;
    }
    case 'paragraph':
      return html`<p style="margin:0 0 12px;${block.tone ? (TONE[block.tone] ?? '') : ''}">${oneLine(block.text)}</p>`;
    case 'fields':
      return joinHtml(
        [
          html`<table role="presentation" style="border-collapse:collapse;margin:0 0 12px">`,
          ...block.rows.map(
            (r) =>
              html`<tr><th scope="row" style="${CELL};color:#5f6368;font-weight:normal;white-space:nowrap">${oneLine(r.label)}</th><td style="${CELL}">${oneLine(r.value)}</td></tr>`,
          ),
          html`</table>`,
        ],
        NL,
      );
    case 'changes':
      return joinHtml(
        [
          html`<p style="margin:12px 0 4px;font-weight:bold">${oneLine(block.title)}</p>`,
          html`<table style="border-collapse:collapse;width:100%;margin:0 0 12px">`,
          html`<tr><th style="${CELL}">Judgement</th><th style="${CELL}">Before${
            block.beforeWhen ? html`<br><span style="font-weight:normal">${oneLine(block.beforeWhen)}</span>` : null
          }</th><th style="${CELL}">Now${block.nowWhen ? html`<br><span style="font-weight:normal">${oneLine(block.nowWhen)}</span>` : null}</th></tr>`,
          ...block.rows.map((r) => {
            const d = r.direction ? DIRECTION[r.direction] : null;
            return html`<tr><td style="${CELL}">${oneLine(r.label)}</td><td style="${CELL}">${oneLine(r.before ?? '—')}</td><td style="${CELL};${d?.style ?? ''}">${oneLine(r.now ?? '—')}${d?.mark ?? ''}</td></tr>`;
          }),
          html`</table>`,
        ],
        NL,
      );
    case 'list':
      return joinHtml(
        [
          html`<p style="margin:12px 0 4px;font-weight:bold">${oneLine(block.title)}</p>`,
          html`<ul style="margin:0 0 12px;padding-left:20px">`,
          ...block.items.map((i) => html`<li style="margin:0 0 6px">${i.lead ? html`<strong>${oneLine(i.lead)}</strong>: ` : null}${oneLine(i.text)}</li>`),
          html`</ul>`,
          ...(block.more ? [html`<p style="margin:0 0 12px;${TONE.muted}">${oneLine(block.more)}</p>`] : []),
        ],
        NL,
      );
    case 'links':
      return html`<p style="margin:12px 0">${joinHtml(
        block.links.map((l) => link(l.label, l.url)),
        html` &middot; `,
      )}</p>`;
    case 'rule':
      return html`<hr style="border:0;border-top:1px solid #e0e0e0;margin:20px 0">`;
  }
}
