import assert from 'node:assert/strict';
import { test } from 'node:test';
import { html, joinHtml, trusted } from '../../src/render/html.js';

// The library also escapes '/' (as OWASP advises); browsers read &#x2F; in text and attributes alike.
test('every interpolation is escaped unless it is already rendered HTML', () => {
  const scraped = `<script>alert("x")</script> & 'quoted'`;
  const out = String(html`<p title="${scraped}">${scraped}${html`<b>${scraped}</b>`}</p>`);
  assert.equal(
    out,
    '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;&#x2F;script&gt; &amp; &#39;quoted&#39;">' +
      '&lt;script&gt;alert(&quot;x&quot;)&lt;&#x2F;script&gt; &amp; &#39;quoted&#39;' +
      '<b>&lt;script&gt;alert(&quot;x&quot;)&lt;&#x2F;script&gt; &amp; &#39;quoted&#39;</b></p>',
  );
});

test('arrays are escaped item by item; null, undefined and false render nothing', () => {
  assert.equal(String(html`<ul>${['<a>', html`<li>${'&'}</li>`, null]}</ul>`), '<ul>&lt;a&gt;<li>&amp;</li></ul>');
  assert.equal(String(html`[${null}][${undefined}][${false}][${0}]`), '[][][][0]');
  assert.equal(String(joinHtml([html`<i>1</i>`, '<2>'], ', ')), '<i>1</i>, &lt;2&gt;');
  assert.equal(String(html`${trusted('<path d="M0 0"/>')}`), '<path d="M0 0"/>');
});
