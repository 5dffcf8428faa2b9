import { OfstedMonitorError } from '../../errors.js';

/**
 * A response passed its byte cap. Exit 2: retrying would only download the same oversized body again,
 * so this is never retried (unlike UpstreamUnavailableError).
 */
export class ResponseTooLargeError extends OfstedMonitorError {
  override readonly exitCode = 2;
}
