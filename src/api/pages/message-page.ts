import { html, type Html } from '../../render/html.js';
import { page } from './layout.js';

/**
 * A whole page that says one thing: something went wrong (400 for a malformed URN, 404 for one never seen)
 * or, with `ok`, that a form did what it was asked. Title and message are plain text.
 */
export function messagePage(o: { title: string; message: string; extraHtml?: Html; ok?: boolean; back?: { href: string; label: string } }): string {
  const back = o.back ?? { href: '/', label: 'Back to the declines' };
  return page({
    title: o.title,
    body: html`<h1>${o.title}</h1><div class="notice${o.ok ? ' done' : ' error'}" role="${o.ok ? 'status' : 'alert'}"><p>${o.message}</p></div>${o.extraHtml}<p><a href="${back.href}">${back.label}</a></p>`,
  });
}
