/**
 * An error that becomes an HTTP response with this status and `{ "error": message }`. The message is
 * shown to the caller, so it must be one line and carry no secret.
 */
export class HttpError extends Error {
  readonly statusCode: number;
  readonly headers: Record<string, string>;

  constructor(statusCode: number, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = 'HttpError';
    this.statusCode = statusCode;
    this.headers = headers;
  }
}
