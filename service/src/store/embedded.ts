// The embedded event store (no REDIS_URL): one process, ids from an in-memory counter. Events are
// analytics, not records: they live in the analytics tables and the ring buffer, and a restart starts a
// new stream (clients that reconnect with an older id get `reset`, reason `ahead` or `aged-out`).
import type { NormalizedEvent } from '../../../shared/src/events';
import { toStored, type EventStore, type StoreListener, type StoredEvent } from './types';

export class EmbeddedEventStore implements EventStore {
  readonly kind = 'embedded' as const;
  private seq = 0;
  private readonly listeners = new Set<StoreListener>();

  start(): Promise<void> {
    return Promise.resolve();
  }

  append(events: readonly NormalizedEvent[]): Promise<number> {
    const first = this.seq + 1;
    const batch: StoredEvent[] = new Array<StoredEvent>(events.length);
    for (let i = 0; i < events.length; i++) batch[i] = toStored(first + i, events[i] as NormalizedEvent);
    this.seq += events.length;
    // Delivered synchronously: by the time the POST answers 202, every local subscriber has the batch.
    if (batch.length > 0) for (const l of this.listeners) l.onEvents(batch);
    return Promise.resolve(first);
  }

  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  redisStatus(): null {
    return null;
  }

  close(): Promise<void> {
    this.listeners.clear();
    return Promise.resolve();
  }
}
