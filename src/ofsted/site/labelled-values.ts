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

/** Page chrome: its "Label: value" lines (menus, search forms) are never the provider's details. */
export const PAGE_CHROME: ReadonlySet<string> = new Set(['header', 'footer', 'nav', 'form']);

/**
 * All label/value pairs in document order (below `scope` when given, the whole document otherwise),
 * leaving out whatever is inside an element named in `outside`.
 */
export function labelledValues(
  $: CheerioAPI,
  scope?: Cheerio<AnyNode>,
  outside: ReadonlySet<string> = NOTHING,
): LabelledValue[] {
  const out: LabelledValue[] = [];
  // A plain walk over the DOM: this runs on every page of every sweep, and cheerio selectors per
  // candidate element cost more than all the rest of reading the page.
  const visit = (nodes: readonly AnyNode[]) => {
    for (const n of nodes) {
      if (!isTag(n) || SKIPPED.has(n.name) || outside.has(n.name)) continue;
      if (CANDIDATES.has(n.name)) {
        const pair = pairOf(n);
        if (pair) {
          const key = labelKey(pair.label);
          const value = cleanText(pair.value);
          if (key && value && key.length <= MAX_LABEL_LENGTH) out.push({ key, value, element: n });
        }
      }
      visit(n.children);
    }
  };
  for (const root of scope ? scope.toArray() : $.root().toArray()) if ('children' in root) visit(root.children);
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

function pairOf(el: Element): { label: string; value: string } | null {
  switch (el.name) {
    case 'dt': {
      const dd = nextSiblingNamed(el, 'dd');
      return dd ? { label: textOf(el), value: textOf(dd) } : null;
    }
    case 'th': {
      const td = nextSiblingNamed(el, 'td');
      return td ? { label: textOf(el), value: textOf(td) } : null;
    }
    case 'td': {
      // A two-column row with the label in the first cell.
      const cells = elementChildren(el.parent).filter((c) => c.name === 'td' || c.name === 'th');
      if (cells[0] !== el) return null;
      const tds = cells.filter((c) => c.name === 'td');
      return tds.length === 2 ? { label: textOf(el), value: textOf(tds[1]!) } : null;
    }
    default:
      return inlinePair(el);
  }
}

/** li/p: "Label: <strong>value</strong>", "<span>Label</span><span>value</span>" or "Label: value" text. */
function inlinePair(el: Element): { label: string; value: string } | null {
  if (firstDescendant(el, (d) => BLOCKS.has(d.name))) return null;
  const strong = firstDescendant(el, (d) => d.name === 'strong' || d.name === 'b');
  if (strong) {
    const label = textBefore(el, strong);
    if (label.trim()) return { label, value: textOf(strong) };
  }
  const text = textOf(el);
  const children = elementChildren(el);
  if (children.length === 2 && cleanText(text) === cleanText(textOf(children[0]!) + textOf(children[1]!))) {
    return { label: textOf(children[0]!), value: textOf(children[1]!) };
  }
  const colon = /^([^:]{1,60}):\s*(.+)$/s.exec(cleanText(text));
  return colon ? { label: colon[1]!, value: colon[2]! } : null;
}

const CANDIDATES = new Set(['li', 'p', 'dt', 'th', 'td']);
/** Elements whose li/p is a container, not a "Label: value" line. */
const BLOCKS = new Set(['li', 'p', 'ul', 'ol', 'table', 'dl']);
const SKIPPED = new Set(['script', 'style', 'template']);
const NOTHING: ReadonlySet<string> = new Set();

/** An element (a doctype also has nodeType 1, but no children). */
function isTag(n: AnyNode): n is Element {
  return n.nodeType === 1 && 'children' in n;
}

function elementChildren(n: AnyNode | null): Element[] {
  return n && 'children' in n ? n.children.filter(isTag) : [];
}

function nextSiblingNamed(el: Element, name: string): Element | null {
  for (let n = el.nextSibling; n; n = n.nextSibling) if (isTag(n) && n.name === name) return n;
  return null;
}

/** First element below `el` (document order) that `test` accepts. */
function firstDescendant(el: Element, test: (e: Element) => boolean): Element | null {
  for (const c of el.children) {
    if (!isTag(c)) continue;
    if (test(c)) return c;
    const below = firstDescendant(c, test);
    if (below) return below;
  }
  return null;
}

/** All text below a node, as cheerio's .text() gives it. */
function textOf(n: AnyNode): string {
  if (n.nodeType === 3 && 'data' in n) return n.data;
  if (!('children' in n)) return '';
  let text = '';
  for (const c of n.children) text += textOf(c);
  return text;
}

/** Text of `root` that comes before `stop` in document order. */
function textBefore(root: Element, stop: AnyNode): string {
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
  walk(root.children);
  return done ? text : '';
}
