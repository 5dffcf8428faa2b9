import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderWebhookBody } from '../../../src/alerts/render/render-webhook-body.js';
import { DASHBOARD, declineContext, PDF, provider } from './derby-contexts.js';

describe('the webhook body', () => {
  it('is JSON with a Slack-style one-line "text" holding the subject and the PDF link', () => {
    const m = renderWebhookBody(declineContext());
    assert.equal(m.subject, 'SC036243: Good → Inadequate (inspected 29–30 Oct 2019)');
    assert.equal(m.html, null);
    const body = JSON.parse(m.text) as { text: string };
    assert.equal(typeof body.text, 'string');
    assert.doesNotMatch(body.text, /\n/);
    assert.equal(body.text, `SC036243: Good → Inadequate (inspected 29–30 Oct 2019) — Children's home, Derby · <${PDF}|Report (PDF)>`);
  });

  it("carries the provider's dashboard page among its links", () => {
    const body = JSON.parse(renderWebhookBody(declineContext()).text) as { links: Record<string, unknown> };
    assert.equal(body.links.dashboard, DASHBOARD);
    assert.equal((JSON.parse(renderWebhookBody(declineContext({ links: { pdf: PDF, providerPage: null, unsubscribe: null } })).text) as { links: Record<string, unknown> }).links.dashboard, null);
  });

  it('carries the event exactly as the CLI prints it, and the provider', () => {
    const ctx = declineContext();
    const body = JSON.parse(renderWebhookBody(ctx).text) as { event: unknown; provider: Record<string, unknown> };
    assert.deepEqual(body.event, JSON.parse(JSON.stringify(ctx.event)));
    assert.equal(body.provider.urn, 'SC036243');
    assert.equal(body.provider.owner, 'Derby City Council');
    assert.equal(body.provider.localAuthority, 'Derby');
  });

  it('escapes Slack’s control characters in text from a page', () => {
    const ctx = declineContext({ provider: provider({ name: 'Smith & Jones <!channel>' }) });
    const body = JSON.parse(renderWebhookBody(ctx).text) as { text: string; provider: { name: string } };
    assert.match(body.text, /Smith &amp; Jones &lt;!channel&gt;/);
    assert.equal(body.provider.name, 'Smith & Jones <!channel>', 'structured fields keep the words as they are');
  });

  it('has no link when there is no PDF', () => {
    const ctx = declineContext({ report: null, links: { pdf: null, providerPage: null, unsubscribe: null } });
    const body = JSON.parse(renderWebhookBody(ctx).text) as { text: string };
    assert.doesNotMatch(body.text, /</);
  });
});
