// The HTTP application: fastify with the service's error shape, auth, 404/405/413 handling and every
// route plugin. It does not listen; `main.ts` (and the tests, on port 0) do.
//
// STABLE INTERFACE (used by the revocation work and the tests):
//   buildApp(config: ServiceConfig, deps: AppDeps) → Promise<FastifyInstance>   (ready, not listening)
//   createDeps(config, opts?) (service/src/deps.ts) builds AppDeps: store, metrics, event sink, redis, ...
// `revocationRoutes` (service/src/revocation/routes.ts) is registered at the root without a prefix, after
// auth and the revocation parts (revocation/setup.ts) are installed: declare full paths, guard each
// route with `{ onRequest: requireScope('tokens:revoke') }` (before any body byte), use `app.m1` for config,
// metrics, events and redis, and `request.principal.sub` as the audit actor. Errors thrown as HttpError
// (service/src/http/errors.ts) become the service's error shape; unknown paths 404, wrong methods 405
// (including on your routes), bodies over 1 MiB 413. JSON bodies are parsed by the app; register your own
// content-type parser (application/x-www-form-urlencoded) inside your plugin.
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import type { ServiceConfig } from './config';
import type { AppDeps } from './deps';
import { createAdminVerifier, installAuth } from './http/auth';
import { HttpError, clientErrorHandler, errorBody, installEarlyAnswerClose, installErrorHandlers } from './http/errors';
import { TokenLimits, capConnections } from './http/limits';
import { installJsonParser } from './http/json-body';
import { loggerOptions } from './http/logging';
import { trackRoutes } from './http/method-not-allowed';
import { tokenVerifiers } from './revocation/app-verifier';
import { revocationRoutes } from './revocation/routes';
import { installRevocation } from './revocation/setup';
import type { RevocationStore } from './revocation/types';
import { dashboardRoutes } from './routes/dashboard';
import { eventRoutes } from './routes/events';
import { analyticsHealth } from './analytics/metrics';
import { healthRoutes } from './routes/health';
import { queryRoutes } from './routes/query';
import { streamRoutes } from './routes/stream';

export const BODY_LIMIT = 1024 * 1024;

export interface BuildOptions {
  /** A revocation store to use instead of opening one from the configuration (tests, benchmarks). */
  revocationStore?: RevocationStore;
}

export async function buildApp(config: ServiceConfig, deps: AppDeps, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const limits = config.limits;
  const app = Fastify({
    logger: loggerOptions(config.logLevel, deps.logStream),
    bodyLimit: BODY_LIMIT,
    // SSE responses are hijacked and closed by the stream hub before the server closes (preClose below).
    forceCloseConnections: 'idle',
    // Answered by the onRequest hook below, in the service's error shape.
    return503OnClosing: false,
    // requestTimeout bounds headers + body (a slow body cannot hold a socket past it); Node checks the
    // timeouts every connectionsCheckingInterval, so keep that short.
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    http: { headersTimeout: limits.headersTimeoutMs, connectionsCheckingInterval: 1000 },
    clientErrorHandler,
    // A path fastify cannot decode (bad percent-encoding): the service's shape, and no echo of the URL.
    frameworkErrors: (_err, _request, reply) => {
      void (reply as unknown as FastifyReply).code(400).send(errorBody('bad_url', 'the URL path is not valid percent-encoding'));
    },
  });
  deps.logRef.current = app.log;
  const connections = deps.metrics.gauge('m1_http_connections', 'Open HTTP connections.');
  const refused = deps.metrics.counter('m1_limit_refusals_total', 'Requests and connections refused by a limit, by limit.', ['limit']);
  capConnections(app.server, limits.maxConnections, connections, () => refused.inc({ limit: 'connections' }));
  let closing = false;
  app.addHook('onRequest', (request, _reply, done) => {
    if (closing) done(new HttpError(503, 'shutting_down', 'the service is shutting down; retry on another instance', [], { 'Retry-After': '5', Connection: 'close' }));
    // Unknown paths are answered here too, before fastify would read (and wait for) their body.
    else if (request.is404) done(new HttpError(404, 'not_found', `no route ${request.method} ${request.url.split('?')[0] ?? ''}`));
    else done();
  });
  app.addHook('onError', (_request, _reply, err, done) => {
    if (err instanceof HttpError && (err.status === 429 || err.code === 'too_many_streams')) refused.inc({ limit: err.code });
    done();
  });
  const routes = trackRoutes(app);
  app.decorate('m1', {
    config,
    metrics: deps.metrics,
    events: deps.events,
    redis: deps.redis,
    redisErrors: deps.redisErrors,
    clock: deps.clock,
    startedAt: deps.startedAt,
  });
  const admin = createAdminVerifier(config.auth);
  installAuth(app, admin, new TokenLimits(limits));
  installErrorHandlers(app);
  installEarlyAnswerClose(app);
  installJsonParser(app, BODY_LIMIT);
  const revocation = await installRevocation(app, opts.revocationStore ? { store: opts.revocationStore } : {});
  deps.hub.watchTokens(revocation.checker, deps.clock);

  await app.register(healthRoutes, {
    store: deps.store,
    revocation: revocation.store,
    instanceId: config.instanceId ?? String(process.pid),
    analytics: () => analyticsHealth(deps),
  });
  await app.register(eventRoutes, { ingestor: deps.ingestor, analytics: deps.analytics, onStoreError: () => deps.storeErrors.inc({ op: 'append' }) });
  await app.register(queryRoutes, { analytics: deps.queries });
  await app.register(streamRoutes, { hub: deps.hub, feed: deps.feed, store: deps.store });
  await app.register(dashboardRoutes);
  await app.register(revocationRoutes, { verifiers: tokenVerifiers(config, admin) });
  routes.install();

  // Stop live streams first (with a final comment) so that closing the server does not wait on them.
  app.addHook('preClose', (done) => {
    closing = true;
    deps.hub.closeAll('server shutting down');
    done();
  });

  await app.ready();
  return app;
}
