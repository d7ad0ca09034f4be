// The /v1/tokens/* routes (service.md "Token revocation") as one fastify plugin, registered by the
// service's app at the root. Each route: scope check (and the admin token itself must not be
// revoked), zod-parsed input, one store operation, audit written with it.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { HttpError, parseOr400 } from '../http/errors';
import { requireScope, type Scope } from '../http/auth';
import { decodeCursor, encodeCursor } from './audit-cursor';
import { RevocationChecker, type CheckOutcome } from './checker';
import { introspect } from './introspect';
import { installBodyParsers } from './body-parsers';
import { openRevocationStore } from './open-store';
import { RevocationOperations, type Who } from './operations';
import { IntrospectBody, JtiParams, RevokeAllBody, RevokeBody, auditQuery } from './request-schemas';
import { revokeTarget } from './revoke-target';
import { safeErrorMessage } from './safe-error';
import type { RevocationStore } from './types';

export interface RevocationRoutesOptions {
  /** A store to use instead of opening one from the configuration (tests, benchmarks). */
  store?: RevocationStore;
}

export const revocationRoutes: FastifyPluginAsync<RevocationRoutesOptions> = async (app, opts) => {
  const { config, metrics, events, clock } = app.m1;
  const store = opts.store ?? (await openRevocationStore(config));
  const ops = new RevocationOperations(store, { retentionH: config.revocation.retentionH, now: clock });
  const checks = metrics.counter('m1_revocation_checks_total', 'Revocation checks made by this instance, by outcome.', ['outcome']);
  const storeErrors = metrics.counter('m1_revocation_store_errors_total', 'Revocation store operations that failed, by operation.', ['op']);
  const checker = new RevocationChecker({
    store,
    cacheTtlS: config.revocation.cacheTtlS,
    failOpen: config.revocation.failOpen,
    instanceId: config.instanceId ?? `${process.pid}`,
    onOutcome: (o: CheckOutcome) => checks.inc({ outcome: o }),
    onError: (e) => {
      storeErrors.inc({ op: 'lookup' });
      void events.emit(e);
    },
    deniedAudit: { onDropped: (n) => storeErrors.inc({ op: 'audit' }, n) },
  });
  metrics.gaugeFn('m1_revocation_cache_entries', 'Answers held in this instance\'s revocation cache.', () => checker.cacheSize);
  app.addHook('onClose', async () => {
    await checker.close();
    if (opts.store === undefined) await store.close();
  });
  installBodyParsers(app, app.initialConfig.bodyLimit ?? 1024 * 1024);

  /** A store failure on a write: never claim success, say what to do. */
  const unavailable = (op: string, e: unknown): HttpError => {
    storeErrors.inc({ op });
    app.log.warn({ op, err: safeErrorMessage(e) }, 'revocation store operation failed');
    return new HttpError(503, 'store_unavailable', `the revocation store is unavailable (${op} not done); retry shortly`);
  };
  const guard = (scope: Scope): preHandlerAsyncHookHandler[] => [requireScope(scope), rejectRevokedAdmin(checker)];
  const who = (request: FastifyRequest): Who => ({ actor: request.principal?.sub ?? null, client: request.ip });

  app.post('/v1/tokens/revoke', { preHandler: guard('tokens:revoke') }, async (request, reply) => {
    const body = parseOr400(RevokeBody, request.body ?? {}, 'revocation');
    const t = revokeTarget(body);
    if (!t.ok) throw new HttpError(400, t.code, t.message, [{ path: 'token', message: t.message }]);
    try {
      await ops.revoke(t.target, body.reason ?? null, who(request));
    } catch (e) {
      throw unavailable('revoke', e);
    }
    return noStore(reply).send({ revoked: true, jti: t.target.jti });
  });

  app.post('/v1/tokens/revoke-all', { preHandler: guard('tokens:revoke') }, async (request, reply) => {
    const body = parseOr400(RevokeAllBody, request.body ?? {}, 'revocation');
    const kind = body.sub !== undefined ? 'sub' : 'tool';
    const value = (body.sub ?? body.tool) as string;
    let notBefore: number;
    try {
      ({ notBefore } = await ops.revokeAll(kind, value, body.reason, who(request)));
    } catch (e) {
      throw unavailable('revoke-all', e);
    }
    return noStore(reply).send({ revoked: true, [kind]: value, notBefore: new Date(notBefore).toISOString() });
  });

  app.post('/v1/tokens/introspect', { preHandler: guard('tokens:read') }, async (request, reply) => {
    const body = parseOr400(IntrospectBody, request.body ?? {}, 'introspection');
    return noStore(reply).send(await introspect(body.token, (t) => app.adminAuth.verify(t), checker));
  });

  // Registered before /:jti in intent; find-my-way prefers the static path either way.
  app.get('/v1/tokens/audit', { preHandler: guard('tokens:audit') }, async (request, reply) => {
    const q = parseOr400(auditQuery(clock), request.query ?? {}, 'query');
    let after: string | undefined;
    if (q.cursor !== undefined) {
      after = decodeCursor(q.cursor) ?? undefined;
      if (after === undefined) throw new HttpError(400, 'invalid_query', 'invalid query: cursor: not a cursor this service issued', [{ path: 'cursor', message: 'not a cursor this service issued' }]);
    }
    let page;
    try {
      page = await ops.audit({ actor: q.actor, tool: q.tool, sub: q.sub, since: q.since, until: q.until, limit: q.limit, after });
    } catch (e) {
      throw unavailable('audit', e);
    }
    return noStore(reply).send({ entries: page.entries, nextCursor: page.next === null ? null : encodeCursor(page.next) });
  });

  app.get('/v1/tokens/:jti', { preHandler: guard('tokens:read') }, async (request, reply) => {
    const { jti } = parseOr400(JtiParams, request.params, 'path');
    let record;
    try {
      record = await ops.status(jti);
    } catch (e) {
      throw unavailable('status', e);
    }
    return noStore(reply).send(record === null ? { revoked: false } : { revoked: true, record });
  });
};

/** RFC 7009/7662 responses must not be cached by intermediaries. */
function noStore(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-store');
}

/** A revoked admin token loses its access here too (one can revoke a leaked admin token). */
function rejectRevokedAdmin(checker: RevocationChecker): preHandlerAsyncHookHandler {
  return async (request) => {
    const c = request.principal?.claims;
    if (c === undefined) return;
    const outcome = await checker.check({
      ...(typeof c.jti === 'string' ? { jti: c.jti } : {}),
      ...(typeof c.sub === 'string' ? { sub: c.sub } : {}),
      ...(typeof c.iat === 'number' ? { iat: c.iat } : {}),
      ...(typeof c.exp === 'number' ? { exp: c.exp } : {}),
    });
    if (outcome === 'failClosed') {
      throw new HttpError(503, 'store_unavailable', 'the revocation store is unavailable, so the admin token cannot be checked; retry shortly');
    }
    if (outcome === 'revoked' || outcome === 'malformed') {
      throw new HttpError(401, 'unauthorized', 'the admin token has been revoked', [], {
        'WWW-Authenticate': 'Bearer realm="m1-ops", error="invalid_token", error_description="token revoked"',
      });
    }
  };
}
