// The /v1/tokens/* routes (service.md "Token revocation") as one fastify plugin, registered by the
// service's app at the root after installRevocation (setup.ts). Each route: scope check in onRequest
// (which also refuses a revoked admin token), zod-parsed input, one store operation, audit written with it.
import type { FastifyPluginCallback, FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { HttpError, parseOr400 } from '../http/errors';
import { requireScope, type Scope } from '../http/auth';
import { NotReplicatedError } from '../redis/errors';
import { decodeCursor, encodeCursor } from './audit-cursor';
import { introspect } from './introspect';
import { installBodyParsers } from './body-parsers';
import { RevocationOperations, type Who } from './operations';
import { IntrospectBody, JtiParams, RevokeAllBody, RevokeBody, auditQuery } from './request-schemas';
import { revokeTarget } from './revoke-target';
import { safeErrorMessage } from './safe-error';
import type { TokenVerifiers } from './app-verifier';

export const revocationRoutes: FastifyPluginCallback<{ verifiers: TokenVerifiers }> = (app, opts, done) => {
  const { config, clock } = app.m1;
  const { store, checker, storeErrors } = app.revocation;
  const ops = new RevocationOperations(store, { retentionH: config.revocation.retentionH, now: clock });
  installBodyParsers(app, app.initialConfig.bodyLimit ?? 1024 * 1024);

  /** A store failure on a write: never claim success, say what to do. */
  const unavailable = (op: string, e: unknown): HttpError => {
    storeErrors.inc({ op });
    app.log.warn({ op, err: safeErrorMessage(e) }, 'revocation store operation failed');
    if (e instanceof NotReplicatedError) {
      // The primary has it (and enforces it), but a failover now could lose it: not acknowledged.
      return new HttpError(503, 'store_unavailable', `the ${op} reached the primary but not ${e.wanted} replica(s) (REDIS_REVOCATION_MIN_REPLICAS), so it is not acknowledged; retry shortly`, [], { 'Retry-After': '1' });
    }
    return new HttpError(503, 'store_unavailable', `the revocation store is unavailable (${op} not done); retry shortly`);
  };
  const guard = (scope: Scope): onRequestAsyncHookHandler => requireScope(scope);
  const who = (request: FastifyRequest): Who => ({ actor: request.principal?.sub ?? null, client: request.ip });

  app.post('/v1/tokens/revoke', { onRequest: guard('tokens:revoke') }, async (request, reply) => {
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

  app.post('/v1/tokens/revoke-all', { onRequest: guard('tokens:revoke') }, async (request, reply) => {
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

  app.post('/v1/tokens/introspect', { onRequest: guard('tokens:read') }, async (request, reply) => {
    const body = parseOr400(IntrospectBody, request.body ?? {}, 'introspection');
    return noStore(reply).send(await introspect(body.token, opts.verifiers, checker));
  });

  // Registered before /:jti in intent; find-my-way prefers the static path either way.
  app.get('/v1/tokens/audit', { onRequest: guard('tokens:audit') }, async (request, reply) => {
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

  app.get('/v1/tokens/:jti', { onRequest: guard('tokens:read') }, async (request, reply) => {
    const { jti } = parseOr400(JtiParams, request.params, 'path');
    let record;
    try {
      record = await ops.status(jti);
    } catch (e) {
      throw unavailable('status', e);
    }
    return noStore(reply).send(record === null ? { revoked: false } : { revoked: true, record });
  });
  done();
};

/** RFC 7009/7662 responses must not be cached by intermediaries. */
function noStore(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-store');
}
