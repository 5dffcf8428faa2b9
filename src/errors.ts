// Errors named by what the caller should do next; each carries the CLI exit code from CONTRACT.md.

export class OfstedMonitorError extends Error {
  readonly exitCode: number = 1;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The user gave something unusable (a malformed URN, a file that is not a readable report). Exit 2. */
export class BadInputError extends OfstedMonitorError {
  override readonly exitCode = 2;
}

/** Ofsted has no provider with this URN. Exit 3; never retried. */
export class ProviderNotFoundError extends OfstedMonitorError {
  override readonly exitCode = 3;
}

/** Ofsted could not be reached or kept failing after retries. Exit 4; retry later. */
export class UpstreamUnavailableError extends OfstedMonitorError {
  override readonly exitCode = 4;
}

/** A request would leave the configured Ofsted origins (e.g. a redirect elsewhere). Never retried. */
export class ForbiddenHostError extends OfstedMonitorError {
  override readonly exitCode = 4;
}

/** A page no longer has the shape the parser knows: fail loudly rather than read nothing. */
export class PageShapeError extends OfstedMonitorError {
  override readonly exitCode = 4;
}

/** A report could not be turned into text or is not an Ofsted report. */
export class UnreadableReportError extends OfstedMonitorError {
  override readonly exitCode = 2;
}
