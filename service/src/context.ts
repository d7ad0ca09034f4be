// What the app's plugins share, reachable as `app.m1` (a fastify decoration, inherited by every plugin
// registered under the app, including `revocationRoutes`).
//
// STABLE INTERFACE (used by the revocation work):
//   app.m1.config    ServiceConfig (service/src/config.ts)
//   app.m1.metrics   MetricsRegistry (service/src/metrics/registry.ts): add counters, they appear on /metrics
//   app.m1.events    EventSink (service/src/events/emit.ts): emit `errors` events into the pipeline
//   app.m1.redis     the shared ioredis command connection (commandTimeout = REDIS_COMMAND_TIMEOUT_MS,
//                    no ioredis keyPrefix: prefix keys with config.redisKeyPrefix), or null on the embedded store
//   app.m1.redisErrors (part, error) => void: counts a Redis error by kind on /metrics
//   app.m1.clock     () => epoch ms
//   app.m1.startedAt epoch ms
import type { ServiceConfig } from './config';
import type { EventSink } from './events/emit';
import type { MetricsRegistry } from './metrics/registry';
import type { RedisClient } from './redis/connect';
import type { RedisErrorSink } from './redis/errors';

export interface ServiceContext {
  config: ServiceConfig;
  metrics: MetricsRegistry;
  events: EventSink;
  redis: RedisClient | null;
  /** Counts Redis errors by part and kind (m1_redis_errors_total). */
  redisErrors: RedisErrorSink;
  clock: () => number;
  startedAt: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    m1: ServiceContext;
  }
}
