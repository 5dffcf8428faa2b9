// The site's page chrome is the real reports.ofsted.gov.uk page saved in fixtures/real/html, with its
// <main> content, title and breadcrumbs swapped for ours: skip link, cookie banner, header, feedback
// banner, footer and scripts stay exactly as Ofsted serves them, so a parser must find its data inside.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { escapeHtml } from '../util/html.js';
import { repoRoot } from '../util/repo-root.js';

export interface Crumb {
  label: string;
  href: string;
}

export interface PageOptions {
  title: string;
  /** Inner HTML of <main>. */
  main: string;
  breadcrumbs?: Crumb[];
  /** Canonical URL path, for the dc.identifier meta tag. */
  path?: string;
}

const REAL_PAGE = join(repoRoot(), 'fixtures', 'real', 'html', 'search_results_folkestone_primary_2023-11.html');

interface Template {
  head: string;
  tail: string;
}

let template: Template | null = null;

/** Split the real page around its <main> once; fail loudly if the fixture ever loses that shape. */
function loadTemplate(): Template {
  if (template) return template;
  const html = readFileSync(REAL_PAGE, 'utf8');
  const open = /<main\b[^>]*>/.exec(html);
  const close = html.lastIndexOf('</main>');
  if (!open || close < 0) throw new Error(`${REAL_PAGE} has no <main> element to use as page chrome`);
  template = { head: html.slice(0, open.index + open[0].length), tail: html.slice(close) };
  return template;
}

export function renderPage(o: PageOptions): string {
  const { head, tail } = loadTemplate();
  const crumbs = (o.breadcrumbs ?? [{ label: 'Search again', href: '/' }])
    .map((c, i) => `<li class="crumb ${i === 0 ? 'back-only' : 'facet-static'}"><a href="${escapeHtml(c.href)}">${escapeHtml(c.label)}</a></li>`)
    .join('\n');
  const page = head
    .replace(/<title>[\s\S]*?<\/title>/, `<title>${escapeHtml(o.title)} - Find an Inspection Report - Ofsted</title>`)
    .replace(/(<meta name="dc\.identifier" content=")[^"]*"/, `$1http://reports.ofsted.gov.uk${escapeHtml(o.path ?? '/')}"`)
    .replace(/<ol class="breadcrumbs">[\s\S]*?<\/ol>/, `<ol class="breadcrumbs">\n${crumbs}\n</ol>`);
  return `${page}\n${o.main}\n${tail}`;
}
