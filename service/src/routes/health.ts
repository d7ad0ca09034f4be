// GET /healthz and GET /metrics: no auth (service.md "Health and metrics").
import type { FastifyPluginCallback } from 'fastify';
import type { AnalyticsHealth } from '../analytics/metrics';
import type { EventStore } from '../store/types';

export interface HealthRoutesOptions {
  store: EventStore;
  /** The analytics window's state (memory budget, coverage, history database). */
  analytics: () => AnalyticsHealth;
}

export const healthRoutes: FastifyPluginCallback<HealthRoutesOptions> = (app, opts, done) => {
  app.get('/healthz', (_request, reply) => {
    const redis = opts.store.redisStatus();
    const analytics = opts.analytics();
    return reply.send({
      status: redis === 'down' || analytics.history === 'down' ? 'degraded' : 'ok',
      store: opts.store.kind,
      redis,
      analytics,
      warnings: analytics.warnings,
      uptimeS: Math.floor((app.m1.clock() - app.m1.startedAt) / 1000),
    });
  });
  app.get('/metrics', (_request, reply) => {
    return reply.type('text/plain; version=0.0.4; charset=utf-8').send(app.m1.metrics.render());
  });
  done();
};
