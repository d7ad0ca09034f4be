// The revocation parts every route needs, opened once per app before any route: the store (Redis or
// the embedded log), the checker (cache + invalidation feed) and the gate that refuses a revoked admin
// token on every authenticated route (service.md: "A revoked or expired token is refused on every
// route"). The /v1/tokens/* routes and the live-stream hub use the same checker.
import type { FastifyInstance } from 'fastify';
import { unauthorized, type AdminPrincipal, type TokenGate } from '../http/auth';
import { HttpError } from '../http/errors';
import { RevocationChecker, type CheckClaims, type CheckOutcome } from './checker';
import { openRevocationStore } from './open-store';
import type { RevocationStore } from './types';

export interface RevocationParts {
  store: RevocationStore;
  checker: RevocationChecker;
  storeErrors: { inc(labels: { op: string }, n?: number): void };
}

declare module 'fastify' {
  interface FastifyInstance {
    revocation: RevocationParts;
  }
}

/** The claims a check reads, from a verified payload (strings and numbers only). */
export function checkClaimsOf(c: AdminPrincipal['claims']): CheckClaims {
  return {
    ...(typeof c.jti === 'string' ? { jti: c.jti } : {}),
    ...(typeof c.sub === 'string' ? { sub: c.sub } : {}),
    ...(typeof c.tool === 'string' ? { tool: c.tool } : {}),
    ...(typeof c.iat === 'number' ? { iat: c.iat } : {}),
    ...(typeof c.exp === 'number' ? { exp: c.exp } : {}),
  };
}

function gate(checker: RevocationChecker): TokenGate {
  return async (principal) => {
    const outcome: CheckOutcome = await checker.check(checkClaimsOf(principal.claims));
    if (outcome === 'failClosed') {
      throw new HttpError(503, 'store_unavailable', 'the revocation store is unavailable, so the token cannot be checked; retry shortly', [], { 'Retry-After': '5' });
    }
    if (outcome === 'revoked' || outcome === 'malformed') throw unauthorized('token revoked', true);
  };
}

export async function installRevocation(app: FastifyInstance, opts: { store?: RevocationStore } = {}): Promise<RevocationParts> {
  const { config, metrics, events } = app.m1;
  const store = opts.store ?? (await openRevocationStore(config, app.m1.redisErrors));
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
  metrics.gaugeFn('m1_revocation_cache_entries', "Answers held in this instance's revocation cache.", () => checker.cacheSize);
  app.addHook('onClose', async () => {
    await checker.close();
    if (opts.store === undefined) await store.close();
  });
  const parts: RevocationParts = { store, checker, storeErrors };
  app.decorate('revocation', parts);
  app.tokenGate = gate(checker);
  return parts;
}
