// GET /v1/stream (scope analytics:read; `?access_token=` accepted for browsers): the live SSE stream.
// The reply is hijacked: the hub owns the raw response from here on (fastify does not buffer or
// compress it), and closes it on disconnect, backlog overflow or shutdown.
import type { FastifyPluginCallback } from 'fastify';
import { z } from 'zod';
import { EVENT_TYPES, EventTypeSchema, type EventType } from '../../../shared/src/events';
import { parseDuration } from '../../../shared/src/query';
import { requireScope, type AdminPrincipal } from '../http/auth';
import { checkClaimsOf } from '../revocation/setup';
import { parseOr400 } from '../http/errors';
import type { LiveFeed } from '../sse/feed';
import { OPENING } from '../sse/frames';
import type { SseHub } from '../sse/hub';
import type { EventStore } from '../store/types';

const MIN_ROLLUP_MS = 1_000;
const MAX_ROLLUP_MS = 3_600_000;

const StreamQuery = z.object({
  types: z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (s === undefined || s.trim() === '') return null;
      const list = s.split(',').map((t) => t.trim());
      const bad = list.filter((t) => !EventTypeSchema.safeParse(t).success);
      if (bad.length > 0) {
        ctx.addIssue({ code: 'custom', message: `unknown event type(s) ${bad.join(', ')}; known: ${EVENT_TYPES.join(', ')}` });
        return z.NEVER;
      }
      return new Set(list as EventType[]);
    }),
  rollup: z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (s === undefined || s === '') return null;
      const ms = parseDuration(s);
      if (ms === null || ms < MIN_ROLLUP_MS || ms > MAX_ROLLUP_MS) {
        ctx.addIssue({ code: 'custom', message: 'rollup is a duration from 1s to 1h, e.g. 1s, 10s, 1m' });
        return z.NEVER;
      }
      return ms;
    }),
  lastEventId: z.string().max(64).optional(),
  access_token: z.string().optional(),
});

export interface StreamRoutesOptions {
  hub: SseHub;
  feed: LiveFeed;
  /** Asked for its newest id when a Last-Event-ID is beyond this instance's feed. */
  store: Pick<EventStore, 'latestSeq'>;
}

export const streamRoutes: FastifyPluginCallback<StreamRoutesOptions> = (app, opts, done) => {
  app.get('/v1/stream', { onRequest: requireScope('analytics:read', { allowQueryToken: true }) }, async (request, reply) => {
    const q = parseOr400(StreamQuery, request.query, 'stream_parameters');
    const principal = request.principal as AdminPrincipal;
    // A stream holds a stream slot (per token and in total), not a request slot.
    const releaseStream = app.tokenLimits.enterStream(principal.key);
    request.releaseSlot?.();
    let registered = false;
    reply.raw.once('close', () => {
      if (!registered) releaseStream();
    });
    // The header is what EventSource sends on reconnect: it is newer than a `?lastEventId=` in the URL.
    const header = request.headers['last-event-id'];
    const lastEventId = (typeof header === 'string' ? header : undefined) ?? q.lastEventId ?? null;
    // An id this instance has not delivered may be one another instance already has (this one's
    // feed lags behind Redis): ask the store before calling it `ahead`. A store error: treat as unknown.
    const storeLatest = opts.feed.isAhead(lastEventId) ? await opts.store.latestSeq().catch(() => null) : null;

    reply.hijack();
    const res = reply.raw;
    if (res.destroyed || request.raw.socket.destroyed) {
      releaseStream();
      return; // gone while the store was asked
    }
    request.raw.socket.setNoDelay(true);
    request.raw.socket.setTimeout(0);
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    // Catch-up and registration happen in one synchronous step: no event can fall between them.
    const types = q.types;
    const start = opts.feed.catchUp(lastEventId, (e) => types === null || types.has(e.event.type), storeLatest);
    res.write(OPENING + start.frames);
    const exp = principal.claims.exp;
    registered = true;
    opts.hub.add(res, {
      types,
      rollupMs: q.rollup,
      skipThrough: start.skipThrough,
      token: { claims: checkClaimsOf(principal.claims), expiresAtMs: typeof exp === 'number' ? exp * 1000 : null },
      onGone: releaseStream,
    });
  });
  done();
};
