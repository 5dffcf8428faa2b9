import { OfstedMonitorError } from '../../errors.js';

export interface DeliveryErrorDetails {
  /** True when sending the same message again would be refused again. */
  permanent: boolean;
  /** SMTP reply code or HTTP status, when the far side answered. */
  responseCode?: number;
  /** Short machine-readable cause, e.g. ECONNREFUSED, EENVELOPE, HTTP_429. */
  code?: string;
  /** How long the far side asked us to wait (HTTP Retry-After), ms. */
  retryAfterMs?: number;
}

/**
 * A message could not be delivered. `permanent` says what the sender does next: a permanent failure
 * marks the message rejected and is never retried; a transient one is retried with backoff. The
 * message is one line and carries no secret (no SMTP password, no webhook path), so it can be stored
 * as the outbox row's lastError and logged as it is. No `cause` is attached for the same reason.
 */
export class DeliveryError extends OfstedMonitorError {
  readonly permanent: boolean;
  readonly responseCode: number | undefined;
  readonly code: string | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(message: string, details: DeliveryErrorDetails) {
    super(message);
    this.permanent = details.permanent;
    this.responseCode = details.responseCode;
    this.code = details.code;
    this.retryAfterMs = details.retryAfterMs;
  }
}
