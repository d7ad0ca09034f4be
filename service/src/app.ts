// The HTTP application: fastify with the service's error shape, auth, 404/405/413 handling and every
// route plugin. It does not listen; `main.ts` (and the tests, on port 0) do.
//
// STABLE INTERFACE (used by the revocation work and the tests):
//   buildApp(config: ServiceConfig, deps: AppDeps) → Promise<FastifyInstance>   (ready, not listening)
//   createDeps(config, opts?) (service/src/deps.ts) builds AppDeps: store, metrics, event sink, redis, ...
// `revocationRoutes` (service/src/revocation/routes.ts) is registered at the root without a prefix, after
// auth is installed: declare full paths (`/v1/tokens/revoke`), guard each route with
// `{ preHandler: requireScope('tokens:revoke') }`, use `app.m1` (service/src/context.ts) for config,
// metrics, events and redis, and `request.principal.sub` as the audit actor. Errors thrown as HttpError
// (service/src/http/errors.ts) become the service's error shape; unknown paths 404, wrong methods 405
// (including on your routes), bodies over 1 MiB 413. JSON bodies are parsed by the app; register your own
// content-type parser (application/x-www-form-urlencoded) inside your plugin.
import Fastify, { type FastifyInstance } from 'fastify';
import type { ServiceConfig } from './config';
import type { AppDeps } from './deps';
import { createAdminVerifier, installAuth } from './http/auth';
import { installErrorHandlers } from './http/errors';
import { loggerOptions } from './http/logging';
import { trackRoutes } from './http/method-not-allowed';
import { revocationRoutes } from './revocation/routes';
import { dashboardRoutes } from './routes/dashboard';
import { eventRoutes } from './routes/events';
import { healthRoutes } from './routes/health';
import { queryRoutes } from './routes/query';
import { streamRoutes } from './routes/stream';

export const BODY_LIMIT = 1024 * 1024;

export async function buildApp(config: ServiceConfig, deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(config.logLevel, deps.logStream),
    bodyLimit: BODY_LIMIT,
    // SSE responses are hijacked and closed by the stream hub before the server closes (preClose below).
    forceCloseConnections: 'idle',
    return503OnClosing: true,
  });
  deps.logRef.current = app.log;
  const routes = trackRoutes(app);
  app.decorate('m1', {
    config,
    metrics: deps.metrics,
    events: deps.events,
    redis: deps.redis,
    clock: deps.clock,
    startedAt: deps.startedAt,
  });
  installAuth(app, createAdminVerifier(config.auth));
  installErrorHandlers(app);

  await app.register(healthRoutes, { store: deps.store });
  await app.register(eventRoutes, { ingestor: deps.ingestor, onStoreError: () => deps.storeErrors.inc({ op: 'append' }) });
  await app.register(queryRoutes, { analytics: deps.analytics });
  await app.register(streamRoutes, { hub: deps.hub, feed: deps.feed, store: deps.store });
  await app.register(dashboardRoutes);
  await app.register(revocationRoutes);
  routes.install();

  // Stop live streams first (with a final comment) so that closing the server does not wait on them.
  app.addHook('preClose', (done) => {
    deps.hub.closeAll('server shutting down');
    done();
  });

  await app.ready();
  return app;
}
