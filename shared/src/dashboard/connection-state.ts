// The live-stream connection state, shared by the extension host's relay, the status bar, the
// webview protocol and the browser page so that all of them show the same four states.
import { z } from 'zod';

export const CONNECTION_STATUSES = ['connected', 'reconnecting', 'unauthorised', 'off'] as const;
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];

export const ConnectionStateSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('connected'), since: z.number() }),
  z.object({
    status: z.literal('reconnecting'),
    /** 0 for the first connection attempt, then 1, 2, … for each retry after a failure. */
    attempt: z.number().int().nonnegative(),
    /** Epoch ms of the next attempt; null while an attempt is in flight. */
    retryAt: z.number().nullable(),
    /** Why the last attempt failed (never contains the token). */
    reason: z.string().max(500).optional(),
  }),
  z.object({
    status: z.literal('unauthorised'),
    /** 401: the token was refused; 403: it lacks the `analytics:read` scope. */
    httpStatus: z.union([z.literal(401), z.literal(403)]),
    reason: z.string().max(500),
  }),
  z.object({ status: z.literal('off'), reason: z.string().max(500).optional() }),
]);
export type ConnectionState = z.infer<typeof ConnectionStateSchema>;

/** One short line for a status bar, a heading or an aria-live region. */
export function describeConnection(s: ConnectionState, now: number): string {
  switch (s.status) {
    case 'connected':
      return 'Connected';
    case 'reconnecting': {
      if (s.retryAt === null) return s.attempt === 0 ? 'Connecting…' : `Reconnecting (attempt ${s.attempt})…`;
      const secs = Math.max(0, Math.ceil((s.retryAt - now) / 1000));
      return `Reconnecting in ${secs} s (attempt ${s.attempt})`;
    }
    case 'unauthorised':
      return s.httpStatus === 401 ? 'Unauthorised: the token was refused' : 'Forbidden: the token lacks the analytics:read scope';
    case 'off':
      return 'Off';
  }
}
