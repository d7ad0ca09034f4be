// The query DSL's response and the typed failure of any service call, as the dashboard shows them.
// Shared by the API client (extension host and browser page) and the webview protocol.
import { z } from 'zod';

export const QueryResponseSchema = z.object({
  rows: z.array(z.record(z.string(), z.unknown())),
  series: z.array(z.unknown()).optional(),
  nextCursor: z.string().nullable(),
  stats: z.looseObject({ scanned: z.number(), tookMs: z.number() }),
  /** Present when the answer covers less than the retention (memory budget, history database down). */
  coverage: z.object({ from: z.number(), to: z.number() }).optional(),
});
export type QueryResponse = z.infer<typeof QueryResponseSchema>;

export const API_FAILURE_KINDS = [
  'unreachable', // no HTTP answer (refused, DNS, timeout)
  'unauthorised', // 401
  'forbidden', // 403: the token lacks a scope
  'bad-request', // 400/413/422: the request was refused as invalid
  'not-found', // 404
  'server', // 5xx
  'invalid-response', // the answer does not fit its schema
] as const;
export type ApiFailureKind = (typeof API_FAILURE_KINDS)[number];

export const ApiFailureSchema = z.object({
  kind: z.enum(API_FAILURE_KINDS),
  /** HTTP status when there was an answer. */
  status: z.number().int().nullable(),
  /** What went wrong and what to do, ready to show. Never contains a token. */
  message: z.string().max(2000),
  /** The service's 400 issues, one line each ("path: message"). */
  issues: z.array(z.string().max(500)).max(100),
});
export type ApiFailure = z.infer<typeof ApiFailureSchema>;
