// Builds what the app needs from the configuration: the store (embedded or Redis), the shared Redis
// connection, metrics, the ingestion pipeline and the live-stream hub. Kept apart from app.ts so that
// tests can build two apps on one Redis, or inspect the parts.
//
// STABLE INTERFACE: createDeps(config, opts?) → Promise<AppDeps>; closeDeps(deps) → Promise<void>
import type { Redis } from 'ioredis';
import type { DestinationStream } from 'pino';
import type { ServiceConfig } from './config';
import { createEventSink, type EventSink } from './events/emit';
import { Ingestor } from './events/ingest';
import { MetricsRegistry, type Counter } from './metrics/registry';
import { EmbeddedEventStore } from './store/embedded';
import type { EventStore } from './store/types';

export interface AppDeps {
  metrics: MetricsRegistry;
  store: EventStore;
  ingestor: Ingestor;
  events: EventSink;
  redis: Redis | null;
  storeErrors: Counter;
  clock: () => number;
  startedAt: number;
  /** Where logs go (tests capture them); stdout when absent. */
  logStream?: DestinationStream;
}

export interface DepsOptions {
  clock?: () => number;
  logStream?: DestinationStream;
}

export async function createDeps(config: ServiceConfig, opts: DepsOptions = {}): Promise<AppDeps> {
  const clock = opts.clock ?? Date.now;
  const metrics = new MetricsRegistry();
  const ingested = metrics.counter('m1_events_ingested_total', 'Events accepted by this instance, by type.', ['type']);
  const dropped = metrics.counter('m1_events_dropped_total', 'Internal events not stored, by reason.', ['reason']);
  const storeErrors = metrics.counter('m1_store_errors_total', 'Event store operations that failed, by operation.', ['op']);
  const store: EventStore = new EmbeddedEventStore();
  await store.start();
  const ingestor = new Ingestor(store, ingested, clock);
  const events = createEventSink(ingestor, dropped, () => null);
  const deps: AppDeps = { metrics, store, ingestor, events, redis: null, storeErrors, clock, startedAt: clock() };
  if (opts.logStream) deps.logStream = opts.logStream;
  return deps;
}

export async function closeDeps(deps: AppDeps): Promise<void> {
  await deps.store.close();
  if (deps.redis) await deps.redis.quit().catch(() => deps.redis?.disconnect());
}
