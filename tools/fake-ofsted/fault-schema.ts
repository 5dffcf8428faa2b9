import { z } from 'zod';
import type { Fault } from './types.js';

/** Validation of a Fault given as JSON to POST /__scenario/fault. */
export const faultSchema: z.ZodType<Fault> = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('status'),
    status: z.number().int().min(100).max(599),
    times: z.number().int().min(1).optional(),
    retryAfter: z.string().optional(),
  }),
  z.object({ kind: z.literal('redirect-offsite') }),
  z.object({ kind: z.literal('js-shell') }),
  z.object({ kind: z.literal('challenge'), times: z.number().int().min(1).optional() }),
  z.object({ kind: z.literal('slow'), ms: z.number().int().min(0).max(600_000) }),
  z.object({ kind: z.literal('html-as-pdf') }),
  z.object({ kind: z.literal('truncated-pdf') }),
  z.object({ kind: z.literal('scanned-pdf') }),
  z.object({ kind: z.literal('huge'), bytes: z.number().int().min(1).max(2 * 1024 * 1024 * 1024) }),
  z.object({ kind: z.literal('inflate-bomb'), inflatedBytes: z.number().int().min(1).max(8 * 1024 * 1024 * 1024).optional() }),
]) as z.ZodType<Fault>;
