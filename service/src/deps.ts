// Builds what the app needs from the configuration: the store (embedded or Redis), the shared Redis
// connection, metrics, the ingestion pipeline, the analytics engine and the live stream. Kept apart from
// app.ts so that tests can build two apps on one Redis, or look at the parts.
//
// STABLE INTERFACE: createDeps(config, opts?) → Promise<AppDeps>; closeDeps(deps) → Promise<void>
import type { FastifyBaseLogger } from 'fastify';
import type { DestinationStream } from 'pino';
import { cursorKey } from './analytics/cursor';
import { AnalyticsEngine } from './analytics/engine';
import { registerAnalyticsMetrics } from './analytics/metrics';
import { QueryRouter } from './analytics/query-router';
import { streamTrimmedBefore } from './analytics/stream-coverage';
import { PgHistory } from './history/pg-history';
import type { ServiceConfig } from './config';
import { createEventSink, type EventSink } from './events/emit';
import { Ingestor } from './events/ingest';
import { MetricsRegistry, type Counter } from './metrics/registry';
import { createRedisClient, type RedisClient } from './redis/connect';
import { redisErrorKind, type RedisErrorSink } from './redis/errors';
import { LiveFeed } from './sse/feed';
import { SseHub } from './sse/hub';
import { LiveRollups } from './sse/rollups';
import { lockDataDir, type DataDirLock } from './store/data-dir-lock';
import { EmbeddedEventStore } from './store/embedded';
import { eventKeys, RedisEventStore } from './store/redis';
import { StoreUnavailableError, type EventStore } from './store/types';

export const PING_MS = 15_000;
export const BACKLOG_LIMIT_BYTES = 1024 * 1024;
const TRIM_EVERY_MS = 10_000;

export interface AppDeps {
  metrics: MetricsRegistry;
  store: EventStore;
  ingestor: Ingestor;
  events: EventSink;
  /** The shared command connection (null on the embedded store). */
  redis: RedisClient | null;
  /** Counts a Redis error by kind on /metrics (m1_redis_errors_total); the revocation store uses it too. */
  redisErrors: RedisErrorSink;
  analytics: AnalyticsEngine;
  /** Answers POST /v1/query: the history database when there is one, else (or while it is down) memory. */
  queries: QueryRouter;
  /** M1_ANALYTICS_MEMORY_MB in bytes. */
  analyticsBudgetBytes: number;
  /** The PostgreSQL history (M1_ANALYTICS_DATABASE_URL); null when not configured. */
  history: PgHistory | null;
  hub: SseHub;
  feed: LiveFeed;
  rollups: LiveRollups;
  storeErrors: Counter;
  clock: () => number;
  startedAt: number;
  /** Where logs go (tests capture them); stdout when absent. */
  logStream?: DestinationStream;
  /** Set by buildApp to the app's logger, for parts created before the app (the event sink). */
  logRef: { current: FastifyBaseLogger | null };
  /** Stops timers and the store subscription (closeDeps calls it). */
  dispose(): void;
  /** Gives M1_DATA_DIR back (embedded store); closeDeps calls it once the stores are closed. */
  releaseDataDir(): void;
}

export interface DepsOptions {
  clock?: () => number;
  logStream?: DestinationStream;
  /** Tests shorten these; production uses the defaults above. */
  pingMs?: number;
  backlogLimitBytes?: number;
  /** Below the 16 MiB that M1_ANALYTICS_MEMORY_MB allows, so tests reach the budget with few events. */
  analyticsMemoryBytes?: number;
  /** The history's schema (default m1_analytics); tests use one of their own. */
  historySchema?: string;
  /** Windows at least this long are answered from rollups when they qualify (default 1 h). */
  historyRollupMinRangeMs?: number;
}

export function redisConnection(config: ServiceConfig, opts: { blocking?: boolean; onError?: (e: Error) => void } = {}): RedisClient {
  if (!config.redis) throw new Error('no Redis configured');
  const r = createRedisClient(config.redis, {
    connectTimeout: config.redisConnectTimeoutMs,
    // A blocking XREAD must not be cut by the command timeout; every other command is bounded by it.
    ...(opts.blocking ? {} : { commandTimeout: config.redisCommandTimeoutMs }),
    maxRetriesPerRequest: opts.blocking ? null : 1,
    enableOfflineQueue: true,
    lazyConnect: true,
    connectionName: `m1-ops:${config.instanceId ?? process.pid}:${opts.blocking ? 'reader' : 'events'}`,
  });
  // ioredis reconnects by itself; without a listener every failed attempt would be an 'unhandled error'.
  r.on('error', (e: Error) => opts.onError?.(e));
  return r;
}

export async function createDeps(config: ServiceConfig, opts: DepsOptions = {}): Promise<AppDeps> {
  const clock = opts.clock ?? Date.now;
  const metrics = new MetricsRegistry();
  const ingested = metrics.counter('m1_events_ingested_total', 'Events accepted by this instance, by type.', ['type']);
  const dropped = metrics.counter('m1_events_dropped_total', 'Internal events not stored, by reason.', ['reason']);
  const storeErrors = metrics.counter('m1_store_errors_total', 'Event store operations that failed, by operation.', ['op']);
  const clientsGauge = metrics.gauge('m1_sse_clients', 'Connected live-stream (SSE) clients.');
  const disconnects = metrics.counter('m1_sse_disconnects_total', 'Live-stream clients gone, by reason (closed, backlog, shutdown).', ['reason']);

  const redisErrorCounter = metrics.counter(
    'm1_redis_errors_total',
    'Redis errors met, by part (events, revocation, invalidation, health) and kind (moved, ask, crossslot, readonly, clusterdown, noreplicas, timeout, connection, other).',
    ['part', 'kind'],
  );
  const redisErrors: RedisErrorSink = (part, e) => redisErrorCounter.inc({ part, kind: redisErrorKind(e) });
  let redis: RedisClient | null = null;
  let store: EventStore;
  let dataDirLock: DataDirLock | null = null;
  const logRef: AppDeps['logRef'] = { current: null };
  if (config.redis) {
    // Logged once per state change, not once per reconnect attempt; the message never holds the URL.
    let lastLogged = '';
    const onError = (e: Error) => {
      if (e.message === lastLogged) return;
      lastLogged = e.message;
      logRef.current?.warn({ err: e.message }, 'redis connection error');
    };
    redis = redisConnection(config, { onError });
    redis.on('ready', () => (lastLogged = ''));
    try {
      // Sentinel keeps asking its sentinels forever: bound the first connection like the others.
      let timer: NodeJS.Timeout | undefined;
      const limit = config.redisConnectTimeoutMs * 2;
      await Promise.race([
        redis.connect(),
        new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no connection within ${limit} ms`)), limit))),
      ]).finally(() => clearTimeout(timer));
    } catch (e) {
      redis.disconnect(); // stop ioredis' background reconnects so that the process can exit
      throw new StoreUnavailableError(`cannot reach Redis: ${lastLogged || (e as Error).message}`, { cause: e });
    }
    if (config.redis.kind === 'standalone' && /cluster_enabled:1/.test(await redis.info('cluster').catch(() => ''))) {
      // Spoken to as one server, a cluster answers MOVED to most keys: every write would fail.
      redis.disconnect();
      throw new StoreUnavailableError('REDIS_URL points at a node of a Redis Cluster (cluster_enabled:1); list the nodes in REDIS_CLUSTER_NODES instead');
    }
    store = new RedisEventStore({
      redis,
      reader: redisConnection(config, { blocking: true, onError }),
      prefix: config.redisKeyPrefix,
      retentionMs: config.analytics.retentionMs,
      bufferSize: config.analytics.bufferSize,
      clock,
      onError: (op, e) => {
        storeErrors.inc({ op });
        if (e !== undefined) redisErrors(op === 'probe' ? 'health' : 'events', e);
      },
      instanceId: config.instanceId ?? String(process.pid),
    });
  } else {
    // Before anything reads the directory: a second process on it refuses to start (DataDirLockedError).
    dataDirLock = lockDataDir(config.dataDir);
    store = new EmbeddedEventStore({ dataDir: config.dataDir, clock });
  }

  const engineOptions = {
    retentionMs: config.analytics.retentionMs,
    anomalyZThreshold: config.analytics.anomalyZThreshold,
    clock,
    tagCaps: { maxTagNames: config.analytics.maxTagNames, maxTagValues: config.analytics.maxTagValues },
    queryTimeoutMs: config.analytics.queryTimeoutMs,
    cursorKey: cursorKey(config.auth.adminSecret),
    memoryBudgetBytes: opts.analyticsMemoryBytes ?? config.analytics.memoryBudgetBytes,
  };
  const analytics = new AnalyticsEngine(engineOptions);
  const history = config.analytics.databaseUrl ? await openHistory(config, engineOptions, opts, logRef) : null;
  const queries = new QueryRouter({ engine: analytics, history, clock, memorySince: clock() });
  const rollups = new LiveRollups(config.analytics.anomalyZThreshold, clock);
  const hub = new SseHub({
    pingMs: opts.pingMs ?? PING_MS,
    backlogLimitBytes: opts.backlogLimitBytes ?? BACKLOG_LIMIT_BYTES,
    clientsGauge,
    disconnects,
    rollups,
  });
  const feed = new LiveFeed(config.analytics.bufferSize, hub, rollups);
  // Analytics first: a query answered after a 202 sees the batch; then the live side.
  const unsubscribe = store.subscribe({
    onEvents: (batch) => {
      analytics.ingest(batch);
      feed.onEvents(batch);
    },
    onGap: () => {
      feed.onGap();
      // Ids were skipped: whatever they were, the window is complete only from now on.
      analytics.markIncompleteBefore(clock());
    },
  });
  try {
    await store.start();
  } catch (e) {
    dataDirLock?.release();
    throw e;
  }
  if (redis) {
    const trimmed = await streamTrimmedBefore(redis, eventKeys(config.redisKeyPrefix).stream, clock(), config.analytics.retentionMs);
    if (trimmed !== null) analytics.markIncompleteBefore(trimmed);
  }
  metrics.gaugeFn('m1_analytics_rows', 'Events held by the analytics engine (within retention).', () => analytics.rowCount);
  metrics.gaugeFn('m1_analytics_tags_dropped', 'Tags not stored because a tag cap was reached (events from the store).', () => analytics.droppedTags);
  const analyticsBudgetBytes = opts.analyticsMemoryBytes ?? config.analytics.memoryBudgetBytes;
  registerAnalyticsMetrics(metrics, analytics, queries, analyticsBudgetBytes);
  if (history) {
    metrics.gaugeFn('m1_analytics_spool_events', 'Acknowledged events waiting for the history database (M1_ANALYTICS_SPOOL_MB bounds them).', () => history.spool.events);
    metrics.gaugeFn('m1_analytics_spool_bytes', 'Estimated bytes of the spooled events.', () => history.spool.bytes);
  }

  const trimTimer = setInterval(() => analytics.trim(), TRIM_EVERY_MS);
  trimTimer.unref();

  const ingestor = new Ingestor(store, ingested, clock, history);
  const events = createEventSink(ingestor, dropped, () => logRef.current);
  const deps: AppDeps = {
    metrics,
    store,
    ingestor,
    events,
    redis,
    redisErrors,
    analytics,
    queries,
    analyticsBudgetBytes,
    history,
    hub,
    feed,
    rollups,
    storeErrors,
    clock,
    startedAt: clock(),
    logRef,
    dispose() {
      clearInterval(trimTimer);
      unsubscribe();
      rollups.stop();
      hub.closeAll('server shutting down');
    },
    releaseDataDir: () => dataDirLock?.release(),
  };
  if (opts.logStream) deps.logStream = opts.logStream;
  return deps;
}

/** The history database: migrated at start; unreachable at start means degraded (memory answers, the
 * spool keeps batches), not a refusal, so that a database outage never stops the live feed. */
async function openHistory(
  config: ServiceConfig,
  engineOptions: ConstructorParameters<typeof AnalyticsEngine>[0],
  opts: DepsOptions,
  logRef: AppDeps['logRef'],
): Promise<PgHistory> {
  const history = new PgHistory({
    url: config.analytics.databaseUrl as string,
    ...(opts.historySchema ? { schema: opts.historySchema } : {}),
    ...(opts.historyRollupMinRangeMs !== undefined ? { rollupMinRangeMs: opts.historyRollupMinRangeMs } : {}),
    engineOptions,
    ...(opts.clock ? { clock: opts.clock } : {}),
    spoolBytes: config.analytics.spoolBytes,
    onStateChange: (state, reason) => {
      if (state === 'up') logRef.current?.info({ reason }, 'analytics history database up');
      else logRef.current?.warn({ reason }, 'analytics history database down: answering from memory, spooling events');
    },
  });
  try {
    await history.start();
  } catch (e) {
    history.startDegraded((e as Error).message);
  }
  return history;
}

export async function closeDeps(deps: AppDeps): Promise<void> {
  deps.dispose();
  await deps.store.close();
  await deps.history?.close();
  deps.releaseDataDir();
  if (deps.redis) {
    const r = deps.redis;
    await r.quit().catch(() => r.disconnect());
  }
}
