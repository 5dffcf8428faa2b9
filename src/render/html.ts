// The one way HTML is written here: every ${} is escaped unless it is itself a template of this tag (or an
// array of them), so a page, an email or an error page cannot forget to escape a scraped value.
import * as escapeTemplate from 'escape-html-template-tag';
import type { HtmlSafeString } from 'escape-html-template-tag';

export type Html = HtmlSafeString;

// The package's types describe its CommonJS build; Node loads its ES build, whose default export is the tag.
const tag = escapeTemplate.default as unknown as (parts: TemplateStringsArray, ...subs: unknown[]) => Html;

// null, undefined and false render nothing, so `${cond && html`…`}` and optional fields read naturally.
const blank = (v: unknown): unknown => (v == null || v === false ? '' : Array.isArray(v) ? v.map(blank) : v);

/** html`<p>${text}</p>`: text escaped; nested html`` templates and arrays of them kept as markup. */
export function html(parts: TemplateStringsArray, ...subs: unknown[]): Html {
  return tag(parts, ...subs.map(blank));
}
/** Markup this code produced itself and has already escaped (e.g. a number-only SVG path); never scraped text. */
export const trusted: (markup: string) => Html = escapeTemplate.safe;
/** Templates or texts joined with a separator, each escaped as in html``. */
export const joinHtml: (items: (string | Html)[], separator: string | Html) => Html = escapeTemplate.join;
