// "Label: value" pairs however the page lays them out: <li>URN: <strong>…</strong></li>, <dt>/<dd>,
// <th>/<td>, two-cell rows, or plain "Label: value" text. Ofsted has moved between these over the years,
// so callers look values up by label text, never by class name.
import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { cleanText, labelKey } from './page-text.js';

export interface LabelledValue {
  /** Label reduced by labelKey: lower case, no trailing colon ("local authority"). */
  key: string;
  value: string;
  /** The element carrying the pair, so callers can skip pairs in places they do not trust. */
  element: Element;
}

const MAX_LABEL_LENGTH = 60;

/** All label/value pairs in document order. */
export function labelledValues($: CheerioAPI, scope?: Cheerio<AnyNode>): LabelledValue[] {
  const out: LabelledValue[] = [];
  const found = scope ? scope.find('li, p, dt, th, td') : $('li, p, dt, th, td');
  found.each((_, el) => {
    const pair = pairOf($, el);
    if (!pair) return;
    const key = labelKey(pair.label);
    const value = cleanText(pair.value);
    if (key && value && key.length <= MAX_LABEL_LENGTH) out.push({ key, value, element: el });
  });
  return out;
}

/** First value whose label is one of `labels`, trying labels in the order given (earlier = preferred). */
export function valueFor(pairs: LabelledValue[], labels: readonly string[]): LabelledValue | null {
  for (const label of labels) {
    const hit = pairs.find((p) => p.key === label);
    if (hit) return hit;
  }
  return null;
}

function pairOf($: CheerioAPI, el: Element): { label: string; value: string } | null {
  const node = $(el);
  switch (el.tagName) {
    case 'dt': {
      const dd = node.nextAll('dd').first();
      return dd.length ? { label: node.text(), value: dd.text() } : null;
    }
    case 'th': {
      const td = node.nextAll('td').first();
      return td.length ? { label: node.text(), value: td.text() } : null;
    }
    case 'td': {
      // A two-column row with the label in the first cell.
      if (node.prevAll('td, th').length > 0) return null;
      const cells = node.parent().children('td');
      if (cells.length !== 2) return null;
      return { label: node.text(), value: cells.eq(1).text() };
    }
    default:
      return inlinePair(node);
  }
}

/** li/p: "Label: <strong>value</strong>", "<span>Label</span><span>value</span>" or "Label: value" text. */
function inlinePair(node: Cheerio<Element>): { label: string; value: string } | null {
  if (node.find('li, p, ul, ol, table, dl').length > 0) return null;
  const strong = node.find('strong, b').first();
  if (strong.length) {
    const label = textBefore(node, strong.get(0)!);
    if (label.trim()) return { label, value: strong.text() };
  }
  const children = node.children();
  if (children.length === 2 && cleanText(node.text()) === cleanText(children.text())) {
    return { label: children.eq(0).text(), value: children.eq(1).text() };
  }
  const colon = /^([^:]{1,60}):\s*(.+)$/s.exec(cleanText(node.text()));
  return colon ? { label: colon[1]!, value: colon[2]! } : null;
}

/** Text of `root` that comes before `stop` in document order. */
function textBefore(root: Cheerio<Element>, stop: AnyNode): string {
  let text = '';
  let done = false;
  const walk = (nodes: AnyNode[]) => {
    for (const n of nodes) {
      if (done) return;
      if (n === stop) {
        done = true;
        return;
      }
      if (n.nodeType === 3 && 'data' in n) text += n.data;
      else if ('children' in n) walk(n.children);
    }
  };
  walk(root.contents().toArray());
  return done ? text : '';
}
