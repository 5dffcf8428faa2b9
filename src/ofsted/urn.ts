import { BadInputError } from '../errors.js';

// SC + 6 digits (older social care), 6-7 digits (schools, newer social care), EY + digits
// (early years), 5 digits (local authorities). See CONTRACT.md.
const URN_PATTERN = /^(?:SC\d{6}|\d{5,7}|EY\d{5,7})$/;

/** Trim and upper-case a URN; null when it is not one. */
export function normaliseUrn(input: string): string | null {
  const urn = input.trim().toUpperCase();
  return URN_PATTERN.test(urn) ? urn : null;
}

/** Like normaliseUrn but throws the CLI's bad-input error (exit 2) with a one-line reason. */
export function parseUrn(input: string): string {
  const urn = normaliseUrn(input);
  if (!urn) {
    const shown = input.length > 40 ? `${input.slice(0, 40)}…` : input;
    throw new BadInputError(
      `not a URN: ${JSON.stringify(shown)} (expected SC + 6 digits, 5-7 digits, or EY + digits)`,
    );
  }
  return urn;
}
