// GET /healthz and GET /metrics: no auth (service.md "Health and metrics").
// /healthz tells the truth: `ok` only when the store can do what the service needs. On Redis that is
// a real write and read (in the events' slot, and in the revocation store), the last operations'
// outcomes, and the invalidation subscription; the answer names the part that is down. Probes run
// at most once per PROBE_EVERY_MS whatever the request rate (concurrent requests share one probe), so
// a health checker hammering the endpoint cannot load Redis.
import type { FastifyPluginCallback } from 'fastify';
import { RedisRevocationStore } from '../revocation/redis-store';
import type { RevocationStore } from '../revocation/types';
import type { AnalyticsHealth } from '../analytics/metrics';
import type { EventStore } from '../store/types';

export interface HealthRoutesOptions {
  store: EventStore;
  revocation?: RevocationStore;
  instanceId: string;
  /** The analytics window's state (memory budget, coverage, history database). */
  analytics: () => AnalyticsHealth;
}

type Part = 'up' | 'down';
export interface HealthChecks {
  events: Part;
  revocation: Part;
  invalidation: Part;
}

const PROBE_EVERY_MS = 1000;

export const healthRoutes: FastifyPluginCallback<HealthRoutesOptions> = (app, opts, done) => {
  let last: { at: number; checks: HealthChecks } | null = null;
  let inflight: Promise<HealthChecks> | null = null;

  const probe = async (): Promise<HealthChecks> => {
    const { store, revocation } = opts;
    const events: Part = store.redisStatus() === 'down' ? 'down' : store.probe ? await store.probe() : 'up';
    let rev: Part = revocation?.health() ?? 'up';
    let invalidation: Part = 'up';
    if (revocation instanceof RedisRevocationStore) {
      if (rev === 'up') rev = await revocation.probe(opts.instanceId);
      invalidation = revocation.feed.isSubscribed ? 'up' : 'down';
    }
    return { events, revocation: rev, invalidation };
  };

  const checks = (): Promise<HealthChecks> => {
    const now = Date.now();
    if (last && now - last.at < PROBE_EVERY_MS) return Promise.resolve(last.checks);
    inflight ??= probe().then((c) => {
      last = { at: Date.now(), checks: c };
      inflight = null;
      return c;
    });
    return inflight;
  };

  app.get('/healthz', async (_request, reply) => {
    const probed = await checks();
    // The probe is at most a second old; what happened since (a failed write, a lost connection or
    // subscription) counts at once.
    const { store, revocation } = opts;
    const c: HealthChecks = {
      events: store.redisStatus() === 'down' || store.recentFailure?.() ? 'down' : probed.events,
      revocation: revocation?.health() === 'down' ? 'down' : probed.revocation,
      invalidation: revocation instanceof RedisRevocationStore && !revocation.feed.isSubscribed ? 'down' : probed.invalidation,
    };
    const analytics = opts.analytics();
    const down: string[] = (Object.keys(c) as (keyof HealthChecks)[]).filter((k) => c[k] === 'down');
    // The history database down degrades the service (answers come from the memory window only).
    if (analytics.history === 'down') down.push('history');
    const isRedis = opts.store.kind === 'redis';
    const redisDown = c.events === 'down' || c.revocation === 'down' || c.invalidation === 'down';
    return reply.send({
      status: down.length === 0 ? 'ok' : 'degraded',
      store: opts.store.kind,
      redis: isRedis ? (redisDown ? 'down' : 'up') : null,
      topology: app.m1.config.redis?.kind ?? null,
      checks: c,
      down,
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
