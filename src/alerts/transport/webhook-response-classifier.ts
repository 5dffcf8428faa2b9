// What a webhook's answer means for the outbox. Pure: status, headers and a body snippet in, a
// DeliveryError (or null for success) out. Messages name the host only: a webhook URL's path is
// often its secret (Slack's are).
import { parseRetryAfter } from '../../ofsted/site/retry-policy.js';
import { DeliveryError } from './delivery-error.js';
import { safeOneLine } from './safe-text.js';

/** Client errors that are about timing, not about the request: worth another try. */
const TRANSIENT_CLIENT_STATUSES = new Set([408, 425, 429]);

/** Longest Retry-After honoured; beyond a day the outbox's own backoff is the better guide. */
export const MAX_WEBHOOK_RETRY_AFTER_MS = 24 * 60 * 60 * 1000;

export interface WebhookAnswer {
  status: number;
  /** The Retry-After header, if any. */
  retryAfter: string | null;
  /** The start of the response body, shown in the message for 4xx (e.g. Slack's "invalid_payload"). */
  bodySnippet: string;
}

/**
 * null for 2xx. Permanent: 4xx other than 408/425/429 (the request is wrong and will stay wrong) and
 * 3xx (redirects are not followed; the configured URL needs fixing). Transient: 5xx, 408, 425, 429.
 * A 429 or 503 with Retry-After sets retryAfterMs.
 */
export function classifyWebhookAnswer(answer: WebhookAnswer, host: string, now: number = Date.now()): DeliveryError | null {
  const { status } = answer;
  if (status >= 200 && status <= 299) return null;
  const code = `HTTP_${status}`;
  const said = safeOneLine(answer.bodySnippet, [], 120);
  const body = said ? `: ${said}` : '';
  if (status >= 300 && status <= 399) {
    return new DeliveryError(`webhook ${host} answered ${status} (a redirect; not followed, fix the URL)`, {
      permanent: true,
      responseCode: status,
      code,
    });
  }
  const transient = status >= 500 || TRANSIENT_CLIENT_STATUSES.has(status);
  const details: ConstructorParameters<typeof DeliveryError>[1] = { permanent: !transient, responseCode: status, code };
  if (status === 429 || status === 503) {
    const wait = parseRetryAfter(answer.retryAfter, now);
    if (wait !== null) details.retryAfterMs = Math.min(wait, MAX_WEBHOOK_RETRY_AFTER_MS);
  }
  return new DeliveryError(`webhook ${host} answered ${status}${body}`, details);
}

/** Transport-level failure (no answer): always transient. */
export function webhookFetchError(error: unknown, host: string, timeoutMs: number): DeliveryError {
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new DeliveryError(`webhook ${host} did not answer within ${timeoutMs} ms`, {
      permanent: false,
      code: 'ETIMEDOUT',
    });
  }
  // node:http gives the socket error itself; fetch wraps it: TypeError("fetch failed") with it as cause.
  const own = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  const code = typeof own === 'string' ? own : typeof cause?.code === 'string' ? cause.code : undefined;
  const detail = code ?? (error instanceof Error ? safeOneLine(error.message, [], 120) : 'unknown error');
  return new DeliveryError(`webhook ${host} could not be reached (${detail})`, {
    permanent: false,
    code: code ?? 'EFETCH',
  });
}
