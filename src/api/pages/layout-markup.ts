// layout.ts's helpers (gradeBadge, shortDay) return markup as strings today and Html once that file is
// converted (issue 13); either way it is markup they built from constants and escaped text, kept as is.
import { trusted, type Html } from '../../render/html.js';

export function markup(m: string | Html): Html {
  return typeof m === 'string' ? trusted(m) : m;
}
